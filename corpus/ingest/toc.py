"""Magazine issues: a table of contents defines sections and articles.

A line such as ``目录`` or ``CONTENTS`` starts the table. Section lines are
short and carry no page number; entries are ``title<TAB or spaces>page`` (or
dotted leaders), and a long line without a page number followed by one with
a page number is a wrapped title. Each entry's body is found by matching its
title in the text after the table, tolerant of spaces, full- and half-width
punctuation and titles wrapped over several lines; a body runs until the
next entry's title. Everything before the table (masthead, editors, phone
numbers) is kept as the ``front_matter`` of every document, never lost.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from . import clean, rules
from .draft import Draft, Part, absorb_info

# Matched with spaces removed: "目 录", "本 期 目 录", "目录 CONTENTS".
_MARKER = re.compile(r"^[【\[]?(本期)?(目录|contents|tableofcontents)[】\]]?(contents|目录)?$", re.I)
_BRACKETS = re.compile(r"^[【\[〖〔(（<《]\s*(.*?)\s*[】\]〗〕)）>》]$")
_ENTRY = re.compile(r"^(.*?\S)(?:\s*[.．·…]{2,}\s*|\s+)(\d{1,4})$")
# Some tables put the page first: "12  新能源重卡进入规模化应用阶段".
_ENTRY_PAGE_FIRST = re.compile(r"^(\d{1,3})(?:\s*[.．·…]{2,}\s*|\s+)(\D.*\S)$")
_ISSUE = re.compile(
    r"第\s*[\d一二三四五六七八九十百零〇]+\s*期|\d{4}\s*年\s*\d{1,2}\s*月|\bNo\.\s*\d+|\bVol\.\s*\d+|总第",
    re.I,
)
# A section line: a short label, no sentence punctuation.
_SECTION_MAX = 12
_WRAP_MIN = 12
_SECTION_ENTRY_MAX = 8


@dataclass(slots=True)
class Entry:
    title: str
    page: int | None
    section: str | None


@dataclass(slots=True)
class Toc:
    start: int  # unit index of the marker
    end: int  # first unit after the table
    entries: list[Entry] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


_NOISE = re.compile(r"[\s\"'“”‘’「」『』]+")


def normalize(text: str) -> str:
    """Comparison form: NFKC (full- to half-width), no spaces or quotes, lower case."""
    text = unicodedata.normalize("NFKC", text)
    return _NOISE.sub("", text).lower()


def _section_like(text: str) -> bool:
    return len(text) <= _SECTION_MAX and not re.search(r"[，。；、,;:：]|\d{2,}", text)


def find_toc(units: list[clean.Unit]) -> Toc | None:
    """The table of contents in the first part of the file, if any."""
    limit = max(60, len(units) // 3)
    for k, u in enumerate(units[:limit]):
        if len(u.text) <= 40 and _MARKER.match("".join(u.text.split())):
            toc = _parse_toc(units, k)
            if toc is not None and len(toc.entries) >= 2:
                return toc
    return None


def _parse_toc(units: list[clean.Unit], k: int) -> Toc | None:
    toc = Toc(start=k, end=k + 1)
    section: str | None = None
    pending: str | None = None  # first line of a wrapped title
    i = k + 1
    while i < len(units):
        text = units[i].text
        last_page = toc.entries[-1].page if toc.entries else 0
        entry = _entry(text, last_page)
        if entry is not None:
            title, page = entry
            if pending is not None:
                title = clean.glue(pending, title)
                pending = None
            toc.entries.append(Entry(title, page, section))
            i += 1
            continue
        if pending is not None:
            break  # a long line not followed by its page number: the body has begun
        nxt = units[i + 1].text if i + 1 < len(units) else ""
        nxt_is_entry = _entry(nxt, last_page) is not None
        if _section_like(text) and nxt_is_entry:
            m = _BRACKETS.match(text)  # "【专题研究】" names the section 专题研究
            section = m.group(1) if m and m.group(1) else text
            if section not in toc.sections:
                toc.sections.append(section)
            i += 1
            continue
        if len(text) > _WRAP_MIN and nxt_is_entry and not units[i + 1].alone and units[i + 1].block == units[i].block:
            pending = text
            i += 1
            continue
        break
    toc.end = i
    _paged_sections(toc)
    _last_entry_as_section(toc)
    return toc


def _entry(text: str, last_page: int | None) -> tuple[str, int] | None:
    """(title, page) when the line is a table-of-contents entry."""
    m = _ENTRY.match(text)
    # "全年增长 5" inside running text is not an entry: entries do not end sentences.
    if m and not re.search(r"[。！？]$", m.group(1)):
        return m.group(1).strip(), int(m.group(2))
    m = _ENTRY_PAGE_FIRST.match(text)
    if m and not re.search(r"[。！？]$", m.group(2)):
        page = int(m.group(1))
        # Page-first lines must read like page numbers: rising in small steps.
        if last_page is not None and last_page <= page <= last_page + 200:
            return m.group(2).strip(), page
    return None


def _paged_sections(toc: Toc) -> None:
    """Sections printed with the page they start on ("热点关注 1" above "国务院：… 1").

    A short label with the same page as the longer entry after it is a section,
    when the table does this at least twice (one short title alone proves nothing).
    """
    es = toc.entries
    marks = [
        k
        for k in range(len(es) - 1)
        if es[k].section is None
        and len(es[k].title) <= _SECTION_ENTRY_MAX
        and _section_like(es[k].title)
        and es[k].page == es[k + 1].page
        and len(es[k + 1].title) > len(es[k].title)
    ]
    if len(marks) < 2 or any(e.section is not None for e in es):
        return
    section: str | None = None
    kept: list[Entry] = []
    for k, e in enumerate(es):
        if k in marks:
            section = e.title
            toc.sections.append(section)
            continue
        kept.append(Entry(e.title, e.page, section))
    toc.entries = kept


def _last_entry_as_section(toc: Toc) -> None:
    """A short last line with a page number after a full section is a section of its own
    (e.g. a book-recommendation page): one document titled like the section."""
    if len(toc.entries) < 2:
        return
    last, prev = toc.entries[-1], toc.entries[-2]
    short = len(last.title) <= _SECTION_ENTRY_MAX and _section_like(last.title)
    if short and last.section is not None and prev.section == last.section:
        last.section = last.title
        toc.sections.append(last.title)


def _publication(front: list[str]) -> str | None:
    """The magazine name plus its issue line, e.g. "信息摘编 2023年 第九期"."""
    if not front:
        return None
    name = front[0]
    for line in front[1:6]:
        if _ISSUE.search(line):
            return f"{name} {line}" if len(line) <= 30 else name
    return name if len(name) <= 20 else None


def _locate(units: list[clean.Unit], begin: int, entries: list[Entry]) -> list[tuple[int, int] | None]:
    """For each entry, the unit range [a, b) of its title in the body, or None."""
    # Long lines are body text, never titles: a placeholder keeps them from
    # being normalised (the costly part) and from joining two title pieces.
    norms = [normalize(u.text) if len(u.text) <= 80 else "\x00" for u in units]
    # One string of all unit texts so a title wrapped over lines is one match.
    pieces: list[str] = []
    starts: dict[int, int] = {}  # char offset → unit index, at unit starts
    ends: dict[int, int] = {}  # char offset → unit index + 1, at unit ends
    pos = 0
    for j in range(begin, len(units)):
        starts[pos] = j
        pieces.append(norms[j])
        pos += len(norms[j])
        ends[pos] = j + 1
    hay = "".join(pieces)
    found: list[tuple[int, int] | None] = []
    taken: set[int] = set()
    cursor = 0
    for e in entries:
        t = normalize(e.title)
        hit = _find_at_units(hay, t, cursor, starts, ends, units, taken) if t else None
        if hit is None and t:
            hit = _find_at_units(hay, t, 0, starts, ends, units, taken)
        if hit is None and len(t) >= 8:
            # The printed heading may differ from the table (an added subtitle,
            # a changed word at the end): accept a heading line starting alike.
            hit = _find_heading_prefix(hay, t[: max(6, len(t) * 3 // 5)], cursor, starts, units, taken)
        if hit is None:
            found.append(None)
            continue
        a, b, end_char = hit
        taken.add(a)
        cursor = end_char
        found.append((a, b))
    return found


def _find_at_units(
    hay: str, t: str, frm: int, starts: dict[int, int], ends: dict[int, int], units: list[clean.Unit], taken: set[int]
) -> tuple[int, int, int] | None:
    at = hay.find(t, frm)
    while at != -1:
        a = starts.get(at)
        b = ends.get(at + len(t))
        if a is not None and b is not None and a not in taken and b - a <= 3 and _short_lines(units, a, b):
            return a, b, at + len(t)
        at = hay.find(t, at + 1)
    return None


def _short_lines(units: list[clean.Unit], a: int, b: int) -> bool:
    return all(len(units[j].text) <= 80 for j in range(a, b))


def _find_heading_prefix(
    hay: str, head: str, frm: int, starts: dict[int, int], units: list[clean.Unit], taken: set[int]
) -> tuple[int, int, int] | None:
    at = hay.find(head, frm)
    while at != -1:
        a = starts.get(at)
        if a is not None and a not in taken and len(units[a].text) <= 60 and rules.looks_like_heading(units[a].text):
            return a, a + 1, at + len(head)
        at = hay.find(head, at + 1)
    return None


def _title_text(units: list[clean.Unit], a: int, b: int) -> str:
    text = units[a].text
    for j in range(a + 1, b):
        text = clean.glue(text, units[j].text)
    return text


#: Turns the units of one article's body into parts.
BodyParts = Callable[[list[clean.Unit]], list[Part]]


def text_body_parts(units: list[clean.Unit]) -> list[Part]:
    """The text path: classify lines by the text rules, then join them."""
    return clean.units_to_parts(clean.classify_units(units))


def drafts_from_toc(units: list[clean.Unit], toc: Toc, body_parts: BodyParts = text_body_parts) -> list[Draft]:
    """One draft per entry of the table; ``body_parts`` types each body.

    Text files pass their lines (typed here by the text rules); a PDF passes
    paragraphs its layout has already typed, with their pages.
    """
    front_units = units[: toc.start]
    front_lines = [u.text for u in front_units]
    spans = _locate(units, toc.end, toc.entries)
    order = sorted(a for s in spans if s for a in (s[0],))
    next_start = {a: (order[n + 1] if n + 1 < len(order) else len(units)) for n, a in enumerate(order)}
    first = order[0] if order else len(units)
    # Text between the table and the first article (a preface not listed) is kept too.
    lead = [u.text for u in units[toc.end : first]]
    front_text = "\n".join(front_lines + (["", *lead] if lead else []))
    publication = _publication(front_lines)
    drafts: list[Draft] = []
    for entry, span in zip(toc.entries, spans):
        if span is None:
            title = re.sub(r"\s+", " ", entry.title)
            draft = Draft(title=title, parts=[Part("title", title, 1)], section=entry.section)
            draft.warnings.append("the table of contents lists this article but its text was not found")
        else:
            a, b = span
            title = _title_text(units, a, b)
            body = units[b : next_start[a]]
            parts = body_parts(body)
            title_part = Part("title", title, 1, page=units[a].page)
            draft = Draft(title=title, parts=[title_part, *parts], section=entry.section)
            absorb_info(draft)
        if entry.page is not None:
            draft.meta["page"] = entry.page
        if front_text:
            draft.meta["front_matter"] = front_text
        if publication:
            draft.meta["publication"] = publication
            draft.source = draft.source or publication
        drafts.append(draft)
    return drafts
