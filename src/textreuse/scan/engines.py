"""Scan engines behind one protocol, picked by name.

An engine runs the pure steps of :mod:`textreuse.scan.steps` somewhere (a local
process pool, a Spark cluster) and writes through the same
:func:`~textreuse.scan.output.finish_scan`. Each engine names the options it takes;
an option given to an engine it does not apply to is refused, never ignored.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Protocol

from textreuse.config import require_count
from textreuse.errors import ConfigError
from textreuse.model import Record
from textreuse.scan.local import Progress, scan_local
from textreuse.scan.output import ScanSummary
from textreuse.scan.settings import DEFAULT_DRIVER_MEMORY, ScanSettings
from textreuse.scan.spark import scan_spark


class ScanEngine(Protocol):
    """Runs a scan of ``records`` and writes its files under ``out_dir``."""

    def run(
        self,
        records: Iterable[Record],
        out_dir: str | os.PathLike[str],
        settings: ScanSettings,
        progress: Progress | None,
    ) -> ScanSummary:
        """Scan and write; the summary says what was found."""
        ...


@dataclass(frozen=True, slots=True)
class LocalEngine:
    """A process pool on this machine; ``workers`` processes (default: all cores)."""

    workers: int | None = None

    def __post_init__(self) -> None:
        if self.workers is not None:
            require_count("LocalEngine", "workers", self.workers, minimum=1)

    def run(
        self,
        records: Iterable[Record],
        out_dir: str | os.PathLike[str],
        settings: ScanSettings,
        progress: Progress | None,
    ) -> ScanSummary:
        """Scan with :func:`~textreuse.scan.local.scan_local`."""
        return scan_local(
            records, out_dir, settings=settings, workers=self.workers, progress=progress
        )


@dataclass(frozen=True, slots=True)
class SparkEngine:
    """Apache Spark on ``master`` (``local[*]``, ``spark://host:7077``, ``yarn``...)."""

    master: str = "local[*]"
    partitions: int | None = None
    driver_memory: str = DEFAULT_DRIVER_MEMORY

    def __post_init__(self) -> None:
        if self.partitions is not None:
            require_count("SparkEngine", "partitions", self.partitions, minimum=1)

    def run(
        self,
        records: Iterable[Record],
        out_dir: str | os.PathLike[str],
        settings: ScanSettings,
        progress: Progress | None,
    ) -> ScanSummary:
        """Scan with :func:`~textreuse.scan.spark.scan_spark` (Spark shows no progress here)."""
        return scan_spark(
            records,
            out_dir,
            settings=settings,
            master=self.master,
            partitions=self.partitions,
            driver_memory=self.driver_memory,
        )


ENGINES: dict[str, type[LocalEngine] | type[SparkEngine]] = {
    "local": LocalEngine,
    "spark": SparkEngine,
}


def engine_named(name: str, **options: object) -> ScanEngine:
    """The engine called ``name`` with ``options``; None-valued options count as not given.

    >>> engine_named("local", workers=2)
    LocalEngine(workers=2)
    >>> engine_named("local", master="spark://127.0.0.1:7077")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textreuse.errors.ConfigError: option 'master' does not apply to the local engine ...
    """
    if name not in ENGINES:
        msg = f"unknown scan engine {name!r}; choose one of: {', '.join(sorted(ENGINES))}"
        raise ConfigError(msg)
    engine = ENGINES[name]
    accepted = [field.name for field in fields(engine)]
    given = {key: value for key, value in options.items() if value is not None}
    for option in given:
        if option not in accepted:
            msg = (
                f"option {option!r} does not apply to the {name} engine "
                f"(it takes: {', '.join(accepted)})"
            )
            raise ConfigError(msg)
    return engine(**given)  # type: ignore[arg-type]
