"""HTML export: one self-contained page, every piece of text escaped.

Inline CSS only, no scripts, no external resources (a Content-Security-Policy
meta tag forbids them too, as a second line of defence). Grouped section →
document; each annotation is shown with its highlight in colour inside its
paragraph: the blocks of the document that contain it, with every annotation
of those blocks marked and numbered, followed by the notes. An annotation whose
document is missing or whose quote no longer sits at its position (orphan) is
shown as its quote alone.
"""

from __future__ import annotations

import itertools
from html import escape

from corpus.model import Corpus, Document, Span, SpanData
from corpus.sanitize import printable

# The same highlight model as the reading pane, so overlapping notes resolve alike.
from corpus.text.highlight import flatten

from ..colors import COLOR_TABLE, color_name
from ..model import Annotation
from ._common import DocGroup, Progress, Ticker, all_tags, grouped, latest_modified, placed


def esc(text: str) -> str:
    """Text for HTML: control characters and escape sequences dropped, then escaped."""
    return escape(printable(text), quote=True)


CSS = """
body{font-family:"Noto Serif CJK SC","Songti SC",serif;max-width:46em;margin:2em auto;padding:0 1em;
line-height:1.8;color:#222;background:#fff}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:2em}h3{margin-bottom:.2em}
.meta,.loc{color:#666;font-size:.85em}
.passage{border-left:3px solid #ddd;padding-left:1em;margin:1em 0}
.passage p{margin:.4em 0}
.heading,.title{font-weight:bold}
.note{white-space:pre-wrap;margin:.3em 0}
.ann{margin:.8em 0 1.2em}
.tag{background:#eee;border-radius:3px;padding:0 .3em;margin-right:.3em}
.status{color:#b00;font-weight:bold}
sup a{text-decoration:none}
""" + "".join(f"mark.c{n}{{background:{c.html}}}.sw.c{n}{{background:{c.html}}}" for n, c in COLOR_TABLE.items()) + """
.sw{display:inline-block;width:.8em;height:.8em;border:1px solid #999;margin-right:.3em}
"""


def anchor_id(ann: Annotation) -> str:
    return "a-" + esc(ann.id)


def marked_text(doc: Document, start: int, end: int, anns: list[tuple[int, Annotation]]) -> str:
    """``doc.text[start:end]`` with the annotations highlighted and numbered."""
    spans = [
        Span(max(a.selector.start, start), min(a.selector.end, end), "annotation", 1.0, n)
        for n, a in anns
        if a.selector.start < end and a.selector.end > start
    ]
    color: dict[SpanData, int] = {n: a.color for n, a in anns}  # keyed as the spans carry it
    ends: dict[int, list[tuple[int, Annotation]]] = {}
    for n, a in anns:
        if start < a.selector.end <= end:
            ends.setdefault(a.selector.end, []).append((n, a))
    cuts = sorted({start, end, *(p for s in spans for p in (s.start, s.end)), *ends})
    seg_list = sorted(flatten(spans), key=lambda s: s.start)
    out: list[str] = []
    k = 0
    for lo, hi in itertools.pairwise(cuts):
        piece = doc.text[lo:hi]
        while k < len(seg_list) and seg_list[k].end <= lo:
            k += 1
        cover = seg_list[k] if k < len(seg_list) and seg_list[k].start <= lo and seg_list[k].end >= hi else None
        if cover is not None:
            out.append(f'<mark class="c{color.get(cover.data, 1)}">{esc(piece)}</mark>')
        else:
            out.append(esc(piece))
        for n, ann in ends.get(hi, ()):
            out.append(f'<sup><a href="#{anchor_id(ann)}">{n}</a></sup>')
    return "".join(out).replace("\n", "<br>")


def note_html(n: int | None, ann: Annotation, *, show_quote: bool) -> str:
    parts = [f'<div class="ann" id="{anchor_id(ann)}">']
    label = f"{n}. " if n is not None else ""
    if show_quote:
        parts.append(f'<blockquote><mark class="c{ann.color}">{esc(ann.quote)}</mark></blockquote>')
    if ann.note:
        parts.append(f'<div class="note">{esc(label)}{esc(ann.note)}</div>')
    elif label:
        parts.append(f'<div class="note">{esc(label)}</div>')
    tags = "".join(f'<span class="tag">#{esc(t)}</span>' for t in ann.tags)
    s = ann.selector
    loc = f"{esc(ann.target.doc_id or ann.target.file)} {s.start}–{s.end} · id {esc(ann.id[:8])}"
    status = f' · <span class="status">{esc(ann.status)}</span>' if ann.status != "anchored" else ""
    parts.append(
        f'<p class="loc">{tags}<span class="sw c{ann.color}"></span>{esc(color_name(ann.color))} · {loc}{status}</p>'
    )
    parts.append("</div>")
    return "\n".join(parts)


def passages(doc: Document, anns: list[Annotation]) -> list[tuple[int, int, list[Annotation]]]:
    """Runs of blocks ``[b0, b1]`` holding overlapping annotations."""
    runs: list[tuple[int, int, list[Annotation]]] = []
    for ann in sorted(anns, key=lambda a: (a.selector.start, a.selector.end, a.id)):
        if doc.blocks:
            b0, b1 = doc.block_at(ann.selector.start), doc.block_at(ann.selector.end - 1)
        else:
            b0 = b1 = -1
        if runs and b0 <= runs[-1][1]:
            r0, r1, members = runs[-1]
            members.append(ann)
            runs[-1] = (r0, max(r1, b1), members)
        else:
            runs.append((b0, b1, [ann]))
    return runs


def document_html(dg: DocGroup, ticker: Ticker) -> str:
    out = [f'<article class="doc">\n<h3>{esc(dg.title)}</h3>']
    meta = []
    if dg.doc is not None:
        meta += ["、".join(dg.doc.authors), dg.doc.date or "", dg.doc.source or ""]
    else:
        meta.append("not in the corpus")
    meta += [dg.file, dg.doc_id]
    out.append(f'<p class="meta">{" · ".join(esc(m) for m in meta if m)}</p>')
    doc = dg.doc
    here = [a for a in dg.annotations if placed(a, doc)]
    elsewhere = [a for a in dg.annotations if not placed(a, doc)]
    number = 0
    if doc is not None:
        for b0, b1, members in passages(doc, here):
            numbered = []
            for ann in members:
                number += 1
                numbered.append((number, ann))
            out.append('<div class="passage">')
            if b0 >= 0:
                # Each block gets only the annotations touching it (a passage can hold thousands).
                per_block: dict[int, list[tuple[int, Annotation]]] = {}
                for n, ann in numbered:
                    for i in range(doc.block_at(ann.selector.start), doc.block_at(ann.selector.end - 1) + 1):
                        per_block.setdefault(i, []).append((n, ann))
                for i in range(b0, b1 + 1):
                    block = doc.blocks[i]
                    inner = marked_text(doc, block.start, block.end, per_block.get(i, []))
                    out.append(f'<p class="{esc(block.type)}">{inner}</p>')
            else:
                out.append(f"<p>{marked_text(doc, 0, len(doc.text), numbered)}</p>")
            out.append("</div>")
            for n, ann in numbered:
                out.append(note_html(n, ann, show_quote=False))
                ticker.tick()
    for ann in elsewhere:
        out.append(note_html(None, ann, show_quote=True))
        ticker.tick()
    out.append("</article>")
    return "\n".join(out)


def render(anns: list[Annotation], corpus: Corpus | None, progress: Progress | None = None) -> str:
    groups = grouped(anns, corpus)
    ticker = Ticker(progress, len(anns))
    tags = all_tags(anns)
    head = (
        "<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>Reader annotations</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        "<h1>Reader annotations</h1>\n"
        f'<p class="meta">{len(anns)} annotation{"" if len(anns) == 1 else "s"}'
        f'{" · latest change " + esc(latest_modified(anns)) if anns else ""}'
        f'{" · tags: " + esc(", ".join(tags)) if tags else ""}</p>\n'
    )
    body = []
    for sg in groups:
        body.append(f'<section>\n<h2>{esc(sg.section)}</h2>')
        for dg in sg.documents:
            body.append(document_html(dg, ticker))
        body.append("</section>")
    ticker.finish()
    return head + "\n".join(body) + "\n</body>\n</html>\n"
