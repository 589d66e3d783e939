"""Shared fixtures: where the evaluation data beside the clone lives."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
PAN13_TRAINING = SHARED / "data" / "pan13-text-alignment-training-corpus-2013-01-21"


@pytest.fixture
def seeds_dir() -> Path:
    """The founding example: a BBC article and a blog post that reused four of its passages."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is not there (it sits beside the clone in CI)")
    return SEEDS


@pytest.fixture
def pan13_training() -> Path:
    """The PAN 2013 text-alignment training corpus."""
    if not PAN13_TRAINING.is_dir():
        pytest.skip(f"{PAN13_TRAINING} is not there (it sits beside the clone in CI)")
    return PAN13_TRAINING
