"""Exporting from the analysis screen: a tab's table as CSV, or the tab as an SVG image;
ask where, never clobber silently.

The path defaults to ``./reader-<view>-YYYYMMDD.csv`` (``.svg``); an existing file
is only replaced after a second question. The table is the same one ``--csv``
writes (:mod:`reader.tables`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.app import App

from corpus.analysis.common import Row

from .. import analysis_work as aw

if TYPE_CHECKING:
    from ..analysis_work import Result


def export_table(result: Result) -> tuple[list[str], Sequence[Row]]:
    """Columns and rows of a view's result (the CLI's ``--csv`` tables)."""
    if isinstance(result, aw.KwicResult):
        return result.conc.columns(), result.conc.rows()
    if isinstance(result, aw.CollocatesResult):
        table, grams = result
        rows: list[Row] = [["collocate", *r] for r in table.rows()]
        rows += [["cluster", g[0], g[2], "", "", "", "", ""] for g in grams.rows()]
        return ["kind", *table.columns()], rows
    from annotations.analysis import Matrix

    if isinstance(result, Matrix):  # its ``rows`` are the tags; its table has a column per tag
        return result.columns(), result.table_rows()
    return result.columns(), result.rows()


def ask_and_export(app: App[object], view: str, result: Result) -> None:
    from ..tables import to_csv

    def content() -> str:
        return to_csv(*export_table(result))

    _ask(app, "Export CSV", f"Write the {view} table to:", f"./reader-{view}-{dt.date.today():%Y%m%d}.csv", content)


def ask_and_save_image(app: App[object], view: str) -> None:
    """The screen as it is now, as an SVG image (drawn when the path is chosen: the dialog
    is gone by then)."""
    from ..charts import offline_svg

    def content() -> str:
        return offline_svg(app.export_screenshot(title=f"reader · {view}"))

    _ask(app, "Save SVG", f"Save the {view} tab as an image to:", f"./reader-{view}-{dt.date.today():%Y%m%d}.svg",
         content)


def _ask(app: App[object], title: str, question: str, default: str, content: Callable[[], str]) -> None:
    from .prompt import PromptDialog

    app.push_screen(PromptDialog(title, question, default),
                    lambda path: write(app, content, path, force=False))


def write(app: App[object], content: Callable[[], str], path: str | None, *, force: bool) -> None:
    if not path:
        return
    from annotations.export.files import write_export

    from .prompt import PromptDialog

    try:
        written = write_export(path, content(), force=force)
    except FileExistsError:
        app.push_screen(PromptDialog("Replace?", f"{path} exists. Type yes to replace it."),
                        lambda answer: write(app, content, path, force=True)
                        if (answer or "").lower() in ("yes", "y") else None)
        return
    except OSError as exc:
        app.notify(f"cannot write {path}: {exc.strerror or exc}", severity="error")
        return
    app.notify(f"wrote {written}", timeout=5)
