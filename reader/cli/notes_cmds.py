"""Annotation commands: ``notes``, ``note add|edit|rm|show``, ``tags``, ``doctor``.

Scriptable twins of the app's annotation actions. All take ``--json`` and
``--db PATH`` (default ``corpus.paths.db_path()``: ``$READER_DB`` or the user data dir).
Errors are one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click
from rich.markup import escape

from .analysis_common import svg_output
from .common import (
    F,
    console,
    corpus_option,
    db_option,
    emit_json,
    fail,
    find_document,
    json_option,
    open_corpus,
    open_store,
    plural,
)
from .editor import Draft, edit_text
from .note_filters import build_filter, filter_options, highlight_option, saved_query
from .notes_output import print_note, print_notes, print_report, short

if TYPE_CHECKING:
    from annotations.model import Annotation
    from annotations.store import NoteChanges
    from corpus import Document
    from corpus.jsontypes import JSON, JSONObject


def check_corpus_option(help_text: str) -> Callable[[F], F]:
    """``-c/--corpus`` where no corpus means "skip that step" rather than the samples."""
    return click.option("-c", "--corpus", "corpus_path", type=click.Path(path_type=Path), default=None, help=help_text)


def _record(ann: Annotation) -> JSONObject:
    return ann.to_record()


def _read_note(value: str) -> str:
    if value == "-":
        return sys.stdin.read().rstrip("\n")
    return value


@click.command("notes")
@filter_options
@click.option("--save", "save_as", default=None, help="Also save this filter under a name (for the app and --saved).")
@click.option("--list-saved", is_flag=True, help="List the saved filters instead.")
@check_corpus_option("Re-anchor against this corpus first (statuses become current).")
@db_option
@json_option
def notes_cmd(
    query: str | None,
    tags: tuple[str, ...],
    any_tags: tuple[str, ...],
    not_tags: tuple[str, ...],
    doc: str | None,
    section: str | None,
    text: str | None,
    since: str | None,
    until: str | None,
    colors: tuple[int, ...],
    orphans: bool,
    saved: str | None,
    save_as: str | None,
    list_saved: bool,
    corpus_path: Path | None,
    db_path: Path | None,
    as_json: bool,
) -> None:
    """List annotations, all or filtered.

    With -c, re-anchor them against that corpus first (statuses become current).
    """
    with open_store(db_path, read_only=corpus_path is None and save_as is None) as store:
        if list_saved:
            filters = store.saved_filters()
            if as_json:
                emit_json({"filters": filters})
            else:
                for name, q in filters.items():
                    console.print(f"[bold]{escape(name)}[/]  {escape(q)}")
                if not filters:
                    console.print("[dim]no saved filters[/]")
            return
        query = saved_query(store, saved, query)
        flt = build_filter(query, tags, any_tags, not_tags, doc, section, text, since, until, colors, orphans)
        if save_as is not None:
            store.save_filter(save_as, flt.to_text())
        if corpus_path is not None:
            from annotations.anchor import reanchor_corpus

            reanchor_corpus(store, open_corpus(corpus_path))
        anns = store.query(flt)
        if as_json:
            emit_json({"db": str(store.path), "count": len(anns), "annotations": [_record(a) for a in anns]})
        else:
            print_notes(anns)


@click.group("note")
def note_group() -> None:
    """Add, edit, show or remove one annotation."""


@note_group.command("add")
@click.argument("doc_id")
@click.option("--quote", required=True, help="The exact passage to annotate.")
@click.option(
    "--occurrence", type=click.IntRange(1), default=None, help="Which occurrence (1 = first) when the quote repeats."
)
@click.option("--note", "note_text", default="", help="The note (Markdown); '-' reads it from stdin.")
@click.option("--tag", "tags", multiple=True, help="A tag (repeat for several).")
@highlight_option("color", default=1, help="Highlight colour 1–6.")
@corpus_option
@db_option
@json_option
def note_add(
    doc_id: str,
    quote: str,
    occurrence: int | None,
    note_text: str,
    tags: tuple[str, ...],
    color: int,
    corpus_path: Path | None,
    db_path: Path | None,
    as_json: bool,
) -> None:
    """Annotate a passage of document DOC_ID; prints the new annotation's id."""
    from annotations.model import new_annotation, parse_tags
    from corpus.text.search import occurrences

    if not quote.strip():
        fail("the quote is empty")
    corpus = open_corpus(corpus_path)
    doc = find_document(corpus, doc_id)
    starts = occurrences(doc.text, quote)
    if not starts:
        fail(_not_found(doc, quote))
    if occurrence is None and len(starts) > 1:
        fail(f"the quote occurs {len(starts)} times in {doc.id}; choose one with --occurrence 1–{len(starts)}")
    n = occurrence or 1
    if n > len(starts):
        fail(f"--occurrence {n}: the quote occurs only {plural(len(starts), 'time')} in {doc.id}")
    start = starts[n - 1]
    with open_store(db_path) as store:
        ann = store.add(new_annotation(doc, start, start + len(quote), note=_read_note(note_text) or "",
                                       tags=parse_tags(tags), color=color))
    if as_json:
        emit_json(_record(ann))
    else:
        click.echo(ann.id)


@note_group.command("edit")
@click.argument("note_id")
@click.option("--note", "note_text", default=None, help="Replace the note ('-' reads stdin).")
@click.option("--tag", "tags", multiple=True, help="Replace all tags with these (repeat).")
@click.option("--add-tag", "add_tags", multiple=True, help="Add a tag (repeat).")
@click.option("--rm-tag", "rm_tags", multiple=True, help="Remove a tag (repeat).")
@highlight_option("color", help="New highlight colour 1–6.")
@db_option
@json_option
def note_edit(
    note_id: str,
    note_text: str | None,
    tags: tuple[str, ...],
    add_tags: tuple[str, ...],
    rm_tags: tuple[str, ...],
    color: int | None,
    db_path: Path | None,
    as_json: bool,
) -> None:
    """Change an annotation's note, tags or colour.

    NOTE_ID is an annotation id or a unique prefix of it. With no option, the
    note opens in your editor ($VISUAL, $EDITOR, else vi), as `git commit`
    does; an unchanged or empty result saves nothing.
    """
    from annotations.model import parse_tags

    original, draft = "", None
    if note_text is None and not (tags or add_tags or rm_tags) and color is None:
        original, draft = _note_from_editor(db_path, note_id)
    tags, add_tags, rm_tags = parse_tags(tags), parse_tags(add_tags), parse_tags(rm_tags)
    with open_store(db_path) as store:
        current = store.get(note_id)
        if current is None:
            fail(f"no annotation with id {note_id!r}")
        changes: NoteChanges = {}  # AnnotationStore.update's fields
        if draft is not None:
            if current.note != original:
                fail(f"the note changed while you were editing it; nothing saved, your text is in {draft.path}")
            changes["note"] = draft.text
        elif note_text is not None:
            changes["note"] = _read_note(note_text)
        if tags:
            changes["tags"] = [t for t in (*tags, *add_tags) if t not in rm_tags]
        if color is not None:
            changes["color"] = color
        if not changes and not (add_tags or rm_tags):
            fail("nothing to change: give --note, --tag, --add-tag, --rm-tag or --highlight")
        ann = current
        if changes:
            ann = store.update(current.id, **changes)
        if (add_tags or rm_tags) and not tags:
            # Inside the lock, so a tag added meanwhile by another process is kept.
            ann = store.retag(current.id, add=add_tags, remove=rm_tags)
    if draft is not None:
        draft.discard()
    if as_json:
        emit_json(_record(ann))
    else:
        click.echo(ann.id)


def _note_from_editor(db_path: Path | None, note_id: str) -> tuple[str, Draft]:
    """The note before, and as edited in the user's editor (the store is not locked meanwhile)."""
    with open_store(db_path, read_only=True) as store:
        current = store.get(note_id)
    if current is None:
        fail(f"no annotation with id {note_id!r}")
    draft = edit_text(current.note, hint="give the note with --note TEXT, or --note - to read stdin")
    if not draft.text.strip():
        draft.discard()
        fail("the note is empty; nothing saved (to clear a note, use --note '')")
    if draft.text == current.note:
        draft.discard()
        fail("the note is unchanged; nothing saved")
    return current.note, draft


@note_group.command("rm")
@click.argument("note_id")
@db_option
@json_option
def note_rm(note_id: str, db_path: Path | None, as_json: bool) -> None:
    """Delete an annotation (NOTE_ID or a unique prefix)."""
    with open_store(db_path) as store:
        gone = store.delete(note_id)
    if as_json:
        emit_json({"deleted": _record(gone)})
    else:
        click.echo(f"deleted {gone.id}")


@note_group.command("show")
@click.argument("note_id")
@db_option
@json_option
def note_show(note_id: str, db_path: Path | None, as_json: bool) -> None:
    """Print one annotation in full."""
    with open_store(db_path, read_only=True) as store:
        ann = store.get(note_id)
        if ann is None:
            fail(f"no annotation with id {note_id!r}")
    if as_json:
        emit_json(_record(ann))
        return
    print_note(ann)


@click.group("tags", invoke_without_command=True)
@db_option
@json_option
@click.option("--matrix", type=click.Choice(["section", "doc", "cooccur"]), default=None,
              help="Notes per tag × section, tag × document, or tag × tag (on one note or overlapping passages).")
@click.option("--rollup/--no-rollup", default=True, show_default=True,
              help="With --matrix: 政策/财政 also counts for 政策.")
@check_corpus_option("With --matrix: sections and titles as they are now in this corpus.")
@click.option("--csv", "csv_path", default=None, metavar="FILE",
              help="With --matrix: also write it as CSV ('-' for stdout).")
@click.option("--svg", "svg_path", default=None, metavar="FILE",
              help="Also save what is printed (the --matrix heat table in colour) as an SVG image.")
@click.option("--force", is_flag=True, help="Replace the --csv or --svg file if it exists.")
@click.pass_context
@svg_output
def tags_group(ctx: click.Context, db_path: Path | None, as_json: bool, matrix: str | None, rollup: bool,
               corpus_path: Path | None, csv_path: str | None, force: bool) -> None:
    """Tags with their counts (and `tags rename`, `tags merge`, `--matrix`)."""
    ctx.obj = db_path  # `reader tags --db X rename …` means that database too
    if ctx.invoked_subcommand is not None:
        return
    if matrix is not None:
        from .analysis_common import show_tag_matrix

        with open_store(db_path, read_only=True) as store:
            anns = store.all()
        show_tag_matrix(anns, matrix, rollup=rollup, corpus_path=corpus_path, as_json=as_json, csv_path=csv_path,
                        force=force)
        return
    with open_store(db_path, read_only=True) as store:
        counts = store.tags()
    if as_json:
        emit_json({"tags": counts})
        return
    for tag, n in counts.items():
        console.print(f"{n:>6}  {escape(tag)}")
    if not counts:
        console.print("[dim]no tags yet[/]")


@tags_group.command("rename")
@click.argument("old")
@click.argument("new")
@db_option
@json_option
@click.pass_obj
def tags_rename(group_db: Path | None, old: str, new: str, db_path: Path | None, as_json: bool) -> None:
    """Rename tag OLD to NEW on every annotation."""
    with open_store(db_path or group_db) as store:
        n = store.rename_tag(old, new)
    _changed(n, as_json)


@tags_group.command("merge")
@click.argument("sources", nargs=-1, required=True)
@click.option("--into", "target", required=True, help="The tag that replaces them.")
@db_option
@json_option
@click.pass_obj
def tags_merge(
    group_db: Path | None, sources: tuple[str, ...], target: str, db_path: Path | None, as_json: bool
) -> None:
    """Merge tags SOURCES… into one tag (--into)."""
    with open_store(db_path or group_db) as store:
        n = store.merge_tags(list(sources), target)
    _changed(n, as_json)


@click.command("doctor")
@click.option(
    "--repair", is_flag=True, help="Salvage every readable annotation into a fresh file (the old one is kept)."
)
@check_corpus_option("Also check every anchor against this corpus (and re-anchor with --repair).")
@db_option
@json_option
@click.pass_context
def doctor_cmd(ctx: click.Context, repair: bool, corpus_path: Path | None, db_path: Path | None, as_json: bool) -> None:
    """Check the annotations database; --repair salvages it.

    With -c, also check every anchor against that corpus.

    Exit status 1 when problems remain.
    """
    from annotations import doctor
    from corpus.paths import db_path as default_db_path

    path = (db_path or default_db_path()).expanduser()
    corpus = open_corpus(corpus_path) if corpus_path is not None else None
    try:
        report = doctor.check(path, corpus)
        if repair and (not report["ok"] or report.get("temp_files")):
            report["repair"] = doctor.repair(path)
            report["after"] = doctor.check(path, corpus)
    except OSError as exc:
        fail(f"cannot read {path}: {exc.strerror or exc}")
    if repair and corpus is not None:
        from annotations.anchor import reanchor_corpus

        with open_store(path) as store:
            report["reanchored"] = reanchor_corpus(store, corpus)
    final = report.get("after", report)
    if as_json:
        emit_json(cast("JSON", report))  # a TypedDict of JSON values (mypy's TypedDict is no Mapping[str, JSON])
    else:
        print_report(report)
    if not final["ok"]:
        ctx.exit(1)


def _changed(n: int, as_json: bool) -> None:
    if as_json:
        emit_json({"changed": n})
    else:
        click.echo(f"{plural(n, 'annotation')} changed")


def _not_found(doc: Document, quote: str) -> str:
    from corpus.text.search import find_all

    msg = f"the quote {short(quote, 30)!r} does not occur in {doc.id} (exact match)"
    near = find_all(doc.text, quote)
    if near:
        s, e = near[0]
        return f"{msg}; it does occur written as {doc.text[s:e]!r} (pass that as --quote)"
    return msg
