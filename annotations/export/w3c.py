"""JSON export in the W3C Web Annotation data model.

Shape (the Web Annotation Protocol's collection with its first page embedded;
pretty-printed, one annotation per line)::

    {"@context": [ANNO, {...reader terms...}], "id": "urn:uuid:…",
     "type": "AnnotationCollection", "label": …, "total": N,
     "first": {"id": "…#page-1", "type": "AnnotationPage", "startIndex": 0, "items": [Annotation…]}}

Each ``Annotation`` has ``@context``, ``id`` (``urn:uuid:<id>``), ``type``,
``motivation``, ``created``/``modified`` (UTC, ``Z``), ``body`` (``TextualBody``:
the note with purpose ``commenting``, format ``text/markdown``, language ``zh``;
one per tag with purpose ``tagging``) and ``target`` (``source``: the
corpus-relative file; ``selector``: ``TextQuoteSelector`` and
``TextPositionSelector`` in code points).

Our own fields (document id, fingerprint, section, title, colour, status) live
under one extension property, ``reader:ext``. The ``@context`` is an array whose
first value is the W3C context (the model allows this) and whose second defines
the ``reader:`` prefix and types ``reader:ext`` as a JSON literal, so JSON-LD
processors keep it untouched and other consumers can ignore it.
"""

from __future__ import annotations

import json
import uuid

from corpus.jsontypes import JSON
from corpus.model import Corpus
from corpus.sanitize import json_safe

from ..model import Annotation
from ._common import Progress, Ticker, ordered, utc_iso

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
READER_NS = "https://reader.invalid/ns#"  # .invalid: a name that never resolves, by design
EXT_KEY = "reader:ext"
CONTEXT: list[JSON] = [ANNO_CONTEXT, {"reader": READER_NS, EXT_KEY: {"@type": "@json"}}]
#: Namespace for ids we derive (collection ids, ids of foreign annotations).
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, READER_NS)
URN_UUID = "urn:uuid:"
URN_READER = "urn:x-reader:annotation:"


def annotation_iri(ann_id: str) -> str:
    try:
        return URN_UUID + str(uuid.UUID(ann_id))
    except ValueError:
        return URN_READER + ann_id


def to_w3c(ann: Annotation) -> dict[str, JSON]:
    body: list[JSON] = []
    if ann.note:
        body.append(
            {
                "type": "TextualBody",
                "value": ann.note,
                "purpose": "commenting",
                "format": "text/markdown",
                "language": "zh",
            }
        )
    for tag in ann.tags:
        body.append({"type": "TextualBody", "value": tag, "purpose": "tagging"})
    motivation = "commenting" if ann.note else ("tagging" if ann.tags else "highlighting")
    s, t = ann.selector, ann.target
    record: dict[str, JSON] = {
        "@context": CONTEXT,
        "id": annotation_iri(ann.id),
        "type": "Annotation",
        "motivation": motivation,
        "created": utc_iso(ann.created),
        "modified": utc_iso(ann.modified),
    }
    if body:
        record["body"] = body
    record["target"] = {
        "source": t.file,
        "selector": [
            {"type": "TextQuoteSelector", "exact": s.exact, "prefix": s.prefix, "suffix": s.suffix},
            {"type": "TextPositionSelector", "start": s.start, "end": s.end},
        ],
    }
    record[EXT_KEY] = {
        "doc_id": t.doc_id,
        "fingerprint": t.fingerprint,
        "section": t.section,
        "title": t.title,
        "color": ann.color,
        "status": ann.status,
    }
    return record


def collection(anns: list[Annotation], corpus: Corpus | None, progress: Progress | None = None) -> dict[str, JSON]:
    items_sorted = ordered(anns, corpus)
    ticker = Ticker(progress, len(items_sorted))
    items: list[JSON] = []
    for ann in items_sorted:
        items.append(to_w3c(ann))
        ticker.tick()
    ticker.finish()
    # Deterministic id: the same set of annotations (at the same versions) → the same id.
    digest = "\n".join(f"{a.id}@{a.modified}" for a in items_sorted)
    coll_id = URN_UUID + str(uuid.uuid5(ID_NAMESPACE, digest))
    data: dict[str, JSON] = {
        "@context": CONTEXT,
        "id": coll_id,
        "type": "AnnotationCollection",
        "label": "reader annotations",
        "total": len(items),
    }
    if items:
        data["first"] = {"id": coll_id + "#page-1", "type": "AnnotationPage", "startIndex": 0, "items": items}
    return data


_ITEMS = "\u0000items\u0000"  # placeholder; the header holds no user text, so it cannot clash


def render(anns: list[Annotation], corpus: Corpus | None, progress: Progress | None = None) -> str:
    """The collection, pretty-printed, with one annotation per line.

    One line per annotation keeps the file readable and diffable, and lets the
    C JSON encoder do the work (``indent`` switches to the pure-Python one).
    """
    data = collection(anns, corpus, progress)
    first = data.get("first")
    items = first.get("items") if isinstance(first, dict) else None
    if not isinstance(first, dict) or not isinstance(items, list):  # no notes: no page
        return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    first["items"] = _ITEMS
    head = json.dumps(data, ensure_ascii=False, indent=2)
    lines = ",\n".join("      " + json.dumps(item, ensure_ascii=False) for item in items)
    # Escapes for what a terminal acts on (C1, bidi): `reader export -f json` may go to one.
    return json_safe(head.replace(json.dumps(_ITEMS), "[\n" + lines + "\n    ]")) + "\n"
