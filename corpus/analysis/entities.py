"""People, places and organisations named in the corpus, with every mention.

**Finding them.** rjieba's part-of-speech tagger (jieba's dictionary and its
HMM for unknown names, on the simplified text, with the built-in and user words)
tags each token; ``nr``/``nrfg``/``nrt`` are people, ``ns`` places, ``nt``
organisations. rjieba tags about a million characters a second, some ten times
jieba.posseg, with the same tags (the benchmark prints both). Tags are cached per
document (``<cache>/entities``, keyed by text fingerprint, words and
:data:`ENTITIES_VERSION`), and a large corpus is tagged in worker processes.

**Keeping the real ones.** jieba's dictionary tags many common words as names
(顾客 nr, 城市 ns), so a tagged word is kept only when it is a keyword candidate
(two or more characters, no stop word or number), is not on the stop list of
``corpus/data/entities.txt``, does not end in 化/性/度/率, and — for a person not in
the user dictionary — starts with a common surname. Words of the user dictionary
tagged ``nr``/``ns``/``nt`` are always kept.

**Merging variants.** Traditional and simplified spellings are one entity (the
tagger reads the simplified form); a place ending in 省/市/县/区/自治区/特别行政区
counts under its short form when the short form also occurs as a place (杭州市 →
杭州); the ``[aliases]`` of ``entities.txt`` map full names to the usual short
ones (中华人民共和国 → 中国, 国家发改委 → 国家发展改革委).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..model import Corpus, Document
from ..paths import atomic_write, cache_dir
from ..text import tokens as tok
from ..text import userdict
from ..text.fold import to_simplified
from ..text.stopwords import is_candidate
from .common import CancelCheck, Cancelled, Progress, Row, check
from .scope import Scope

#: Bumped when tagging or the cache entry changes.
ENTITIES_VERSION = 1

KINDS = ("person", "place", "org")
FLAG_KIND = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "org"}
_PLACE_SUFFIXES = ("特别行政区", "自治区", "自治州", "省", "市", "县", "区")
_ABSTRACT_ENDINGS = ("化", "性", "度", "率")

#: Tag in worker processes from this many characters to tag.
PARALLEL_MIN_CHARS = 2_000_000
_CHUNK_CHARS = 100_000

#: One raw tag: (start, end, simplified word, flag).
RawTag = tuple[int, int, str, str]


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True, slots=True)
class Rules:
    surnames: frozenset[str]
    stop: frozenset[str]
    aliases: dict[str, str]


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


# --------------------------------------------------------------------------- tagging


def tag_text(text: str, words: list[userdict.Word] | None = None) -> list[RawTag]:
    """Entity-flagged tokens of ``text`` with offsets (the tagger reads its simplified form)."""
    simple = to_simplified(text)
    seg = tok.segmenter(words)
    out: list[RawTag] = []
    pos = 0
    for word, flag in seg.tag(simple, True):
        end = pos + len(word)
        if flag in FLAG_KIND:
            out.append((pos, end, word, flag))
        pos = end
    if pos != len(simple):  # the tagger did not cover the text: offsets would lie
        raise ValueError(f"tagger output covers {pos} of {len(simple)} characters")
    return out


class EntityCache:
    """``<cache>/entities/…``: one small JSON file of raw tags per document text."""

    def __init__(self, root: Path | None = None, key: str | None = None) -> None:
        self.root = (root or cache_dir()) / "entities"
        self.key = key or f"{ENTITIES_VERSION}-{tok.segmenter_key()}"

    def path(self, doc: Document) -> Path:
        h = hashlib.sha1(f"{doc.fingerprint}\0{len(doc.text)}\0{self.key}".encode()).hexdigest()
        return self.root / h[:2] / f"{h}.json"

    def get(self, doc: Document) -> list[RawTag] | None:
        path = self.path(doc)
        try:
            data = json.loads(path.read_bytes())
            if data["n"] != len(doc.text):
                return None
            return [(int(s), int(e), str(w), str(f)) for s, e, w, f in data["tags"]]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            return None  # damaged: recomputed and rewritten

    def put(self, doc: Document, tags: list[RawTag]) -> None:
        payload = json.dumps({"n": len(doc.text), "tags": tags}, ensure_ascii=False, separators=(",", ":"))
        try:
            atomic_write(self.path(doc), payload, durable=False)
        except OSError:
            return  # a read-only or full cache must not stop the analysis


_WORKER_WORDS: list[userdict.Word] | None = None


def _worker_init(words: list[tuple[str, int | None, str | None]]) -> None:
    global _WORKER_WORDS
    _WORKER_WORDS = [userdict.Word(*w) for w in words]
    tok.segmenter(_WORKER_WORDS)


def _worker_tag(texts: list[str]) -> list[list[RawTag]]:
    return [tag_text(t, _WORKER_WORDS) for t in texts]


def _chunks(docs: list[Document]) -> list[list[Document]]:
    out: list[list[Document]] = []
    current: list[Document] = []
    size = 0
    for d in docs:
        current.append(d)
        size += len(d.text)
        if size >= _CHUNK_CHARS:
            out.append(current)
            current, size = [], 0
    if current:
        out.append(current)
    return out


def _pooled(todo: list[Document], cancel: CancelCheck | None) -> Iterator[tuple[Document, list[RawTag]]]:
    """Tag ``todo`` in worker processes; a chunk a worker fails on is tagged here."""
    words, _key = userdict.current()
    init = [(w.word, w.freq, w.tag) for w in words]
    chunks = _chunks(todo)
    pool = ProcessPoolExecutor(max_workers=tok.workers(), mp_context=tok._mp_context(), initializer=_worker_init,
                               initargs=(init,))
    try:
        try:
            futures = {pool.submit(_worker_tag, [d.text for d in chunk]): chunk for chunk in chunks}
        except (RuntimeError, OSError, ValueError):  # no worker processes here: tag in this process
            for chunk in chunks:
                for d in chunk:
                    check(cancel)
                    yield d, tag_text(d.text)
            return
        pending = set(futures)
        while pending:
            done, pending = concurrent.futures.wait(pending, timeout=0.1,
                                                    return_when=concurrent.futures.FIRST_COMPLETED)
            check(cancel)
            for fut in done:
                chunk = futures[fut]
                try:
                    results = fut.result()
                except Exception:  # a crashed worker: do its chunk here
                    results = [tag_text(d.text) for d in chunk]
                yield from zip(chunk, results)
    finally:
        # On cancel, queued chunks are dropped and running ones end within a chunk.
        pool.shutdown(wait=False, cancel_futures=True)


def document_tags(
    docs: Iterable[Document],
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    parallel: bool | None = None,
    cache: EntityCache | None = None,
) -> Iterator[tuple[Document, list[RawTag]]]:
    """Raw entity tags of each document: cached ones first, then the rest tagged
    (in worker processes when there is a lot). ``progress(done_chars, total_chars)``."""
    docs = list(docs)
    cache = cache or EntityCache()
    total = sum(d.chars for d in docs)
    done = 0
    todo: list[Document] = []
    for d in docs:
        check(cancel)
        tags = cache.get(d)
        if tags is None:
            todo.append(d)
            continue
        done += d.chars
        if progress is not None:
            progress(done, total)
        yield d, tags
    todo_chars = sum(len(d.text) for d in todo)
    use_pool = parallel if parallel is not None else (todo_chars >= PARALLEL_MIN_CHARS and tok.workers() > 1)
    source: Iterator[tuple[Document, list[RawTag]]]
    if use_pool and len(todo) > 1:
        source = _pooled(todo, cancel)
    else:
        source = ((d, tag_text(d.text)) for d in todo)
    for d, tags in source:
        check(cancel)
        cache.put(d, tags)
        done += d.chars
        if progress is not None:
            progress(done, total)
        yield d, tags


# --------------------------------------------------------------------------- aggregation


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.doc_id, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Entity:
    name: str
    kind: str
    variants: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def docs(self) -> int:
        return len({m.doc_id for m in self.mentions})

    def doc_ids(self) -> set[str]:
        return {m.doc_id for m in self.mentions}

    def to_dict(self, mentions: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind, "count": self.count, "docs": self.docs,
                               "variants": list(self.variants)}
        if mentions:
            out["mentions"] = [m.to_dict() for m in self.mentions]
        return out


@dataclass(slots=True)
class EntityTable:
    entities: list[Entity]
    documents: int

    def to_dict(self, mentions: bool = False) -> dict[str, Any]:
        return {"documents": self.documents, "entities": [e.to_dict(mentions) for e in self.entities]}

    def columns(self) -> list[str]:
        return ["name", "kind", "count", "docs", "variants"]

    def rows(self) -> list[Row]:
        return [[e.name, e.kind, e.count, e.docs, ";".join(e.variants)] for e in self.entities]

    def find(self, name: str) -> Entity | None:
        """The entity called ``name`` or having it as a variant (simplified form)."""
        want = to_simplified(name.strip())
        for e in self.entities:
            if e.name == want or want in e.variants:
                return e
        return None


def merge(found: Iterable[tuple[str, list[RawTag]]], known: dict[str, str] | None = None) -> list[Entity]:
    """Filter and merge raw tags into entities, most mentioned first."""
    known = user_entities() if known is None else known
    aliases = rules().aliases
    raw: dict[tuple[str, str], list[Mention]] = {}
    verdicts: dict[tuple[str, str], bool] = {}
    for doc_id, tags in found:
        for start, end, word, flag in tags:
            kind = known.get(word) or FLAG_KIND[flag]
            k = (word, kind)
            ok = verdicts.get(k)
            if ok is None:
                ok = verdicts[k] = keep(word, kind, known)
            if ok:
                raw.setdefault(k, []).append(Mention(doc_id, start, end))
    places = {w for w, kind in raw if kind == "place"}
    merged: dict[tuple[str, str], Entity] = {}
    for (word, kind), mentions in raw.items():
        name = word
        if kind == "place":
            short = short_place(word)
            if short is not None and short in places:
                name = short
        name = aliases.get(name, name)
        ent = merged.get((name, kind))
        if ent is None:
            ent = merged[(name, kind)] = Entity(name, kind)
        ent.variants.append(word)
        ent.mentions.extend(mentions)
    out = list(merged.values())
    for e in out:
        e.variants.sort(key=lambda v: (v != e.name, v))
        e.mentions.sort(key=lambda m: (m.doc_id, m.start))
    out.sort(key=lambda e: (-e.count, -e.docs, e.name))
    return out


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
    docs = (scope or Scope()).select(corpus)
    rank = {d.id: i for i, d in enumerate(corpus.documents)}
    found = [(d.id, tags) for d, tags in document_tags(docs, progress=progress, cancel=cancel, parallel=parallel)]
    if cancel is not None and cancel():
        raise Cancelled()
    result = merge(found)
    for e in result:
        e.mentions.sort(key=lambda m: (rank.get(m.doc_id, 0), m.start))
    if kind is not None:
        result = [e for e in result if e.kind == kind]
    return EntityTable(result[:top] if top else result, len(docs))
