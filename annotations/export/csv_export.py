"""CSV export: one row per annotation, RFC 4180 quoting, UTF-8 with a BOM.

The BOM makes spreadsheet programs read the Chinese correctly. Columns:
``id, doc_id, section, title, quote, note, tags, color, created, modified,
status, file, start, end``; tags are joined by ``;``.

Cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab
or carriage return) get a leading ``'``, as OWASP recommends: documents are
untrusted and a quote like ``=HYPERLINK(…)`` must not execute. ``read_rows``
undoes exactly that, so every cell reads back as it was. Control characters
and escape sequences are dropped from every cell (``corpus.sanitize``).
"""

from __future__ import annotations

import csv
import io

from corpus.model import Corpus
from corpus.sanitize import printable

from ..model import Annotation
from ._common import Progress, Ticker, document_of, ordered

BOM = "\ufeff"
COLUMNS = (
    "id", "doc_id", "section", "title", "quote", "note", "tags",
    "color", "created", "modified", "status", "file", "start", "end",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    # Quotes already in front of a formula get one more, so ``restore`` is an exact inverse.
    return "'" + cell if cell.lstrip("'").startswith(_FORMULA_START) else cell


def restore(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_START) else cell


def row(ann: Annotation, corpus: Corpus | None) -> list[str]:
    doc = document_of(ann, corpus)
    t, s = ann.target, ann.selector
    cells = [
        ann.id, t.doc_id, doc.section if doc else t.section, doc.title if doc else t.title,
        s.exact, ann.note, ";".join(ann.tags), str(ann.color), ann.created, ann.modified,
        ann.status, t.file, str(s.start), str(s.end),
    ]
    return [neutralise(_clean(c)) for c in cells]


def _clean(cell: str) -> str:
    """Control characters and escape sequences dropped; CRLF kept (CSV's own line break)."""
    return "\r\n".join(printable(part) for part in cell.split("\r\n"))


def render(anns: list[Annotation], corpus: Corpus | None, progress: Progress | None = None) -> str:
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    items = ordered(anns, corpus)
    ticker = Ticker(progress, len(items))
    for ann in items:
        writer.writerow(row(ann, corpus))
        ticker.tick()
    ticker.finish()
    return buf.getvalue()


def read_rows(text: str) -> list[dict[str, str]]:
    """Parse an export back into dicts (BOM and formula guards removed)."""
    reader = csv.DictReader(io.StringIO(text.removeprefix(BOM), newline=""))
    return [{k: restore(v) for k, v in rec.items()} for rec in reader]
