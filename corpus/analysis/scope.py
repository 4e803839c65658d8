"""Which documents a question is about: a section, a date range, one document.

The same filters for every view and command (``--section``, ``--since``,
``--until``, ``--doc``). Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and
inclusive at both ends: ``--since 2025-09 --until 2025-12`` is September to
December. A document without a date is outside any date range. Section names
match with folding (繁/简, width, case), as search does.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Corpus, Document
from ..text.fold import fold

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class ScopeError(ValueError):
    """A filter that cannot mean anything (bad date, unknown section or document)."""


def check_date(value: str) -> str:
    """``value`` if it is a date of the accepted forms, else :class:`ScopeError`."""
    value = value.strip()
    if not _DATE.fullmatch(value):
        raise ScopeError(f"not a date: {value!r} (use YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ScopeError(f"not a date: {value!r}") from None
    return value


@dataclass(frozen=True, slots=True)
class Scope:
    """A document filter; the empty scope is the whole corpus."""

    section: str | None = None
    since: str | None = None
    until: str | None = None
    doc: str | None = None  # a document id or unique id prefix

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, check_date(value))
        if self.since and self.until and self.since[: len(self.until)] > self.until:
            raise ScopeError(f"--since {self.since} is after --until {self.until}")

    @property
    def empty(self) -> bool:
        return not (self.section or self.since or self.until or self.doc)

    def date_matches(self, date: str | None) -> bool:
        if not (self.since or self.until):
            return True
        if not date:
            return False
        if self.since and date[: len(self.since)] < self.since:
            return False
        return not (self.until and date[: len(self.until)] > self.until)

    def describe(self) -> str:
        """A short human description (``section 外贸观察 · 2025-09…2025-12``)."""
        parts = []
        if self.section:
            parts.append(f"section {self.section}")
        if self.since or self.until:
            parts.append(f"{self.since or '…'}…{self.until or '…'}")
        if self.doc:
            parts.append(f"document {self.doc}")
        return " · ".join(parts) or "whole corpus"

    def select(self, corpus: Corpus) -> list[Document]:
        """The documents of ``corpus`` in this scope, in reading order.

        An unknown section or document is a :class:`ScopeError` naming the choices,
        not an empty answer.
        """
        docs = corpus.documents
        if self.doc:
            try:
                docs = [corpus.find(self.doc)]
            except KeyError as exc:
                raise ScopeError(exc.args[0]) from None
        if self.section:
            want = fold(self.section.strip())
            names = [name for name, _ in corpus.sections()]
            if not any(fold(n) == want for n in names):
                raise ScopeError(f"no section named {self.section!r} (sections: {', '.join(names) or 'none'})")
            docs = [d for d in docs if fold(d.section) == want]
        if self.since or self.until:
            docs = [d for d in docs if self.date_matches(d.date)]
        return list(docs)
