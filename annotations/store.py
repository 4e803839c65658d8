"""The annotation store: annotations in TinyDB's file format, with an index for reading.

One readable JSON file (TinyDB's format, UTF-8 with Chinese as is, one
annotation per line) made trustworthy by ``annotations.storage``: every change
is lock → reload-if-changed → modify → atomic write → unlock, so two app
windows or a script and the app never lose each other's notes.

Reads come from an in-memory index (annotations by id, by tag, by document)
rebuilt only when the file changed on disk; a read costs one ``fstat``.

TinyDB and reloading: documents are keyed by the annotation's uuid
(``annotations.storage.KeyedTable``), so there is no integer id counter to go
stale when another process inserts; TinyDB's query cache is off and never
consulted — queries use the index above.

A file that cannot be read is never written (``annotations.opening``):
``CorruptDatabase`` is raised after a timestamped copy is kept next to it.
The app then offers ``AnnotationStore(path, read_only=True)`` (every
salvageable record, no writes) or ``AnnotationStore.open_empty_after_backup(path)``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TypedDict, Unpack

from corpus.jsontypes import JSONObject
from corpus.paths import NotARegularFile, check_replaceable, db_path

from .errors import AmbiguousId, CorruptDatabase, LockedError, NotADatabaseFile, NotFound, ReadOnlyError
from .index import AnnotationIndex
from .jsonfile import UnreadableFile
from .migrate import ANNOTATIONS, FILTERS, META, META_KEY, SCHEMA, SchemaTooNew, empty_tables, schema_of
from .model import Annotation, AnnotationChanges, Selector, Target, normalize_tags, utc_now, validate
from .opening import corrupt, open_file, reset_after_backup
from .query import Filter, parse_filter
from .storage import AtomicJSONStorage, KeyedTable, MemoryTxStorage

# The store and everything it raises (callers import the errors from here).
__all__ = [
    "AmbiguousId",
    "AnnotationStore",
    "CorruptDatabase",
    "LockedError",
    "NotADatabaseFile",
    "NotFound",
    "ReadOnlyError",
]

EDITABLE = ("note", "tags", "color", "selector", "target", "status")


class NoteChanges(TypedDict, total=False):
    """What :meth:`AnnotationStore.update` may change (:data:`EDITABLE`); a selector or
    target may also be given as the dict of its fields."""

    note: str
    tags: str | Iterable[str]
    color: int
    selector: Selector | JSONObject
    target: Target | JSONObject
    status: str


class AnnotationStore:
    """Annotations in one TinyDB JSON file (or in memory with ``memory=True``)."""

    def __init__(self, path: Path | str | None = None, *, memory: bool = False, read_only: bool = False,
                 lock_timeout: float = 15.0) -> None:
        self.read_only = read_only
        self.problems: list[str] = []  # records skipped or salvaged, for doctor and the app
        self.backup: Path | None = None  # set by open_empty_after_backup
        #: Set when the file itself is read-only: the store opened read-only, and this says why.
        self.read_only_reason: str | None = None
        self._mutex = threading.RLock()
        self._closed = False
        if memory:
            self.path: Path | None = None
            self._storage: AtomicJSONStorage | MemoryTxStorage = MemoryTxStorage()
            self._storage.write(empty_tables())
        else:
            self.path = Path(path).expanduser() if path is not None else db_path()
            try:
                check_replaceable(self.path)
            except NotARegularFile:
                raise NotADatabaseFile(self.path) from None
            except PermissionError:
                # The user took the write permission away (chmod 444): read, never replace it.
                read_only = self.read_only = True
                self.read_only_reason = (f"the annotations database {self.path} is read-only (no write permission); "
                                         "nothing was changed (make it writable to change notes)")
            file = AtomicJSONStorage(self.path, read_only=read_only, lock_timeout=lock_timeout)
            self._storage, found = open_file(file, read_only=read_only)
            self.problems.extend(found)
        self._connect()

    # -- opening ---------------------------------------------------------------------
    def _connect(self) -> None:
        storage = self._storage
        self._table = KeyedTable(storage, ANNOTATIONS)
        self._filters = KeyedTable(storage, FILTERS)
        self._meta = KeyedTable(storage, META)
        self._gen = -1
        self._index = AnnotationIndex()
        self._sync()

    def _corrupt(self, reason: str) -> CorruptDatabase:
        return corrupt(self.path or Path(":memory:"), reason, keep_copy=not self.read_only)

    @classmethod
    def open_empty_after_backup(cls, path: Path | str | None = None) -> AnnotationStore:
        """Keep a copy of the (unreadable) file, then start an empty database there."""
        target = Path(path).expanduser() if path is not None else db_path()
        backup = reset_after_backup(target)
        store = cls(target)
        store.backup = backup
        return store

    # -- keeping the index in step with the file ----------------------------------------
    def _refresh(self) -> None:
        if self._closed:
            raise RuntimeError("the annotation store is closed")
        try:
            self._storage.refresh()
        except UnreadableFile as exc:
            if not self.read_only:
                raise self._corrupt(exc.reason) from None
            # Read-only: keep showing the last good copy rather than failing.
            note = f"the file changed on disk and cannot be read now: {exc.reason}"
            if note not in self.problems:
                self.problems.append(note)
        self._sync()

    def _sync(self) -> None:
        if self._storage.generation == self._gen:
            return
        tables = self._storage.read()
        if tables and not self.read_only:
            try:
                version = schema_of(tables)
            except ValueError as exc:
                raise self._corrupt(str(exc)) from None
            if version > SCHEMA:
                raise CorruptDatabase(self.path or Path(":memory:"), None, str(SchemaTooNew(version)))
        self._rebuild()
        self._gen = self._storage.generation

    def _rebuild(self) -> None:
        skipped = self._index.rebuild(self._table.records())
        self.problems = [p for p in self.problems if not p.startswith("annotation ")] + skipped

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """Lock, reload if changed, make sure the file has its schema, write once."""
        if self._closed:
            raise RuntimeError("the annotation store is closed")
        if self.read_only or self._storage.read_only:
            raise ReadOnlyError(self.read_only_reason or f"the annotations database {self.path} is open read-only")
        try:
            with self._storage.transaction():
                self._sync()
                if META not in self._storage.read():
                    self._meta.put({META_KEY: {"schema": SCHEMA}})
                yield
        except UnreadableFile as exc:
            raise self._corrupt(exc.reason) from None

    # -- writing ---------------------------------------------------------------------
    def add(self, ann: Annotation) -> Annotation:
        """Store a new annotation (``ValueError`` if invalid or its id exists)."""
        ann = validate(ann)
        with self._mutex:
            with self._tx():
                if ann.id in self._index.anns:
                    raise ValueError(f"an annotation with id {ann.id} already exists")
                rec = ann.to_record()
                self._table.put({ann.id: rec})
            self._index.put(ann, rec)
        return ann

    def update(self, ann_id: str, **changes: Unpack[NoteChanges]) -> Annotation:
        """Change note, tags, color, selector, target or status; bumps ``modified``."""
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise TypeError(f"cannot change {', '.join(sorted(unknown))} (editable: {', '.join(EDITABLE)})")
        fields: AnnotationChanges = {}
        if "note" in changes:
            fields["note"] = changes["note"]
        if "tags" in changes:
            fields["tags"] = normalize_tags(changes["tags"])  # as validate() would
        if "color" in changes:
            fields["color"] = changes["color"]
        if "status" in changes:
            fields["status"] = changes["status"]
        if "selector" in changes:
            selector = changes["selector"]
            fields["selector"] = Selector(**selector) if isinstance(selector, dict) else selector
        if "target" in changes:
            target = changes["target"]
            fields["target"] = Target(**target) if isinstance(target, dict) else target
        with self._mutex:
            full = self._resolve(ann_id)
            with self._tx():
                current = self._current(full)
                fields["modified"] = utc_now()
                new = validate(current.with_changes(**fields))
                rec = new.to_record()
                self._table.put({new.id: rec})
            self._index.put(new, rec)
        return new

    def retag(self, ann_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Annotation:
        """Add and remove tags, computed on the current record inside the lock.

        Unlike ``update(tags=…)`` built from an earlier read, a tag another
        process added meanwhile is kept.
        """
        add, gone = normalize_tags(list(add)), set(normalize_tags(list(remove)))
        with self._mutex:
            full = self._resolve(ann_id)
            with self._tx():
                current = self._current(full)
                tags = tuple(t for t in (*current.tags, *add) if t not in gone)
                new = validate(replace(current, tags=tags, modified=utc_now()))  # normalises them
                rec = new.to_record()
                self._table.put({new.id: rec})
            self._index.put(new, rec)
        return new

    def delete(self, ann_id: str) -> Annotation:
        """Remove an annotation and return it (keep it for ``restore``, i.e. undo)."""
        with self._mutex:
            full = self._resolve(ann_id)
            with self._tx():
                current = self._current(full)
                self._table.drop([full])
            self._index.drop(current)
        return current

    def restore(self, ann: Annotation) -> Annotation:
        """Put ``ann`` back exactly as it was (undo of delete or of an edit)."""
        self.put_many([ann])
        return validate(ann)

    def put_many(self, anns: Iterable[Annotation]) -> None:
        """Insert or replace many annotations in one locked atomic write."""
        anns = [validate(a) for a in anns]
        if not anns:
            return
        with self._mutex:
            recs = {a.id: a.to_record() for a in anns}
            with self._tx():
                self._table.put(recs)
            for a in anns:
                self._index.put(a, recs[a.id])

    def rename_tag(self, old: str, new: str) -> int:
        return self.merge_tags([old], new)

    def merge_tags(self, sources: list[str], target: str) -> int:
        """Replace every tag in ``sources`` by ``target``; returns how many annotations changed."""
        names = normalize_tags(target)
        if not names:
            raise ValueError("the new tag name is empty")
        target = names[0]
        sources = [s for s in normalize_tags(sources) if s != target]
        with self._mutex:
            with self._tx():
                now = utc_now()
                changed = []
                for i in self._index.tagged(sources):
                    ann = self._index.anns[i]
                    tags = normalize_tags([target if t in sources else t for t in ann.tags])
                    changed.append(replace(ann, tags=tags, modified=now))
                recs = {a.id: a.to_record() for a in changed}
                if recs:
                    self._table.put(recs)
            for a in changed:
                self._index.put(a, recs[a.id])
        return len(changed)

    def save_filter(self, name: str, query: str) -> None:
        """Remember a filter-bar line under ``name`` (checked by parsing it first)."""
        name = name.strip()
        if not name:
            raise ValueError("a saved filter needs a name")
        parse_filter(query)
        with self._mutex, self._tx():
            self._filters.put({name: {"name": name, "query": query}})

    def delete_filter(self, name: str) -> bool:
        with self._mutex, self._tx():
            return self._filters.drop([name])

    # -- reading ---------------------------------------------------------------------
    def _resolve(self, id_or_prefix: str) -> str:
        ann = self.get(id_or_prefix)
        if ann is None:
            raise NotFound(f"no annotation with id {id_or_prefix!r}")
        return ann.id

    def _current(self, full_id: str) -> Annotation:
        # Inside a transaction, after reloading: another process may have deleted it.
        ann = self._index.anns.get(full_id)
        if ann is None:
            raise NotFound(f"annotation {full_id} was deleted (by another process?)")
        return ann

    def get(self, id_or_prefix: str) -> Annotation | None:
        """By id or a unique prefix of one; ``AmbiguousId`` if the prefix fits several."""
        with self._mutex:
            self._refresh()
            anns = self._index.anns
            key = id_or_prefix.strip()
            if key in anns:
                return anns[key]
            if not key:
                return None
            matches = self._index.with_prefix(key)
            if len(matches) > 1:
                raise AmbiguousId(f"{key!r} matches {len(matches)} annotations; give more of the id")
            return anns[matches[0]] if matches else None

    def all(self) -> list[Annotation]:
        """Every readable annotation, oldest first."""
        with self._mutex:
            self._refresh()
            return sorted(self._index.anns.values(), key=self._index.order)

    def __len__(self) -> int:
        with self._mutex:
            self._refresh()
            return len(self._index.anns)

    def query(self, flt: Filter | str) -> list[Annotation]:
        """Annotations matching ``flt`` (a ``Filter`` or filter-bar text), oldest first."""
        if isinstance(flt, str):
            flt = parse_filter(flt)
        with self._mutex:
            self._refresh()
            found = self._index.query(flt)
        return found

    def for_document(self, doc_id: str) -> list[Annotation]:
        """A document's annotations in text order."""
        with self._mutex:
            self._refresh()
            return self._index.for_document(doc_id)

    def tags(self) -> dict[str, int]:
        """Tag → number of annotations, most used first."""
        with self._mutex:
            self._refresh()
            return self._index.tag_counts()

    def saved_filters(self) -> dict[str, str]:
        with self._mutex:
            self._refresh()
            return {name: str(d.get("query", "")) for name, d in self._filters.records()}

    @property
    def schema(self) -> int:
        with self._mutex:
            return schema_of(self._storage.read())

    # -- lifetime --------------------------------------------------------------------
    def close(self) -> None:
        with self._mutex:
            if not self._closed:
                self._closed = True
                self._storage.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = self.path or "memory"
        return f"<AnnotationStore {where} {len(self._index.anns)} annotations{' read-only' if self.read_only else ''}>"
