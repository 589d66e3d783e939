"""py3langid's language model, loaded from an unpacked copy kept in the user's cache.

py3langid ships its model as an LZMA-compressed ``.npz``; unpacking it takes about half
a second each time a process first meets a text it has to identify, as long as the
rest of a small compare. The first process to load it writes the unpacked file
(68 MB) to ``$TEXTREUSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/textreuse``, else
``~/.cache/textreuse``, named by the py3langid version and the packed file's size
and time, so that an upgrade unpacks afresh; later processes read it in about a
tenth of the time. The file is written under another name and renamed into place,
so a reader never sees half of it. Where the folder cannot be written or the copy
cannot be read, the model loads from the package as py3langid loads it: slower,
never different.
"""

from __future__ import annotations

import lzma
import os
import shutil
import tempfile
import zipfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

CACHE_DIR_VARIABLE = "TEXTREUSE_CACHE_DIR"
# What a copy that cannot be written or read raises (a folder not writable, a file cut
# short or damaged), and what a py3langid whose loader differs would (names moved).
_UNUSABLE = (
    OSError,
    EOFError,
    ValueError,
    KeyError,
    lzma.LZMAError,
    zipfile.BadZipFile,
    ImportError,
    AttributeError,
    TypeError,
)


def load_language_identifier() -> Any:
    """py3langid's identifier over its whole model (py3langid ships no type hints)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        return _from_unpacked(LanguageIdentifier, _unpacked(_packed_model(), cache_dir()))
    except _UNUSABLE:
        return LanguageIdentifier.from_model_file(MODEL_FILE)


def cache_dir() -> Path:
    """Where textreuse keeps files it can remake (the unpacked language model)."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "textreuse"


def _packed_model() -> Path:
    """The model file py3langid ships."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_FILE) if Path(MODEL_FILE).is_absolute() else Path(MODEL_DIR) / MODEL_FILE


def _unpacked(packed: Path, folder: Path) -> Path:
    """The unpacked model in ``folder``, written there first where it is missing."""
    stat = packed.stat()
    target = folder / f"py3langid-{version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}.npz"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as part:
        try:
            with lzma.open(packed) as source:
                shutil.copyfileobj(source, part, length=1 << 20)
            part.close()
            os.chmod(part.name, 0o644)  # readable by all, as a shared cache folder needs
            os.replace(part.name, target)
        finally:
            Path(part.name).unlink(missing_ok=True)
    return target


def _from_unpacked(identifier_class: Any, unpacked: Path) -> Any:
    """The identifier built from the unpacked arrays, as py3langid's own loader builds
    it from the packed file (``py3langid.modelio.load_model``)."""
    from py3langid.modelio import _to_array

    with np.load(unpacked, allow_pickle=False) as data:
        return identifier_class(
            data["ptc"],
            data["pc"],
            data["classes"].tolist(),
            _to_array(data["nextmove"]),
            data["out_feat"].tolist(),
            tk_row=_to_array(data["nextmove_row"]),
        )
