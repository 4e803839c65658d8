"""The search engine behind one small interface: index, delete, search (tantivy).

Analysis (Lucene CJK style, done by tantivy's own regex tokenizer so no Python
touches the text while indexing): every character of a text starts exactly one
indexed token, the character and the one after it (a *bigram*; the last
character of a text is a one-character token). Bigrams starting at even
offsets go to the field ``<name>_e`` and those starting at odd offsets to
``<name>_o`` (the text from its second character), so within each field the
positions are consecutive: the bigram at offset ``2k`` (or ``2k+1``) is token
``k``. A substring of any length ≥ 3 is then a phrase of non-overlapping
bigrams in one of the two fields, a 2-character one is one bigram term, and a
single character is a prefix of a token, so *every* substring can be found,
with positions, from half the tokens a unigram+bigram index needs.

Folding (繁→简, full→half width, case) happens on the query side: each
character of a term becomes the class of every character that folds like it
(``[发發髮]``), so the index holds the text as written and the build does no
per-character work in Python. Terms of 3+ characters are tantivy
``RegexPhraseQuery`` (BM25-scored); 2-character terms are plain term queries
over their spellings (BM25) or, with very many spellings, a regex; a single
character is a prefix regex (constant score: a lone character says little
about relevance).

Fields: ``body`` (the document text), ``title``, ``section``, ``author``
(authors one per line), ``file``; ``day`` (the date as ``YYYYMMDD``), ``n``
(a 63-bit hash of the document id: maps hits back to documents without reading
stored documents), ``id`` and ``path`` (stored/raw, for deletes). The OpenSearch
mapping of the same design is in README ("Search index: design notes").
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import tantivy

from ..model import Document
from ..text.fold import all_variants
from .query import And, DateRange, Near, Node, Not, Or, Text, date_value

#: Bump when the schema or the analysis changes: an index of another format is rebuilt.
FORMAT = 1

TEXT_FIELDS = ("body", "title", "section", "author", "file")
_TOKENIZER = "reader_bigram"
_BIGRAM_RE = r"(?s)..?"
#: A 2-character term with more spellings than this becomes one regex.
_MAX_TERM_SPELLINGS = 32
#: Tantivy's writer memory budget (split across its threads).
WRITER_HEAP = 192_000_000


class EngineError(RuntimeError):
    """The engine failed (a damaged index, an I/O error): the caller rebuilds."""


T = TypeVar("T")


def doc_number(doc_id: str) -> int:
    """The ``n`` of a document: stable, 63 bits (fits every integer field)."""
    return int.from_bytes(hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).digest()[:8], "big") >> 1


def _is_panic(exc: BaseException) -> bool:
    # pyo3 turns a Rust panic into pyo3_runtime.PanicException (a BaseException).
    return type(exc).__name__ == "PanicException"


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in TEXT_FIELDS:
        sb.add_text_field(f"{name}_e", tokenizer_name=_TOKENIZER, index_option="position")
        sb.add_text_field(f"{name}_o", tokenizer_name=_TOKENIZER, index_option="position")
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("path", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("n", indexed=True, fast=True)
    sb.add_integer_field("day", indexed=True, fast=True)
    return sb.build()


def _field_value(doc: Document, name: str) -> str:
    if name == "body":
        return doc.text
    if name == "title":
        return doc.title or ""
    if name == "section":
        return doc.section or ""
    if name == "author":
        return "\n".join(doc.authors)
    return doc.file


# --- query compilation -------------------------------------------------------------

def _cls(ch: str) -> str:
    spellings = all_variants(ch, limit=64) or [ch]
    return "[" + "".join(f"\\x{{{ord(c):X}}}" for c in dict.fromkeys(spellings)) + "]"


def _literal(term: str) -> str:
    return "".join(f"\\x{{{ord(c):X}}}" for c in term)


def _spellings(term: str) -> list[str] | None:
    return all_variants(term, limit=_MAX_TERM_SPELLINGS)


class Engine:
    """One tantivy index in ``folder``: open (or create) it, add, delete, search."""

    def __init__(self, folder: Path) -> None:
        t = tantivy
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self.index = t.Index(_schema(), path=str(folder), reuse=True)
        except BaseException as exc:
            if isinstance(exc, (ValueError, OSError)) or _is_panic(exc):
                raise EngineError(f"cannot open the search index: {exc}") from None
            raise
        self.index.register_tokenizer(_TOKENIZER, t.TextAnalyzerBuilder(t.Tokenizer.regex(_BIGRAM_RE)).build())
        self.schema = self.index.schema
        self.folder = folder
        self._writer: tantivy.IndexWriter | None = None

    # -- the small interface: index / delete / search -------------------------------

    def index_documents(self, docs: Iterable[Document]) -> int:
        """Add documents (call :meth:`commit` to make them visible); returns chars indexed."""
        t = tantivy
        writer = self._open_writer()
        chars = 0
        for doc in docs:
            d = t.Document()
            d.add_text("id", doc.id)
            d.add_text("path", doc.file)
            d.add_unsigned("n", doc_number(doc.id))
            day = date_value(doc.date)
            if day is not None:
                d.add_integer("day", day)
            for name in TEXT_FIELDS:
                value = _field_value(doc, name)
                if value:
                    d.add_text(f"{name}_e", value)
                    if len(value) > 1:
                        d.add_text(f"{name}_o", value[1:])
            chars += len(doc.text)
            self._call(writer.add_document, d)
        return chars

    def delete_file(self, rel: str) -> None:
        """Remove every document of the file ``rel`` (at the next commit)."""
        self._call(self._open_writer().delete_documents_by_term, "path", rel)

    def commit(self) -> None:
        if self._writer is not None:
            self._call(self._writer.commit)
            self._call(self.index.reload)

    def finish(self) -> None:
        """Commit, wait for segment merges, drop the writer (and its lock), reload."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            self._call(writer.commit)
            self._call(writer.wait_merging_threads)
        self._call(self.index.reload)

    def rollback(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            self._call(writer.rollback)

    def search(self, node: Node, limit: int | None) -> tuple[int, list[tuple[int, float]]]:
        """``(count, [(n, score), …])`` best first; ``limit`` None for every match."""
        query = self.compile(node)
        searcher = self._call(self.index.searcher)
        top = max(1, searcher.num_docs if limit is None else limit)
        result = self._call(searcher.search, query, top, True)
        addresses = [addr for _score, addr in result.hits]
        numbers = self._call(searcher.fast_field_values, "n", addresses) if addresses else []
        pairs = [(int(n), float(score)) for n, (score, _addr) in zip(numbers, result.hits) if n is not None]
        count = getattr(result, "count", None)  # present at run time; missing from the stub
        return (int(count) if count is not None else len(pairs)), pairs

    @property
    def num_docs(self) -> int:
        return int(self._call(self.index.searcher).num_docs)

    # -- compilation ---------------------------------------------------------------

    def compile(self, node: Node) -> tantivy.Query:
        """The tantivy query for ``node``: exact, except that a ``NEAR`` becomes "both"
        (a superset the caller verifies on the text) and under a NOT nothing
        (so the NOT keeps a superset too)."""
        return self._compile(node, positive=True)

    def _compile(self, node: Node, positive: bool) -> tantivy.Query:
        t = tantivy
        Q, Occ = t.Query, t.Occur
        if isinstance(node, Text):
            return self._text(node.field or "body", node.text)
        if isinstance(node, DateRange):
            return Q.range_query(self.schema, "day", t.FieldType.Integer, node.lo, node.hi)
        if isinstance(node, Near):
            if not positive:
                return Q.empty_query()
            left, right = self._compile(node.left, True), self._compile(node.right, True)
            return Q.boolean_query([(Occ.Must, left), (Occ.Must, right)])
        if isinstance(node, Not):
            inner = self._compile(node.part, not positive)
            return Q.boolean_query([(Occ.Must, Q.all_query()), (Occ.MustNot, inner)])
        if isinstance(node, And):
            clauses = []
            for part in node.parts:
                if isinstance(part, Not):
                    clauses.append((Occ.MustNot, self._compile(part.part, not positive)))
                else:
                    clauses.append((Occ.Must, self._compile(part, positive)))
            if all(occur == Occ.MustNot for occur, _q in clauses):
                clauses.append((Occ.Must, Q.all_query()))
            return Q.boolean_query(clauses)
        assert isinstance(node, Or)
        return Q.boolean_query([(Occ.Should, self._compile(part, positive)) for part in node.parts])

    def _text(self, field: str, text: str) -> tantivy.Query:
        t = tantivy
        Q, Occ = t.Query, t.Occur
        subs = []
        for f in (f"{field}_e", f"{field}_o"):
            q = self._text_in(f, text)
            if q is not None:
                subs.append((Occ.Should, q))
        return Q.boolean_query(subs) if subs else Q.empty_query()

    def _existing(self, field: str, bigram: str) -> list[str] | None:
        """The spellings of ``bigram`` this field holds (None: too many to list)."""
        spellings = _spellings(bigram)
        if spellings is None:
            return None
        searcher = self._searcher()
        return [s for s in spellings if self._call(searcher.doc_freq, field, s) > 0]

    def _text_in(self, f: str, text: str) -> tantivy.Query | None:
        """``text`` in one parity field, or None when the field cannot hold it.

        Spellings (繁/简, case, width) are looked up in the term dictionary first:
        usually one exists per bigram, and a plain phrase or term query (BM25) is
        far cheaper than a regex over the dictionary.
        """
        t = tantivy
        Q, Occ = t.Query, t.Occur
        n = len(text)
        if n == 1:
            return Q.regex_query(self.schema, f, _cls(text) + "(?s:.)?")
        bigrams = [text[i : i + 2] for i in range(0, n - 1, 2)]
        options = [self._existing(f, b) for b in bigrams]
        if any(o == [] for o in options):
            return None  # some bigram never occurs in this field
        if n == 2:
            found = options[0]
            if found is None:
                return Q.regex_query(self.schema, f, _cls(text[0]) + _cls(text[1]))
            return Q.boolean_query([(Occ.Should, Q.term_query(self.schema, f, s)) for s in found])
        if n % 2 == 0 and all(o is not None and len(o) == 1 for o in options):
            return Q.phrase_query(self.schema, f, [o[0] for o in options if o is not None])
        words: list[str | tuple[int, str]] = [
            "(?:" + "|".join(_literal(s) for s in o) + ")" if o is not None else _cls(b[0]) + _cls(b[1])
            for b, o in zip(bigrams, options)
        ]
        if n % 2:
            words.append(_cls(text[-1]) + "(?s:.)?")
        return Q.regex_phrase_query(self.schema, f, words)

    def _searcher(self) -> tantivy.Searcher:
        return self._call(self.index.searcher)

    # -- plumbing ----------------------------------------------------------------------

    def _open_writer(self) -> tantivy.IndexWriter:
        if self._writer is None:
            # Two threads at most: the machine is shared with the app's UI.
            self._writer = self._call(self.index.writer, WRITER_HEAP, 2)
        return self._writer

    @staticmethod
    def _call(fn: Callable[..., T], *args: object) -> T:
        try:
            return fn(*args)
        except BaseException as exc:
            if isinstance(exc, (ValueError, OSError)) or _is_panic(exc):
                raise EngineError(str(exc)) from None
            raise
