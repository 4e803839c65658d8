"""Regenerate the PDF and EPUB samples in ``corpus/samples`` (our own text, reproducible bytes).

Run from the repository root: ``.venv/bin/python tests/make_samples.py``.
The samples are committed so ``make run`` shows them; this script is how they
were made, and ``tests/test_formats_samples.py`` checks they still match it.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import format_fixtures as fx

SAMPLES = Path(__file__).resolve().parents[1] / "corpus" / "samples"

#: Sample path (relative to corpus/samples) → bytes maker.
TARGETS = {
    "报纸/江南日报_A5.pdf": lambda: fx.pdf_bytes(fx.newspaper_pdf, 2),
    "书籍/回乡记.epub": lambda: _epub(),
}


def _epub() -> bytes:
    buf = io.BytesIO()
    fx.book_epub(buf)
    return buf.getvalue()


def main() -> None:
    for rel, make in TARGETS.items():
        path = SAMPLES / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
