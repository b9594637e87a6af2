"""Customer lifetime value with the BG/NBD purchase model and the Gamma-Gamma spend
model (Fader, Hardie and Lee, 2005), fitted by maximum likelihood with scipy.

Inputs per customer, in one time unit (days here): `frequency` x = repeat purchases
(purchases after the first), `recency` t_x = age at the last purchase (time from the
first purchase to the last), `age` T = time from the first purchase to the end of the
observation period. A customer with one purchase has x = 0, t_x = 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special


@dataclass(frozen=True)
class BgNbd:
    """Fitted BG/NBD parameters: purchase rates ~ Gamma(r, alpha) (shape, rate), dropout
    probabilities after each purchase ~ Beta(a, b)."""

    r: float
    alpha: float
    a: float
    b: float

    def p_alive(self, x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> np.ndarray:
        """Probability the customer is still active at T."""
        x, t_x, T = _arrays(x, t_x, T)
        ratio = np.where(
            x > 0,
            self.a
            / np.maximum(self.b + x - 1, 1e-12)
            * ((self.alpha + T) / (self.alpha + t_x)) ** (self.r + x),
            0.0,
        )
        return 1.0 / (1.0 + ratio)

    def expected_purchases(
        self, horizon: float, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
    ) -> np.ndarray:
        """Expected purchases in the next `horizon` time units, given the history."""
        x, t_x, T = _arrays(x, t_x, T)
        r, alpha, a, b = self.r, self.alpha, self.a, self.b
        z = horizon / (alpha + T + horizon)
        hyp = special.hyp2f1(r + x, b + x, a + b + x - 1, z)
        head = (a + b + x - 1) / (a - 1)
        numerator = head * (1 - ((alpha + T) / (alpha + T + horizon)) ** (r + x) * hyp)
        denominator = 1 + np.where(
            x > 0,
            a / np.maximum(b + x - 1, 1e-12) * ((alpha + T) / (alpha + t_x)) ** (r + x),
            0.0,
        )
        return numerator / denominator


@dataclass(frozen=True)
class GammaGamma:
    """Fitted Gamma-Gamma parameters of transaction values (p, q, gamma)."""

    p: float
    q: float
    gamma: float

    def expected_value(self, x: np.ndarray, mean_value: np.ndarray) -> np.ndarray:
        """Expected value of a future transaction, given x repeat transactions of this
        mean value (the population mean when x = 0)."""
        x = np.asarray(x, dtype=float)
        m = np.asarray(mean_value, dtype=float)
        population = self.p * self.gamma / (self.q - 1)
        conditional = (self.p * (self.gamma + x * m)) / (self.p * x + self.q - 1)
        return np.where(x > 0, conditional, population)


def _arrays(*values: np.ndarray) -> tuple[np.ndarray, ...]:
    arrays = tuple(np.asarray(v, dtype=float) for v in values)
    x, t_x, T = arrays
    if (x < 0).any() or (t_x < 0).any() or (t_x > T).any():
        raise ValueError("need frequency >= 0 and 0 <= recency <= age for every customer")
    return arrays


def bgnbd_log_likelihood(
    params: np.ndarray, x: np.ndarray, t_x: np.ndarray, T: np.ndarray
) -> float:
    r, alpha, a, b = params
    a1 = special.gammaln(r + x) - special.gammaln(r) + r * np.log(alpha)
    a2 = (
        special.gammaln(a + b)
        + special.gammaln(b + x)
        - special.gammaln(b)
        - special.gammaln(a + b + x)
    )
    a3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(
            x > 0,
            np.log(a) - np.log(np.maximum(b + x - 1, 1e-12)) - (r + x) * np.log(alpha + t_x),
            -np.inf,
        )
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def fit_bgnbd(x: np.ndarray, t_x: np.ndarray, T: np.ndarray) -> BgNbd:
    """Maximum-likelihood BG/NBD fit (parameters on the log scale, L-BFGS-B)."""
    x, t_x, T = _arrays(x, t_x, T)
    if len(x) < 20:
        raise ValueError(f"need at least 20 customers to fit BG/NBD, got {len(x)}")

    def loss(log_params: np.ndarray) -> float:
        return -bgnbd_log_likelihood(np.exp(log_params), x, t_x, T) / len(x)

    start = np.log([1.0, max(float(np.mean(T)), 1.0), 1.0, 1.0])
    result = optimize.minimize(loss, start, method="L-BFGS-B", bounds=[(-10, 10)] * 4)
    if not result.success and not np.isfinite(result.fun):
        raise RuntimeError(f"BG/NBD fit failed: {result.message}")
    return BgNbd(*np.exp(result.x))


def fit_gamma_gamma(x: np.ndarray, mean_value: np.ndarray) -> GammaGamma:
    """Maximum-likelihood Gamma-Gamma fit on customers with repeat purchases."""
    x = np.asarray(x, dtype=float)
    m = np.asarray(mean_value, dtype=float)
    keep = (x > 0) & (m > 0)
    x, m = x[keep], m[keep]
    if len(x) < 20:
        raise ValueError(f"need at least 20 repeat customers to fit Gamma-Gamma, got {len(x)}")

    def loss(log_params: np.ndarray) -> float:
        p, q, g = np.exp(log_params)
        ll = (
            special.gammaln(p * x + q)
            - special.gammaln(p * x)
            - special.gammaln(q)
            + q * np.log(g)
            + (p * x - 1) * np.log(m)
            + p * x * np.log(x)
            - (p * x + q) * np.log(g + x * m)
        )
        return -float(np.sum(ll)) / len(x)

    result = optimize.minimize(
        loss, np.log([1.0, 2.0, float(np.mean(m))]), method="L-BFGS-B", bounds=[(-10, 10)] * 3
    )
    p, q, g = np.exp(result.x)
    if q <= 1:
        raise RuntimeError("Gamma-Gamma fit gave q <= 1: spend has no finite mean")
    return GammaGamma(p, q, g)


def simulate_bgnbd(
    params: BgNbd, customers: int, age: float, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Purchase histories drawn from the BG/NBD model (for tests): returns x, t_x, T."""
    rng = np.random.default_rng(seed)
    rates = rng.gamma(params.r, 1 / params.alpha, customers)
    dropouts = rng.beta(params.a, params.b, customers)
    x = np.zeros(customers)
    t_x = np.zeros(customers)
    for i in range(customers):
        t = 0.0
        while True:
            t += rng.exponential(1 / rates[i])
            if t > age:
                break
            x[i] += 1
            t_x[i] = t
            if rng.random() < dropouts[i]:
                break
    return x, t_x, np.full(customers, age)
