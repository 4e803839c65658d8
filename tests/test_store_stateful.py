"""Two store instances on one file, driven at random against a simple model.

Exercises the reload-if-changed path, the line cache and the index together:
whatever either instance did, both must see exactly the model, and the file
must hold exactly the model.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from annotations.model import Annotation, new_annotation, normalize_tags
from annotations.store import AnnotationStore, NotFound
from corpus.model import Block, Document

TEXT = "今年以来外贸进出口保持稳定，跨境电商综合试验区建设取得积极进展，港口吞吐能力持续提升。"
DOC = Document(id="d", file="d.txt", section="s", title="t", text=TEXT, blocks=[Block("paragraph", 0, len(TEXT))])
TAGS = st.lists(st.sampled_from(["跨境", "外贸", "港口", "旧"]), max_size=3)


class TwoStores(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.dir = Path(tempfile.mkdtemp(prefix="stateful-"))
        self.path = self.dir / "annotations.json"
        self.stores = [AnnotationStore(self.path), AnnotationStore(self.path)]
        self.model: dict[str, Annotation] = {}

    def teardown(self) -> None:
        for s in self.stores:
            s.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    @rule(who=st.integers(0, 1), start=st.integers(0, len(TEXT) - 6), tags=TAGS, color=st.integers(1, 6))
    def add(self, who, start, tags, color):
        ann = self.stores[who].add(new_annotation(DOC, start, start + 5, note=f"n{len(self.model)}", tags=tags, color=color))
        self.model[ann.id] = ann

    @precondition(lambda self: self.model)
    @rule(who=st.integers(0, 1), pick=st.integers(0, 10**6), tags=TAGS, color=st.integers(1, 6))
    def update(self, who, pick, tags, color):
        key = sorted(self.model)[pick % len(self.model)]
        self.model[key] = self.stores[who].update(key, tags=tags, color=color)

    @precondition(lambda self: self.model)
    @rule(who=st.integers(0, 1), pick=st.integers(0, 10**6))
    def delete(self, who, pick):
        key = sorted(self.model)[pick % len(self.model)]
        assert self.stores[who].delete(key) == self.model.pop(key)

    @precondition(lambda self: self.model)
    @rule(who=st.integers(0, 1), pick=st.integers(0, 10**6))
    def delete_twice(self, who, pick):
        key = sorted(self.model)[pick % len(self.model)]
        self.stores[who].delete(key)
        del self.model[key]
        try:
            self.stores[1 - who].delete(key)
        except NotFound:
            pass
        else:
            raise AssertionError("deleted twice")

    @precondition(lambda self: self.model)
    @rule(who=st.integers(0, 1), pick=st.integers(0, 10**6), note=st.text(max_size=5))
    def put_many(self, who, pick, note):
        key = sorted(self.model)[pick % len(self.model)]
        changed = replace(self.model[key], note=note)
        extra = new_annotation(DOC, 0, 4, tags=["旧"])
        self.stores[who].put_many([changed, extra])
        self.model[key], self.model[extra.id] = changed, extra

    @rule(who=st.integers(0, 1), old=st.sampled_from(["跨境", "外贸", "旧"]), new=st.sampled_from(["跨境", "港口", "新"]))
    def rename(self, who, old, new):
        n = self.stores[who].rename_tag(old, new)
        touched = [a for a in self.model.values() if old in a.tags and old != new]
        assert n == len(touched)
        for a in touched:
            got = self.stores[who].get(a.id)
            assert got.tags == normalize_tags([new if t == old else t for t in a.tags])
            assert got.modified >= a.modified and got.note == a.note
            self.model[a.id] = got  # the new modified stamp comes from the store

    @rule(who=st.integers(0, 1))
    def reopen(self, who):
        self.stores[who].close()
        self.stores[who] = AnnotationStore(self.path)

    @invariant()
    def both_see_the_model(self):
        for s in self.stores:
            assert {a.id: a for a in s.all()} == self.model
            expected: dict[str, int] = {}
            for a in self.model.values():
                for t in a.tags:
                    expected[t] = expected.get(t, 0) + 1
            assert s.tags() == dict(sorted(expected.items(), key=lambda kv: (-kv[1], kv[0])))

    @invariant()
    def the_file_is_the_model(self):
        if self.path.exists():
            data = json.loads(self.path.read_text("utf-8"))
            assert {k: Annotation.from_record(v) for k, v in data.get("annotations", {}).items()} == self.model


TwoStores.TestCase.settings = settings(max_examples=25, stateful_step_count=15, deadline=None)
test_two_stores = TwoStores.TestCase
