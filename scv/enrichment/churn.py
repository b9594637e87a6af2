"""Churn propensity: a gradient-boosted classifier (scikit-learn) on behavioral features,
trained on a past cutoff (did a buyer stop buying in the following window?) and scored on
today's features. The holdout AUC says how well it separates churners."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

FEATURES = (
    "days_since_last_purchase",
    "purchases",
    "spend",
    "days_since_first_seen",
    "support_tickets",
    "email_opens",
    "email_clicks",
    "web_events",
    "social_posts",
)


@dataclass(frozen=True)
class ChurnModel:
    model: HistGradientBoostingClassifier
    holdout_auc: float
    training_rows: int
    churn_rate: float

    def score(self, features: np.ndarray) -> np.ndarray:
        """Probability of churn for each row of `features` (columns in FEATURES order)."""
        return self.model.predict_proba(_check(features))[:, 1]


def _check(features: np.ndarray) -> np.ndarray:
    features = np.asarray(features, dtype=float)
    if features.ndim != 2 or features.shape[1] != len(FEATURES):
        raise ValueError(f"features need {len(FEATURES)} columns ({', '.join(FEATURES)})")
    return features


def train_churn_model(
    features: np.ndarray, churned: Sequence[bool], seed: int = 0, holdout: float = 0.25
) -> ChurnModel:
    """Fit on a random (1 - holdout) share of rows and report AUC on the rest."""
    features = _check(features)
    labels = np.asarray(churned, dtype=int)
    if len(labels) != len(features):
        raise ValueError("one label per feature row")
    if len(labels) < 50 or labels.min() == labels.max():
        raise ValueError("need at least 50 rows with both churners and stayers to train")
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=holdout, random_state=seed, stratify=labels
    )
    model = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=seed)
    model.fit(x_train, y_train)
    auc = float(roc_auc_score(y_test, model.predict_proba(x_test)[:, 1]))
    final = HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, random_state=seed)
    final.fit(features, labels)
    return ChurnModel(final, auc, len(labels), float(labels.mean()))
