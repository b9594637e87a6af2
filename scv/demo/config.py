"""Configuration of the demo data generator: scale, seed and messiness rates."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class MessRates:
    """Probabilities of each kind of mess. Each rate is documented with its unit.

    Record-level rates apply per source person record (or per field where noted);
    person-level rates apply once per true person.
    """

    # record level
    typo: float = 0.03  # per name field of a record: one character edit
    nickname: float = 0.15  # per record, when the first name has a known nickname
    last_first_order: float = 0.05  # per record of systems that keep one name field
    case_variation: float = 0.10  # per record: all upper or all lower case
    missing_value: float = 0.05  # per optional field of a record
    within_system_duplicate: float = 0.03  # per record: the system holds the person twice
    invalid_email: float = 0.01  # per record that has an email
    invalid_phone: float = 0.01  # per record that has a phone
    test_record: float = 0.005  # fake/test rows per system, relative to its size
    generic_company_email: float = 0.05  # per B2B CRM contact: info@/sales@ instead of own
    # person level
    married_name_change: float = 0.08  # of people: last name changed at marriage
    moved: float = 0.15  # of people: changed home address
    phone_changed: float = 0.10  # of people: changed mobile phone
    shared_household_email: float = 0.10  # of multi-person households: one shared email
    deceased: float = 0.015  # of people
    shared_device: float = 0.30  # of shop customers in a household: sign in on a family device
    order_web_session: float = 0.6  # of web shop orders: a tracked shopping session before it

    @classmethod
    def with_overrides(cls, overrides: dict[str, float]) -> MessRates:
        """Return rates with some values replaced; unknown names or bad values raise."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ValueError(
                f"unknown mess rate(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        for name, value in overrides.items():
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"mess rate {name}={value} is not a probability in [0, 1]")
        return dataclasses.replace(cls(), **overrides)


@dataclass(frozen=True)
class GeneratorConfig:
    """What to generate and where."""

    out_dir: Path
    people: int = 10_000
    seed: int = 42
    # The day the exports were taken. Fixed (not today's date) so output is reproducible.
    as_of: dt.date = dt.date(2026, 11, 1)
    rates: MessRates = field(default_factory=MessRates)
    # People per chunk. Part of the output's identity: the same seed with another chunk
    # size gives other (equally valid) data, so it is fixed here and not tuned per machine.
    chunk_size: int = 25_000

    def __post_init__(self) -> None:
        if self.people < 1:
            raise ValueError(f"people must be at least 1, got {self.people}")
        if self.chunk_size < 1:
            raise ValueError(f"chunk_size must be at least 1, got {self.chunk_size}")
