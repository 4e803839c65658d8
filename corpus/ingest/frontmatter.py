"""YAML front matter: split it from the body and parse it with a safe loader without aliases.

Front matter is untrusted: YAML aliases (``&a`` … ``*a``) let 400 bytes expand
into gigabytes ("billion laughs"), so the loader refuses any alias while
composing, before anything is built; the body still loads, with a warning.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

import yaml

from ..jsontypes import JSONObject
from .decode import sanitize


class AliasRefused(yaml.YAMLError):
    """The YAML uses an alias; we never expand them."""


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader that refuses aliases instead of expanding them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise AliasRefused("YAML aliases are not expanded")
        return super().compose_node(parent, index)


def safe_load(text: str) -> object:
    """``yaml.safe_load`` without aliases: :class:`yaml.YAMLError` if the text uses any.
    The value is whatever the YAML held, for the caller to check."""
    data: object = yaml.load(text, Loader=_NoAliasLoader)
    return data


_FENCE = re.compile(r"\A\s*---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[JSONObject, str, list[str]]:
    """Return ``(metadata, body, warnings)``.

    Malformed YAML never loses the body: the block is dropped, a warning says
    what was wrong and where.
    """
    match = _FENCE.match(text)
    if not match:
        return {}, text, []
    body = text[match.end() :]
    try:
        data = safe_load(match.group(1))
    except AliasRefused:
        return {}, body, ["front matter uses YAML aliases (&name … *name), which are never expanded; metadata ignored"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, body, [f"front matter is not valid YAML{where}: {problem}; metadata ignored"]
    if data is None:
        return {}, body, []
    if not isinstance(data, dict):
        return {}, body, ["front matter is not a mapping of keys to values; metadata ignored"]
    return {sanitize(str(k)): _plain(v) for k, v in data.items()}, body, []


def _plain(value: object) -> object:
    """Make YAML values JSON-serialisable (dates become ISO strings) and safe to print.

    YAML escapes ("\\e[31m" in a double-quoted string) can spell control
    characters the file's bytes did not contain, so strings are sanitised here.
    """
    if isinstance(value, str):
        return sanitize(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {sanitize(str(k)): _plain(v) for k, v in value.items()}
    return value


_YMD = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def normalize_date(value: object) -> str | None:
    """Best-effort ISO date (YYYY-MM-DD) from the forms found in the wild."""
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if not text:
        return None
    m = _YMD.search(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        try:
            return dt.date(y, mo, d).isoformat()
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat() if parsed else None


def as_list(value: object) -> list[str]:
    """Front-matter fields that may be a string or a list, as a list of strings."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    parts = re.split(r"[,，、;；]", str(value))
    return [p.strip() for p in parts if p.strip()]
