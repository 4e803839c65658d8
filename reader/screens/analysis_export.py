"""Exporting an analysis table to CSV from the screen: ask where, never clobber silently.

The path defaults to ``./reader-<view>-YYYYMMDD.csv``; an existing file is only
replaced after a second question. The table is the same one ``--csv`` writes
(:mod:`reader.tables`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import App


def export_table(view: str, result: Any) -> tuple[list[str], list[Any]]:
    """Columns and rows of a view's result (the CLI's ``--csv`` tables)."""
    if view == "kwic":
        return result[0].columns(), result[0].rows()
    if view == "collocates":
        table, grams = result
        rows = [["collocate", *r] for r in table.rows()]
        rows += [["cluster", g[0], g[2], "", "", "", "", ""] for g in grams.rows()]
        return ["kind", *table.columns()], rows
    if view == "tags":
        return result.columns(), result.table_rows()
    return result.columns(), result.rows()


def ask_and_export(app: App[Any], view: str, result: Any) -> None:
    from .prompt import PromptDialog

    default = f"./reader-{view}-{dt.date.today():%Y%m%d}.csv"
    app.push_screen(PromptDialog("Export CSV", f"Write the {view} table to:", default),
                    lambda path: write(app, view, result, path, force=False))


def write(app: App[Any], view: str, result: Any, path: str | None, *, force: bool) -> None:
    if not path:
        return
    from ..tables import write_csv
    from .prompt import PromptDialog

    columns, rows = export_table(view, result)
    try:
        written = write_csv(path, columns, rows, force=force)
    except FileExistsError:
        app.push_screen(PromptDialog("Replace?", f"{path} exists. Type yes to replace it."),
                        lambda answer: write(app, view, result, path, force=True)
                        if (answer or "").lower() in ("yes", "y") else None)
        return
    except OSError as exc:
        app.notify(f"cannot write {path}: {exc.strerror or exc}", severity="error")
        return
    app.notify(f"wrote {written}", timeout=5)
