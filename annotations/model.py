"""The annotation record: a note and tags anchored to a passage of a document.

Selectors follow the W3C Web Annotation model: a ``TextQuoteSelector``
(exact + prefix + suffix) and a ``TextPositionSelector`` (start, end in code
points over ``Document.text``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypedDict, Unpack

from corpus.jsontypes import JSONObject
from corpus.model import Document

from .colors import COLORS

CONTEXT_CHARS = 32
STATUSES = ("anchored", "moved", "orphan")


def utc_now() -> str:
    """UTC timestamp in ISO 8601 with a ``Z``, to the millisecond."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass(frozen=True, slots=True)
class Target:
    file: str  # corpus-relative path of the source file
    doc_id: str
    fingerprint: str  # Document.fingerprint when the note was made / last anchored
    section: str = ""
    title: str = ""

    @classmethod
    def of(cls, doc: Document) -> Target:
        """The target for a passage of ``doc`` as it is now."""
        return cls(doc.file, doc.id, doc.fingerprint, doc.section, doc.title)


@dataclass(frozen=True, slots=True)
class Selector:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


class AnnotationChanges(TypedDict, total=False):
    """Fields of an :class:`Annotation` to replace (:meth:`Annotation.with_changes`)."""

    id: str
    target: Target
    selector: Selector
    note: str
    tags: tuple[str, ...]
    color: int
    created: str
    modified: str
    status: str


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    target: Target
    selector: Selector
    note: str = ""
    tags: tuple[str, ...] = ()
    color: int = 1
    created: str = field(default_factory=utc_now)
    modified: str = field(default_factory=utc_now)
    status: str = "anchored"

    @property
    def quote(self) -> str:
        return self.selector.exact

    def with_changes(self, **changes: Unpack[AnnotationChanges]) -> Annotation:
        return replace(self, **changes)

    def to_record(self) -> JSONObject:
        """The stored (TinyDB) form: plain JSON types only."""
        return {
            "id": self.id,
            "target": {
                "file": self.target.file,
                "doc_id": self.target.doc_id,
                "fingerprint": self.target.fingerprint,
                "section": self.target.section,
                "title": self.target.title,
            },
            "selector": {
                "exact": self.selector.exact,
                "prefix": self.selector.prefix,
                "suffix": self.selector.suffix,
                "start": self.selector.start,
                "end": self.selector.end,
            },
            "note": self.note,
            "tags": list(self.tags),
            "color": self.color,
            "created": self.created,
            "modified": self.modified,
            "status": self.status,
        }

    @classmethod
    def from_record(cls, rec: JSONObject) -> Annotation:
        t, s = rec["target"], rec["selector"]
        return cls(
            id=str(rec["id"]),
            target=Target(
                file=str(t["file"]),
                doc_id=str(t.get("doc_id", "")),
                fingerprint=str(t.get("fingerprint", "")),
                section=str(t.get("section", "")),
                title=str(t.get("title", "")),
            ),
            selector=Selector(
                exact=str(s["exact"]),
                prefix=str(s.get("prefix", "")),
                suffix=str(s.get("suffix", "")),
                start=int(s.get("start", 0)),
                end=int(s.get("end", 0)),
            ),
            note=str(rec.get("note", "")),
            tags=tuple(str(x) for x in rec.get("tags", ())),
            color=int(rec.get("color", 1)),
            created=str(rec.get("created") or utc_now()),
            modified=str(rec.get("modified") or rec.get("created") or utc_now()),
            status=str(rec.get("status", "anchored")),
        )


def make_selector(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Selector:
    """Quote + context + position for ``text[start:end]``."""
    return Selector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


#: Tags are typed on one line; people use ASCII and full-width separators alike.
_TAG_SEPARATORS = re.compile(r"[,，、;；\n]+")


def normalize_tags(tags: str | Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: each without a leading ``#`` and with its whitespace folded;
    no empties, no repeats (first spelling wins). ``validate`` applies it."""
    if isinstance(tags, str):
        tags = [tags]
    seen: dict[str, None] = {}
    for tag in tags:
        t = " ".join(str(tag).split()).lstrip("#").lstrip()
        if t:
            seen.setdefault(t, None)
    return tuple(seen)


def parse_tags(typed: str | Iterable[str]) -> tuple[str, ...]:
    """Tags as a person types them, in the app's tag field or with ``--tag``.

    ``"跨境, 政策，#金融、政策;"`` → ``("跨境", "政策", "金融")``: split on ASCII and
    full-width commas, 、, semicolons and newlines, then :func:`normalize_tags`.
    Several strings (``--tag`` given more than once) are each split the same way.
    """
    lines = [typed] if isinstance(typed, str) else typed
    return normalize_tags([part for line in lines for part in _TAG_SEPARATORS.split(line)])


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def problems(ann: Annotation) -> list[str]:
    """Why ``ann`` is not a valid annotation (empty when it is)."""
    out = []
    if not ann.id:
        out.append("empty id")
    if not ann.selector.exact.strip():
        out.append("empty quote")
    if ann.color not in COLORS:
        out.append(f"colour {ann.color} is not 1–6")
    if ann.status not in STATUSES:
        out.append(f"unknown status {ann.status!r}")
    if not 0 <= ann.selector.start <= ann.selector.end:
        out.append(f"bad position {ann.selector.start}–{ann.selector.end}")
    texts = (ann.id, ann.note, ann.selector.exact, ann.selector.prefix, ann.selector.suffix,
             ann.target.file, ann.target.doc_id, ann.target.title, ann.target.section, *ann.tags)
    if not _encodable("".join(texts)):  # one encode: this runs for every record on load
        out.append("text contains characters that cannot be stored as UTF-8 (lone surrogates)")
    return out


def validate(ann: Annotation) -> Annotation:
    """``ann`` with normalised tags; ``ValueError`` naming every problem otherwise."""
    found = problems(ann)
    if found:
        raise ValueError(f"invalid annotation {ann.id or '(no id)'}: " + "; ".join(found))
    tags = normalize_tags(ann.tags)
    return ann if tags == ann.tags else replace(ann, tags=tags)


def new_annotation(
    doc: Document, start: int, end: int, note: str = "", tags: Iterable[str] = (), color: int = 1
) -> Annotation:
    """A fresh, valid annotation of ``doc.text[start:end]`` (tags normalised by ``validate``)."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"selection {start}–{end} is outside the document (0–{len(doc.text)}) or empty")
    now = utc_now()
    ann = Annotation(
        id=new_id(),
        target=Target.of(doc),
        selector=make_selector(doc.text, start, end),
        note=note,
        tags=(tags,) if isinstance(tags, str) else tuple(tags),
        color=color,
        created=now,
        modified=now,
    )
    return validate(ann)
