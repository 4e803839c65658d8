"""The search query language: a real parser with positions for its errors.

One language for the app's ``ctrl+f``, ``reader search`` and the analysis views::

    跨境电商 海外仓              both (AND; ``AND`` may be written too)
    跨境电商 OR 外贸             either
    -杭州   NOT 杭州            not
    "综合 试验区"               an exact phrase (spaces kept)
    跨境电商 NEAR/10 海外仓      within 10 *characters* of each other (NEAR alone: 10)
    (跨境电商 OR 外贸) 海外仓     grouping
    title:跨境  section:要闻  author:王  file:2023/   a field contains the text
    date:2023  date:2023-08  date:2023-08-13  date:2023-08..2023-09  date:..2022
    title:(跨境 OR 外贸)         a field applied to a group

Every word is a *substring*, matched folded (繁/简, full/half width, case:
:mod:`corpus.text.fold`), exactly as the old exact-phrase search matched. ``OR``
binds tighter than the implicit AND (``a b OR c`` is ``a (b OR c)``), ``NOT`` and
``-`` tighter still, ``NEAR`` tightest. Operators are upper case; lower-case
``or`` is a word. A malformed query raises :class:`QuerySyntaxError` with a
message and the character position of the problem, e.g. ``unbalanced
parenthesis at 14``.

The parser knows nothing of the engine: it returns a small tree of frozen
dataclasses (:data:`Node`, in :mod:`.nodes`; dates are read by :mod:`.dates`)
that :mod:`corpus.index.engine` compiles for tantivy and :mod:`corpus.index.match`
evaluates on a document's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import date_value, parse_date
from .nodes import (
    And,
    DateRange,
    Near,
    Node,
    Not,
    Or,
    QuerySyntaxError,
    Text,
    describe,
    has_near,
    positive_texts,
)

__all__ = [
    "DEFAULT_NEAR", "FIELDS", "MAX_DEPTH", "MAX_NEAR", "MAX_QUERY_CHARS", "MAX_TERMS", "TEXT_FIELDS",
    "And", "DateRange", "Near", "Node", "Not", "Or", "QuerySyntaxError", "Text",
    "date_value", "describe", "has_near", "parse_query", "positive_texts",
]

#: Field names a query may use (``date`` is special: it takes dates).
TEXT_FIELDS = ("title", "section", "author", "file")
FIELDS = (*TEXT_FIELDS, "date")

#: ``A NEAR B`` without a distance: within this many characters.
DEFAULT_NEAR = 10

# Bounds on untrusted input: a query is typed by a person, but a script or a
# pasted document must not make the parser (or the engine) do unbounded work.
MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
MAX_DEPTH = 32
MAX_NEAR = 100_000


# --- tokens -------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # word | phrase | lparen | rparen | and | or | not | minus | near | field
    value: str
    pos: int
    near: int = DEFAULT_NEAR


_NEAR_RE = re.compile(r"NEAR(?:/(\S*))?")
_FIELD_RE = re.compile(r"([A-Za-z]+):")
_STOP = set(' \t\r\n\f\v\u3000()"')


def _lex(query: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            toks.append(_Tok("lparen", ch, i))
            i += 1
        elif ch == ")":
            toks.append(_Tok("rparen", ch, i))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError("unterminated quote", i)
            toks.append(_Tok("phrase", query[i + 1 : end], i))
            i = end + 1
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace() and (not toks or _separated(query, i)):
            toks.append(_Tok("minus", ch, i))
            i += 1
        else:
            j = i
            while j < n and query[j] not in _STOP and not query[j].isspace():
                j += 1
            word = query[i:j]
            field = _FIELD_RE.match(word)
            if field:
                name = field.group(1).lower()
                if name in FIELDS:
                    toks.append(_Tok("field", name, i))
                    i += len(name) + 1
                    continue
                raise QuerySyntaxError(
                    f"unknown field {field.group(1)!r}", i,
                    f"fields: {', '.join(FIELDS)}; put text with a colon in quotes",
                )
            if word in ("AND", "OR", "NOT"):
                toks.append(_Tok(word.lower(), word, i))
            elif (near := _NEAR_RE.fullmatch(word)) is not None:
                toks.append(_Tok("near", word, i, _near_distance(near.group(1), i)))
            else:
                toks.append(_Tok("word", word, i))
            i = j
    return toks


def _separated(query: str, i: int) -> bool:
    """A ``-`` negates only at the start of a term (after space or a parenthesis)."""
    return i == 0 or query[i - 1].isspace() or query[i - 1] in "("


def _near_distance(raw: str | None, pos: int) -> int:
    if raw is None:
        return DEFAULT_NEAR
    if not raw.isdigit() or not raw.isascii():
        raise QuerySyntaxError("NEAR/ needs a number of characters, like NEAR/10", pos)
    value = int(raw)
    if value > MAX_NEAR:
        raise QuerySyntaxError(f"NEAR/{raw} is too far (at most {MAX_NEAR} characters)", pos)
    return value



# --- parser ---------------------------------------------------------------------

class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.toks = _lex(query)
        self.i = 0
        self.terms = 0
        self.depth = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            raise QuerySyntaxError("the query is empty", 0)
        node = self.and_expr(field=None)
        tok = self.peek()
        if tok is not None:
            # and_expr stops only at a ')' it did not open.
            raise QuerySyntaxError("unbalanced parenthesis", tok.pos)
        return node

    def _starts_term(self, tok: _Tok | None) -> bool:
        return tok is not None and tok.kind in ("word", "phrase", "lparen", "not", "minus", "field")

    def and_expr(self, field: str | None) -> Node:
        parts = [self.or_expr(field)]
        while True:
            tok = self.peek()
            if tok is None or tok.kind == "rparen":
                break
            if tok.kind == "and":
                self.take()
                if not self._starts_term(self.peek()):
                    raise QuerySyntaxError("AND needs a term on each side", tok.pos)
            elif not self._starts_term(tok):
                raise QuerySyntaxError(f"{tok.value} needs a term on each side", tok.pos)
            parts.append(self.or_expr(field))
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def or_expr(self, field: str | None) -> Node:
        parts = [self.unary(field)]
        while (tok := self.peek()) is not None and tok.kind == "or":
            self.take()
            if not self._starts_term(self.peek()):
                raise QuerySyntaxError("OR needs a term on each side", tok.pos)
            parts.append(self.unary(field))
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def unary(self, field: str | None) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind in ("not", "minus"):
            self.take()
            if not self._starts_term(self.peek()):
                raise QuerySyntaxError(f"{'NOT' if tok.kind == 'not' else '-'} needs a term after it", tok.pos)
            return Not(self.unary(field), tok.pos)
        return self.near(field)

    def near(self, field: str | None) -> Node:
        left = self.primary(field)
        node: Node = left
        pairs: list[Node] = []
        while (tok := self.peek()) is not None and tok.kind == "near":
            self.take()
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("word", "phrase"):
                raise QuerySyntaxError("NEAR needs a word or phrase on each side", tok.pos)
            right = self.primary(field)
            if not isinstance(left, Text) or not isinstance(right, Text) or left.field or right.field:
                raise QuerySyntaxError("NEAR joins two words or phrases of the text", tok.pos)
            pairs.append(Near(left, right, tok.near, tok.pos))
            left = right
        if pairs:
            # a NEAR b NEAR c: each neighbour pair is near.
            node = pairs[0] if len(pairs) == 1 else And(tuple(pairs))
        return node

    def primary(self, field: str | None) -> Node:
        if self.i >= len(self.toks):
            raise QuerySyntaxError("the query ends where a term was expected", len(self.query))
        tok = self.take()
        if tok.kind == "lparen":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise QuerySyntaxError(f"parentheses nested too deeply (at most {MAX_DEPTH})", tok.pos)
            if (nxt := self.peek()) is not None and nxt.kind == "rparen":
                raise QuerySyntaxError("empty parentheses", tok.pos)
            if nxt is None:
                raise QuerySyntaxError("unbalanced parenthesis", tok.pos)
            node = self.and_expr(field)
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise QuerySyntaxError("unbalanced parenthesis", tok.pos)
            self.take()
            self.depth -= 1
            return node
        if tok.kind == "field":
            if field is not None:
                raise QuerySyntaxError(f"{tok.value}: inside {field}:( … )", tok.pos)
            return self.field_value(tok)
        if tok.kind == "word":
            return self.text(tok.value, field, False, tok.pos)
        if tok.kind == "phrase":
            return self.text(tok.value, field, True, tok.pos)
        if tok.kind == "rparen":
            raise QuerySyntaxError("unbalanced parenthesis", tok.pos)
        raise QuerySyntaxError(f"{tok.value} needs a term on each side", tok.pos)

    def field_value(self, tok: _Tok) -> Node:
        name = tok.value
        value_pos = tok.pos + len(name) + 1
        nxt = self.peek()
        attached = nxt is not None and nxt.pos == value_pos
        if not attached or nxt is None:
            raise QuerySyntaxError(f"{name}: needs a value right after the colon", tok.pos)
        if name == "date":
            if nxt.kind != "word":
                raise QuerySyntaxError("date: needs a date, like date:2023-08 or date:2023-08..2023-09", tok.pos)
            self.take()
            self.count_term(tok.pos)
            return parse_date(nxt.value, nxt.pos)
        if nxt.kind == "lparen":
            return self.primary(name)
        if nxt.kind in ("word", "phrase"):
            self.take()
            return self.text(nxt.value, name, nxt.kind == "phrase", tok.pos)
        raise QuerySyntaxError(f"{name}: needs a value right after the colon", tok.pos)

    def text(self, value: str, field: str | None, phrase: bool, pos: int) -> Text:
        if not value.strip():
            raise QuerySyntaxError("empty phrase", pos)
        self.count_term(pos)
        # Leading and trailing spaces never count (as in the in-document search).
        return Text(value.strip(), field, phrase, pos)

    def count_term(self, pos: int) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QuerySyntaxError(f"too many terms (at most {MAX_TERMS})", pos)


def parse_query(query: str) -> Node:
    """Parse ``query`` into a tree; raise :class:`QuerySyntaxError` if it is malformed."""
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"the query is too long (at most {MAX_QUERY_CHARS} characters)", MAX_QUERY_CHARS)
    return _Parser(query).parse()
