"""Dates in queries and documents: ``date:2023-08..2023-09`` and a document's ISO date,
both as numbers ``YYYYMMDD`` (00 for an unknown month or day) that compare in order."""

from __future__ import annotations

import re

from .nodes import DateRange, QuerySyntaxError

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _date_bounds(raw: str, pos: int) -> tuple[int, int]:
    m = _DATE_RE.fullmatch(raw)
    if m is None:
        raise QuerySyntaxError(f"bad date {raw!r}", pos, "use 2023, 2023-08, 2023-08-13 or 2023-08..2023-09")
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else 0
    day = int(m.group(3)) if m.group(3) else 0
    if (m.group(2) and not 1 <= month <= 12) or (m.group(3) and not 1 <= day <= 31):
        raise QuerySyntaxError(f"bad date {raw!r}", pos, "months 1-12, days 1-31")
    base = year * 10000 + month * 100 + day
    if not m.group(2):
        return base, base + 9999
    if not m.group(3):
        return base, base + 99
    return base, base


def date_value(date: str | None) -> int | None:
    """A document's ISO date (``2023-08-13``, ``2023-08``, ``2023``) as the number
    :class:`DateRange` compares, or None when there is none or it is not a date."""
    if not date:
        return None
    m = _DATE_RE.match(date.strip())
    if m is None:
        return None
    month = int(m.group(2)) if m.group(2) else 0
    day = int(m.group(3)) if m.group(3) else 0
    return int(m.group(1)) * 10000 + month * 100 + day


def parse_date(raw: str, pos: int) -> DateRange:
    if not raw:
        raise QuerySyntaxError("date: needs a date, like date:2023-08 or date:2023-08..2023-09", pos)
    if ".." in raw:
        first, _, last = raw.partition("..")
        if not first and not last:
            raise QuerySyntaxError("date: needs at least one end of the range", pos)
        lo = _date_bounds(first, pos)[0] if first else 0
        hi = _date_bounds(last, pos + len(first) + 2)[1] if last else 99999999
        if lo > hi:
            raise QuerySyntaxError(f"the date range {raw!r} ends before it starts", pos)
        return DateRange(lo, hi, pos)
    lo, hi = _date_bounds(raw, pos)
    return DateRange(lo, hi, pos)

