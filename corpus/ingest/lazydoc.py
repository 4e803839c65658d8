"""Documents whose text and blocks load on first use.

A warm start reads one manifest of document summaries (id, title, section,
authors, date, length, metadata) instead of every document's text, so listing
a 10,000-file corpus stays instant. The first access to ``text`` or
``blocks`` fills every document of that file at once from its cache entry (or
by parsing the file again when the entry is gone).

A :class:`LazyDocument` is a :class:`~corpus.model.Document` in every way
that matters to callers: same fields, same methods, picklable to worker
processes (pickling fills it first).
"""

from __future__ import annotations

from collections.abc import Callable

from ..jsontypes import JSON, JSONObject
from ..model import Block, Document

#: A document's summary as the manifest stores it (no text, no blocks): JSON, as read back.
Summary = JSONObject

_TEXT = Document.__dict__["text"]  # the slot descriptors of the real fields
_BLOCKS = Document.__dict__["blocks"]

#: Fills every lazy document of one file: ``fill(docs)``.
Filler = Callable[[list["LazyDocument"]], None]

_SUMMARY_FIELDS = ("id", "file", "section", "title", "authors", "date", "source", "index", "meta", "warnings")


class LazyDocument(Document):
    __slots__ = ("_chars", "_fill", "_siblings")
    _chars: int  # the length, from the manifest, until the text is loaded
    _fill: Filler
    _siblings: list[LazyDocument]  # the lazy documents of the same file (filled together)

    def _ensure(self) -> None:
        try:
            _TEXT.__get__(self, LazyDocument)
            return
        except AttributeError:
            pass
        self._fill(self._siblings)
        try:
            _TEXT.__get__(self, LazyDocument)
        except AttributeError:  # the file no longer yields this document
            _TEXT.__set__(self, "")
            _BLOCKS.__set__(self, [])

    def _get_text(self) -> str:
        try:  # loaded: one slot read (analysis asks every document's text per question)
            text: str = _TEXT.__get__(self, LazyDocument)
        except AttributeError:
            self._ensure()
            text = _TEXT.__get__(self, LazyDocument)
        return text

    def _get_blocks(self) -> list[Block]:
        self._ensure()
        blocks: list[Block] = _BLOCKS.__get__(self, LazyDocument)
        return blocks

    text = property(_get_text, _TEXT.__set__)
    blocks = property(_get_blocks, _BLOCKS.__set__)

    @property
    def chars(self) -> int:
        try:
            text: str = _TEXT.__get__(self, LazyDocument)
            return len(text)
        except AttributeError:
            return self._chars

    def __reduce__(self) -> tuple[Callable[[JSONObject], Document], tuple[dict[str, JSON]]]:
        # Ship a plain Document: workers need no cache access.
        return (Document.from_dict, (self.to_dict(),))

    @property
    def loaded(self) -> bool:
        try:
            _TEXT.__get__(self, LazyDocument)
            return True
        except AttributeError:
            return False


def summary_record(doc: Document) -> Summary:
    """What the manifest stores for one document (no text, no blocks)."""
    rec = {name: getattr(doc, name) for name in _SUMMARY_FIELDS}
    rec["chars"] = doc.chars
    return rec


def lazy_documents(records: list[Summary], fill: Filler) -> list[LazyDocument]:
    """Lazy documents of one file from its manifest records.

    Written out field by field: this runs once per document on every warm start.
    """
    docs: list[LazyDocument] = []
    new = object.__new__
    for rec in records:
        doc = new(LazyDocument)
        doc.id = rec["id"]
        doc.file = rec["file"]
        doc.section = rec["section"]
        doc.title = rec["title"]
        # The record's lists and dicts come fresh from json.loads: no copies needed.
        doc.authors = rec.get("authors") or []
        doc.date = rec.get("date")
        doc.source = rec.get("source")
        doc.index = rec.get("index") or 0
        doc.meta = rec.get("meta") or {}
        doc.warnings = rec.get("warnings") or []
        doc._chars = rec.get("chars") or 0
        doc._siblings = docs
        doc._fill = fill
        docs.append(doc)
    return docs


def fill_from(docs: list[LazyDocument], full: list[Document]) -> None:
    """Give each lazy document the text and blocks of its parsed twin (same id)."""
    by_id = {d.id: d for d in full}
    for doc in docs:
        twin = by_id.get(doc.id)
        if twin is not None:
            _TEXT.__set__(doc, twin.text)
            _BLOCKS.__set__(doc, twin.blocks)
