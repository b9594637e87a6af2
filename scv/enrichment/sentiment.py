"""Sentiment of social posts with VADER (vaderSentiment): a rule-based model whose
lexicon ships inside the package, so nothing is downloaded at run time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

# VADER's recommended cut-offs on the compound score
POSITIVE, NEGATIVE = 0.05, -0.05


@dataclass(frozen=True)
class Sentiment:
    compound: float
    label: str


def label_for(compound: float) -> str:
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


def score_texts(texts: Iterable[str | None]) -> list[Sentiment]:
    """Compound score in [-1, 1] and its label for each text (empty text: neutral 0)."""
    analyzer = SentimentIntensityAnalyzer()
    results = []
    for text in texts:
        compound = analyzer.polarity_scores(text)["compound"] if text else 0.0
        results.append(Sentiment(round(compound, 4), label_for(compound)))
    return results
