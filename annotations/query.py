"""Finding annotations again: a ``Filter`` and its one-line mini-language.

``parse_filter`` reads what a person types in the filter bar::

    tag:跨境 tag:外贸        both tags (all of them)
    tag:跨境,外贸            either tag (any of them; ``|`` works too)
    -tag:旧                  without that tag
    doc:ID  section:经济     document id (or unique prefix) / section
    color:2  color:2,3       colour(s) 1–6
    since:2024-01-01  until:2024-03-31   created in that range (dates inclusive)
    status:orphan            anchor status (anchored, moved, orphan)
    free words "or a phrase" every word must occur in the quote or the note

Text matching folds traditional/simplified, full-width/half-width and case
(``corpus.text.fold``), so ``貿易`` finds ``贸易``.  Unknown ``key:value`` words are
treated as free text (Chinese text often contains colons).
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass, field, fields

from corpus.text.fold import fold

from .colors import COLORS
from .model import STATUSES, Annotation, normalize_tags


class FilterError(ValueError):
    """A filter expression that cannot mean anything (bad date, colour, status)."""


def _parse_when(value: str, *, end: bool) -> str:
    """An ISO date or datetime as a comparable UTC string (``until`` dates are inclusive)."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = dt.date.fromisoformat(value)
            if end:
                day += dt.timedelta(days=1)
            return f"{day.isoformat()}T00:00:00.000Z"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            year, month = map(int, value.split("-"))
            if end:
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            return f"{dt.date(year, month, 1).isoformat()}T00:00:00.000Z"
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise FilterError(f"not a date: {value!r} (use YYYY-MM-DD)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class Filter:
    tags_any: tuple[str, ...] = ()
    tags_all: tuple[str, ...] = ()
    tags_none: tuple[str, ...] = ()
    doc: str | None = None  # document id or unique prefix of one
    section: str | None = None
    text: str | None = None  # every whitespace-separated word in quote or note
    color: tuple[int, ...] = ()
    since: str | None = None  # ISO date/datetime, inclusive
    until: str | None = None  # ISO date (whole day included) or datetime (exclusive)
    status: str | None = None
    # Derived in __post_init__ (not arguments, not compared): the bounds as comparable
    # UTC strings, the folded words and section.
    _since: str | None = field(default=None, init=False, repr=False, compare=False)
    _until: str | None = field(default=None, init=False, repr=False, compare=False)
    _words: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    _section: str | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Accept a bare int/str where a tuple is meant: Filter(color=2, tags_any="x").
        # Tags are spelled as stored (``tag:#金融`` finds 金融).
        for name in ("tags_any", "tags_all", "tags_none"):
            object.__setattr__(self, name, normalize_tags(getattr(self, name)))
        color = self.color
        color = (color,) if isinstance(color, int) else tuple(int(c) for c in color or ())
        bad = [c for c in color if c not in COLORS]
        if bad:
            raise FilterError(f"colour must be 1–6, not {bad[0]}")
        object.__setattr__(self, "color", color)
        if self.status is not None and self.status not in STATUSES:
            raise FilterError(f"status must be one of {', '.join(STATUSES)}, not {self.status!r}")
        # Fail early on bad dates rather than at match time.
        object.__setattr__(self, "_since", _parse_when(self.since, end=False) if self.since else None)
        object.__setattr__(self, "_until", _parse_when(self.until, end=True) if self.until else None)
        words = tuple(fold(w) for w in (self.text or "").split())
        object.__setattr__(self, "_words", words)
        object.__setattr__(self, "_section", fold(self.section) if self.section else None)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if not f.name.startswith("_"))

    def matches(self, ann: Annotation) -> bool:
        tags = ann.tags
        if self.tags_any and not any(t in tags for t in self.tags_any):
            return False
        if self.tags_all and not all(t in tags for t in self.tags_all):
            return False
        if self.tags_none and any(t in tags for t in self.tags_none):
            return False
        if self.doc and not (ann.target.doc_id == self.doc or ann.target.doc_id.startswith(self.doc)):
            return False
        if self._section is not None and fold(ann.target.section) != self._section:
            return False
        if self.color and ann.color not in self.color:
            return False
        if self.status and ann.status != self.status:
            return False
        if self._since and ann.created < self._since:
            return False
        if self._until and ann.created >= self._until:
            return False
        if self._words:
            hay = fold(ann.selector.exact + "\n" + ann.note + "\n" + " ".join(ann.tags))
            if not all(w in hay for w in self._words):
                return False
        return True

    def to_text(self) -> str:
        """The mini-language form (``parse_filter(f.to_text()) == f``)."""
        out: list[str] = [f"tag:{_q(t)}" for t in self.tags_all]
        if self.tags_any:
            many = len(self.tags_any) > 1
            out.append("tag:" + _q(",".join(self.tags_any)) if many else f"tag:{_q(self.tags_any[0])},")
        out += [f"-tag:{_q(t)}" for t in self.tags_none]
        for key in ("doc", "section", "since", "until", "status"):
            value = getattr(self, key)
            if value:
                out.append(f"{key}:{_q(value)}")
        if self.color:
            out.append("color:" + ",".join(map(str, self.color)))
        if self.text:
            out += [_q(w) for w in self.text.split()]
        return " ".join(out)


def _q(value: str) -> str:
    return shlex.quote(value) if re.search(r"[\s'\"]", value) else value


_KEYS = {"tag", "-tag", "doc", "section", "color", "colour", "since", "until", "status", "is"}


def parse_filter(text: str) -> Filter:
    """The ``Filter`` a filter-bar line means; ``FilterError`` for a bad value."""
    try:
        words = shlex.split(text or "", posix=True)
    except ValueError:  # an unbalanced quote: take the words literally
        words = (text or "").split()
    tags_all: list[str] = []
    tags_any: list[str] = []
    tags_none: list[str] = []
    free: list[str] = []
    opts: dict[str, str] = {}  # doc, section, since, until, status
    colors: list[int] = []
    for word in words:
        key, sep, value = word.partition(":")
        key = key.lower()
        if not sep or key not in _KEYS or not value:
            free.append(word)
            continue
        if key == "tag":
            parts = [p for p in re.split(r"[,|]", value) if p.strip()]
            if re.search(r"[,|]", value):
                tags_any.extend(parts)
            else:
                tags_all.extend(parts)
        elif key == "-tag":
            tags_none.extend(p for p in re.split(r"[,|]", value) if p.strip())
        elif key in ("color", "colour"):
            for part in value.split(","):
                if not part.strip().isdigit():
                    raise FilterError(f"colour must be 1–6, not {part!r}")
                colors.append(int(part))
        elif key == "is":
            opts["status"] = value.lower()
        else:
            opts[key] = value.lower() if key == "status" else value
    return Filter(
        tags_any=tuple(tags_any),
        tags_all=tuple(tags_all),
        tags_none=tuple(tags_none),
        color=tuple(colors),
        text=" ".join(free) or None,
        doc=opts.get("doc"),
        section=opts.get("section"),
        since=opts.get("since"),
        until=opts.get("until"),
        status=opts.get("status"),
    )
