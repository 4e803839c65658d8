"""Schema versions of the annotations file and the migrations between them.

Schema 1 (current)::

    {"_meta":       {"meta": {"schema": 1}},
     "annotations": {"<uuid>": {<Annotation.to_record()>}, ...},
     "filters":     {"<name>": {"name": "<name>", "query": "<filter text>"}}}

Schema 0 is anything without ``_meta``: a plain TinyDB file as TinyDB writes it,
records under ``_default`` (or any table) keyed by TinyDB's integer ids, in the
nested record form or the flat one (``quote``/``exact``, ``start``, ``doc_id``…
at the top level).  ``normalize_record`` reads both; salvage uses it too.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from corpus.jsontypes import JSONObject

from .jsonfile import Tables
from .model import STATUSES, Annotation, problems, utc_now

SCHEMA = 1
META, ANNOTATIONS, FILTERS = "_meta", "annotations", "filters"
META_KEY = "meta"


class SchemaTooNew(Exception):
    def __init__(self, version: int) -> None:
        super().__init__(f"written by a newer reader (schema {version}; this one knows up to {SCHEMA})")
        self.version = version


def schema_of(tables: Tables) -> int:
    """The file's schema version (0 when it has no ``_meta``); ``ValueError`` if unreadable."""
    meta = tables.get(META)
    if not meta:
        return 0
    doc = meta.get(META_KEY)
    if not isinstance(doc, dict) or not isinstance(doc.get("schema"), int) or doc["schema"] < 0:
        raise ValueError("the _meta table has no valid schema number")
    schema: int = doc["schema"]
    return schema


def empty_tables() -> Tables:
    return {META: {META_KEY: {"schema": SCHEMA}}, ANNOTATIONS: {}, FILTERS: {}}


def normalize_record(rec: object) -> JSONObject:
    """A stored record in the current form; ``ValueError`` naming what is wrong."""
    if not isinstance(rec, dict):
        raise ValueError(f"record is a JSON {type(rec).__name__}, not an object")
    rec = dict(rec)
    if not isinstance(rec.get("selector"), dict):
        exact = rec.pop("exact", None) or rec.pop("quote", None)
        if not isinstance(exact, str):
            raise ValueError("record has no selector or quote")
        rec["selector"] = {k: rec.pop(k, d) for k, d in (("prefix", ""), ("suffix", ""), ("start", 0), ("end", 0))}
        rec["selector"]["exact"] = exact
    if not isinstance(rec.get("target"), dict):
        rec["target"] = {k: rec.pop(k, "") for k in ("file", "doc_id", "fingerprint", "section", "title")}
    if not rec.get("id"):
        rec["id"] = str(uuid.uuid4())
    if rec.get("status") not in STATUSES:
        rec["status"] = "anchored"
    if isinstance(rec.get("tags"), str):
        rec["tags"] = [rec["tags"]]
    try:
        ann = Annotation.from_record(rec)
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"record cannot be read ({type(exc).__name__}: {exc})") from None
    found = problems(ann)
    if found:
        raise ValueError("; ".join(found))
    return ann.to_record()


def newest(records: Iterable[JSONObject]) -> dict[str, JSONObject]:
    """Records by id; of duplicates the most recently modified wins."""
    out: dict[str, JSONObject] = {}
    for rec in records:
        old = out.get(rec["id"])
        if old is None or str(rec.get("modified", "")) >= str(old.get("modified", "")):
            out[rec["id"]] = rec
    return out


def _v0_to_v1(tables: Tables) -> tuple[Tables, list[str]]:
    """Records from any table (integer TinyDB ids, nested or flat) → ``annotations`` keyed by uuid."""
    out = empty_tables()
    found: list[str] = []
    records = []
    for name, table in tables.items():
        if name in (META, FILTERS):
            continue
        for key, rec in table.items():
            try:
                records.append(normalize_record(rec))
            except ValueError as exc:
                found.append(f"{name}/{key}: {exc}")
    out[ANNOTATIONS] = newest(records)
    for name, rec in (tables.get(FILTERS) or {}).items():
        if isinstance(rec, dict) and isinstance(rec.get("query"), str):
            out[FILTERS][str(name)] = {"name": str(name), "query": rec["query"]}
    return out, found


#: One step per schema version: ``MIGRATIONS[n]`` turns schema n into n + 1.
MIGRATIONS: dict[int, Callable[[Tables], tuple[Tables, list[str]]]] = {0: _v0_to_v1}


def migrate(tables: Tables) -> tuple[Tables, int, list[str]]:
    """Bring ``tables`` to the current schema: (new tables, old version, problems).

    Never drops data silently: records that cannot be read are returned as problems
    (the caller keeps a backup of the original file before writing the result).
    """
    start = version = schema_of(tables)
    if version > SCHEMA:
        raise SchemaTooNew(version)
    found: list[str] = []
    while version < SCHEMA:
        tables, problems_ = MIGRATIONS[version](tables)
        found += problems_
        version += 1
    if start < SCHEMA:
        tables[META][META_KEY]["migrated"] = {"from": start, "at": utc_now()}
    return tables, start, found
