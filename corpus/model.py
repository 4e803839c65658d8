"""Core value types of the corpus: documents, blocks, spans and load errors.

Text is a string plus spans with character offsets (Python string indices,
i.e. Unicode code points), like rich's ``Text``: ``doc.text[b.start:b.end]`` is
always the text of block ``b``. Only the UI converts characters to cells.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from corpus.jsontypes import JSON, JSONObject

#: Block types produced by ingestion. ``paragraph`` is body text; everything
#: else is structure or layout material the reader styles apart.
BLOCK_TYPES = (
    "title",  # the document's own title (first block)
    "heading",  # a subheading inside the document
    "paragraph",
    "byline",  # 本报记者 … 报道, a lone author name, 据新华社电
    "caption",  # 视觉中国/图, …(新华社发)
    "source",  # (中国经济网供稿), 新华社 2023-08-13, 附：…
    "continuation",  # 上接A1版 / 下转A2版
    "furniture",  # editor lists, phone numbers, URLs on their own line
    "list",  # table-of-contents or list material kept as-is
)


@dataclass(frozen=True, slots=True)
class Block:
    """A typed run of ``Document.text``: ``text[start:end]``."""

    type: str
    start: int
    end: int
    level: int = 0  # heading depth (1 = title, 2 = subheading); 0 otherwise
    page: int | None = None  # 1-based page of a paged source (PDF) where the block starts; None otherwise
    #: Pages that start inside the block (a paragraph running on over a page break):
    #: ``(offset in Document.text, page)``, in order; empty for most blocks.
    turns: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, JSON]:
        return {"type": self.type, "start": self.start, "end": self.end, "level": self.level, "page": self.page,
                "turns": [list(t) for t in self.turns]}

    @classmethod
    def from_dict(cls, b: JSONObject) -> Block:
        turns = tuple((int(o), int(p)) for o, p in b.get("turns") or ())
        return cls(b["type"], b["start"], b["end"], b.get("level", 0), b.get("page"), turns)


#: What a highlight carries for its layer: the keyword (``str``), the watch word's colour
#: (``str``), a note's ``(colour, id)``, an export's note number (``int``), or nothing.
SpanData: TypeAlias = "str | int | tuple[int, str] | None"


@dataclass(frozen=True, slots=True)
class Span:
    """A highlight over ``Document.text`` in one display layer."""

    start: int
    end: int
    kind: str  # keyword | watch | search | annotation | selection
    weight: float = 1.0
    data: SpanData = None  # e.g. the watch word's colour or the annotation id


@dataclass(slots=True, repr=False)
class Document:
    """One readable document: an article of a page, a magazine entry, a file."""

    id: str
    file: str  # path relative to the corpus root, POSIX separators
    section: str
    title: str
    text: str
    blocks: list[Block]
    authors: list[str] = field(default_factory=list)
    date: str | None = None  # ISO date (YYYY-MM-DD) when known
    source: str | None = None
    index: int = 0  # place of this document within its file
    meta: JSONObject = field(default_factory=dict)  # front matter etc. (JSON-shaped: it is cached)
    warnings: list[str] = field(default_factory=list)
    # (text, its fingerprint): hashed once per text, and again only if ``text`` is replaced.
    _fingerprint: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def __repr__(self) -> str:
        # Short on purpose: reprs end up in logs and worker descriptions, and
        # the full text (lazily loaded for cached documents) does not belong there.
        return f"Document(id={self.id!r}, file={self.file!r}, title={self.title!r}, chars={self.chars})"

    @property
    def fingerprint(self) -> str:
        """A short hash of the text, so annotations can notice edits (computed once per text)."""
        text = self.text
        try:
            cached = self._fingerprint
        except AttributeError:  # a LazyDocument is built without __init__
            cached = None
        if cached is not None and cached[0] is text:
            return cached[1]
        value = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        self._fingerprint = (text, value)
        return value

    @property
    def chars(self) -> int:
        return len(self.text)

    def iter_blocks(self, *types: str) -> Iterator[tuple[Block, str]]:
        for block in self.blocks:
            if not types or block.type in types:
                yield block, self.text[block.start : block.end]

    def block_at(self, offset: int) -> int:
        """Index of the block containing (or following) character ``offset``."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        return min(lo, max(len(self.blocks) - 1, 0))

    def page_at(self, offset: int) -> int | None:
        """The page (of a paged source) character ``offset`` is printed on; None if unpaged."""
        if not self.blocks:
            return None
        block = self.blocks[self.block_at(offset)]
        page = block.page
        for at, turned in block.turns:
            if at <= offset:
                page = turned
        return page

    def summary(self) -> dict[str, JSON]:
        """The ``reader list --json`` record."""
        return {
            "id": self.id,
            "file": self.file,
            "section": self.section,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "chars": self.chars,
        }

    def to_dict(self) -> dict[str, JSON]:
        """Full serialisable form (cache and ``reader show --json``)."""
        return {
            "id": self.id,
            "file": self.file,
            "section": self.section,
            "title": self.title,
            "authors": list(self.authors),
            "date": self.date,
            "source": self.source,
            "index": self.index,
            "meta": self.meta,
            "warnings": list(self.warnings),
            "text": self.text,
            "blocks": [b.to_dict() for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, data: JSONObject) -> Document:
        return cls(
            id=data["id"],
            file=data["file"],
            section=data["section"],
            title=data["title"],
            text=data["text"],
            blocks=[Block.from_dict(b) for b in data["blocks"]],
            authors=list(data.get("authors") or []),
            date=data.get("date"),
            source=data.get("source"),
            index=data.get("index", 0),
            meta=dict(data.get("meta") or {}),
            warnings=list(data.get("warnings") or []),
        )


@dataclass(frozen=True, slots=True)
class LoadError:
    """A file that could not become documents, with a reason a person can act on."""

    file: str
    error: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "error": self.error}


@dataclass(slots=True, repr=False)
class Corpus:
    """Everything loaded from one root: documents in reading order plus errors."""

    root: str
    documents: list[Document]
    errors: list[LoadError] = field(default_factory=list)
    _by_id: dict[str, Document] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {d.id: d for d in self.documents}

    def __repr__(self) -> str:
        return f"Corpus(root={self.root!r}, documents={len(self.documents)}, errors={len(self.errors)})"

    def get(self, doc_id: str) -> Document | None:
        return self._by_id.get(doc_id)

    def find(self, key: str) -> Document:
        """Look a document up by id, unique id prefix, or file path.

        Raises ``KeyError`` with a message naming the problem.
        """
        if key in self._by_id:
            return self._by_id[key]
        matches = [d for d in self.documents if d.id.startswith(key)]
        if not matches:
            matches = [d for d in self.documents if d.file == key]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise KeyError(f"no document with id {key!r}")
        raise KeyError(f"{key!r} is ambiguous: {len(matches)} documents match")

    def sections(self) -> list[tuple[str, list[Document]]]:
        """Sections in order of first appearance, each with its documents."""
        order: dict[str, list[Document]] = {}
        for doc in self.documents:
            order.setdefault(doc.section, []).append(doc)
        return list(order.items())

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)


def document_id(relpath: str, index: int, multi: bool) -> str:
    """Stable id: from the relative path and the place in the file only."""
    # surrogateescape: a name with undecodable bytes still hashes (to the bytes it has).
    digest = hashlib.sha1(relpath.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{digest}-{index + 1:02d}" if multi else digest


Paged = tuple[str, str, int, int | None] | tuple[str, str, int, int | None, Sequence[tuple[int, int]]]


def join_blocks(parts: Iterable[tuple[str, str, int] | Paged]) -> tuple[str, list[Block]]:
    """Build document text and blocks from ``(type, text, level)``, ``(type, text, level, page)``
    or ``(type, text, level, page, turns)`` parts (``turns``: ``(offset in text, page)``).

    Blocks are separated by a blank line so the plain text reads well on its own.
    """
    chunks: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for part in parts:
        btype, text, level = part[0], part[1], part[2]
        page = part[3] if len(part) > 3 else None
        turns = part[4] if len(part) > 4 else ()
        if not text:
            continue
        if chunks:
            chunks.append("\n\n")
            pos += 2
        chunks.append(text)
        inside = tuple((pos + at, p) for at, p in turns if 0 < at < len(text))
        blocks.append(Block(btype, pos, pos + len(text), level, page, inside))
        pos += len(text)
    return "".join(chunks), blocks
