"""What the analysis screen asks and computes: a plain request in, plain results out.

The screen turns what the user typed into an :class:`AnalysisRequest` (terms,
a filter, the options of each view) and runs :func:`compute` in a thread worker;
nothing here touches a widget. The filter line uses the notes filter's words::

    section:外贸观察  since:2025-09  until:2025-12  doc:d5c6  tag:政策

``tag:`` only matters for keyness (the passages of those notes against the
rest); the others choose documents for every view (and the part for keyness).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias, TypedDict, TypeVar, Unpack, overload

from corpus import Corpus
from corpus.analysis.scope import Scope, ScopeError

if TYPE_CHECKING:
    from annotations.analysis import Matrix
    from annotations.model import Annotation
    from corpus.analysis.collocates import CollocateTable
    from corpus.analysis.entities import EntityTable
    from corpus.analysis.keyness import KeynessTable
    from corpus.analysis.kwic import Concordance
    from corpus.analysis.ngrams import NGramTable
    from corpus.analysis.occurrences import Occurrences
    from corpus.analysis.trends import Trend

VIEWS = ("kwic", "collocates", "trends", "entities", "keyness", "tags")
SORTS = ("doc", "date", "1L", "2L", "3L", "1R", "2R", "3R")
MEASURES = ("ll", "mi", "freq")
PERIODS = ("month", "week", "year", "day")
KINDS = (None, "person", "place", "org")
MATRICES = ("section", "doc", "cooccur")
#: Context on each side of a concordance line, in cells.
WIDTH = 28

_TERM_SPLIT = re.compile(r"[,，、;；]+")
_FILTER_KEYS = ("section", "since", "until", "doc", "tag")


def split_terms(text: str) -> tuple[str, ...]:
    """``跨境电商, 海外仓`` → two terms (commas, 、 or ; between them)."""
    return tuple(t.strip() for t in _TERM_SPLIT.split(text) if t.strip())


def parse_filter(text: str) -> tuple[Scope, str | None]:
    """The scope and the tag of a filter line; :class:`ScopeError` says what is wrong."""
    found: dict[str, str] = {}
    for word in text.split():
        key, sep, value = word.partition(":")
        if not sep or key not in _FILTER_KEYS or not value:
            raise ScopeError(f"not a filter: {word!r} (use {', '.join(k + ':' for k in _FILTER_KEYS)})")
        found[key] = value
    scope = Scope(section=found.get("section"), since=found.get("since"), until=found.get("until"),
                  doc=found.get("doc"))
    return scope, found.get("tag")


T = TypeVar("T")


def cycle(options: tuple[T, ...], current: T) -> T:
    """The option after ``current`` (wrapping)."""
    return options[(options.index(current) + 1) % len(options)] if current in options else options[0]


class RequestChanges(TypedDict, total=False):
    """Fields of an :class:`AnalysisRequest` to change (:meth:`AnalysisRequest.but`)."""

    terms: tuple[str, ...]
    scope: Scope
    tag: str | None
    sort: str
    measure: str
    period: str
    kind: str | None
    matrix: str


@dataclass(frozen=True)
class AnalysisRequest:
    terms: tuple[str, ...] = ()
    scope: Scope = field(default_factory=Scope)
    tag: str | None = None
    sort: str = "doc"
    measure: str = "ll"
    period: str = "month"
    kind: str | None = None
    matrix: str = "section"

    @property
    def term(self) -> str:
        return self.terms[0] if self.terms else ""

    def but(self, **changes: Unpack[RequestChanges]) -> AnalysisRequest:
        return replace(self, **changes)

    def describe(self, view: str) -> str:
        """The status line's words for this request in ``view``."""
        where = self.scope.describe()
        if view == "keyness":
            return f"key words of {f'tag {self.tag}' if self.tag else where}"
        if view == "tags":
            return f"notes per tag and {self.matrix}"
        if view == "entities":
            return f"entities · {self.kind or 'all kinds'} · {where}"
        if view == "trends":
            return f"{' · '.join(self.terms)} per {self.period} · {where}"
        extra = {"kwic": f"sorted by {self.sort}", "collocates": f"by {self.measure}"}[view]
        return f"{self.term} · {extra} · {where}"


@dataclass
class Dispersion:
    """Per term, how many occurrences fall in each of ``bins`` stretches of the corpus
    (documents end to end in reading order)."""

    bins: int
    rows: list[tuple[str, list[int], int]]  # term, counts per bin, total


def dispersion(corpus: Corpus, found: dict[str, Occurrences], bins: int) -> Dispersion:
    """``found``: term → its occurrences; each falls in the bin of its offset in the
    documents laid end to end (counted with arrays: a common term has 100,000)."""
    import numpy as np

    lengths = np.fromiter((d.chars for d in corpus.documents), dtype=np.int64, count=len(corpus.documents))
    offsets = np.concatenate(([0], np.cumsum(lengths)))
    total = max(int(offsets[-1]), 1)
    rows = []
    for term, hits in found.items():
        positions = offsets[hits.doc] + hits.start
        which = np.minimum(bins - 1, positions * bins // total)
        counts = np.bincount(which, minlength=bins).tolist() if len(hits) else [0] * bins
        rows.append((term, counts, len(hits)))
    return Dispersion(bins, rows)


Cancel = Callable[[], bool]
Report = Callable[[int, int], None]
#: The annotations, asked for only by the views that count notes (keyness of a tag, tags).
Notes = Callable[[], "list[Annotation]"]


class KwicResult(NamedTuple):
    """The concordance of the first term, and where every term occurs (the dispersion strip)."""

    conc: Concordance
    hits: dict[str, Occurrences]


class CollocatesResult(NamedTuple):
    """The collocates of the term and the clusters (n-grams) around it."""

    table: CollocateTable
    grams: NGramTable


if TYPE_CHECKING:
    #: What :func:`compute` returns, one type per view.
    Result: TypeAlias = KwicResult | CollocatesResult | Trend | EntityTable | KeynessTable | Matrix


@overload
def compute(view: Literal["kwic"], corpus: Corpus, request: AnalysisRequest, notes: Notes, cancel: Cancel,
            progress: Report) -> KwicResult: ...
@overload
def compute(view: Literal["collocates"], corpus: Corpus, request: AnalysisRequest, notes: Notes, cancel: Cancel,
            progress: Report) -> CollocatesResult: ...
@overload
def compute(view: Literal["trends"], corpus: Corpus, request: AnalysisRequest, notes: Notes, cancel: Cancel,
            progress: Report) -> Trend: ...
@overload
def compute(view: Literal["entities"], corpus: Corpus, request: AnalysisRequest, notes: Notes, cancel: Cancel,
            progress: Report) -> EntityTable: ...
@overload
def compute(view: Literal["keyness"], corpus: Corpus, request: AnalysisRequest, notes: Notes, cancel: Cancel,
            progress: Report) -> KeynessTable: ...
@overload
def compute(view: Literal["tags"], corpus: Corpus, request: AnalysisRequest, notes: Notes, cancel: Cancel,
            progress: Report) -> Matrix: ...
@overload
def compute(view: str, corpus: Corpus, request: AnalysisRequest, notes: Notes, cancel: Cancel,
            progress: Report) -> Result: ...
def compute(view: str, corpus: Corpus, request: AnalysisRequest, notes: Notes,
            cancel: Cancel, progress: Report) -> Result:
    """The result of ``view`` for ``request`` (raises ``ValueError``/``ScopeError`` for
    a request that cannot mean anything, ``Cancelled`` when cancelled). ``notes``
    gives the annotations (keyness of a tag, the tag matrix)."""
    if view == "kwic":
        from corpus.analysis.kwic import Concordance
        from corpus.analysis.occurrences import find

        conc = Concordance(corpus, request.term, scope=request.scope, sort=request.sort, width=WIDTH,
                           cancel=cancel, progress=progress)
        hits: dict[str, Occurrences] = {request.term: conc.found}
        for extra in request.terms[1:4]:
            docs = None if request.scope.empty else request.scope.select(corpus)
            hits[extra] = find(corpus, extra, docs, cancel=cancel)
        return KwicResult(conc, hits)
    if view == "collocates":
        from corpus.analysis.collocates import collocates
        from corpus.analysis.ngrams import ngrams

        table = collocates(corpus, request.term, scope=request.scope, measure=request.measure, min_freq=2,
                           cancel=cancel, progress=progress)
        grams = ngrams(corpus, request.term, scope=request.scope, cancel=cancel)
        return CollocatesResult(table, grams)
    if view == "trends":
        from corpus.analysis.trends import trend

        return trend(corpus, list(request.terms[:6]), by=request.period, scope=request.scope, cancel=cancel,
                     progress=progress)
    if view == "entities":
        from corpus.analysis.entities import entities

        return entities(corpus, scope=request.scope, kind=request.kind, cancel=cancel, progress=progress)
    if view == "keyness":
        from corpus.analysis import keyness

        if request.tag:
            from annotations.analysis import passages

            parts = passages(notes(), request.tag)
            if not parts:
                raise ValueError(f"no anchored notes tagged {request.tag!r}")
            return keyness.of_passages(corpus, parts, f"tag {request.tag}", cancel=cancel, progress=progress)
        if request.scope.empty:
            raise ValueError("say what to compare: section:NAME, since:/until: dates, doc:ID or tag:TAG in the filter")
        return keyness.of_documents(corpus, request.scope.select(corpus), request.scope.describe(), cancel=cancel,
                                    progress=progress)
    if view == "tags":
        from annotations.analysis import by_document, by_section, cooccurrence

        anns = notes()
        if request.matrix == "section":
            sections = {d.id: d.section for d in corpus.documents}
            return by_section(anns, section_of=sections.get, order=[s for s, _ in corpus.sections()])
        if request.matrix == "doc":
            return by_document(anns, titles={d.id: d.title for d in corpus.documents},
                               order=[d.id for d in corpus.documents])
        return cooccurrence(anns)
    raise ValueError(f"unknown view {view!r}")


def kwic_summary(result: KwicResult) -> str:
    """The status line under a concordance: what it shows, then the keys that act on it."""
    conc = result.conc
    return (f"{conc.total} occurrences of {conc.term} in {conc.doc_count} documents · sorted by {conc.sort}"
            " · Enter opens · a annotates · s sorts")


def collocates_summary(result: CollocatesResult) -> str:
    table, grams = result
    return (f"{len(table.items)} collocates of {table.term} (±{table.window} words, by {table.measure}) · "
            f"{len(grams.items)} clusters · Enter: its concordance · s: measure")


def trends_summary(result: Trend) -> str:
    return (f"{' · '.join(f'{s.term} {s.total}' for s in result.series)} · per {result.by} "
            "(count · per 10,000 characters) · s: period")


def entities_summary(result: EntityTable, request: AnalysisRequest) -> str:
    return (f"{len(result.entities)} entities ({request.kind or 'all kinds'}) · Enter: mentions · "
            "l: library · s: kind")


def keyness_summary(result: KeynessTable) -> str:
    return (f"key words of {result.target}: {len(result.items)} more frequent, {len(result.negative)} rarer "
            f"({result.part_words} words against {result.rest_words}) · Enter: concordance")


def tags_summary(result: Matrix, request: AnalysisRequest) -> str:
    return (f"notes per tag and {request.matrix} (政策 includes 政策/…) · s: section / doc / together"
            if result.rows else "no tagged notes yet (a note's tags are counted here)")


__all__ = ["VIEWS", "AnalysisRequest", "CollocatesResult", "KwicResult", "ScopeError", "collocates_summary", "compute",
           "cycle", "dispersion", "entities_summary", "keyness_summary", "kwic_summary", "parse_filter", "split_terms",
           "tags_summary", "trends_summary"]
