"""Full text with notes inline: each annotated document as Markdown.

The whole document text is written out (escaped so it renders as exactly
itself), with highlighted passages marked ``==like this==`` (the highlight
syntax of Obsidian and many Markdown editors) and each note as a footnote
``[^n]`` placed right after the end of its passage; the footnote holds the note,
the ``#tags`` and the colour. Title and heading blocks get ``#`` / ``##``.

Overlapping or nested annotations are merged into one highlighted run (so
``==`` markers never nest) while every annotation keeps its own footnote at its
own end. Highlights are closed at line ends and reopened on the next line, as
highlight syntax does not cross lines. Removing the markers (``==``, ``[^n]``,
heading ``#``) and the escapes gives back the document text exactly.

Annotations that no longer sit at their position (orphans) or whose document is
missing are listed after the text with their quote.
"""

from __future__ import annotations

import bisect

import yaml

from corpus.model import Corpus, Document, Span
from corpus.sanitize import printable
from corpus.text.highlight import covered

from ..colors import color_name
from ..model import Annotation
from ._common import DocGroup, Progress, Ticker, front_matter_tags, grouped, hashtag, latest_modified, placed
from .mdtext import escape_char, escape_inline, escape_line_start, escape_literal, escape_note, prefix_lines

HL = "=="


def _escape(text: str) -> str:
    return "".join(escape_char(c) for c in text)


def marked_body(doc: Document, anns: list[Annotation], numbered: list[tuple[int, Annotation]]) -> str:
    """The document text with ``anns`` highlighted and a ``[^n]`` after each numbered one."""
    text = doc.text
    # One ==run== per stretch of annotated text (the highlight model's union of the notes).
    runs = covered(Span(a.selector.start, a.selector.end, "annotation") for a in anns)
    heading_at = {b.start: "#" * (b.level or (1 if b.type == "title" else 2))
                  for b in doc.blocks if b.type in ("title", "heading")}
    # Line starts (text split on "\n"), to place each footnote on the line of its last character.
    line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    refs: dict[int, list[tuple[int, int]]] = {}  # line index -> [(position, number)]
    for n, a in numbered:
        end = a.selector.start + len(text[a.selector.start : a.selector.end].rstrip("\n"))
        line = max(bisect.bisect_right(line_starts, max(end - 1, 0)) - 1, 0)
        refs.setdefault(line, []).append((end, n))
    out_lines = []
    r = 0
    for li, ls in enumerate(line_starts):
        le = line_starts[li + 1] - 1 if li + 1 < len(line_starts) else len(text)
        # Covered pieces of this line.
        while r < len(runs) and runs[r][1] <= ls:
            r += 1
        pieces: list[tuple[int, int]] = []
        k = r
        while k < len(runs) and runs[k][0] < le:
            lo, hi = max(runs[k][0], ls), min(runs[k][1], le)
            if lo < hi:
                pieces.append((lo, hi))
            k += 1
        events: dict[int, list[str]] = {}
        for lo, hi in pieces:
            events.setdefault(lo, []).append("open")
            events.setdefault(hi, []).append("close")
        line_refs = sorted(refs.get(li, ()))
        for pos, n in line_refs:
            events.setdefault(min(max(pos, ls), le), []).append(f"[^{n}]")
        cuts = sorted({ls, le, *events})
        parts: list[str] = []
        for ci, pos in enumerate(cuts):
            evs = events.get(pos, ())
            # At one position: close a run, then its footnotes, then open the next run.
            if "close" in evs:
                parts.append(HL)
            parts.extend(e for e in evs if e.startswith("[^"))
            if "open" in evs:
                parts.append(HL)
            if ci + 1 < len(cuts):
                parts.append(_escape(text[pos : cuts[ci + 1]]))
        row = "".join(parts)
        if not row.startswith(HL):
            row = escape_line_start(row)
        if ls in heading_at and le > ls:
            row = heading_at[ls] + " " + row
        out_lines.append(row)
    return "\n".join(out_lines)


def footnote(n: int, ann: Annotation) -> str:
    tail = " · ".join([*(hashtag(t) for t in ann.tags), color_name(ann.color)])
    note = escape_note(ann.note.strip("\n"))
    content = f"{note}\n\n{tail}" if note else tail
    return prefix_lines(content, f"[^{n}]: ", "    ")


def unplaced(ann: Annotation) -> str:
    lines = [prefix_lines(escape_literal(ann.quote), "> ")]
    if ann.note.strip():
        lines.append(escape_note(ann.note.strip("\n")))
    info = [*(hashtag(t) for t in ann.tags), color_name(ann.color), f"**{escape_inline(ann.status)}**"]
    lines.append(" · ".join(info))
    return "\n\n".join(lines)


def document_md(dg: DocGroup, counter: list[int], ticker: Ticker) -> str:
    doc = dg.doc
    out = []
    here = [a for a in dg.annotations if placed(a, doc)]
    elsewhere = [a for a in dg.annotations if not placed(a, doc)]
    if doc is None or not doc.blocks or doc.blocks[0].type != "title":
        out.append(f"# {escape_inline(dg.title)}")
    meta = [doc.section, "、".join(doc.authors), doc.date or "", doc.source or ""] if doc else ["not in the corpus"]
    meta += [dg.file, dg.doc_id]
    out.append("*" + " · ".join(escape_inline(m) for m in meta if m) + "*")
    notes = []
    if doc is not None:
        numbered = []
        for ann in sorted(here, key=lambda a: (a.selector.start, a.selector.end, a.id)):
            if ann.note.strip() or ann.tags:
                counter[0] += 1
                numbered.append((counter[0], ann))
                notes.append(footnote(counter[0], ann))
            else:
                numbered.append((0, ann))
            ticker.tick()
        body = marked_body(doc, [a for _n, a in numbered], [(n, a) for n, a in numbered if n])
        out.append(body)
    if notes:
        out.append("\n\n".join(notes))
    if elsewhere:
        out.append("**Not placed in the current text:**")
        for ann in elsewhere:
            out.append(unplaced(ann))
            ticker.tick()
    return "\n\n".join(out)


def front_matter(anns: list[Annotation], groups_docs: list[DocGroup]) -> str:
    if len(groups_docs) == 1:
        dg = groups_docs[0]
        data: dict[str, str | int | list[str] | None] = {"title": dg.title}
        if dg.doc is not None:
            extra = {"section": dg.doc.section, "authors": list(dg.doc.authors), "date": dg.doc.date,
                     "source": dg.doc.source}
            data.update({k: v for k, v in extra.items() if v})  # no empty keys for note-taking tools
        data.update(file=dg.file, doc_id=dg.doc_id)
    else:
        n = len(groups_docs)
        data = {"title": f"Reader annotations: {n} document{'' if n == 1 else 's'}",
                "documents": [dg.title for dg in groups_docs]}
    data.update(annotations=len(anns), tags=front_matter_tags(anns))
    if anns:  # no notes, no date (as in the Markdown export)
        data["exported"] = latest_modified(anns)
    # YAML escapes C0 controls but writes bidi overrides and C1 as they are.
    data = {k: printable(v) if isinstance(v, str) else [printable(x) for x in v] if isinstance(v, list) else v
            for k, v in data.items()}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10**6)
    return f"---\n{body}---\n"


def render(anns: list[Annotation], corpus: Corpus | None, progress: Progress | None = None) -> str:
    docs = [dg for sg in grouped(anns, corpus) for dg in sg.documents]
    ticker = Ticker(progress, len(anns))
    counter = [0]
    chunks = [document_md(dg, counter, ticker) for dg in docs]
    ticker.finish()
    return front_matter(anns, docs) + "\n" + "\n\n---\n\n".join(chunks) + "\n"
