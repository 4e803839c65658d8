"""The store's in-memory index: annotations by id, by tag and by document.

Rebuilt from the stored records only when the file changed on disk, and kept
in step by the store after each of its own writes, so queries never touch the
file.  Records that are not valid annotations are left out (and reported);
they stay in the file untouched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from corpus.jsontypes import JSONObject

from .model import Annotation, validate
from .query import Filter


class AnnotationIndex:
    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.anns: dict[str, Annotation] = {}
        self.by_tag: dict[str, dict[str, None]] = {}  # ordered sets of ids
        self.by_doc: dict[str, dict[str, None]] = {}
        self.seq: dict[str, int] = {}  # file order, to break ties between equal timestamps
        self.raw: dict[str, JSONObject] = {}  # the stored record of each indexed annotation

    def rebuild(self, records: Iterable[tuple[str, JSONObject]]) -> list[str]:
        """Index ``(key, record)`` pairs in file order; returns the problems of skipped records.

        Records equal to the ones indexed before keep their Annotation objects:
        after another process wrote, a dict comparison is far cheaper than parsing.
        """
        prev_raw, prev_anns = self.raw, self.anns
        self._reset()
        skipped = []
        for key, rec in records:
            ann = prev_anns.get(key)
            if ann is None or prev_raw.get(key) != rec:
                try:
                    ann = validate(Annotation.from_record(rec))
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    skipped.append(f"annotation {key}: {exc}")
                    continue
                if ann.id != key:
                    ann = replace(ann, id=str(key))
            self.put(ann, rec)
        return skipped

    def put(self, ann: Annotation, record: JSONObject) -> None:
        self.raw[ann.id] = record
        old = self.anns.get(ann.id)
        if old is not None:
            self._unlink(old)
        else:
            self.seq[ann.id] = len(self.seq)
        self.anns[ann.id] = ann  # an existing id keeps its place (file order)
        for tag in ann.tags:
            self.by_tag.setdefault(tag, {})[ann.id] = None
        self.by_doc.setdefault(ann.target.doc_id, {})[ann.id] = None

    def drop(self, ann: Annotation) -> None:
        self._unlink(ann)
        self.anns.pop(ann.id, None)
        self.raw.pop(ann.id, None)
        self.seq.pop(ann.id, None)

    def _unlink(self, ann: Annotation) -> None:
        for tag in ann.tags:
            ids = self.by_tag.get(tag)
            if ids is not None:
                ids.pop(ann.id, None)
                if not ids:
                    del self.by_tag[tag]
        ids = self.by_doc.get(ann.target.doc_id)
        if ids is not None:
            ids.pop(ann.id, None)
            if not ids:
                del self.by_doc[ann.target.doc_id]

    def order(self, ann: Annotation) -> tuple[str, int]:
        """Sort key: oldest first; notes made in the same millisecond keep file order."""
        return (ann.created, self.seq.get(ann.id, 0))

    def with_prefix(self, prefix: str) -> list[str]:
        return [k for k in self.anns if k.startswith(prefix)]

    def tagged(self, tags: Iterable[str]) -> dict[str, None]:
        """Ids carrying any of ``tags``."""
        out: dict[str, None] = {}
        for t in tags:
            out.update(self.by_tag.get(t, {}))
        return out

    def query(self, flt: Filter) -> list[Annotation]:
        """Matches of ``flt``, narrowed first by the tag or document index."""
        candidates: Iterable[str] | None = None
        if flt.tags_all:
            candidates = min((self.by_tag.get(t, {}) for t in flt.tags_all), key=len)
        elif flt.tags_any:
            candidates = self.tagged(flt.tags_any)
        elif flt.doc:
            # Filter.doc is an id or an id prefix (a file's documents share one).
            in_docs: dict[str, None] = {}
            for doc_id, ids in self.by_doc.items():
                if doc_id.startswith(flt.doc):
                    in_docs.update(ids)
            candidates = in_docs
        pool = self.anns.values() if candidates is None else (self.anns[i] for i in candidates)
        found = [a for a in pool if flt.matches(a)]
        found.sort(key=self.order)
        return found

    def for_document(self, doc_id: str) -> list[Annotation]:
        anns = [self.anns[i] for i in self.by_doc.get(doc_id, {})]
        anns.sort(key=lambda a: (a.selector.start, a.selector.end, a.created))
        return anns

    def tag_counts(self) -> dict[str, int]:
        counts = {t: len(ids) for t, ids in self.by_tag.items()}
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
