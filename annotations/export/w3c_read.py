"""Reading W3C Web Annotation JSON: the shapes, ids, dates, bodies and selectors.

The inverse of ``w3c.py``, tolerant of other tools' output: every accepted
shape (collection, page, list, one annotation), ``@type`` or ``type``, single
values or lists, ``bodyValue``, ``refinedBy`` selectors, offsets in dates.
``annotations.importer`` turns the pieces into re-anchored annotations.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import uuid
from typing import Any, TypeAlias

from corpus.jsontypes import JSONObject

from .w3c import EXT_KEY, ID_NAMESPACE, READER_NS, URN_READER, URN_UUID

EPOCH = "1970-01-01T00:00:00.000Z"  # for foreign annotations without dates: stable across imports
_EXT_KEYS = (EXT_KEY, READER_NS + "ext")

#: What may be imported: JSON text, or JSON already parsed (an object or a list, as read;
#: ``Any``: its items are whatever the data held, checked one by one).
ImportData: TypeAlias = "str | bytes | JSONObject | list[Any]"


class ImportFormatError(ValueError):
    """The data is not JSON or holds no Web Annotations."""


class Skip(Exception):
    """One annotation that cannot be imported (the reason is reported)."""


def types_of(obj: object) -> set[str]:
    t = obj.get("type", obj.get("@type")) if isinstance(obj, dict) else None
    values = t if isinstance(t, list) else [t]
    return {str(v).split(":")[-1].split("#")[-1] for v in values if v}


def annotation_items(data: object) -> list[object]:
    """The annotation objects in any accepted shape (each as read: ``from_w3c`` checks it)."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFormatError("expected a JSON object or list of Web Annotations")
    types = types_of(data)
    if "Annotation" in types:
        return [data]
    if "AnnotationPage" in types:
        return list(data.get("items") or [])
    if "AnnotationCollection" in types:
        if "items" in data:
            return list(data.get("items") or [])
        first = data.get("first")
        if first is None:
            return []
        if not isinstance(first, dict):
            raise ImportFormatError("the collection's pages are only linked (not embedded); download them first")
        items = list(first.get("items") or [])
        if first.get("next") and isinstance(first["next"], dict):
            items += annotation_items(first["next"] | {"type": "AnnotationPage"})
        return items
    raise ImportFormatError("no Web Annotations found (expected an AnnotationCollection, page, list or Annotation)")


class _NotANumber(ValueError):
    """NaN, Infinity or a float too large: not JSON (RFC 8259), and meaningless in an annotation."""


def _reject_constant(name: str) -> float:
    raise _NotANumber(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NotANumber(f"the number {text[:20]}… is too large")
    return value


def loads(data: ImportData) -> object:
    """Parse import data; every way it can be bad is one :class:`ImportFormatError`.

    Untrusted: nesting 200,000 deep, ``NaN``/``Infinity`` and numbers of
    thousands of digits are refused here, before anything is stored.
    """
    if isinstance(data, (dict, list)):
        return data
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig")
    try:
        parsed: object = json.loads(data.removeprefix("\ufeff"), parse_constant=_reject_constant, parse_float=_finite)
        return parsed
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise ImportFormatError("not usable JSON: nested too deeply") from None
    except _NotANumber as exc:
        raise ImportFormatError(f"not usable JSON: {exc}") from None
    except ValueError as exc:  # an integer of thousands of digits (Python's conversion limit)
        raise ImportFormatError(f"not usable JSON: a number is too long ({str(exc).split(':')[0]})") from None


def as_list(value: object) -> list[object]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def annotation_id(item: JSONObject) -> str:
    raw = item.get("id", item.get("@id"))
    if isinstance(raw, str) and raw:
        for prefix in (URN_UUID, URN_READER):
            if raw.startswith(prefix) and len(raw) > len(prefix):
                rest = raw[len(prefix) :]
                if prefix == URN_READER:
                    return rest
                try:
                    return str(uuid.UUID(rest))
                except ValueError:
                    break
        return str(uuid.uuid5(ID_NAMESPACE, raw))
    canonical = json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(uuid.uuid5(ID_NAMESPACE, canonical))


def stamp(value: object) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    if value.endswith("Z"):
        return value  # ours: keep the exact spelling so round trips are byte-identical
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def when(stamp: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.UTC)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def bodies(item: JSONObject) -> tuple[str, tuple[str, ...]]:
    notes: list[str] = []
    tags: list[str] = []
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    for body in as_list(item.get("body")):
        if not isinstance(body, dict):
            continue  # a body given only by IRI carries no text to import
        value = body.get("value", body.get("chars"))
        if not isinstance(value, str):
            continue
        purposes = {str(p) for p in as_list(body.get("purpose"))}
        if "tagging" in purposes:
            if value.strip():
                tags.append(value.strip())
        else:
            notes.append(value)
    return "\n\n".join(notes), tuple(dict.fromkeys(tags))


def target_parts(item: JSONObject) -> tuple[str, JSONObject | None, JSONObject | None]:
    """(source, quote selector, position selector) of the first usable target."""
    for target in as_list(item.get("target")):
        if isinstance(target, str):
            return target, None, None
        if not isinstance(target, dict):
            continue
        source = target.get("source", target.get("id", ""))
        quote = position = None
        for sel in as_list(target.get("selector")):
            for s in [sel, *as_list(sel.get("refinedBy") if isinstance(sel, dict) else None)]:
                if not isinstance(s, dict):
                    continue
                kinds = types_of(s)
                if "TextQuoteSelector" in kinds and quote is None:
                    quote = s
                elif "TextPositionSelector" in kinds and position is None:
                    position = s
        return str(source or ""), quote, position
    raise Skip("no target")


def extension(item: JSONObject) -> JSONObject | None:
    for key in _EXT_KEYS:
        found = item.get(key)
        if isinstance(found, dict):
            return found
    return None


def to_int(value: object, default: int) -> int:
    if not isinstance(value, (int, float, str)):
        return default  # null, a list, an object: what int() would refuse with TypeError
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return default
