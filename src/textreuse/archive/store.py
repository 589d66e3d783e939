"""An archive of source documents in one SQLite file, searchable by fingerprints.

Each document is stored with its metadata and text, and indexed by the winnowed
hashes of its content-word n-grams (:func:`document_fingerprints`): a posting
``(hash, document)`` per fingerprint, in a clustered B-tree keyed by hash, so the
documents sharing a fingerprint are one index range away.

Writes are transactions in write-ahead-log mode: a process killed or interrupted
mid-ingest leaves the archive as it was after the last committed batch, readers
are never blocked by a writer, and :meth:`Archive.add` returns only once what it
was given is on disk.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import update_wrapper
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar
from urllib.parse import quote

import numpy as np

from textreuse.aligner import AlignSettings
from textreuse.archive.defaults import DEFAULT_BATCH_SIZE, DEFAULT_CANDIDATES, DEFAULT_TOP
from textreuse.archive.query import find_sources
from textreuse.attribution import QueryResult
from textreuse.config import require_language
from textreuse.errors import ArchiveError, CorpusError, InputError
from textreuse.fingerprint import FingerprintSettings, document_fingerprints
from textreuse.model import Document, Record

ARCHIVE_FORMAT = "textreuse-archive/1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT,
    url TEXT,
    source TEXT,
    date TEXT,
    text TEXT NOT NULL,
    fingerprints BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    hash INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (hash, doc)
) WITHOUT ROWID;
"""


_P = ParamSpec("_P")
_R = TypeVar("_R")
# The first bytes of every SQLite database file.
_SQLITE_HEADER = b"SQLite format 3\x00"


def _sqlite_errors_named(
    method: Callable[Concatenate[Archive, _P], _R],
) -> Callable[Concatenate[Archive, _P], _R]:
    """SQLite's failures (a damaged file, a read-only one, a full disk) as
    :class:`ArchiveError` naming the archive, never a traceback."""

    def guarded(self: Archive, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as error:
            msg = f"{self.path}: {_problem(error)}"
            raise ArchiveError(msg) from None

    update_wrapper(guarded, method)  # keeps the method's name and docstring
    return guarded


def _problem(error: sqlite3.Error) -> str:
    """What went wrong, in words for the person who owns the archive."""
    text = str(error)
    if "malformed" in text or "not a database" in text:
        return f"the archive is damaged ({text}); 'textreuse index check' says more"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return f"the archive cannot be written ({text}): is its file or folder read-only?"
    if "full" in text:
        return f"the disk is full ({text}); every batch committed before stays"
    return text


@dataclass(frozen=True, slots=True)
class AddSummary:
    """What one :meth:`Archive.add` call did."""

    added: int
    updated: int


@dataclass(frozen=True, slots=True)
class ArchiveStats:
    """The size and shape of an archive."""

    path: str
    documents: int
    postings: int
    bytes_on_disk: int
    earliest_date: str | None
    latest_date: str | None
    fingerprints: FingerprintSettings


class Archive:
    """A searchable archive of source documents in one SQLite file.

    >>> with Archive.open(":memory:") as archive:
    ...     _ = archive.add([Record(id="a", text="The council approved the new harbour budget.")])
    ...     len(archive), "a" in archive
    (1, True)
    """

    def __init__(
        self, connection: sqlite3.Connection, path: str, fingerprints: FingerprintSettings
    ) -> None:
        self._db = connection
        self.path = path
        self.fingerprint_settings = fingerprints

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        read_only: bool = False,
        fingerprints: FingerprintSettings | None = None,
    ) -> Archive:
        """Open the archive at ``path``, creating it if ``create`` and it does not exist.

        ``read_only`` opens an existing archive without writing anything to it (no
        journal mode, no schema), so it works in a read-only folder or file and never
        turns another file into an archive. ``fingerprints`` applies to a new
        archive; an existing one keeps its own.

        Raises:
            InputError: the file is not a textreuse archive (empty, damaged, another
                kind of file), or is missing and ``create`` is false or ``read_only``.
        """
        name = str(path)
        if name != ":memory:" and (read_only or not create):
            _require_archive_file(name)
        try:
            if read_only:
                connection = _read_only_connection(name)
                settings = _read_settings(connection)
            else:
                # Autocommit mode: transactions are opened explicitly in _transaction().
                connection = sqlite3.connect(name, timeout=60, isolation_level=None)
                settings = _initialise(connection, fingerprints or FingerprintSettings())
        except sqlite3.OperationalError as error:  # the file is there but cannot be used
            raise ArchiveError(f"{name}: {_problem(error)}") from None
        except sqlite3.Error as error:
            msg = f"{name}: not a textreuse archive, or a damaged one ({error})"
            raise InputError(msg) from None
        return cls(connection, name, settings)

    def close(self) -> None:
        """Close the database; committed work is already safe."""
        self._db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @_sqlite_errors_named
    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])

    @_sqlite_errors_named
    def __contains__(self, document_id: object) -> bool:
        row = self._db.execute("SELECT 1 FROM documents WHERE id = ?", (str(document_id),))
        return row.fetchone() is not None

    # ------------------------------------------------------------------ writing

    @_sqlite_errors_named
    def add(
        self,
        records: Iterable[Record],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        on_commit: Callable[[int], None] | None = None,
        language: str | None = None,
        replace: bool = True,
    ) -> AddSummary:
        """Add documents, replacing any already stored under the same id (or, without
        ``replace``, refusing them: :class:`CorpusError` naming the id).

        Each is fingerprinted in ``language`` (an ISO 639-1 code) or the language
        identified in it.

        Records are committed ``batch_size`` at a time; ``on_commit(n)`` is called
        after each batch of ``n``. If reading or writing fails part way, every batch
        committed before stays, and the failing batch is rolled back whole.
        """
        if language is not None:
            require_language("Archive.add", "language", language)
        added = updated = 0
        batch: list[Record] = []
        for record in records:
            batch.append(record)
            if len(batch) >= batch_size:
                new, replaced = self._write(batch, language, replace)
                added, updated = added + new, updated + replaced
                if on_commit is not None:
                    on_commit(len(batch))
                batch = []
        if batch:
            new, replaced = self._write(batch, language, replace)
            added, updated = added + new, updated + replaced
            if on_commit is not None:
                on_commit(len(batch))
        return AddSummary(added=added, updated=updated)

    @_sqlite_errors_named
    def remove(self, document_ids: Iterable[str]) -> int:
        """Remove documents by id; returns how many were there."""
        removed = 0
        with self._transaction():
            for document_id in document_ids:
                removed += self._delete(str(document_id))
        return removed

    def _write(self, batch: list[Record], language: str | None, replace: bool) -> tuple[int, int]:
        """One transaction: fingerprint and store a batch of records."""
        hashed = [
            (record, document_fingerprints(record.text, self.fingerprint_settings, language))
            for record in batch
        ]
        added = updated = 0
        postings: list[tuple[int, int]] = []
        with self._transaction():
            for record, fingerprints in hashed:
                if not replace:
                    if record.id in self:
                        msg = (
                            f"{self.path}: a document with id {record.id!r} is already in the "
                            "archive (add with --replace to replace it)"
                        )
                        raise CorpusError(msg)
                    added += 1
                elif self._delete(record.id):  # one look-up of the id either way
                    updated += 1
                else:
                    added += 1
                cursor = self._db.execute(
                    "INSERT INTO documents (id, title, url, source, date, text, fingerprints)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        record.id,
                        record.title,
                        record.url,
                        record.source,
                        record.date,
                        record.text,
                        fingerprints.tobytes(),
                    ),
                )
                key = cursor.lastrowid
                assert key is not None  # an INSERT always sets it
                postings.extend((fingerprint, key) for fingerprint in fingerprints.tolist())
            postings.sort()  # B-tree inserts in key order touch each page once
            self._db.executemany("INSERT INTO postings (hash, doc) VALUES (?, ?)", postings)
        return added, updated

    def _delete(self, document_id: str) -> bool:
        row = self._db.execute(
            "SELECT key, fingerprints FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            return False
        key, blob = row
        fingerprints = np.frombuffer(blob, dtype=np.int64).tolist()
        self._db.executemany(
            "DELETE FROM postings WHERE hash = ? AND doc = ?", ((f, key) for f in fingerprints)
        )
        self._db.execute("DELETE FROM documents WHERE key = ?", (key,))
        return True

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """An immediate write transaction: committed on success, rolled back on any error."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # ------------------------------------------------------------------ reading

    @_sqlite_errors_named
    def get(self, document_id: str) -> Record | None:
        """The stored document with this id, or None."""
        row = self._db.execute(
            "SELECT id, text, title, url, source, date FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        return None if row is None else Record(*row)

    @_sqlite_errors_named
    def records(self, keys: Iterable[int]) -> dict[int, Record]:
        """Stored documents by internal key (as :meth:`postings` gives them)."""
        wanted = list(keys)
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        rows = self._db.execute(
            f"SELECT key, id, text, title, url, source, date FROM documents WHERE key IN ({marks})",
            wanted,
        )
        return {key: Record(*fields) for key, *fields in rows}

    @_sqlite_errors_named
    def postings(self, fingerprint: int, limit: int) -> list[int]:
        """Keys of up to ``limit`` documents holding ``fingerprint`` (a signed 64-bit hash)."""
        rows = self._db.execute(
            "SELECT doc FROM postings WHERE hash = ? LIMIT ?", (fingerprint, limit)
        )
        return [doc for (doc,) in rows]

    @_sqlite_errors_named
    def stats(self) -> ArchiveStats:
        """How many documents and postings the archive holds, and its size on disk."""
        documents, earliest, latest = self._db.execute(
            "SELECT COUNT(*), MIN(date), MAX(date) FROM documents"
        ).fetchone()
        postings = self._db.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
        size = 0
        if self.path != ":memory:":
            size = sum(
                os.path.getsize(self.path + suffix)
                for suffix in ("", "-wal")
                if os.path.exists(self.path + suffix)
            )
        return ArchiveStats(
            path=self.path,
            documents=documents,
            postings=postings,
            bytes_on_disk=size,
            earliest_date=earliest,
            latest_date=latest,
            fingerprints=self.fingerprint_settings,
        )

    def check(self, *, quick: bool = False) -> list[str]:
        """SQLite's integrity check plus the archive's own: empty when all is sound.

        ``quick`` runs SQLite's quick check instead, which reads every page but does not
        match indexes to tables (about 2.5 ms a megabyte): enough to refuse adding to a
        damaged archive, whose damage a write may never touch.
        """
        pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
        try:
            problems = [message for (message,) in self._db.execute(pragma) if message != "ok"]
            orphans = self._db.execute(
                "SELECT COUNT(*) FROM postings WHERE doc NOT IN (SELECT key FROM documents)"
            ).fetchone()[0]
        except sqlite3.DatabaseError as error:  # too damaged to read through
            return [str(error)]
        if orphans:
            problems.append(f"{orphans} postings point at no document")
        return problems

    @_sqlite_errors_named
    def query(
        self,
        document: str | Document,
        *,
        top: int = DEFAULT_TOP,
        candidates: int = DEFAULT_CANDIDATES,
        max_document_frequency: int | None = None,
        date: str | None = None,
        settings: AlignSettings | None = None,
    ) -> QueryResult:
        """Sources of ``document``, ranked: :func:`textreuse.archive.find_sources` on this
        archive, with the same arguments."""
        return find_sources(
            self,
            document,
            top=top,
            candidates=candidates,
            max_document_frequency=max_document_frequency,
            date=date,
            settings=settings,
        )


def _require_archive_file(name: str) -> None:
    """Refuse a path that is missing, empty or not an SQLite file, before SQLite would
    make an archive of it."""
    path = Path(name)
    if not path.is_file():
        msg = f"{name}: no such archive (create one with 'textreuse index add')"
        raise InputError(msg)
    try:
        with path.open("rb") as file:
            header = file.read(len(_SQLITE_HEADER))
    except OSError as error:
        msg = f"{name}: cannot read the archive ({error.strerror})"
        raise InputError(msg) from None
    if not header:
        msg = f"{name}: an empty file, not a textreuse archive"
        raise InputError(msg)
    if header != _SQLITE_HEADER:
        msg = f"{name}: not a textreuse archive (not an SQLite database)"
        raise InputError(msg)


def _read_only_connection(name: str) -> sqlite3.Connection:
    """A connection that never writes. A write-ahead-log archive needs its shared-memory
    file, which a read-only folder cannot hold: there the file is read as immutable
    (nothing can be writing it either)."""
    uri = f"file:{quote(os.path.abspath(name))}?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=60, isolation_level=None)
    try:
        connection.execute("SELECT name FROM sqlite_master").fetchall()
    except sqlite3.OperationalError:
        connection.close()
        connection = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)
    return connection


def _read_settings(connection: sqlite3.Connection) -> FingerprintSettings:
    """The fingerprint settings of an existing archive, checking that it is one."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    if "meta" not in tables:
        msg = "no archive tables" if not tables else "an SQLite database of something else"
        raise sqlite3.DatabaseError(msg)
    return _settings_of(dict(connection.execute("SELECT key, value FROM meta")))


def _settings_of(meta: dict[str, str]) -> FingerprintSettings:
    if meta.get("format") != ARCHIVE_FORMAT:
        msg = f"unknown format {meta.get('format')!r}, expected {ARCHIVE_FORMAT!r}"
        raise sqlite3.DatabaseError(msg)
    return FingerprintSettings(ngram=int(meta["ngram"]), window=int(meta["window"]))


def _initialise(
    connection: sqlite3.Connection, fingerprints: FingerprintSettings
) -> FingerprintSettings:
    """Create the schema if needed and return the archive's fingerprint settings."""
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
    if tables and "meta" not in tables:
        msg = "an SQLite database of something else; refusing to touch it"
        raise sqlite3.DatabaseError(msg)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute(
        "PRAGMA synchronous = NORMAL"
    )  # WAL + NORMAL: a killed process loses nothing committed
    connection.execute("PRAGMA cache_size = -65536")  # 64 MiB of page cache
    connection.executescript(_SCHEMA)
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    if not meta:
        connection.execute("BEGIN IMMEDIATE")
        connection.executemany(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
            [
                ("format", ARCHIVE_FORMAT),
                ("ngram", str(fingerprints.ngram)),
                ("window", str(fingerprints.window)),
            ],
        )
        connection.execute("COMMIT")
        meta = dict(connection.execute("SELECT key, value FROM meta"))
    return _settings_of(meta)
