"""Group parts into documents: tables of contents, newspaper pages, single files.

* A table of contents (:mod:`corpus.ingest.toc`) defines sections and articles.
* A newspaper page splits into articles at titles: a heading followed by a
  byline, or a heading right after the end of an article (a closing author
  line, a source in parentheses, a continuation marker; captions in between
  are looked through).
* Otherwise the file is one document, titled by its front matter, its HTML
  title, or its first heading.
"""

from __future__ import annotations

from ..jsontypes import JSONObject
from . import clean, rules, toc
from .draft import Draft, Part, absorb_info

#: Part types that close an article on a newspaper page.
_ENDERS = ("byline", "source", "continuation")


def split_plain(body: str, meta: JSONObject, markdown: bool = False) -> list[Draft]:
    """A plain-text body (front matter already removed) to drafts."""
    units = clean.split_units(body, markdown)
    found = toc.find_toc(units)
    if found is not None:
        return toc.drafts_from_toc(units, found)
    parts = clean.units_to_parts(clean.classify_units(units))
    if not meta.get("title"):
        articles = split_articles(parts)
        if len(articles) > 1:
            return articles
    return [single_draft(parts, meta)]


def drafts_from_html(parts: list[Part], meta: JSONObject) -> list[Draft]:
    return [single_draft(parts, meta)] if parts or meta.get("title") else []


def _repeats_title(text: str, title: str) -> bool:
    """The body's first line restating the title ("推动…" under "经济日报刊文：推动…")."""
    a, b = toc.normalize(text), toc.normalize(title)
    # Only a line that is part of the title, never a sentence that mentions it.
    return a == b or (len(text) <= 40 and len(a) >= 4 and a in b and not rules.ends_final(text))


def single_draft(parts: list[Part], meta: JSONObject) -> Draft:
    """One document; the title comes from metadata or the first heading."""
    parts = list(parts)
    title = str(meta.get("title") or "").strip()
    page = parts[0].page if parts else None  # where the title stands (paged sources)
    # The body often repeats the title as its first line: make that the title block.
    for k, p in enumerate(parts[:3]):
        if title and p.type in ("heading", "paragraph", "title") and _repeats_title(p.text, title):
            del parts[k]
            break
    if not title:
        # A masthead may come first ("城市更新简报", "第5期"): the title is the
        # last heading before the text starts; earlier ones are page furniture.
        lead = 0
        while lead < min(len(parts), 5) and parts[lead].type not in ("paragraph", "list"):
            lead += 1
        heads = [k for k in range(lead) if parts[k].type in ("heading", "title")]
        top = [k for k in heads if parts[k].level == 1]  # "# 标题" / <h1>: the author said so
        if top:
            heads = heads[: heads.index(top[0]) + 1]
        if heads:
            k = heads[-1]
            title = parts[k].text
            page = parts[k].page
            for j in heads[:-1]:
                parts[j] = Part("furniture", parts[j].text, page=parts[j].page)
            del parts[k]
    if not title:
        first = next((p for p in parts if p.type == "paragraph"), None)
        if first is not None and len(first.text) <= 40:
            title = first.text
            page = first.page
            parts.remove(first)
    draft = Draft(title=title, parts=[Part("title", title, 1, page=page), *parts] if title else parts)
    absorb_info(draft)
    return draft


def _is_title(parts: list[Part], k: int) -> bool:
    """Does heading ``k`` start a new article?"""
    if _is_subtitle(parts[k]):
        return False  # "——记…": a subtitle under the title
    nxt = next((p for p in parts[k + 1 :] if p.type != "caption" and not _is_subtitle(p)), None)
    if nxt is None:
        return False
    if nxt.type == "byline" or (nxt.type == "paragraph" and rules.starts_with_dateline(nxt.text)):
        return True
    if nxt.type not in ("paragraph", "heading"):
        return False
    prev = next((p for p in reversed(parts[:k]) if p.type not in ("caption", "furniture")), None)
    return prev is not None and prev.type in _ENDERS


def _is_subtitle(part: Part) -> bool:
    return part.type == "heading" and part.text.startswith(("—", "－", "--"))


def _only_layout_between(parts: list[Part], a: int, b: int) -> bool:
    """Nothing but headings and layout between two title candidates: one article."""
    return all(p.type in ("caption", "furniture", "heading") for p in parts[a + 1 : b])


def split_articles(parts: list[Part], forced: frozenset[int] = frozenset()) -> list[Draft]:
    """Newspaper page: one draft per article (one draft when there are no titles).

    ``forced`` are indices of headings known to be titles from elsewhere (the
    largest type on a PDF page); the text rules find the others.
    """
    starts: list[int] = []
    first_body = next((k for k, p in enumerate(parts) if p.type not in ("furniture", "caption", "continuation")), None)
    for k, p in enumerate(parts):
        if p.type != "heading":
            continue
        if k in forced or k == first_body or _is_title(parts, k):
            starts.append(k)
    # A heading straight before a title (a kicker, a column banner) belongs to
    # that article: only the last of a run of headings is the title.
    articles: list[tuple[int, int]] = []  # (first part, title part)
    for k in starts:
        if articles and _only_layout_between(parts, articles[-1][1], k):
            if articles[-1][1] in forced and k not in forced:
                continue  # smaller type under a title known by its size: a subtitle, not the title
            articles[-1] = (articles[-1][0], k)
            continue
        first = k
        floor = articles[-1][1] + 1 if articles else 0
        while first - 1 >= floor and parts[first - 1].type == "heading" and not _is_subtitle(parts[first - 1]):
            first -= 1  # a kicker line printed above the title
        articles.append((first, k))
    if len(articles) < 2:
        return []
    drafts: list[Draft] = []
    for n, (first, k) in enumerate(articles):
        end = articles[n + 1][0] if n + 1 < len(articles) else len(parts)
        # Page furniture before the first title (dateline, page number) goes with it.
        begin = 0 if n == 0 else first
        body = [p for p in parts[begin:end] if p is not parts[k]]
        title = parts[k].text
        draft = Draft(title=title, parts=[Part("title", title, 1, page=parts[k].page), *body])
        absorb_info(draft)
        drafts.append(draft)
    header = next((p.info for p in parts if p.info and p.info.get("page_date")), None) or {}
    for draft in drafts:
        draft.date = draft.date or header.get("date")
        draft.source = draft.source or header.get("page_source")
    return drafts
