"""Analysis tables as CSV: the CLI's ``--csv`` and the analysis screen's export.

The same dialect as the notes export (``annotations.export.csv_export``): UTF-8
with a BOM so spreadsheets read the Chinese, RFC 4180 quoting, and a ``'`` in
front of a cell a spreadsheet would run as a formula (words, titles and contexts
come from untrusted documents). Files are written atomically and never replace
an existing file unless asked (``annotations.export.files.write_export``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from annotations.export.csv_export import BOM, neutralise
from annotations.export.files import write_export

Cell = str | int | float | None


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(round(value, 6))
    return neutralise(str(value))


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    buf = io.StringIO()
    buf.write(BOM)
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_cell(c) for c in columns])
    for row in rows:
        writer.writerow([_cell(c) for c in row])
    return buf.getvalue()


def write_csv(path: str | Path, columns: Sequence[str], rows: Sequence[Sequence[Cell]], *, force: bool = False) -> Path:
    """Write the table to ``path``; ``FileExistsError`` if it exists and not ``force``."""
    return write_export(path, to_csv(columns, rows), force=force)
