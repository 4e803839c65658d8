"""Markdown export: section → document → annotations, with YAML front matter.

Each annotation is a blockquote of its quote (literal text, escaped), the note
below it (the user's Markdown with raw HTML made inert), then one line with the
``#tags``, the colour, the location (document id, character offsets and, for a
PDF, the page) and the anchor status when it is not ``anchored``.

The front matter carries no clock time: ``exported`` is the newest ``modified``
among the annotations (absent when there are none), so the same annotations
always give the same bytes.
"""

from __future__ import annotations

import yaml

from corpus.model import Corpus

from ..colors import color_name
from ..model import Annotation
from ._common import Progress, Ticker, front_matter_tags, grouped, hashtag, latest_modified, page_of
from .mdtext import escape_inline, escape_literal, escape_note, prefix_lines

TITLE = "Reader annotations"


def front_matter(anns: list[Annotation], documents: int) -> str:
    data: dict[str, object] = {"title": TITLE}
    if anns:  # no notes, no date: an empty export says only that it is empty
        data["exported"] = latest_modified(anns)
    data.update(count=len(anns), documents=documents, tags=front_matter_tags(anns))
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6)
    return f"---\n{body}---\n"


def annotation_block(ann: Annotation, page: int | None = None) -> str:
    parts = [prefix_lines(escape_literal(ann.quote), "> ") if ann.quote else "> (empty quote)"]
    if ann.note.strip():
        parts.append(escape_note(ann.note.strip("\n")))
    info = [hashtag(t) for t in ann.tags]
    info.append(color_name(ann.color))
    s = ann.selector
    where = f", p. {page}" if page else ""  # a PDF's page
    info.append(f"{escape_inline(ann.target.doc_id or ann.target.file)} {s.start}–{s.end}{where}")
    if ann.status != "anchored":
        info.append(f"**{escape_inline(ann.status)}**")
    info.append(f"id {escape_inline(ann.id[:8])}")
    parts.append(" · ".join(info))
    return "\n\n".join(parts)


def render(anns: list[Annotation], corpus: Corpus | None, progress: Progress | None = None) -> str:
    groups = grouped(anns, corpus)
    ticker = Ticker(progress, len(anns))
    out = [front_matter(anns, sum(len(g.documents) for g in groups)), f"\n# {TITLE}\n"]
    for sg in groups:
        out.append(f"\n## {escape_inline(sg.section)}\n")
        for dg in sg.documents:
            out.append(f"\n### {escape_inline(dg.title)}\n\n")
            meta = []
            if dg.doc is not None:
                if dg.doc.authors:
                    meta.append(f"- Authors: {escape_inline('、'.join(dg.doc.authors))}")
                if dg.doc.date:
                    meta.append(f"- Date: {escape_inline(dg.doc.date)}")
                if dg.doc.source:
                    meta.append(f"- Source: {escape_inline(dg.doc.source)}")
            else:
                meta.append("- Document: not in the corpus")
            meta.append(f"- File: {escape_inline(dg.file)} ({escape_inline(dg.doc_id)})")
            out.append("\n".join(meta) + "\n")
            for ann in dg.annotations:
                out.append("\n" + annotation_block(ann, page_of(ann, dg.doc)) + "\n")
                ticker.tick()
    ticker.finish()
    return "".join(out)
