"""People, places and organisations named in the corpus, with every mention.

**Finding them.** :mod:`.tagging` tags every document with rjieba's
part-of-speech tagger: ``nr``/``nrfg``/``nrt`` are people, ``ns`` places, ``nt``
organisations.

**Keeping the real ones.** jieba's dictionary tags many common words as names
(顾客 nr, 城市 ns), so a tagged word is kept only when it is a keyword candidate
(two or more characters, no stop word or number), is not on the stop list of
``corpus/data/entities.txt``, does not end in 化/性/度/率, and — for a person not in
the user dictionary — starts with a common surname. Words of the user dictionary
tagged ``nr``/``ns``/``nt`` are always kept, with that kind.

**Merging variants.** Traditional and simplified spellings are one entity (the
tagger reads the simplified form); a place ending in 省/市/县/区/自治区/特别行政区
counts under its short form when the short form also occurs as a place (杭州市 →
杭州); the ``[aliases]`` of ``entities.txt`` map full names to the usual short
ones (中华人民共和国 → 中国, 国家发改委 → 国家发展改革委).

The kept mentions of the whole corpus are one pack (:class:`TagIndex`,
:mod:`.packs`): a table of entities is then a pass over distinct words, and the
mentions of one entity are listed only when asked for.
"""

from __future__ import annotations

import array
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from corpus.jsontypes import JSON

from ..model import Corpus, Document
from ..text import userdict
from ..text.fold import to_simplified
from ..text.stopwords import is_candidate
from . import packs
from .common import CancelCheck, Progress, Row
from .scope import Scope
from .tagging import ENTITIES_VERSION, FLAG_KIND, RawTag, document_tags

KINDS = ("person", "place", "org")
_PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "省", "市", "县", "区")
_ABSTRACT_ENDINGS = ("化", "性", "度", "率")
_MAGIC = b"RDRENT1\n"

#: (word, kind) → flat ``doc, start, end`` triplets.
Spans = dict[tuple[str, str], "array.array[int] | memoryview"]


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Rules:
    surnames: frozenset[str]
    stop: frozenset[str]
    aliases: dict[str, str]
    digest: str  # identifies the rules (part of the pack key)


def parse_rules(text: str) -> Rules:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).append(line)
    aliases = {}
    for line in sections.get("aliases", []):
        variant, sep, name = line.partition("=")
        if sep and variant.strip() and name.strip():
            aliases[variant.strip()] = name.strip()
    return Rules(
        surnames=frozenset(w for line in sections.get("surnames", []) for w in line.split()),
        stop=frozenset(w for line in sections.get("stop", []) for w in line.split()),
        aliases=aliases,
        digest=hashlib.sha1(text.encode("utf-8")).hexdigest()[:12],
    )


@lru_cache(maxsize=1)
def rules() -> Rules:
    return parse_rules((resources.files("corpus") / "data" / "entities.txt").read_text(encoding="utf-8"))


def user_entities() -> dict[str, str]:
    """Words of the user dictionary tagged as entities: word → kind."""
    return {w.word: FLAG_KIND[w.tag] for w in userdict.current()[0] if w.tag in FLAG_KIND}


def _has_surname(word: str, surnames: frozenset[str]) -> bool:
    if word[:2] in surnames:
        return 3 <= len(word) <= 4
    return word[:1] in surnames and 2 <= len(word) <= 3


def keep(word: str, kind: str, known: dict[str, str] | None = None) -> bool:
    """Is this tagged word a real entity? (see the module docstring)"""
    known = user_entities() if known is None else known
    if word in known:
        return True
    r = rules()
    if word in r.stop or not is_candidate(word) or word.endswith(_ABSTRACT_ENDINGS):
        return False
    if kind == "person":
        return _has_surname(word, r.surnames)
    return True


def short_place(word: str) -> str | None:
    """杭州市 → 杭州 (the short form, at least two characters), else None."""
    for suffix in _PLACE_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return None


# --------------------------------------------------------------------------- the mentions


class TagIndex:
    """Kept mentions grouped by (word, kind): flat ``doc, start, end`` triplets, where
    ``doc`` is an index into ``ids`` (the corpus's documents in reading order)."""

    def __init__(self, ids: list[str], spans: dict[tuple[str, str], array.array[int] | memoryview]) -> None:
        self.ids = ids
        self.spans = spans

    @classmethod
    def build(cls, ids: list[str], found: Iterable[tuple[str, Iterable[RawTag]]],
              known: dict[str, str] | None = None) -> TagIndex:
        """From raw tags per document id (the filters of :func:`keep` applied)."""
        known = user_entities() if known is None else known
        rank = {doc_id: i for i, doc_id in enumerate(ids)}
        verdicts: dict[tuple[str, str], bool] = {}
        growing: dict[tuple[str, str], array.array[int]] = {}
        for doc_id, tags in found:
            di = rank[doc_id]
            for start, end, word, flag in tags:
                k = (word, known.get(word) or FLAG_KIND[flag])
                ok = verdicts.get(k)
                if ok is None:
                    ok = verdicts[k] = keep(k[0], k[1], known)
                if ok:
                    arr = growing.get(k)
                    if arr is None:
                        arr = growing[k] = array.array("I")
                    arr.extend((di, start, end))
        spans: Spans = {}
        spans.update(growing)
        return cls(ids, spans)

    def restricted(self, doc_ids: Iterable[str]) -> TagIndex:
        """Only the mentions in these documents."""
        wanted = set(doc_ids)
        allowed = {i for i, d in enumerate(self.ids) if d in wanted}
        spans: Spans = {}
        for k, arr in self.spans.items():
            kept: array.array[int] = array.array("I")
            for j in range(0, len(arr), 3):
                if arr[j] in allowed:
                    kept.extend(arr[j : j + 3])
            if kept:
                spans[k] = kept
        return TagIndex(self.ids, spans)

    def encode(self) -> tuple[dict[str, JSON], list[bytes]]:
        words: list[JSON] = [[w, kind, len(arr)] for (w, kind), arr in self.spans.items()]
        return {"ids": self.ids, "words": words}, [bytes(arr) for arr in self.spans.values()]

    @classmethod
    def decode(cls, header: object, payload: memoryview) -> TagIndex | None:
        if not isinstance(header, dict):
            return None
        ids, words = header.get("ids"), header.get("words")
        if not isinstance(ids, list) or not isinstance(words, list):
            return None
        if len(payload) % 4:
            return None
        values = payload.cast("I")
        spans: Spans = {}
        at = 0
        for word, kind, n in words:
            if kind not in KINDS or n % 3 or at + n > len(values):
                return None
            spans[(str(word), str(kind))] = values[at : at + n]
            at += n
        return cls([str(x) for x in ids], spans) if at == len(values) else None


# --------------------------------------------------------------------------- entities


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, JSON]:
        return {"id": self.doc_id, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Entity:
    name: str
    kind: str
    variants: list[str] = field(default_factory=list)
    count: int = 0
    docs: int = 0
    _sources: list[array.array[int] | memoryview] = field(default_factory=list, repr=False)
    _ids: list[str] = field(default_factory=list, repr=False)

    @property
    def mentions(self) -> list[Mention]:
        """Every mention, in reading order (built when asked for)."""
        triples = sorted((src[j], src[j + 1], src[j + 2]) for src in self._sources for j in range(0, len(src), 3))
        return [Mention(self._ids[d], s, e) for d, s, e in triples]

    def doc_ids(self) -> set[str]:
        return {self._ids[d] for src in self._sources for d in src[0::3]}

    def to_dict(self, mentions: bool = False) -> dict[str, JSON]:
        out: dict[str, JSON] = {"name": self.name, "kind": self.kind, "count": self.count, "docs": self.docs,
                               "variants": list(self.variants)}
        if mentions:
            out["mentions"] = [m.to_dict() for m in self.mentions]
        return out


@dataclass(slots=True)
class EntityTable:
    entities: list[Entity]
    documents: int

    def to_dict(self, mentions: bool = False) -> dict[str, JSON]:
        return {"documents": self.documents, "entities": [e.to_dict(mentions) for e in self.entities]}

    def columns(self) -> list[str]:
        return ["name", "kind", "count", "docs", "variants"]

    def rows(self) -> list[Row]:
        return [[e.name, e.kind, e.count, e.docs, ";".join(e.variants)] for e in self.entities]

    def find(self, name: str) -> Entity | None:
        """The entity called ``name`` or having it as a variant (any spelling)."""
        want = to_simplified(name.strip())
        for e in self.entities:
            if e.name == want or want in e.variants:
                return e
        return None


def merge(index: TagIndex) -> list[Entity]:
    """Entities from kept mentions, variants merged, most mentioned first."""
    aliases = rules().aliases
    places = {w for w, kind in index.spans if kind == "place"}
    merged: dict[tuple[str, str], Entity] = {}
    for (word, kind), arr in index.spans.items():
        name = word
        if kind == "place":
            short = short_place(word)
            if short is not None and short in places:
                name = short
        name = aliases.get(name, name)
        ent = merged.get((name, kind))
        if ent is None:
            ent = merged[(name, kind)] = Entity(name, kind, _ids=index.ids)
        ent.variants.append(word)
        ent._sources.append(arr)
        ent.count += len(arr) // 3
    out = list(merged.values())
    for e in out:
        e.variants.sort(key=lambda v: (v != e.name, v))
        seen: set[int] = set()
        for src in e._sources:
            seen.update(src[0::3])
        e.docs = len(seen)
    out.sort(key=lambda e: (-e.count, -e.docs, e.name))
    return out


def tag_index(
    corpus: Corpus,
    docs: list[Document] | None = None,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    parallel: bool | None = None,
) -> TagIndex:
    """The kept mentions of ``docs`` (default: the whole corpus). The whole corpus's are
    a pack, built once; a part of the corpus is read from the pack when it exists,
    else tagged (or read from the cache) document by document."""
    name = packs.pack_name("entities", corpus)
    key = packs.corpus_key(corpus.documents, f"{ENTITIES_VERSION}-{rules().digest}")
    ids = [d.id for d in corpus.documents]
    whole = docs is None or len(docs) == len(corpus.documents)
    found = packs.recall(name, key)
    if not isinstance(found, TagIndex):
        read = packs.read_binary(name, key, _MAGIC)
        found = TagIndex.decode(*read) if read else None
        if found is not None and found.ids == ids:
            packs.remember(name, key, found)
        else:
            found = None
    if found is not None:
        return found if whole else found.restricted(d.id for d in docs or [])
    todo = corpus.documents if whole else list(docs or [])
    raw = [(d.id, tags) for d, tags in document_tags(todo, progress=progress, cancel=cancel, parallel=parallel)]
    built = TagIndex.build(ids, raw)
    if whole:
        packs.write_binary(name, key, _MAGIC, *built.encode())
        packs.remember(name, key, built)
    return built


def entities(
    corpus: Corpus,
    *,
    scope: Scope | None = None,
    kind: str | None = None,
    top: int | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    parallel: bool | None = None,
) -> EntityTable:
    """Entities of the scope (of one ``kind`` when given), most mentioned first."""
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r} (use one of: {', '.join(KINDS)})")
    scope = scope or Scope()
    docs = scope.select(corpus)
    index = tag_index(corpus, None if scope.empty else docs, progress=progress, cancel=cancel, parallel=parallel)
    result = merge(index)
    if kind is not None:
        result = [e for e in result if e.kind == kind]
    return EntityTable(result[:top] if top else result, len(docs))
