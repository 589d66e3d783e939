"""The HTTP API and web page: ``textreuse serve``, a thin layer over the library.

Endpoints (JSON in and out, documented by the OpenAPI schema at ``/openapi.json``):

* ``POST /compare``: two texts or HTML pages; the compare report;
* ``POST /query``: a text against the archive; the query report;
* ``POST /documents``, ``GET /documents/{id}`` (a stored document, text and
  metadata, refused with 413 past ``max_text_chars``) and ``DELETE /documents/{id}``;
* ``GET /health``; ``GET /``: the web page.

Limits keep one request from taking the server down: a body larger than
``max_body_bytes`` is refused with 413 before it is read whole, a text longer than
``max_text_chars`` or a batch of more than ``max_documents`` with 422, and work that
takes longer than ``timeout_seconds`` is answered with 408. Nothing is ever read from
the server's disk by a name or path given in a request.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from functools import partial
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

from textreuse.aligner import AlignSettings
from textreuse.aligner.encoder import require as require_semantic
from textreuse.archive import Archive, find_sources
from textreuse.comparison import compare, compare_sources
from textreuse.dates import parse_date
from textreuse.errors import ArchiveError, SemanticUnavailable, TextReuseError
from textreuse.io import document_from_bytes
from textreuse.model import Document, Record
from textreuse.render import query_to_dict, report_to_dict
from textreuse.service.limits import LOOPBACK_NAMES, Limits
from textreuse.service.middleware import BodyLimit
from textreuse.service.models import (
    ERRORS,
    AddedOut,
    CompareIn,
    DocumentIn,
    DocumentOut,
    DocumentsIn,
    ErrorOut,
    HealthOut,
    QueryIn,
    TextIn,
)
from textreuse.service.workers import WorkerCrashed, WorkerPool
from textreuse.version import __version__

T = TypeVar("T")

_PAGE_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'"
)


def create_app(
    archive_path: str | Path | None = None,
    limits: Limits | None = None,
    *,
    allowed_hosts: Sequence[str] = LOOPBACK_NAMES,
) -> FastAPI:
    """The web application; with ``archive_path``, ``/query`` and ``/documents`` use it.

    Requests whose ``Host`` is not in ``allowed_hosts`` are refused (400), so that a
    web page elsewhere cannot reach the API through DNS rebinding; ``"*"`` allows any.
    The API is described at ``/openapi.json``; no documentation page is served, since
    FastAPI's load their scripts from a CDN.
    """
    service = _Service(_ArchiveAccess(archive_path), limits or Limits())

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        service.workers.start()  # before the first request, which would wait for it
        yield
        service.workers.close()

    app = FastAPI(
        title="textreuse",
        version=__version__,
        description="Find reused text: aligned passages with exact offsets, and their sources.",
        responses=ERRORS,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(BodyLimit, max_bytes=service.limits.max_body_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.get("/health", response_model=HealthOut)(service.health)
    app.post("/compare")(service.compare_texts)
    app.post("/query")(service.query)
    app.post("/documents", response_model=AddedOut)(service.add_documents)
    app.get(
        "/documents/{document_id:path}",
        response_model=DocumentOut,
        responses={
            404: {"model": ErrorOut, "description": "No document with this id."},
            413: {"model": ErrorOut, "description": "The document is over the size limit."},
        },
    )(service.get_document)
    app.delete(
        "/documents/{document_id:path}",
        status_code=204,
        responses={404: {"model": ErrorOut, "description": "No document with this id."}},
    )(service.remove_document)
    app.get("/", response_class=HTMLResponse, include_in_schema=False)(service.page)
    app.exception_handler(HTTPException)(_http_error)
    app.exception_handler(RequestValidationError)(_invalid_request)
    return app


class _Service:
    """The endpoints: each turns a request into library calls, run off the event loop."""

    def __init__(self, store: _ArchiveAccess, limits: Limits) -> None:
        self.store = store
        self.limits = limits
        self.workers = WorkerPool(limits.workers)

    async def health(self) -> HealthOut:
        """Whether the service is up, and the archive's size if it has one."""
        documents = await self._run(self.store.count) if self.store.path else None
        return HealthOut(
            status="ok", version=__version__, archive_documents=documents, semantic=_semantic()
        )

    async def compare_texts(self, body: CompareIn) -> dict[str, Any]:
        """Align the passages ``derived`` reused from ``source``: the compare report
        (schema ``textreuse/compare-report``); or, given ``sources``, every reused
        character attributed to the source that explains it best: a query report
        (schema ``textreuse/query-report``)."""
        given = body.source
        if (given is None) == (body.sources is None):
            raise HTTPException(422, "give exactly one of 'source' and 'sources'")
        derived = self._document(body.derived, "derived")
        settings = AlignSettings(
            min_passage_chars=body.min_chars, semantic=body.semantic, language=body.language
        )
        if body.sources is not None:
            sources = [
                self._document(text_in, f"source {number}")
                for number, text_in in enumerate(body.sources, 1)
            ]
            data = await self._work(partial(_compared_with_all, derived, sources, settings))
            if body.include_text:
                data["document"]["text"] = derived.text
            return data
        assert given is not None  # one of the two, checked above
        source = self._document(given, "source")
        data = await self._work(partial(_compared, derived, source, settings))
        if body.include_text:
            data["derived"]["text"], data["source"]["text"] = derived.text, source.text
        return data

    async def query(self, body: QueryIn) -> dict[str, Any]:
        """The sources of a text in the archive, ranked, each with its passages: the query
        report (schema ``textreuse/query-report``)."""
        text = self._document(body, "document")
        _checked_date(body.date, "date")
        settings = AlignSettings(
            min_passage_chars=body.min_chars, semantic=body.semantic, language=body.language
        )
        options = {"top": body.top, "candidates": body.candidates, "date": body.date}
        path = self.store.require_path()
        data = await self._work(partial(_queried, path, text, settings, options))
        if body.include_text:
            data["document"]["text"] = text.text
        return data

    async def add_documents(self, body: DocumentsIn) -> AddedOut:
        """Add documents to the archive; an id already there is replaced."""
        limits = self.limits
        if len(body.documents) > limits.max_documents:
            msg = f"{len(body.documents):,} documents is over the {limits.max_documents:,} limit"
            raise HTTPException(422, msg)
        records = [self._record(given) for given in body.documents]
        path = self.store.require_path()
        added, updated, documents = await self._work(partial(_added, path, records, body.language))
        return AddedOut(added=added, updated=updated, documents=documents)

    async def get_document(self, document_id: str) -> DocumentOut:
        """A stored document: its text and what is known about it."""

        def work() -> Record | None:
            with self.store.open() as archive:
                return archive.get(document_id)

        self.store.require_path()
        record = await self._run(work)
        if record is None:
            raise HTTPException(404, f"no document with id {document_id!r} in the archive")
        if len(record.text) > self.limits.max_text_chars:
            limit = self.limits.max_text_chars
            size = len(record.text)
            msg = f"document {document_id}: {size:,} characters is over the {limit:,} limit"
            raise HTTPException(413, msg)
        return DocumentOut(
            id=record.id,
            text=record.text,
            length=len(record.text),
            title=record.title,
            url=record.url,
            source=record.source,
            date=record.date,
        )

    async def remove_document(self, document_id: str) -> Response:
        """Remove a document from the archive."""

        def work() -> int:
            with self.store.open() as archive:
                return archive.remove([document_id])

        if not await self._run(work):
            raise HTTPException(404, f"no document with id {document_id!r} in the archive")
        return Response(status_code=204)

    async def page(self) -> HTMLResponse:
        """The web page: paste or upload texts and see the reused passages."""
        html = files("textreuse").joinpath("templates/app.html").read_text(encoding="utf-8")
        return HTMLResponse(html, headers={"Content-Security-Policy": _PAGE_POLICY})

    async def _run(self, work: Callable[[], T]) -> T:
        """Run quick library work (an archive count, a removal) in a thread, off the
        event loop, within the time limit."""
        timeout = self.limits.timeout_seconds
        return await self._answered(asyncio.wait_for(asyncio.to_thread(work), timeout))

    async def _work(self, task: Callable[[], T]) -> T:
        """Run aligning work in a worker process, killed at the time limit: it stops
        there, and a transaction it had open commits nothing."""
        return await self._answered(self.workers.run(task, self.limits.timeout_seconds))

    async def _answered(self, pending: Awaitable[T]) -> T:
        """The result, or the library's failure as an HTTP answer."""
        try:
            return await pending
        except TimeoutError:
            msg = f"the request took longer than the {self.limits.timeout_seconds:g} s limit"
            raise HTTPException(408, msg) from None
        except (ArchiveError, WorkerCrashed) as error:  # the server, not the request
            raise HTTPException(503, str(error)) from None
        except TextReuseError as error:
            raise HTTPException(422, str(error)) from None

    def _document(self, given: TextIn, default_name: str) -> Document:
        """The request's text (or the main text of its page), checked against the limits."""
        name = given.name or default_name
        if given.text is not None and given.html is None:
            content, html = given.text, False
        elif given.html is not None and given.text is None:
            content, html = given.html, True
        else:
            raise HTTPException(422, f"{name}: give exactly one of 'text' and 'html'")
        if len(content) > self.limits.max_text_chars:
            limit = self.limits.max_text_chars
            msg = f"{name}: {len(content):,} characters is over the {limit:,} limit"
            raise HTTPException(422, msg)
        try:
            return document_from_bytes(content.encode("utf-8", "surrogatepass"), name, html=html)
        except TextReuseError as error:
            raise HTTPException(422, str(error)) from None

    def _record(self, given: DocumentIn) -> Record:
        """A document to store, checked against the limits."""
        if len(given.text) > self.limits.max_text_chars:
            msg = f"document {given.id}: text is over the {self.limits.max_text_chars:,} limit"
            raise HTTPException(422, msg)
        return Record(
            id=given.id,
            text=given.text,
            title=given.title,
            url=given.url,
            source=given.source,
            date=_checked_date(given.date, f"document {given.id}"),
        )


async def _http_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)
    return JSONResponse({"detail": str(error.detail)}, status_code=error.status_code)


async def _invalid_request(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    problems = jsonable_encoder(error.errors(), exclude={"input", "ctx", "url"})
    summary = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
        for problem in problems[:5]
    )
    return JSONResponse({"detail": summary, "errors": problems}, status_code=422)


def _semantic() -> bool:
    """Whether the semantic extra is installed here (checked without importing it)."""
    try:
        require_semantic()
    except SemanticUnavailable:
        return False
    return True


def _checked_date(value: str | None, where: str) -> str | None:
    try:
        return parse_date(value, where)
    except TextReuseError as error:
        raise HTTPException(422, str(error)) from None


class _ArchiveAccess:
    """The archive behind the service: one connection per request (SQLite lets readers
    work while one writer writes, and queues writers)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = None if path is None else str(path)

    def require_path(self) -> str:
        """The archive's path, or 409 where the server has none."""
        if self.path is None:
            raise HTTPException(
                409, "this server has no archive: start it with 'textreuse serve --archive FILE'"
            )
        return self.path

    def open(self) -> Archive:
        return Archive.open(self.require_path())

    def count(self) -> int:
        with self.open() as archive:
            return len(archive)


# The work a worker process does: module-level functions, so that they can be pickled.


def _compared(derived: Document, source: Document, settings: AlignSettings) -> dict[str, Any]:
    return report_to_dict(compare(derived, source, settings=settings))


def _compared_with_all(
    derived: Document, sources: list[Document], settings: AlignSettings
) -> dict[str, Any]:
    return query_to_dict(compare_sources(derived, sources, settings=settings))


def _queried(
    path: str, text: Document, settings: AlignSettings, options: dict[str, Any]
) -> dict[str, Any]:
    with Archive.open(path) as archive:
        return query_to_dict(find_sources(archive, text, settings=settings, **options))


def _added(path: str, records: list[Record], language: str | None) -> tuple[int, int, int]:
    """One transaction for the whole request: killed at the deadline, it leaves nothing."""
    with Archive.open(path) as archive:
        summary = archive.add(records, batch_size=len(records), language=language)
        return summary.added, summary.updated, len(archive)
