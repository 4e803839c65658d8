"""Plain-text cleaning: PDF-extracted text to typed parts.

(Placeholder rules; the full rule set lives here.)
"""

from __future__ import annotations

import re

from .draft import Part

_FINAL = "。！？!?…”」』）)"


def inline_clean(text: str) -> str:
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    text = re.sub(r"<(https?://[^>\s]+)>", r"\1", text)
    return text.replace("\t", " ").strip().strip("\u3000")


def text_to_parts(body: str) -> list[Part]:
    parts: list[Part] = []
    for chunk in re.split(r"\n\s*\n", body):
        lines = [inline_clean(l) for l in chunk.split("\n")]
        text = "".join(l for l in lines if l)
        if text:
            parts.append(Part("paragraph", text))
    return parts
