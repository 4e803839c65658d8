"""Trends: how often terms occur over time, per day, week, month or year.

For each period (documents carry ISO dates) and term:

* ``count`` — occurrences (:mod:`.occurrences`, the same as search);
* ``docs`` — documents of the period containing the term;
* ``per10k`` — ``count × 10,000 / chars``, where ``chars`` is the length of all
  the period's documents in the scope (so a busy month is not mistaken for a
  rise).

Periods are ``2025-09-16`` (day), ``2025-W38`` (ISO week), ``2025-09`` (month)
and ``2025`` (year). Every period from the scope's first dated document to its
last is listed, empty ones with zeros, so a chart's time axis is honest (up to
:data:`MAX_PERIODS`; beyond that only periods with documents). Undated documents
are counted apart (``undated``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from corpus.jsontypes import JSON

from ..model import Corpus
from .common import CancelCheck, Progress, Row, check
from .occurrences import check_term, find
from .scope import Scope

PERIODS = ("day", "week", "month", "year")
MAX_PERIODS = 20_000


def _parse(date: str) -> dt.date | None:
    parts = date.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def period_of(date: str | None, by: str) -> str | None:
    """The period label of an ISO date (None for a missing or bad date)."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r} (use one of: {', '.join(PERIODS)})")
    day = _parse(date) if date else None
    if day is None:
        return None
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def _next_start(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7 - day.weekday())
    if by == "month":
        return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def period_range(first: str, last: str, by: str) -> list[str] | None:
    """Every period label from the one of ``first`` to the one of ``last`` (ISO dates),
    or None when there are more than :data:`MAX_PERIODS`."""
    a, b = _parse(first), _parse(last)
    if a is None or b is None:
        return None
    out: list[str] = []
    day = a
    end = period_of(last, by)
    while True:
        label = period_of(day.isoformat(), by)
        assert label is not None
        out.append(label)
        if label == end or day > b:
            return out
        if len(out) > MAX_PERIODS:
            return None
        day = _next_start(day, by)


@dataclass(frozen=True, slots=True)
class Point:
    period: str
    count: int
    docs: int
    per10k: float

    def to_dict(self) -> dict[str, JSON]:
        return {"period": self.period, "count": self.count, "docs": self.docs, "per10k": round(self.per10k, 4)}


@dataclass(slots=True)
class Series:
    term: str
    points: list[Point]
    undated: Point
    total: int = 0

    def to_dict(self) -> dict[str, JSON]:
        return {"term": self.term, "total": self.total, "points": [p.to_dict() for p in self.points],
                "undated": self.undated.to_dict()}


@dataclass(frozen=True, slots=True)
class Period:
    """What a period holds, whatever the term: documents and characters."""

    period: str
    docs: int
    chars: int


@dataclass(slots=True)
class Trend:
    by: str
    periods: list[Period]
    series: list[Series] = field(default_factory=list)

    def to_dict(self) -> dict[str, JSON]:
        periods: list[JSON] = [{"period": p.period, "docs": p.docs, "chars": p.chars} for p in self.periods]
        return {"by": self.by, "periods": periods,
                "series": [s.to_dict() for s in self.series]}

    def columns(self) -> list[str]:
        return ["term", "period", "count", "docs", "per10k", "period_docs", "period_chars"]

    def rows(self) -> list[Row]:
        info = {p.period: p for p in self.periods}
        out: list[Row] = []
        for s in self.series:
            for p in [*s.points, s.undated]:
                period = info.get(p.period)
                out.append([s.term, p.period, p.count, p.docs, round(p.per10k, 4),
                            period.docs if period else 0, period.chars if period else 0])
        return out


def _per10k(count: int, chars: int) -> float:
    return count * 10_000 / chars if chars else 0.0


def trend(
    corpus: Corpus,
    terms: list[str],
    *,
    by: str = "month",
    scope: Scope | None = None,
    cancel: CancelCheck | None = None,
    progress: Progress | None = None,
) -> Trend:
    """The trend of each term over the scope (see the module docstring)."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r} (use one of: {', '.join(PERIODS)})")
    terms = [check_term(t) for t in terms]
    if not terms:
        raise ValueError("give at least one term")
    docs = (scope or Scope()).select(corpus)
    periods_of: dict[str | None, str | None] = {}  # documents share dates: each is read once
    label: dict[str, str | None] = {}
    for d in docs:
        p = periods_of.get(d.date, "")
        if p == "":
            p = periods_of[d.date] = period_of(d.date, by)
        label[d.id] = p
    docs_in: dict[str | None, int] = {}
    chars_in: dict[str | None, int] = {}
    for d in docs:
        p = label[d.id]
        docs_in[p] = docs_in.get(p, 0) + 1
        chars_in[p] = chars_in.get(p, 0) + d.chars
    dated = sorted(d.date for d in docs if label[d.id] is not None and d.date)
    order = period_range(dated[0], dated[-1], by) if dated else []
    if order is None:
        order = sorted(p for p in docs_in if p is not None)
    result = Trend(by, [Period(p, docs_in.get(p, 0), chars_in.get(p, 0)) for p in order])
    # Each document's period as a number (the last one: undated); -1 outside the scope.
    slots: dict[str | None, int] = {p: i for i, p in enumerate(order)}
    slots[None] = len(order)
    where = {d.id: i for i, d in enumerate(corpus.documents)}
    slot_of = np.full(len(corpus.documents), -1, dtype=np.int64)
    for d in docs:
        p = label[d.id]
        slot_of[where[d.id]] = slots.setdefault(p, len(slots))
    names: list[str | None] = [None] * len(slots)
    for p, i in slots.items():
        names[i] = p
    whole = len(docs) == len(corpus.documents)
    total_steps = len(terms) * len(docs)
    for k, term in enumerate(terms):
        def report(done: int, _total: int, step: int = k * len(docs)) -> None:
            if progress is not None:
                progress(step + done, total_steps)

        found = find(corpus, term, None if whole else docs, cancel=cancel, progress=report)
        check(cancel)
        hit_slots = slot_of[found.doc]
        count_in = np.bincount(hit_slots, minlength=len(slots))
        with_term = np.flatnonzero(found.counts())
        docs_in_slot = np.bincount(slot_of[with_term], minlength=len(slots))
        counts = {names[i]: int(count_in[i]) for i in np.flatnonzero(count_in).tolist()}
        holding = {names[i]: int(docs_in_slot[i]) for i in np.flatnonzero(docs_in_slot).tolist()}
        points = [Point(p, counts.get(p, 0), holding.get(p, 0), _per10k(counts.get(p, 0), chars_in.get(p, 0)))
                  for p in order]
        undated = Point("undated", counts.get(None, 0), holding.get(None, 0),
                        _per10k(counts.get(None, 0), chars_in.get(None, 0)))
        result.series.append(Series(term, points, undated, int(count_in.sum())))
    return result

