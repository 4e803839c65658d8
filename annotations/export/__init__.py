"""Exports of annotations: Markdown, W3C Web Annotation JSON, CSV, HTML, inline text.

``render(fmt, anns, corpus)`` is a pure function: the same annotations (in any
order) and the same corpus give the same string, byte for byte. The corpus
supplies document metadata and text; without it (``None``) the exports fall
back to what the annotations themselves store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from corpus.model import Corpus

from ..model import Annotation
from . import csv_export, html_export, inline, markdown, w3c
from ._common import Progress

FORMATS = ("md", "json", "csv", "html", "inline")

#: File extension for each format (the CLI and the app suggest file names with it).
EXTENSIONS = {"md": ".md", "json": ".json", "csv": ".csv", "html": ".html", "inline": ".md"}

_RENDERERS: dict[str, Callable[[list[Annotation], Corpus | None, Progress | None], str]] = {
    "md": markdown.render,
    "json": w3c.render,
    "csv": csv_export.render,
    "html": html_export.render,
    "inline": inline.render,
}


def render(fmt: str, anns: Iterable[Annotation], corpus: Corpus | None, progress: Progress | None = None) -> str:
    """The export of ``anns`` in format ``fmt`` (one of ``FORMATS``).

    ``progress(done, total)`` is called now and then for long exports.
    Raises ``ValueError`` for an unknown format.
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return renderer(list(anns), corpus, progress)


__all__ = ["EXTENSIONS", "FORMATS", "render"]
