"""The query tree: what a parsed query is made of, and what can be asked of one.

:func:`corpus.index.query.parse_query` builds these frozen dataclasses;
:mod:`corpus.index.engine` compiles them for tantivy and
:mod:`corpus.index.match` evaluates them on a document's text. A malformed
query is a :class:`QuerySyntaxError` with the character position of the problem.
"""

from __future__ import annotations

from dataclasses import dataclass


class QuerySyntaxError(ValueError):
    """A malformed query: ``message`` says what, ``position`` where (a character offset)."""

    def __init__(self, message: str, position: int, hint: str = "") -> None:
        super().__init__(f"{message} at {position}" + (f" ({hint})" if hint else ""))
        self.message = message
        self.position = position
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Text:
    """A substring to find: in the document's text (``field`` None) or in a field."""

    text: str
    field: str | None = None
    phrase: bool = False  # written in quotes
    pos: int = 0


@dataclass(frozen=True, slots=True)
class DateRange:
    """The document's date (``YYYYMMDD`` as a number, 00 for an unknown part) in ``lo..hi``."""

    lo: int
    hi: int
    pos: int = 0


@dataclass(frozen=True, slots=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: Node
    pos: int = 0


@dataclass(frozen=True, slots=True)
class Near:
    """Occurrences of ``left`` and ``right`` at most ``distance`` characters apart
    (the characters *between* them, in either order)."""

    left: Text
    right: Text
    distance: int
    pos: int = 0


Node = Text | DateRange | And | Or | Not | Near


def positive_texts(node: Node) -> list[Text]:
    """The body terms whose occurrences are a match's hits (none under a NOT)."""
    out: list[Text] = []

    def walk(n: Node) -> None:
        if isinstance(n, Text):
            if n.field is None:
                out.append(n)
        elif isinstance(n, (And, Or)):
            for p in n.parts:
                walk(p)
        elif isinstance(n, Near):
            out.extend((n.left, n.right))

    walk(node)
    return out


def has_near(node: Node) -> bool:
    if isinstance(node, Near):
        return True
    if isinstance(node, (And, Or)):
        return any(has_near(p) for p in node.parts)
    if isinstance(node, Not):
        return has_near(node.part)
    return False


def describe(node: Node) -> str:
    """A canonical text form (tests, debugging, the JSON output's ``parsed``)."""
    if isinstance(node, Text):
        body = f'"{node.text}"' if node.phrase or " " in node.text else node.text
        return f"{node.field}:{body}" if node.field else body
    if isinstance(node, DateRange):
        return f"date:{node.lo}..{node.hi}"
    if isinstance(node, And):
        return "(" + " AND ".join(describe(p) for p in node.parts) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(describe(p) for p in node.parts) + ")"
    if isinstance(node, Not):
        return f"NOT {describe(node.part)}"
    return f"({describe(node.left)} NEAR/{node.distance} {describe(node.right)})"
