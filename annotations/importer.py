"""Import of W3C Web Annotation JSON (ours or another tool's), merged by id.

Accepted shapes: an ``AnnotationCollection`` (with ``first`` page embedded, or
``items`` directly), an ``AnnotationPage``, a JSON list of annotations, or one
``Annotation``.

For each annotation:

1. **id** — ``urn:uuid:<id>`` (ours and many tools') gives ``<id>``; any other id
   gives a uuid5 of it, an annotation without an id a uuid5 of its content, so
   importing the same file again never duplicates.
2. **document** — the ``reader:ext`` document id when the corpus has it; else
   the documents of the file named by ``target.source`` (the one where the
   quote anchors best). An annotation of ours whose document is gone is kept
   as an orphan; a foreign one that names no file of the corpus is skipped.
3. **re-anchoring** against the current text (``annotations.anchor.anchor``):
   position → quote with context → fuzzy quote → orphan. ``modified`` is not
   bumped by re-anchoring.
4. **merge** — new id: added. Known id: the newer ``modified`` wins (updated);
   otherwise the store keeps its version (unchanged). Nothing is ever deleted.

All changes go to the store in one ``put_many`` (one locked, atomic write).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol
from urllib.parse import unquote

from corpus.model import Corpus, Document

from .export.w3c import EXT_KEY, ID_NAMESPACE, READER_NS, URN_READER, URN_UUID
from .model import COLORS, Annotation, Selector, Target, make_selector, validate

EPOCH = "1970-01-01T00:00:00.000Z"  # for foreign annotations without dates: stable across imports
_EXT_KEYS = (EXT_KEY, READER_NS + "ext")


class ImportFormatError(ValueError):
    """The data is not JSON or holds no Web Annotations."""


class _Skip(Exception):
    """One annotation that cannot be imported (the reason is reported)."""


class Store(Protocol):  # what the importer needs from ``annotations.store.AnnotationStore``
    def all(self) -> list[Annotation]: ...
    def put_many(self, anns: list[Annotation]) -> None: ...


Anchor = Callable[[Annotation, str], "tuple[Selector | None, str]"]


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    orphaned: list[str] = field(default_factory=list)  # ids (any of the above) left as orphans
    skipped: list[dict[str, str]] = field(default_factory=list)  # {"item", "id", "reason"}

    @property
    def changed(self) -> int:
        return len(self.added) + len(self.updated)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in ("added", "updated", "unchanged", "orphaned", "skipped")}

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.counts(),
            "ids": {k: list(getattr(self, k)) for k in ("added", "updated", "unchanged", "orphaned")},
            "skipped_items": list(self.skipped),
        }


# ---------------------------------------------------------------- parsing


def _types(obj: Any) -> set[str]:
    t = obj.get("type", obj.get("@type")) if isinstance(obj, dict) else None
    values = t if isinstance(t, list) else [t]
    return {str(v).split(":")[-1].split("#")[-1] for v in values if v}


def annotation_items(data: Any) -> list[Any]:
    """The annotation objects in any accepted shape."""
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ImportFormatError("expected a JSON object or list of Web Annotations")
    types = _types(data)
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


def loads(data: str | bytes | dict | list) -> Any:
    if isinstance(data, (dict, list)):
        return data
    if isinstance(data, bytes):
        data = data.decode("utf-8-sig")
    try:
        return json.loads(data.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def annotation_id(item: dict[str, Any]) -> str:
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


def _stamp(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    if value.endswith("Z"):
        return value  # ours: keep the exact spelling so round trips are byte-identical
    return when.astimezone(dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _when(stamp: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def _bodies(item: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    notes: list[str] = []
    tags: list[str] = []
    if isinstance(item.get("bodyValue"), str):
        notes.append(item["bodyValue"])
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict):
            continue  # a body given only by IRI carries no text to import
        value = body.get("value", body.get("chars"))
        if not isinstance(value, str):
            continue
        purposes = {str(p) for p in _as_list(body.get("purpose"))}
        if "tagging" in purposes:
            if value.strip():
                tags.append(value.strip())
        else:
            notes.append(value)
    return "\n\n".join(notes), tuple(dict.fromkeys(tags))


def _target(item: dict[str, Any]) -> tuple[str, dict[str, Any] | None, dict[str, Any] | None]:
    """(source, quote selector, position selector) of the first usable target."""
    for target in _as_list(item.get("target")):
        if isinstance(target, str):
            return target, None, None
        if not isinstance(target, dict):
            continue
        source = target.get("source", target.get("id", ""))
        quote = position = None
        for sel in _as_list(target.get("selector")):
            for s in [sel, *_as_list(sel.get("refinedBy") if isinstance(sel, dict) else None)]:
                if not isinstance(s, dict):
                    continue
                kinds = _types(s)
                if "TextQuoteSelector" in kinds and quote is None:
                    quote = s
                elif "TextPositionSelector" in kinds and position is None:
                    position = s
        return str(source or ""), quote, position
    raise _Skip("no target")


def _ext(item: dict[str, Any]) -> dict[str, Any] | None:
    for key in _EXT_KEYS:
        if isinstance(item.get(key), dict):
            return item[key]
    return None


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# ---------------------------------------------------------------- anchoring


def default_anchor() -> Anchor:
    from .anchor import anchor  # imported late: rapidfuzz is only needed when importing

    return anchor


_RANK = {"anchored": 0, "moved": 1, "orphan": 2}


def _source_matches(source: str, file: str) -> bool:
    if not source or not file:
        return False
    s = unquote(source).replace("\\", "/")
    return s == file or s.endswith("/" + file)


class Resolver:
    """Finds the document an imported annotation belongs to and re-anchors it there."""

    def __init__(self, corpus: Corpus | None, anchor: Anchor) -> None:
        self.corpus = corpus
        self.anchor = anchor
        self.by_file: dict[str, list[Document]] = {}
        self._fingerprints: dict[str, str] = {}  # Document.fingerprint hashes the text on every call
        for doc in corpus.documents if corpus is not None else ():
            self.by_file.setdefault(doc.file, []).append(doc)

    def fingerprint(self, doc: Document) -> str:
        fp = self._fingerprints.get(doc.id)
        if fp is None:
            fp = self._fingerprints[doc.id] = doc.fingerprint
        return fp

    def candidates(self, doc_id: str, source: str) -> list[Document]:
        if self.corpus is None:
            return []
        doc = self.corpus.get(doc_id) if doc_id else None
        if doc is not None:
            return [doc]
        if source in self.by_file:
            return self.by_file[source]
        return [d for f, docs in self.by_file.items() if _source_matches(source, f) for d in docs]

    def place(self, ann: Annotation, docs: list[Document]) -> Annotation:
        best: tuple[int, int, Annotation] | None = None
        for i, doc in enumerate(docs):
            selector = ann.selector
            if not selector.exact and 0 <= selector.start < selector.end <= len(doc.text):
                # Position only (some tools): the quote is whatever is there now.
                selector = make_selector(doc.text, selector.start, selector.end)
            t = ann.target
            fingerprint = self.fingerprint(doc)
            if (t.fingerprint == fingerprint and selector.exact
                    and doc.text[selector.start : selector.end] == selector.exact):
                # The very text the note was made on: its position is right as it stands.
                new_sel, status = selector, ann.status if ann.status in ("anchored", "moved") else "anchored"
            else:
                new_sel, status = self.anchor(ann.with_changes(selector=selector), doc.text)
            if new_sel is not None and status != "orphan":
                placed = ann.with_changes(
                    selector=new_sel,
                    status=status,
                    target=Target(doc.file, doc.id, fingerprint, doc.section, doc.title),
                )
            else:
                placed = ann.with_changes(
                    selector=selector,
                    status="orphan",
                    target=Target(doc.file, doc.id, t.fingerprint, t.section or doc.section, t.title or doc.title),
                )
            key = (_RANK.get(placed.status, 3), i)
            if best is None or key < best[:2]:
                best = (key[0], key[1], placed)
            if placed.status == "anchored":
                break
        assert best is not None
        return best[2]


def from_w3c(item: Any, resolver: Resolver) -> Annotation:
    """One Web Annotation as our ``Annotation``, re-anchored (``_Skip`` if impossible)."""
    if not isinstance(item, dict):
        raise _Skip("not a JSON object")
    types = _types(item)
    if types and "Annotation" not in types:
        raise _Skip(f"type {sorted(types)[0]!r} is not an Annotation")
    ann_id = annotation_id(item)
    source, quote, position = _target(item)
    ext = _ext(item)
    if quote is None and position is None:
        raise _Skip("no TextQuoteSelector or TextPositionSelector in the target")
    exact = str(quote.get("exact", "")) if quote else ""
    start = _int(position.get("start"), 0) if position else 0
    end = _int(position.get("end"), start + len(exact)) if position else start + len(exact)
    selector = Selector(
        exact=exact,
        prefix=str(quote.get("prefix", "") or "") if quote else "",
        suffix=str(quote.get("suffix", "") or "") if quote else "",
        start=max(start, 0),
        end=max(end, 0),
    )
    note, tags = _bodies(item)
    created = _stamp(item.get("created")) or _stamp(item.get("generated")) or EPOCH
    modified = _stamp(item.get("modified")) or created
    ext = ext or {}
    color = _int(ext.get("color"), 1)
    ann = Annotation(
        id=ann_id,
        target=Target(
            file=unquote(source),
            doc_id=str(ext.get("doc_id", "") or ""),
            fingerprint=str(ext.get("fingerprint", "") or ""),
            section=str(ext.get("section", "") or ""),
            title=str(ext.get("title", "") or ""),
        ),
        selector=selector,
        note=note,
        tags=tags,
        color=color if color in COLORS else 1,
        created=created,
        modified=modified,
        status="orphan",
    )
    docs = resolver.candidates(ann.target.doc_id, source)
    if docs:
        return resolver.place(ann, docs)
    if not ext:
        raise _Skip(f"target {source!r} is not a file of the corpus")
    if not exact:
        raise _Skip("its document is not in the corpus and it has no quote to keep")
    return ann  # ours, document gone: keep it as an orphan, never lose a note


def _validate(ann: Annotation) -> Annotation:
    try:
        return validate(ann)  # the store's own rules (tags normalised, colour, quote)
    except ValueError as exc:
        raise _Skip(str(exc)) from None


def import_annotations(
    data: str | bytes | dict | list,
    store: Store,
    corpus: Corpus | None,
    *,
    anchor: Anchor | None = None,
) -> ImportReport:
    """Merge the annotations in ``data`` into ``store`` (see the module docstring).

    Raises ``ImportFormatError`` when ``data`` is not Web Annotation JSON; single
    bad annotations are skipped and listed in the report.
    """
    items = annotation_items(loads(data))
    resolver = Resolver(corpus, anchor or default_anchor())
    existing = {a.id: a for a in store.all()}
    report = ImportReport()
    pending: dict[str, Annotation] = {}
    outcome: dict[str, str] = {}
    for index, item in enumerate(items):
        try:
            ann = _validate(from_w3c(item, resolver))
        except _Skip as exc:
            raw_id = item.get("id", "") if isinstance(item, dict) else ""
            report.skipped.append({"item": str(index), "id": str(raw_id), "reason": str(exc)})
            continue
        current = pending.get(ann.id) or existing.get(ann.id)
        if current is None:
            pending[ann.id] = ann
            outcome.setdefault(ann.id, "added")
        elif current.to_record() == ann.to_record() or _when(ann.modified) <= _when(current.modified):
            outcome.setdefault(ann.id, "unchanged")
        else:
            pending[ann.id] = ann
            if outcome.get(ann.id) != "added":
                outcome[ann.id] = "updated"
    if pending:
        store.put_many(list(pending.values()))
    for ann_id, what in outcome.items():
        getattr(report, what).append(ann_id)
        final = pending.get(ann_id) or existing[ann_id]
        if final.status == "orphan":
            report.orphaned.append(ann_id)
    return report

