"""Find all reuse inside a collection: candidate pairs, passage pairs, reprint clusters.

The steps are pure functions (:mod:`~textreuse.scan.steps`), so that every engine
(:mod:`~textreuse.scan.local`, :mod:`~textreuse.scan.spark`) runs the same code and
writes the same files through :func:`~textreuse.scan.output.finish_scan`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textreuse.errors import ConfigError
from textreuse.lazy import lazy_names
from textreuse.model import Record
from textreuse.scan.settings import ScanSettings

if TYPE_CHECKING:
    from textreuse.scan.engines import ENGINES, LocalEngine, ScanEngine, SparkEngine, engine_named
    from textreuse.scan.local import Progress, scan_local
    from textreuse.scan.output import ScanSummary
    from textreuse.scan.spark import scan_spark

__all__ = [
    "ENGINES",
    "LocalEngine",
    "ScanEngine",
    "ScanSettings",
    "ScanSummary",
    "SparkEngine",
    "engine_named",
    "scan",
    "scan_local",
    "scan_spark",
]


def scan(
    records: Iterable[Record],
    out_dir: str | os.PathLike[str],
    *,
    engine: str | ScanEngine = "local",
    settings: ScanSettings | None = None,
    progress: Progress | None = None,
    **engine_options: object,
) -> ScanSummary:
    """Scan a collection with the engine of that name (or an engine object).

    ``engine_options`` go to the engine (``workers`` for local; ``master``,
    ``partitions``, ``driver_memory`` for spark); one it does not take is refused.

    Raises:
        ConfigError: an unknown engine, or an option that does not apply to it.
        CorpusError: two documents have the same id.
    """
    if not isinstance(engine, str):
        if engine_options:
            msg = f"engine options go with an engine name, not with {engine!r}"
            raise ConfigError(msg)
        return engine.run(records, out_dir, settings or ScanSettings(), progress)
    from textreuse.scan.engines import engine_named

    chosen = engine_named(engine, **engine_options)
    return chosen.run(records, out_dir, settings or ScanSettings(), progress)


# The engines (and the aligner under them) load on first use.
__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "ENGINES": "textreuse.scan.engines",
        "LocalEngine": "textreuse.scan.engines",
        "ScanEngine": "textreuse.scan.engines",
        "SparkEngine": "textreuse.scan.engines",
        "engine_named": "textreuse.scan.engines",
        "ScanSummary": "textreuse.scan.output",
        "scan_local": "textreuse.scan.local",
        "scan_spark": "textreuse.scan.spark",
    },
    __all__,
)
