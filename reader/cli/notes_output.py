"""Human output of the notes commands (rich): note tables, one note, doctor reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from annotations.colors import COLOR_TABLE
from annotations.model import Annotation

from .common import console, plural

if TYPE_CHECKING:
    from annotations.doctor import DoctorReport


def _background(color: int) -> str:
    """The rich style that marks a quote in its highlight colour."""
    return f"on {COLOR_TABLE.get(color, COLOR_TABLE[1]).terminal}"


def short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def print_notes(anns: list[Annotation]) -> None:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for col in ("id", "doc", "quote", "note", "tags", "date", "status"):
        table.add_column(col, overflow="fold" if col == "note" else "ellipsis")
    for a in anns:
        status = "" if a.status == "anchored" else a.status
        table.add_row(
            f"[dim]{a.id[:8]}[/]",
            escape(a.target.doc_id[:12]),
            f"[{_background(a.color)}]{escape(short(a.quote, 24))}[/]",
            escape(short(a.note, 40)),
            escape(" ".join(f"#{t}" for t in a.tags)),
            a.created[:10],
            f"[red]{status}[/]" if status == "orphan" else status,
        )
    console.print(table)
    console.print(f"[dim]{plural(len(anns), 'annotation')}[/]")


def print_note(ann: Annotation) -> None:
    """One annotation in full: context, quote in its colour, tags, note."""
    console.print(f"[bold]{ann.id}[/] [dim]{escape(ann.target.doc_id)} · {ann.created} · {ann.status}[/]")
    before, after = " ".join(ann.selector.prefix.split()), " ".join(ann.selector.suffix.split())
    console.print(f"[dim]…{escape(before)}[/][{_background(ann.color)}]"
                  f"{escape(ann.quote)}[/][dim]{escape(after)}…[/]")
    if ann.tags:
        console.print(escape(" ".join(f"#{t}" for t in ann.tags)))
    if ann.note:
        console.print(escape(ann.note))


def print_report(report: DoctorReport) -> None:
    ok = "[green]✓[/]"
    bad = "[red]✗[/]"
    console.print(f"database {escape(report['path'])}")
    if not report["exists"]:
        console.print(f"{ok} no database yet (it is created with the first note)")
        return
    mark = ok if report.get("json") == "valid" else bad
    console.print(f"{mark} JSON {report.get('json')}, {report.get('bytes', 0)} bytes")
    console.print(f"  schema {report.get('schema')}, {plural(report.get('annotations', 0), 'readable annotation')}")
    orphans = report.get("statuses", {}).get("orphan", 0)
    if orphans:
        console.print(f"  {orphans} orphaned (list them with `reader notes --orphans`; they are never deleted)")
    for p in report["problems"]:
        console.print(f"{bad} {escape(p)}")
    for n in report.get("notes", []):
        console.print(f"[yellow]![/] {escape(n)}")
    for t in report.get("temp_files", []):
        console.print(f"[yellow]![/] leftover temp file {escape(t)}")
    anchors = report.get("anchors")
    if anchors:
        counts = ", ".join(f"{n} {k}" for k, n in anchors["counts"].items()) or "no annotations"
        console.print(f"  anchors: {counts}")
    rep = report.get("repair")
    if rep:
        kept = escape(str(rep["backup"]))
        console.print(f"{ok} repaired: {plural(rep['annotations'], 'annotation')} written; old file kept at {kept}")
    if "reanchored" in report:
        console.print(f"  re-anchored: {report['reanchored']}")
    final = report.get("after", report)
    console.print(f"{ok} all good" if final["ok"] else f"{bad} problems found (run `reader doctor --repair`)")
