"""Document-level measures: how well a derived share tells wholly, partially and
non-derived documents apart (ROC AUC, macro F1, thresholds chosen on labelled data)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Candidate thresholds: every percent of derived share.
_GRID = np.linspace(0.0, 1.0, 101)


def roc_auc(positive: FloatArray, negative: FloatArray) -> float:
    """The chance that a positive scores above a negative (ties count half): the area
    under the ROC curve, by the Mann-Whitney statistic.

    >>> roc_auc(np.array([0.9, 0.8]), np.array([0.1, 0.8]))
    0.875
    """
    if len(positive) == 0 or len(negative) == 0:
        return float("nan")
    above = (positive[:, None] > negative[None, :]).sum()
    ties = (positive[:, None] == negative[None, :]).sum()
    return float((above + ties / 2) / (len(positive) * len(negative)))


def macro_f1(labels: IntArray, predicted: IntArray, classes: int) -> float:
    """The mean over classes of each class's F1 (a class never seen nor predicted
    counts 0).

    >>> macro_f1(np.array([0, 1, 2, 2]), np.array([0, 1, 2, 1]), 3)
    0.7777777777777777
    """
    scores = []
    for label in range(classes):
        hit = int(((labels == label) & (predicted == label)).sum())
        wanted, made = int((labels == label).sum()), int((predicted == label).sum())
        scores.append(2 * hit / (wanted + made) if wanted + made else 0.0)
    return float(np.mean(scores))


def classify_shares(shares: FloatArray, low: float, high: float) -> IntArray:
    """0 (non-derived) below ``low``, 2 (wholly derived) from ``high``, else 1."""
    return (shares >= low).astype(np.int64) + (shares >= high)


def best_thresholds(shares: FloatArray, labels: IntArray) -> tuple[float, float]:
    """The two thresholds on the derived share (0 non, 1 partially, 2 wholly derived)
    that give the highest macro F1 on these labelled documents; of equals, the pair
    nearest the middle of its tie."""
    best: tuple[float, float, float] = (-1.0, 0.0, 1.0)
    for k, low in enumerate(_GRID):
        for high in _GRID[k:]:
            score = macro_f1(labels, classify_shares(shares, low, high), 3)
            if score > best[0]:
                best = (score, float(low), float(high))
    return best[1], best[2]


def cross_validated_labels(
    shares: FloatArray, labels: IntArray, folds: int = 10, seed: int = 13
) -> IntArray:
    """Each document's class, predicted with thresholds chosen on the other folds."""
    fold_of = np.arange(len(shares)) % folds
    np.random.default_rng(seed).shuffle(fold_of)
    predicted = np.zeros(len(shares), dtype=np.int64)
    for fold in range(folds):
        train, test = fold_of != fold, fold_of == fold
        low, high = best_thresholds(shares[train], labels[train])
        predicted[test] = classify_shares(shares[test], low, high)
    return predicted
