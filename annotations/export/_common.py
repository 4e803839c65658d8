"""Helpers shared by the exporters: ordering, grouping, tags, progress.

Every exporter is a pure function of ``(annotations, corpus)``. Determinism
comes from one total order used everywhere: section order of the corpus →
document reading order → position → id. Annotations whose document is not
in the corpus sort after the known ones, by their stored section, file and id.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from corpus.model import Corpus, Document

from ..model import Annotation

Progress = Callable[[int, int], None]

UNKNOWN_SECTION = "(unknown section)"


@dataclass
class DocGroup:
    """The annotations of one document, with the document when the corpus has it."""

    doc_id: str
    file: str
    title: str
    doc: Document | None
    annotations: list[Annotation] = field(default_factory=list)


@dataclass
class SectionGroup:
    section: str
    documents: list[DocGroup] = field(default_factory=list)


def document_of(ann: Annotation, corpus: Corpus | None) -> Document | None:
    return corpus.get(ann.target.doc_id) if corpus is not None else None


#: Placed notes sort as (0, section, "", document, "", "", start, end, id), the others as
#: (1, 0, section name, 0, file, document id, start, end, id).
SortKey = tuple[int, int, str, int, str, str, int, int, str]


def sort_key_factory(corpus: Corpus | None) -> Callable[[Annotation], SortKey]:
    """A total order: section order, reading order, position, then id."""
    sec_index: dict[str, int] = {}
    doc_index: dict[str, int] = {}
    if corpus is not None:
        for i, (section, _docs) in enumerate(corpus.sections()):
            sec_index[section] = i
        for i, doc in enumerate(corpus.documents):
            doc_index[doc.id] = i

    documents = corpus.documents if corpus is not None else []

    def key(ann: Annotation) -> SortKey:
        t, s = ann.target, ann.selector
        di = doc_index.get(t.doc_id)
        if di is not None:
            doc = documents[di]
            return (0, sec_index[doc.section], "", di, "", "", s.start, s.end, ann.id)
        return (1, 0, t.section, 0, t.file, t.doc_id, s.start, s.end, ann.id)

    return key


def ordered(anns: Iterable[Annotation], corpus: Corpus | None) -> list[Annotation]:
    return sorted(anns, key=sort_key_factory(corpus))


def grouped(anns: Iterable[Annotation], corpus: Corpus | None) -> list[SectionGroup]:
    """Section → document groups, in the deterministic order."""
    sections: list[SectionGroup] = []
    by_section: dict[str, SectionGroup] = {}
    by_doc: dict[tuple[str, str], DocGroup] = {}
    for ann in ordered(anns, corpus):
        doc = document_of(ann, corpus)
        section = doc.section if doc else (ann.target.section or UNKNOWN_SECTION)
        sg = by_section.get(section)
        if sg is None:
            sg = by_section[section] = SectionGroup(section)
            sections.append(sg)
        dkey = (section, ann.target.doc_id or ann.target.file)
        dg = by_doc.get(dkey)
        if dg is None:
            dg = by_doc[dkey] = DocGroup(
                doc_id=ann.target.doc_id,
                file=doc.file if doc else ann.target.file,
                title=doc.title if doc else (ann.target.title or ann.target.file or ann.target.doc_id),
                doc=doc,
            )
            sg.documents.append(dg)
        dg.annotations.append(ann)
    return sections


def placed(ann: Annotation, doc: Document | None) -> bool:
    """True when the annotation's position still holds its quote in ``doc``."""
    if doc is None or ann.status == "orphan":
        return False
    s = ann.selector
    return 0 <= s.start < s.end <= len(doc.text) and doc.text[s.start : s.end] == s.exact


def page_of(ann: Annotation, doc: Document | None) -> int | None:
    """The page (of a PDF) where the annotation starts; None for unpaged documents."""
    if doc is None or not doc.blocks or ann.selector.start > len(doc.text):
        return None
    return doc.page_at(ann.selector.start)  # a paragraph running on over a page break: the right page


def latest_modified(anns: Iterable[Annotation]) -> str:
    """The newest ``modified`` stamp: a stable stand-in for an export time."""
    return max((a.modified for a in anns), default="")


def all_tags(anns: Iterable[Annotation]) -> list[str]:
    return sorted({t for a in anns for t in a.tags})


_TAG_BAD = re.compile(r"[^\w\-/]+")


def hashtag(tag: str) -> str:
    """``#tag`` as note-taking tools parse it: spaces and punctuation become ``_``."""
    cleaned = _TAG_BAD.sub("_", tag.strip()).strip("_") or "_"
    if cleaned.isdigit():  # Obsidian ignores all-digit tags
        cleaned = "_" + cleaned
    return "#" + cleaned


def front_matter_tags(anns: Iterable[Annotation]) -> list[str]:
    """Tags as note-taking tools accept them in front matter (``hashtag`` without ``#``)."""
    return sorted({hashtag(t)[1:] for a in anns for t in a.tags})


def utc_iso(stamp: str) -> str:
    """``stamp`` as UTC ISO 8601 with ``Z``; unparseable input is returned unchanged."""
    if stamp.endswith("Z"):
        return stamp
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


class Ticker:
    """Calls ``progress(done, total)`` every ``step`` items and at the end."""

    def __init__(self, progress: Progress | None, total: int, step: int = 250) -> None:
        self.progress, self.total, self.step, self.done = progress, total, step, 0

    def tick(self, n: int = 1) -> None:
        if self.progress is None:
            return
        before = self.done
        self.done += n
        if self.done // self.step != before // self.step or self.done >= self.total:
            self.progress(min(self.done, self.total), self.total)

    def finish(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total)
