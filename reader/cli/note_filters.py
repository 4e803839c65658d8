"""The note options shared by ``reader notes``, ``reader note add|edit`` and ``reader export``.

One set of filter options and one way of turning them into an
``annotations.query.Filter``, so the commands never drift apart; and
``--highlight N``, the highlight colour, which was ``--color N`` before
``--color`` came to mean output colour as it does everywhere else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import click

from .common import err_console, fail
from .output import COLOR_HELP, ColorMode, F, configure_output

if TYPE_CHECKING:
    from annotations.query import Filter
    from annotations.store import AnnotationStore


_OLD_HIGHLIGHT = "reader.deprecated_highlight"


def _deprecated_color(ctx: click.Context, param: click.Parameter,
                      value: str | int | tuple[str | int, ...] | None) -> None:
    """The old ``--color``: output colour when given a mode, else (with a warning) the highlight."""
    values = value if isinstance(value, tuple) else (value,)
    modes = [v for v in values if isinstance(v, str)]
    numbers = tuple(v for v in values if isinstance(v, int))
    if modes and not ctx.resilient_parsing:
        configure_output(cast(ColorMode, modes[-1]))
    if numbers:
        err_console.print(
            "[yellow]warning:[/] --color N for the highlight colour is deprecated; use --highlight N "
            "(--color now takes auto, always or never)"
        )
        ctx.meta[_OLD_HIGHLIGHT] = numbers
    return None


class _ModeOrHighlight(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.3; our floor is 8.2
    """``auto|always|never`` (output colour) or a highlight colour 1–6 (the deprecated meaning)."""

    name = "auto|always|never"

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "[auto|always|never]"  # the modes, as the other commands show them (not the old numbers)

    # ``value``: what click has (the word typed, or a default): ParamType.convert's own Any.
    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | str:
        if isinstance(value, int) or str(value) not in ("auto", "always", "never"):
            try:
                number = int(value)
            except (TypeError, ValueError):
                self.fail(f"{value!r} is not one of auto, always, never", param, ctx)
            if not 1 <= number <= 6:
                self.fail(f"{number} is not a highlight colour 1–6", param, ctx)
            return number
        return str(value)


def highlight_option(name: str, *, multiple: bool = False, default: int | None = None,
                     help: str) -> Callable[[F], F]:
    """``--highlight N``, a note's highlight colour 1–6 (the parameter ``name``).

    It used to be ``--color N``, which now means output colour as everywhere
    else; the old spelling still works on these commands, with a warning.
    """

    def merge_old(ctx: click.Context, param: click.Parameter,
                  value: int | tuple[int, ...] | None) -> int | tuple[int, ...] | None:
        old: tuple[int, ...] | None = ctx.meta.pop(_OLD_HIGHLIGHT, None)
        if not old:
            return value
        if isinstance(value, tuple):  # multiple=True
            return tuple(dict.fromkeys((*value, *old)))
        given = ctx.get_parameter_source(name) not in (None, click.core.ParameterSource.DEFAULT)
        return value if given else old[-1]

    def decorator(func: F) -> F:
        func = click.option(
            "--highlight", name, type=click.IntRange(1, 6), metavar="N", multiple=multiple, default=default,
            show_default=default is not None, callback=merge_old, help=help,
        )(func)
        # Eager, so it is read before --highlight whatever their order on the line.
        return click.option(
            "--color", "_old_color", type=_ModeOrHighlight(), multiple=multiple,
            expose_value=False, is_eager=True, callback=_deprecated_color, help=COLOR_HELP,
        )(func)

    return decorator



def filter_options(func: F) -> F:
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
        highlight_option("colors", multiple=True, help="Only this highlight colour (1–6; repeat)."),
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
    changes: dict[str, Any] = {}  # Filter's fields (a value per field's type): dataclasses.replace checks the names
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
