"""The sanitizer's first home, kept while the rooms move to :mod:`corpus.safetext`."""

from __future__ import annotations

from .safetext import sanitize as sanitize
