"""HTML to typed parts with a real parser (selectolax's lexbor backend).

Kept: paragraphs, headings, list items, quotes, figure captions; ``<br>``
becomes a line break. Dropped: scripts, styles, comments, navigation,
headers/footers, forms, hidden elements, and boilerplate blocks recognised by
their class or id (share boxes, ads, related links, comments, QR codes).
Entities are decoded by the parser. The text of each block then goes through
the same line rules as plain text, so bylines, captions and editor lines are
typed the same way everywhere.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from ..jsontypes import JSONObject
from . import clean, rules
from .decode import sanitize
from .dedup import drop_duplicates
from .draft import Part

_DROP_TAGS = (
    "script, style, noscript, template, iframe, nav, header, footer, aside, form, button, "
    "select, input, textarea, svg, canvas, object, embed, audio, video, map, dialog, menu"
)
_HIDDEN = (
    "[hidden], [aria-hidden=true], [style*='display:none'], [style*='display: none'], [style*='visibility:hidden']"
)
# Class/id words that mark page chrome rather than the article.
_BOILER = re.compile(
    r"(^|[-_\s])(share|sharing|social|comments?|related|recommend\w*|advert\w*|ads?|banner|sidebar|breadcrumbs?|"
    r"footer|header|nav|navbar|menu|qr|qrcode|appendqr\w*|subscribe|copyright|toolbar|popup|modal|cookie|"
    r"hot-?news|rank|tags?|pager|pagination|login|print)([-_\s]|$)",
    re.I,
)
_BLOCKS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre",
    "figure", "figcaption", "table", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body",
    "center", "address", "caption",
}
# An XML prolog and a DOCTYPE with an internal subset (entity declarations: the
# "billion laughs" bomb). HTML parsers end the DOCTYPE at its first ">", leaving
# the rest of the declarations ("]>") as page text, so they go before parsing.
_XML_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^\[>]*\[.*?\]\s*>|<!(?:ENTITY|ELEMENT|ATTLIST)[^>]*>", re.I | re.S)
_LINK_DENSITY = 0.6
_LINKY_MAX = 3000
_HEADINGS = {"h1": 1, "h2": 2, "h3": 2, "h4": 3, "h5": 3, "h6": 3}


def _strip_chrome(tree: LexborHTMLParser) -> None:
    for node in tree.css(_DROP_TAGS):
        node.decompose()
    for node in tree.css(_HIDDEN):
        node.decompose()
    for node in tree.css("[class], [id]"):
        attrs = node.attributes
        words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
        if node.tag not in ("body", "html", "main", "article") and _BOILER.search(words):
            node.decompose()
    # Link lists without telling class names ("相关新闻", "热门排行"): blocks
    # whose text is mostly link text are navigation, not the article.
    for node in tree.css("ul, ol, dl, table, div, section"):
        if node.parent is None:
            continue
        text = node.text(strip=True)
        if not text or len(text) > _LINKY_MAX:
            continue
        links = node.css("a")
        if len(links) >= 2 and sum(len(a.text(strip=True)) for a in links) >= _LINK_DENSITY * len(text):
            node.decompose()


def _mark_bold_headings(root: LexborNode) -> None:
    """A short paragraph that is entirely bold is a subheading on most news sites."""
    for p in root.css("p"):
        bold = p.css_first("strong, b")
        if bold is None:
            continue
        text = p.text(strip=True)
        if text and len(text) <= rules.HEAD_MAX and bold.text(strip=True) == text and not rules.ends_final(text):
            p.attrs["data-reader-heading"] = "1"


def _blocks(root: LexborNode) -> list[tuple[str, str]]:
    """(tag, text) for each block of text in document order, iteratively."""
    out: list[tuple[str, str]] = []
    buf: list[str] = []
    kind = ["p"]

    def flush() -> None:
        # Entities can spell control characters (&#27;[31m): sanitise after decoding.
        text = sanitize("".join(buf))
        buf.clear()
        for line in text.split("\n"):
            line = clean.inline_clean(line)
            if line:
                out.append((kind[0], line))
        kind[0] = "p"

    # Explicit stack (node, leaving?) so deep markup cannot overflow recursion.
    stack = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            flush()
            continue
        if tag == "-text":
            buf.append(node.text_content or "")
            continue
        if tag in ("-comment", "-doctype"):
            continue
        if tag == "br":
            buf.append("\n")
            continue
        if tag in _BLOCKS:
            flush()
            if tag in _HEADINGS or tag == "figcaption":
                kind[0] = tag
            elif tag == "p" and node.attributes.get("data-reader-heading"):
                kind[0] = "h3"
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        for child in reversed(children):
            stack.append((child, False))
    flush()
    return out


def html_to_parts(html: str) -> tuple[list[Part], JSONObject]:
    """Typed parts of an HTML page or body, plus metadata (``title``)."""
    tree = LexborHTMLParser(_XML_PROLOG.sub("", html))
    meta: JSONObject = {}
    title_node = tree.css_first("title")
    if title_node is not None:
        title = clean.inline_clean(sanitize(title_node.text(strip=True)))
        if title:
            meta["title"] = title
    _strip_chrome(tree)
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return [], meta
    h1 = root.css_first("h1")
    h1_text = clean.inline_clean(sanitize(h1.text())) if h1 is not None else ""
    # <title> often carries the site's name ("标题_新浪财经_新浪网"): the <h1>
    # inside it is the article's own title.
    if h1_text and ("title" not in meta or (h1_text in meta["title"] and h1_text != meta["title"])):
        meta["title"] = h1_text
    _mark_bold_headings(root)
    units: list[clean.Unit] = []
    for n, (tag, text) in enumerate(_blocks(root)):
        u = clean.Unit(text, n)
        btype, info = rules.classify(text)
        if tag in _HEADINGS and btype == "paragraph":
            u.type, u.level = "heading", _HEADINGS[tag]
        elif tag == "figcaption":
            u.type = "caption"
        else:
            u.type, u.info = btype, info
            if btype == "paragraph" and rules.NUMBERED.match(text) and rules.looks_like_heading(text):
                u.type, u.level = "heading", rules.heading_level(text)
        units.append(u)
    units = drop_duplicates(units)
    parts = [
        Part(u.type, clean.collapse_cjk_spaces(u.text) if u.type == "paragraph" else u.text, u.level, u.info)
        for u in units
    ]
    return parts, meta
