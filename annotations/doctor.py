"""Checking and repairing the annotations file (``reader doctor``).

``salvage_bytes`` recovers every readable annotation from any file: a valid
TinyDB file of any schema, or a truncated / damaged one, by decoding a JSON
object at every ``{"id"`` (``json.JSONDecoder.raw_decode``) and keeping the
ones that are valid annotations.  ``repair`` writes the salvage to a fresh file
and keeps the old one as a timestamped backup.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NotRequired, TypedDict

from corpus.jsontypes import JSONObject

from .jsonfile import UnreadableFile, backup_file, parse_tables
from .migrate import ANNOTATIONS, FILTERS, META, SCHEMA, empty_tables, newest, normalize_record, schema_of
from .storage import AtomicJSONStorage

if TYPE_CHECKING:
    from corpus.model import Corpus

    from .jsonfile import Tables

class AnchorReport(TypedDict):
    """How the notes anchor in a corpus: counts by status, and the ids that moved, are
    orphaned, or whose document is missing."""

    counts: dict[str, int]
    moved: list[str]
    orphans: list[str]
    document_missing: list[str]


class RepairReport(TypedDict):
    """What :func:`repair` wrote and kept."""

    path: str
    backup: str | None
    annotations: int
    filters: int
    problems: list[str]
    temp_files_removed: list[str]


class DoctorReport(TypedDict):
    """What :func:`check` found (``reader doctor``; ``--json`` prints it as it is)."""

    path: str
    exists: bool
    ok: bool
    problems: list[str]
    notes: list[str]
    # Set by every check, after the fields above (the JSON keeps this order).
    annotations: NotRequired[int]
    schema: NotRequired[int | None]
    bytes: NotRequired[int]
    json: NotRequired[str]  # "valid" or "invalid"
    statuses: NotRequired[dict[str, int]]
    temp_files: NotRequired[list[str]]
    anchors: NotRequired[AnchorReport]
    # Added by ``reader doctor --repair``: what was repaired, the check after it, re-anchoring.
    repair: NotRequired[RepairReport]
    after: NotRequired[DoctorReport]
    reanchored: NotRequired[dict[str, int]]


_RECORD_START = re.compile(r'\{\s*"id"\s*:')
_FILTER_START = re.compile(r'\{\s*"name"\s*:')


def _complete(fragment: str) -> object:
    """The longest readable prefix of a cut-off JSON object, closed off (or None).

    Cuts back to a comma outside strings and closes the open brackets, so a
    record truncated after its note still yields its id, target, quote and note.
    """
    stack: list[str] = []
    in_str = esc = False
    cuts: list[tuple[int, str]] = []
    for i, ch in enumerate(fragment):
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
            continue
        if ch == '"':
            in_str = True
        elif ch in "{[":
            stack.append(ch)
        elif ch in "}]":
            if stack:
                stack.pop()
            if not stack:
                return None  # a whole (but unreadable) object: nothing to complete
        elif ch == ",":
            cuts.append((i, "".join(stack)))
    for i, open_ in reversed(cuts[-40:]):
        closing = "".join("}" if c == "{" else "]" for c in reversed(open_))
        try:
            data: object = json.loads(fragment[:i] + closing)
            return data
        except (json.JSONDecodeError, RecursionError):
            continue
    return None


def _scan(text: str, pattern: re.Pattern[str]) -> list[tuple[JSONObject, bool]]:
    """(object, was it cut short) for every JSON object starting where ``pattern`` matches."""
    decoder = json.JSONDecoder()
    starts = [m.start() for m in pattern.finditer(text)]
    out = []
    for n, pos in enumerate(starts):
        cut = False
        try:
            obj, _ = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError):
            end = starts[n + 1] if n + 1 < len(starts) else len(text)
            obj, cut = _complete(text[pos:end]), True
        if isinstance(obj, dict):
            out.append((obj, cut))
    return out


def salvage_bytes(raw: bytes) -> tuple[Tables, list[str]]:
    """(tables in the current schema, problems found) from whatever ``raw`` holds."""
    problems: list[str] = []
    candidates: list[tuple[str, object]] = []  # records as read: normalize_record checks them
    filters: dict[str, dict[str, str]] = {}
    try:
        tables = parse_tables(raw, Path("file"))
        parsed = True
    except UnreadableFile as exc:
        problems.append(f"the file is damaged ({exc.reason}); records were recovered by scanning")
        parsed = False
    if parsed:
        for name, table in tables.items():
            if name == META:
                continue
            if name == FILTERS:
                for key, rec in table.items():
                    if isinstance(rec, dict) and isinstance(rec.get("query"), str):
                        filters[str(key)] = {"name": str(key), "query": rec["query"]}
                continue
            candidates += [(f"{name}/{key}", rec) for key, rec in table.items()]
    else:
        text = raw.decode("utf-8", errors="replace")
        for i, (rec, cut) in enumerate(_scan(text, _RECORD_START)):
            candidates.append((f"record {i + 1}", rec))
            if cut:
                problems.append(f"record {i + 1} ({rec.get('id', '?')}) was cut short: recovered its first fields")
        for rec, _ in _scan(text, _FILTER_START):
            if isinstance(rec.get("name"), str) and isinstance(rec.get("query"), str):
                filters[rec["name"]] = {"name": rec["name"], "query": rec["query"]}
    good = []
    for where, rec in candidates:
        try:
            good.append(normalize_record(rec))
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
    out = empty_tables()
    out[ANNOTATIONS] = newest(good)
    dupes = len(good) - len(out[ANNOTATIONS])
    if dupes:
        problems.append(f"{dupes} duplicate id(s): kept the most recently modified copy")
    out[FILTERS] = filters
    return out, problems


def check(path: Path, corpus: Corpus | None = None) -> DoctorReport:
    """A report on the file at ``path`` (and on anchors, given a ``corpus.Corpus``)."""
    report: DoctorReport = {"path": str(path), "exists": path.exists(), "ok": True, "problems": [], "notes": []}
    problems: list[str] = report["problems"]
    if not path.exists():
        report["annotations"] = 0
        report["schema"] = None
        return report
    raw = path.read_bytes()
    report["bytes"] = len(raw)
    try:
        tables = parse_tables(raw, path)
        report["json"] = "valid"
    except UnreadableFile as exc:
        report["json"] = "invalid"
        problems.append(exc.reason)
        tables = None
    if tables is not None:
        try:
            schema = report["schema"] = schema_of(tables)
            if schema < SCHEMA:  # not a fault: the store migrates it (keeping a backup)
                report["notes"].append(f"schema {schema} is old (current {SCHEMA}); opening the store migrates it")
            elif schema > SCHEMA:
                problems.append(f"schema {schema} is newer than this reader ({SCHEMA})")
        except ValueError as exc:
            report["schema"] = None
            problems.append(str(exc))
        ids: Counter[str] = Counter()
        for name, table in tables.items():
            if name in (META, FILTERS):
                continue
            for key, rec in table.items():
                try:
                    norm = normalize_record(rec)
                except ValueError as exc:
                    problems.append(f"{name}/{key}: {exc}")
                    continue
                ids[norm["id"]] += 1
                if name == ANNOTATIONS and report.get("schema") == SCHEMA and norm["id"] != key:
                    problems.append(f"{name}/{key}: stored under a key that is not its id {norm['id']}")
        dup = [i for i, n in ids.items() if n > 1]
        if dup:
            problems.append(f"{len(dup)} duplicate id(s): {', '.join(sorted(dup)[:5])}")
    salvaged, _ = salvage_bytes(raw)
    report["annotations"] = len(salvaged[ANNOTATIONS])
    real = Path(os.path.realpath(path))  # temp files live next to the file a symlink points at
    temps = list(real.parent.glob(f".{real.name}.*.tmp"))
    statuses = Counter(rec.get("status", "anchored") for rec in salvaged[ANNOTATIONS].values())
    report["statuses"] = dict(statuses)
    if temps:
        report["temp_files"] = [str(t) for t in temps]
    if corpus is not None:
        report["anchors"] = _check_anchors(salvaged[ANNOTATIONS].values(), corpus)
    report["ok"] = not problems
    return report


def _check_anchors(records: Iterable[JSONObject], corpus: Corpus) -> AnchorReport:
    from .anchor import anchor
    from .model import Annotation

    counts: Counter[str] = Counter()
    moved, orphans, missing = [], [], []
    for rec in records:
        ann = Annotation.from_record(rec)
        doc = corpus.get(ann.target.doc_id)
        if doc is None:
            counts["document missing"] += 1
            missing.append(ann.id)
            continue
        _, status = anchor(ann, doc.text)
        counts[status] += 1
        if status == "orphan":
            orphans.append(ann.id)
        elif status == "moved":
            moved.append(ann.id)
    return {"counts": dict(counts), "moved": moved, "orphans": orphans, "document_missing": missing}


def repair(path: Path) -> RepairReport:
    """Salvage every readable annotation into a fresh file; the old file is kept as a backup."""
    storage = AtomicJSONStorage(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with storage.lock:
        raw = path.read_bytes() if path.exists() else b""
        tables, problems = salvage_bytes(raw)
        backup = backup_file(path, "before-repair") if path.exists() else None
        storage.write_file(storage.serialize(tables))
        removed = storage.sweep_temp_files()
    return {
        "path": str(path),
        "backup": str(backup) if backup else None,
        "annotations": len(tables[ANNOTATIONS]),
        "filters": len(tables[FILTERS]),
        "problems": problems,
        "temp_files_removed": [str(t) for t in removed],
    }
