"""Corpus keywords: TF-IDF against the user's own corpus, and TextRank.

**TF-IDF.** A word's weight in a document is its count there times its IDF.
The IDF blends two estimates in log space::

    idf(w) = a * idf_corpus(w) + (1 - a) * idf_ref(w),   a = N / (N + K)

* ``idf_corpus`` is the smoothed document frequency over the user's corpus of N
  documents, ``ln((N + 1) / (df + 1)) + 1``: it knows what is common *here*.
* ``idf_ref`` is jieba's IDF table (read straight from ``jieba/analyse/idf.txt``,
  never importing ``jieba.analyse``), with its median for unknown words: it knows
  what is common in Chinese at large.

With K = 20, a 3-document corpus leans on the reference (a ≈ 0.13) — three
documents cannot tell 发展 from 跨境电商 — while a corpus of hundreds of documents
is judged almost entirely by its own statistics (above a = 0.97 the reference table
is not even loaded). Words rare in the corpus are exactly where ``idf_corpus`` is
noisiest, and there the reference still contributes.

**TextRank.** Candidate words of a document (same filters) are linked when they
occur within a window of 5 candidates; PageRank (damping 0.85) runs on the
weighted co-occurrence graph, teleporting in proportion to IDF so that frequent
generic words do not dominate.

Candidates are filtered by ``corpus.text.stopwords.is_candidate`` (no stop words,
punctuation, numbers, dates, URL fragments, Latin debris or single characters).
Weights are normalised so the top keyword has 1.0 (display intensity); ``count``
is the number of times the word occurs as a token of the text, i.e. the number
of spans :func:`keyword_spans` returns for it.
"""

from __future__ import annotations

import array
import importlib.util
import math
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..jsontypes import JSON
from ..model import Corpus, Document, Span
from . import tokens as tok
from .stopwords import is_candidate, stopwords  # noqa: F401  (stopwords: re-exported for callers)

METHODS = ("tfidf", "textrank")

#: Pseudo-size of the reference corpus in the IDF blend (see the module docstring).
BLEND_K = 20.0
WINDOW = 5
DAMPING = 0.85
ITERATIONS = 50
TOLERANCE = 1e-6
#: TextRank graph size: the best candidates by TF-IDF.
MAX_NODES = 600


@dataclass(frozen=True, slots=True)
class Keyword:
    """One keyword: weight 0..1 relative to the list's top word; count in the text."""

    word: str
    weight: float
    count: int

    def to_dict(self) -> dict[str, JSON]:
        return {"word": self.word, "weight": round(self.weight, 4), "count": self.count}


def _idf_file() -> str | None:
    spec = importlib.util.find_spec("jieba")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = os.path.join(next(iter(spec.submodule_search_locations)), "analyse", "idf.txt")
    return path if os.path.exists(path) else None


def load_reference_idf(words: Iterable[str] | None = None) -> tuple[dict[str, float], float]:
    """jieba's IDF values (for ``words`` only, when given) and the table's median.

    Streams the file, keeping only the wanted words: the whole table as a dict
    would cost about 90 MB.
    """
    path = _idf_file()
    if path is None:
        return {}, 10.0
    wanted = None if words is None else set(words)
    found: dict[str, float] = {}
    values = array.array("d")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            word, _, value = line.rstrip("\n").partition(" ")
            try:
                v = float(value)
            except ValueError:
                continue  # a malformed line in a third-party file: skip it
            values.append(v)
            if wanted is None or word in wanted:
                found[word] = v
    ordered = sorted(values)
    median = ordered[len(ordered) // 2] if ordered else 10.0
    return found, median


class KeywordIndex:
    """Word statistics of a corpus; answers top-N keyword questions.

    Build it once per corpus (``KeywordIndex.build``): segmentation runs in worker
    processes and is cached on disk, so a second build of the same corpus only
    reads the cache.
    """

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        self.documents: list[Document] = []
        self._docs: dict[str, Document] = {}
        # Compact storage: a shared vocabulary of candidate words, and per document
        # two parallel arrays (word ids, counts) — a large corpus stays small in memory.
        self._vocab: dict[str, int] = {}
        self._words: list[str] = []
        self._verdict: dict[str, bool] = {}  # is_candidate, decided once per word
        self._doc_counts: dict[str, tuple[array.array[int], array.array[int]]] = {}
        self._df: array.array[int] = array.array("I")
        self._ref: dict[str, float] = {}
        self._ref_median = 10.0
        self._ref_loaded = False
        self._idf_cache: dict[str, float] = {}
        for doc in documents:
            self.documents.append(doc)
            self._docs[doc.id] = doc

    @property
    def n_docs(self) -> int:
        return len(self._doc_counts)

    @property
    def alpha(self) -> float:
        return self.n_docs / (self.n_docs + BLEND_K)

    def add(self, doc: Document, counts: dict[str, int]) -> None:
        """Record one document's raw word counts (keyword filters applied here)."""
        if doc.id not in self._docs:
            self.documents.append(doc)
            self._docs[doc.id] = doc
        ids = array.array("I")
        cnts = array.array("I")
        verdict = self._verdict
        for w, c in counts.items():
            ok = verdict.get(w)
            if ok is None:
                ok = verdict[w] = is_candidate(w)
            if not ok:
                continue
            i = self._vocab.get(w)
            if i is None:
                i = self._vocab[w] = len(self._words)
                self._words.append(w)
                self._df.append(0)
            ids.append(i)
            cnts.append(c)
        old = self._doc_counts.get(doc.id)
        if old is not None:
            for i in old[0]:
                self._df[i] -= 1
        for i in ids:
            self._df[i] += 1
        self._doc_counts[doc.id] = (ids, cnts)
        self._idf_cache.clear()

    def doc_counts(self, doc_id: str) -> Counter[str]:
        """Candidate word counts of an indexed document (empty if unknown)."""
        ids, cnts = self._doc_counts.get(doc_id, ((), ()))
        words = self._words
        return Counter({words[i]: c for i, c in zip(ids, cnts)})

    def df(self, word: str) -> int:
        """In how many indexed documents ``word`` occurs."""
        i = self._vocab.get(word)
        return 0 if i is None else self._df[i]

    # ----------------------------------------------------------------- building

    @classmethod
    def build(
        cls,
        corpus: Corpus | Iterable[Document],
        progress: Callable[[int, int], None] | None = None,
        *,
        parallel: bool | None = None,
    ) -> KeywordIndex:
        """Segment (cache, then workers) and count every document of ``corpus``.

        ``progress(done_chars, total_chars)``.
        """
        docs = list(corpus.documents if isinstance(corpus, Corpus) else corpus)
        index = cls(docs)
        for doc, entry in tok.iter_entries(docs, progress=progress, parallel=parallel):
            index.add(doc, entry.counts)
        return index

    # ----------------------------------------------------------------- IDF

    def _ensure_ref(self, extra: Iterable[str] = ()) -> None:
        if self.alpha > 0.97:
            return
        wanted = set(extra) - self._ref.keys() if self._ref_loaded else set(self._words) | set(extra)
        if self._ref_loaded and not wanted:
            return
        values, median = load_reference_idf(wanted)
        self._ref.update(values)
        self._ref_median = median
        self._ref_loaded = True

    def idf(self, word: str) -> float:
        hit = self._idf_cache.get(word)
        if hit is not None:
            return hit
        n = self.n_docs
        corpus_idf = math.log((n + 1) / (self.df(word) + 1)) + 1.0
        if self.alpha > 0.97:
            value = corpus_idf
        else:
            if not self._ref_loaded or (word not in self._ref and word not in self._vocab):
                self._ensure_ref([word])
            ref = self._ref.get(word, self._ref_median)
            value = self.alpha * corpus_idf + (1 - self.alpha) * ref
        self._idf_cache[word] = value
        return value

    # ----------------------------------------------------------------- queries

    def _doc(self, doc: Document | str) -> Document:
        if isinstance(doc, Document):
            return doc
        found = self._docs.get(doc)
        if found is None:
            raise KeyError(f"no document with id {doc!r} in the keyword index")
        return found

    def _counts_for(self, doc: Document) -> Counter[str]:
        if doc.id in self._doc_counts:
            return self.doc_counts(doc.id)
        return _filter_counts(tok.document_entry(doc).counts)  # a document outside the index

    def top(self, doc: Document | str, n: int = 10, method: str = "tfidf") -> list[Keyword]:
        """The document's top ``n`` keywords."""
        doc = self._doc(doc)
        counts = self._counts_for(doc)
        if method == "tfidf":
            return self._tfidf(counts, n)
        if method == "textrank":
            return self._textrank([self._sequence(doc)], counts, n)
        raise ValueError(f"unknown keyword method {method!r} (use one of: {', '.join(METHODS)})")

    def top_documents(self, docs: list[Document], n: int = 10, method: str = "tfidf") -> list[Keyword]:
        """Keywords of a group of documents (a section, the corpus).

        TF-IDF averages the documents' length-normalised term frequencies, so each
        document weighs the same: a section's keywords reflect all its articles,
        not only its longest one. ``count`` is the total over the documents.
        """
        counts: Counter[str] = Counter()
        for d in docs:
            counts.update(self._counts_for(d))
        if method == "tfidf":
            tf: dict[str, float] = {}
            for d in docs:
                c = self._counts_for(d)
                total = sum(c.values()) or 1
                for w, k in c.items():
                    tf[w] = tf.get(w, 0.0) + k / total
            scored = [(f * self.idf(w), w) for w, f in tf.items()]
            scored.sort(key=lambda x: (-x[0], x[1]))
            return _normalise(scored[:n], counts)
        if method == "textrank":
            return self._textrank([self._sequence(d) for d in docs], counts, n)
        raise ValueError(f"unknown keyword method {method!r} (use one of: {', '.join(METHODS)})")

    def top_section(self, section: str, n: int = 10, method: str = "tfidf") -> list[Keyword]:
        """Top keywords of all documents in ``section`` (KeyError if there is none)."""
        docs = [d for d in self.documents if d.section == section]
        if not docs:
            raise KeyError(f"no section named {section!r}")
        return self.top_documents(docs, n, method)

    def top_corpus(self, n: int = 10, method: str = "tfidf") -> list[Keyword]:
        """Top keywords of the whole corpus."""
        return self.top_documents(self.documents, n, method)

    # ----------------------------------------------------------------- scoring

    def _tfidf(self, counts: Counter[str], n: int) -> list[Keyword]:
        scored = [(c * self.idf(w), w) for w, c in counts.items()]
        scored.sort(key=lambda x: (-x[0], x[1]))
        return _normalise(scored[:n], counts)

    def _sequence(self, doc: Document) -> list[str]:
        counts = self._counts_for(doc)
        skip = tok.uncounted_ranges(doc)
        return [w for w, s, _e in tok.document_words(doc)
                if w in counts and not (skip and any(a <= s < b for a, b in skip))]

    def _textrank(self, sequences: list[list[str]], counts: Counter[str], n: int) -> list[Keyword]:
        # Only the strongest candidates become nodes: PageRank over every word of a
        # long magazine issue costs seconds and the tail never reaches the top N.
        allowed = {w for _s, w in sorted(((c * self.idf(w), w) for w, c in counts.items()), reverse=True)[:MAX_NODES]}
        index: dict[str, int] = {}
        edges: list[dict[int, float]] = []
        for seq in sequences:
            ids = []
            for w in seq:
                if w in allowed:
                    i = index.get(w)
                    if i is None:
                        i = index[w] = len(edges)
                        edges.append({})
                    ids.append(i)
            for pos, a in enumerate(ids):
                for b in ids[pos + 1 : pos + WINDOW]:
                    if a != b:
                        ea, eb = edges[a], edges[b]
                        ea[b] = ea.get(b, 0.0) + 1.0
                        eb[a] = eb.get(a, 0.0) + 1.0
        words = list(index)
        if not words:
            return self._tfidf(counts, n)
        prior = [self.idf(w) for w in words]
        total_prior = sum(prior)
        teleport = [(1 - DAMPING) * p / total_prior for p in prior]
        # Incoming contributions: rank[v] * weight(v, w) / out(v), pre-divided.
        out_weight = [sum(e.values()) or 1.0 for e in edges]
        incoming = [[(v, c / out_weight[v]) for v, c in e.items()] for e in edges]
        rank = [p / total_prior for p in prior]
        for _ in range(ITERATIONS):
            new = [teleport[w] + DAMPING * sum(rank[v] * c for v, c in incoming[w]) for w in range(len(words))]
            delta = sum(abs(a - b) for a, b in zip(new, rank))
            rank = new
            if delta < TOLERANCE:
                break
        scored = sorted(((r, words[i]) for i, r in enumerate(rank)), key=lambda x: (-x[0], x[1]))
        return _normalise(scored[:n], counts)


def _filter_counts(counts: dict[str, int]) -> Counter[str]:
    return Counter({w: c for w, c in counts.items() if is_candidate(w)})


def _normalise(scored: list[tuple[float, str]], counts: Counter[str]) -> list[Keyword]:
    if not scored:
        return []
    top = scored[0][0] or 1.0
    return [Keyword(w, max(0.0, min(1.0, s / top)), int(counts.get(w, 0))) for s, w in scored]


def keyword_spans(doc: Document, keywords: Iterable[Keyword | str]) -> list[Span]:
    """Every occurrence (as a token) of each keyword: kind ``keyword``, weight = intensity.

    Spans come from the document's tokens, so they align with words and never cut
    one in half (文化 inside 文化产业 is not marked when 文化产业 is one token).
    Traditional spellings count as the keyword (跨境電商 for 跨境电商); ``data``
    is the keyword as listed. Like the counts, bylines, source lines, captions
    and furniture are left out.
    """
    weights: dict[str, float] = {}
    for k in keywords:
        if isinstance(k, Keyword):
            weights[k.word] = k.weight
        else:
            weights[str(k)] = 1.0
    if not weights:
        return []
    skip = tok.uncounted_ranges(doc)
    return [
        Span(start, end, "keyword", weights[word], word)
        for word, start, end in tok.document_words(doc)
        if word in weights and not (skip and any(a <= start < b for a, b in skip))
    ]
