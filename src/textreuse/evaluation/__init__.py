"""Measuring the aligner against corpora with known reuse: PAN corpora, plagdet, the runner."""

from textreuse.evaluation.runner import Scores, SubcorpusScores, evaluate

__all__ = ["Scores", "SubcorpusScores", "evaluate"]
