"""The note filters shared by ``reader notes`` and ``reader export``.

One set of options and one way of turning them into an
``annotations.query.Filter``, so the two commands never drift apart.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from .common import fail

if TYPE_CHECKING:
    from annotations.query import Filter
    from annotations.store import AnnotationStore


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``-q`` (the filter-bar language) plus one option per filter field."""
    options = [
        click.option(
            "-q", "--query", default=None, help='Filter-bar expression, e.g. "tag:跨境 since:2024-01-01 贸易".'
        ),
        click.option("--tag", "tags", multiple=True, help="Only notes with this tag (repeat: all of them)."),
        click.option("--any-tag", "any_tags", multiple=True, help="Only notes with at least one of these tags."),
        click.option("--not-tag", "not_tags", multiple=True, help="Leave out notes with this tag."),
        click.option("--doc", default=None, help="Only notes of this document (id or id prefix)."),
        click.option("--section", default=None, help="Only notes of this section."),
        click.option("--text", default=None, help="Words that must occur in the quote or note (繁/简 alike)."),
        click.option("--since", default=None, help="Created on or after this date (YYYY-MM-DD)."),
        click.option("--until", default=None, help="Created on or before this date (YYYY-MM-DD)."),
        click.option(
            "--color", "colors", multiple=True, type=click.IntRange(1, 6), help="Only this colour (1–6; repeat)."
        ),
        click.option("--orphans", is_flag=True, help="Only notes whose passage was not found again."),
        click.option("--saved", default=None, help="Use a filter saved in the app under this name."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def saved_query(store: AnnotationStore, saved: str | None, query: str | None) -> str | None:
    """``query`` refined by the saved filter ``saved`` (an error if there is none)."""
    if saved is None:
        return query
    filters = store.saved_filters()
    if saved not in filters:
        fail(f"no saved filter named {saved!r} (saved: {', '.join(filters) or 'none'})")
    return " ".join(x for x in (filters[saved], query) if x)


def build_filter(
    query: str | None,
    tags: tuple[str, ...] = (),
    any_tags: tuple[str, ...] = (),
    not_tags: tuple[str, ...] = (),
    doc: str | None = None,
    section: str | None = None,
    text: str | None = None,
    since: str | None = None,
    until: str | None = None,
    colors: tuple[int, ...] = (),
    orphans: bool = False,
    *,
    resolve_doc: Callable[[str], str] | None = None,
) -> Filter:
    """A ``Filter`` from the options; explicit options refine ``query``."""
    from annotations.query import FilterError, parse_filter

    try:
        flt = parse_filter(query or "")
    except FilterError as exc:
        fail(str(exc))
    changes: dict[str, Any] = {}
    if tags:
        changes["tags_all"] = tuple(dict.fromkeys((*flt.tags_all, *tags)))
    if any_tags:
        changes["tags_any"] = tuple(dict.fromkeys((*flt.tags_any, *any_tags)))
    if not_tags:
        changes["tags_none"] = tuple(dict.fromkeys((*flt.tags_none, *not_tags)))
    if doc:
        changes["doc"] = resolve_doc(doc) if resolve_doc else doc
    for key, value in (("section", section), ("since", since), ("until", until)):
        if value:
            changes[key] = value
    if text:
        changes["text"] = " ".join(x for x in (flt.text, text) if x)
    if colors:
        changes["color"] = tuple(colors)
    if orphans:
        changes["status"] = "orphan"
    try:
        return dataclasses.replace(flt, **changes) if changes else flt
    except (FilterError, ValueError) as exc:
        fail(str(exc))
