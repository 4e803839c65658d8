"""HTML to typed parts with a real parser (selectolax).

(Placeholder: paragraphs and headings only.)
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .clean import inline_clean
from .draft import Part


def html_to_parts(html: str) -> tuple[list[Part], dict]:
    tree = HTMLParser(html)
    for node in tree.css("script, style, noscript, nav, header, footer"):
        node.decompose()
    parts: list[Part] = []
    meta: dict = {}
    title = tree.css_first("title")
    if title and title.text(strip=True):
        meta["title"] = title.text(strip=True)
    for node in tree.css("h1, h2, h3, h4, p, li"):
        text = inline_clean(node.text(separator="", strip=True))
        if text:
            parts.append(Part("heading" if node.tag[0] == "h" else "paragraph", text, 2 if node.tag[0] == "h" else 0))
    return parts, meta
