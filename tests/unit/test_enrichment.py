"""Enrichment functions with known answers: models fitted to data simulated from them
recover the parameters; classifiers separate what they should; validators agree with
their specifications."""

from __future__ import annotations

import numpy as np
import pytest

from scv.enrichment import churn, clv, contacts, sentiment

TRUE_BGNBD = clv.BgNbd(r=0.24, alpha=4.4, a=0.79, b=2.43)  # Fader et al.'s CDNOW fit


def test_bgnbd_fit_recovers_the_parameters_it_was_simulated_with() -> None:
    x, t_x, age = clv.simulate_bgnbd(TRUE_BGNBD, customers=5000, age=39.0, seed=11)
    fitted = clv.fit_bgnbd(x, t_x, age)
    for name in ("r", "alpha", "a", "b"):
        truth, estimate = getattr(TRUE_BGNBD, name), getattr(fitted, name)
        assert abs(estimate - truth) / truth < 0.25, (name, estimate, truth)


def test_bgnbd_predictions_match_simulated_future_purchases() -> None:
    # simulate 78 weeks, fit on the first 39 and predict the next 39
    rng_seed = 3
    x_all, tx_all, _ = clv.simulate_bgnbd(TRUE_BGNBD, customers=4000, age=78.0, seed=rng_seed)
    x_cal, tx_cal, t_cal = clv.simulate_bgnbd(TRUE_BGNBD, customers=4000, age=39.0, seed=rng_seed)
    model = clv.fit_bgnbd(x_cal, tx_cal, t_cal)
    predicted = model.expected_purchases(39.0, x_cal, tx_cal, t_cal).sum()
    actual = (x_all - x_cal).sum()  # same random stream: the first 39 weeks are shared
    assert actual > 0
    assert abs(predicted - actual) / actual < 0.2


def test_bgnbd_p_alive_and_expectations_behave() -> None:
    x = np.array([0, 3, 3])
    t_x = np.array([0, 30, 5])
    age = np.array([40, 40, 40])
    p_alive = TRUE_BGNBD.p_alive(x, t_x, age)
    assert p_alive[0] == 1.0  # no repeat purchase yet: never had a chance to drop out
    assert p_alive[1] > p_alive[2]  # a recent buyer is likelier alive than a lapsed one
    short = TRUE_BGNBD.expected_purchases(10, x, t_x, age)
    long = TRUE_BGNBD.expected_purchases(100, x, t_x, age)
    assert (long > short).all()


def test_bgnbd_rejects_impossible_histories() -> None:
    with pytest.raises(ValueError, match="recency"):
        clv.fit_bgnbd(np.ones(30), np.full(30, 50.0), np.full(30, 40.0))
    with pytest.raises(ValueError, match="at least 20"):
        clv.fit_bgnbd(np.ones(5), np.ones(5), np.ones(5) * 2)


def test_gamma_gamma_fit_recovers_spend_parameters() -> None:
    rng = np.random.default_rng(5)
    p, q, gamma = 6.25, 3.74, 15.44  # Fader et al.'s published estimates
    customers = 6000
    x = rng.integers(1, 8, customers)
    nu = rng.gamma(q, 1 / gamma, customers)
    means = np.array([rng.gamma(p, 1 / n, k).mean() for n, k in zip(nu, x, strict=True)])
    fitted = clv.fit_gamma_gamma(x, means)
    assert abs(fitted.p - p) / p < 0.2
    assert abs(fitted.q - q) / q < 0.2
    assert abs(fitted.gamma - gamma) / gamma < 0.3
    # a customer's expected order value lies between their own mean and the population's
    population = fitted.expected_value(np.array([0]), np.array([0.0]))[0]
    own = 200.0
    shrunk = fitted.expected_value(np.array([3]), np.array([own]))[0]
    assert min(own, population) < shrunk < max(own, population)


def test_churn_model_learns_recency_and_reports_auc() -> None:
    rng = np.random.default_rng(1)
    rows = 2000
    features = rng.random((rows, len(churn.FEATURES))) * 100
    # churners: long since the last purchase and few email opens
    score = features[:, 0] - 0.5 * features[:, 5] + rng.normal(0, 10, rows)
    churned = score > np.median(score)
    model = churn.train_churn_model(features, churned)
    assert model.holdout_auc > 0.85
    probabilities = model.score(features)
    assert probabilities[churned].mean() > probabilities[~churned].mean()


def test_churn_model_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="columns"):
        churn.train_churn_model(np.ones((100, 3)), [True, False] * 50)
    with pytest.raises(ValueError, match="both churners and stayers"):
        churn.train_churn_model(np.ones((100, len(churn.FEATURES))), [True] * 100)


def test_sentiment_labels_follow_the_text() -> None:
    scores = sentiment.score_texts(
        ["I love my new boots, best purchase ever!", "Terrible service, never again.", "", None]
    )
    assert [s.label for s in scores] == ["positive", "negative", "neutral", "neutral"]
    assert scores[0].compound > 0.5 and scores[1].compound < -0.3


@pytest.mark.parametrize(
    ("number", "valid", "kind", "region"),
    [
        ("+447400123456", True, "mobile", "GB"),
        ("+442071838750", True, "fixed_line", "GB"),
        ("+4930123456", True, "fixed_line", "DE"),
        ("+1555", False, None, None),
        ("not a number", False, None, None),
    ],
)
def test_phone_check(number: str, valid: bool, kind: str | None, region: str | None) -> None:
    result = contacts.check_phone(number)
    assert (result.is_valid, result.phone_type) == (valid, kind)
    if region:
        assert result.region == region
    assert (result.reason is None) == valid


@pytest.mark.parametrize(
    ("email", "valid", "normalized"),
    [
        ("Ann.Lee@Example.com", True, "ann.lee@example.com"),
        ("ann@@example.com", False, None),
        ("ann@example", False, None),
        ("ann lee@example.com", False, None),
        ("josé@exämple.de", True, "josé@exämple.de"),
    ],
)
def test_email_check(email: str, valid: bool, normalized: str | None) -> None:
    result = contacts.check_email(email)
    assert (result.is_valid, result.normalized) == (valid, normalized)
    assert (result.reason is None) == valid
