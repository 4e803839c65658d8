"""Group parts into documents: tables of contents, newspaper pages, single files.

(Placeholder: one document per file, first short part as title.)
"""

from __future__ import annotations

from .draft import Draft, Part


def split_plain(parts: list[Part], meta: dict) -> list[Draft]:
    if not parts:
        return []
    title = str(meta.get("title") or "")
    if not title and len(parts[0].text) <= 40:
        title = parts[0].text
        parts = [Part("title", title, 1)] + parts[1:]
    return [Draft(title=title, parts=parts)]


def drafts_from_html(parts: list[Part], meta: dict) -> list[Draft]:
    return split_plain(parts, meta)
