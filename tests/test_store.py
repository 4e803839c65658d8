"""The annotation store, run against both storages through one parametrized fixture."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from annotations.model import Annotation, new_annotation
from annotations.query import Filter, parse_filter
from annotations.store import AmbiguousId, AnnotationStore, NotFound
from corpus.paths import db_path as default_db_path
from corpus.model import Block, Document

TEXT = "今年以来，我市外贸进出口总体保持稳定。跨境电商综合试验区建设取得积极进展。港口吞吐能力持续提升。進一步擴大對外開放。"


def doc(doc_id: str = "doc-1", section: str = "经济", text: str = TEXT) -> Document:
    return Document(id=doc_id, file=f"{doc_id}.txt", section=section, title="标题", text=text,
                    blocks=[Block("paragraph", 0, len(text))])


def note(d: Document | None = None, quote: str = "跨境电商", **kw) -> Annotation:
    d = d or doc()
    start = d.text.index(quote)
    return new_annotation(d, start, start + len(quote), **kw)


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path: Path):
    """The same tests for the in-memory and the on-disk storage (as tinydb's own conftest does)."""
    if request.param == "memory":
        s = AnnotationStore(memory=True)
    else:
        s = AnnotationStore(tmp_path / "db" / "annotations.json")
    yield s
    s.close()


def test_add_get_and_prefix(store):
    a = store.add(note(note="要点", tags=["跨境", "外贸"], color=3))
    assert store.get(a.id) == a
    assert store.get(a.id[:8]) == a
    assert store.get("zzzz") is None
    assert len(store) == 1 and store.all() == [a]


def test_ambiguous_prefix_is_an_error(store):
    one = store.add(replace(note(), id="abc-1"))
    store.add(replace(note(), id="abc-2"))
    assert store.get("abc-1") == one
    with pytest.raises(AmbiguousId):
        store.get("abc")


def test_invalid_annotations_are_refused(store):
    with pytest.raises(ValueError, match="colour"):
        store.add(note(color=7) if False else replace(note(), color=7))
    with pytest.raises(ValueError, match="empty quote"):
        store.add(replace(note(), selector=replace(note().selector, exact="  ")))
    with pytest.raises(ValueError, match="already exists"):
        a = store.add(note())
        store.add(a)
    assert len(store) == 1


def test_new_annotation_fills_target_and_context():
    d = doc()
    a = note(d, note="n", tags=[" 跨境 ", "跨境", ""], color=2)
    assert a.target.doc_id == d.id and a.target.fingerprint == d.fingerprint and a.target.section == "经济"
    assert a.tags == ("跨境",)
    assert a.selector.exact == "跨境电商" and d.text[a.selector.start : a.selector.end] == "跨境电商"
    assert a.selector.suffix == d.text[a.selector.end : a.selector.end + 32]
    with pytest.raises(ValueError):
        new_annotation(d, 5, 5)


def test_update_bumps_modified_and_checks_fields(store):
    a = store.add(note(note="旧"))
    b = store.update(a.id, note="新", tags=["甲", "乙", "甲"], color=4)
    assert (b.note, b.tags, b.color) == ("新", ("甲", "乙"), 4)
    assert b.modified >= a.modified and b.created == a.created
    assert store.get(a.id) == b
    with pytest.raises(TypeError):
        store.update(a.id, created="x")
    with pytest.raises(ValueError):
        store.update(a.id, color=0)
    assert store.get(a.id) == b  # a refused change leaves the note as it was
    with pytest.raises(NotFound):
        store.update("nope", note="x")


def test_delete_and_restore_is_undo(store):
    a = store.add(note(tags=["t"]))
    gone = store.delete(a.id[:6])
    assert gone == a and store.get(a.id) is None and store.tags() == {}
    store.restore(gone)
    assert store.get(a.id) == a and store.tags() == {"t": 1}
    with pytest.raises(NotFound):
        store.delete("missing")


def test_put_many_replaces_same_ids(store):
    a = store.add(note(note="一"))
    b = note(quote="港口", note="二")
    store.put_many([replace(a, note="一改"), b])
    assert store.get(a.id).note == "一改" and store.get(b.id).note == "二"
    assert len(store) == 2


def test_queries(store):
    d1, d2 = doc("d1", "经济"), doc("d2", "港口")
    a = store.add(note(d1, "跨境电商", note="电商", tags=["跨境", "外贸"], color=1))
    b = store.add(note(d1, "港口吞吐", note="物流", tags=["港口"], color=2))
    c = store.add(note(d2, "擴大對外開放", note="開放政策", tags=["跨境", "旧"], color=2))
    c = store.update(c.id, status="orphan")
    ids = lambda flt: [x.id for x in store.query(flt)]  # noqa: E731
    assert ids(Filter(tags_any=("跨境",))) == [a.id, c.id]
    assert ids(Filter(tags_all=("跨境", "外贸"))) == [a.id]
    assert ids(Filter(tags_none=("跨境",))) == [b.id]
    assert ids(Filter(doc="d1")) == [a.id, b.id]
    assert ids(Filter(doc="d")) == [a.id, b.id, c.id]  # id prefix
    assert ids(Filter(section="港口")) == [c.id]
    assert ids(Filter(color=2)) == [b.id, c.id]
    assert ids(Filter(status="orphan")) == [c.id]
    # traditional/simplified folding in quote and note
    assert ids(Filter(text="扩大对外开放")) == [c.id]
    assert ids(Filter(text="开放政策")) == [c.id]
    assert ids(Filter(text="電商")) == [a.id]
    assert ids("tag:跨境 -tag:旧") == [a.id]
    assert ids("tag:港口,外贸") == [a.id, b.id]
    assert ids(parse_filter("color:2 物流")) == [b.id]
    assert ids(Filter()) == [a.id, b.id, c.id]


def test_date_range(store):
    a = store.add(replace(note(), created="2024-01-05T10:00:00.000Z"))
    b = store.add(replace(note(quote="港口"), created="2024-02-01T00:00:00.000Z"))
    ids = lambda text: [x.id for x in store.query(text)]  # noqa: E731
    assert ids("since:2024-01-06") == [b.id]
    assert ids("until:2024-01-05") == [a.id]  # the whole day counts
    assert ids("until:2024-01-04") == []
    assert ids("since:2024-01 until:2024-01") == [a.id]


def test_tags_rename_and_merge(store):
    store.add(note(tags=["跨境", "外贸"]))
    store.add(note(quote="港口", tags=["外贸"]))
    store.add(note(quote="稳定", tags=["贸易"]))
    assert store.tags() == {"外贸": 2, "贸易": 1, "跨境": 1}
    assert store.rename_tag("外贸", "对外贸易") == 2
    assert store.tags() == {"对外贸易": 2, "贸易": 1, "跨境": 1}
    assert store.merge_tags(["对外贸易", "贸易"], "跨境") == 3
    assert store.tags() == {"跨境": 3}
    assert all(a.tags.count("跨境") == 1 for a in store.all())
    assert store.rename_tag("nothing", "x") == 0


def test_saved_filters(store):
    store.save_filter("跨境未读", "tag:跨境 -tag:已读")
    store.save_filter("孤儿", "status:orphan")
    assert store.saved_filters() == {"跨境未读": "tag:跨境 -tag:已读", "孤儿": "status:orphan"}
    with pytest.raises(ValueError):
        store.save_filter("bad", "color:9")
    assert store.delete_filter("孤儿") and "孤儿" not in store.saved_filters()


def test_for_document_in_text_order(store):
    d = doc()
    late = store.add(note(d, "港口"))
    early = store.add(note(d, "外贸"))
    store.add(note(doc("other"), "外贸"))
    assert [a.id for a in store.for_document(d.id)] == [early.id, late.id]


def test_random_operations_keep_file_and_index_consistent(store, tmp_path):
    rng = random.Random(5)
    quotes = ["跨境电商", "港口", "外贸", "稳定", "進一步"]
    live: dict[str, Annotation] = {}
    for step in range(120):
        op = rng.random()
        if op < 0.45 or not live:
            a = store.add(note(quote=rng.choice(quotes), tags=rng.sample(["甲", "乙", "丙"], 2), color=rng.randint(1, 6)))
            live[a.id] = a
        elif op < 0.7:
            i = rng.choice(list(live))
            live[i] = store.update(i, note=f"n{step}", color=rng.randint(1, 6), tags=[rng.choice("甲乙丁")])
        elif op < 0.85:
            live.pop(store.delete(rng.choice(list(live))).id)
        else:
            i = rng.choice(list(live))
            store.put_many([replace(live[i], note=f"p{step}")])
            live[i] = store.get(i)
    assert {a.id: a for a in store.all()} == live
    if store.path is not None:
        on_disk = json.loads(store.path.read_text(encoding="utf-8"))
        assert {k: Annotation.from_record(v) for k, v in on_disk["annotations"].items()} == live
        fresh = AnnotationStore(store.path)
        assert {a.id: a for a in fresh.all()} == live and fresh.tags() == store.tags()


# -- on disk only ---------------------------------------------------------------------


def test_file_is_readable_utf8_json_with_schema(tmp_path):
    path = tmp_path / "a.json"
    s = AnnotationStore(path)
    s.add(note(note="中文笔记", tags=["跨境"]))
    text = path.read_text(encoding="utf-8")
    assert "中文笔记" in text and "\\u" not in text
    data = json.loads(text)
    assert data["_meta"]["meta"]["schema"] == 1
    assert text.count("\n") >= 5  # one record per line: diffable


def test_default_path_honours_env(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DB", str(tmp_path / "x" / "notes.json"))
    assert default_db_path() == tmp_path / "x" / "notes.json"
    monkeypatch.delenv("READER_DB")
    assert default_db_path().name == "annotations.json" and "reader" in str(default_db_path())
    monkeypatch.setenv("READER_DB", str(tmp_path / "y.json"))
    s = AnnotationStore()
    s.add(note())
    assert (tmp_path / "y.json").exists()


def test_two_instances_see_each_others_writes(tmp_path):
    path = tmp_path / "a.json"
    one, two = AnnotationStore(path), AnnotationStore(path)
    a = one.add(note(color=1))
    assert two.get(a.id) == a
    two.update(a.id, color=2)  # same size on disk: the signature must still change
    assert one.get(a.id).color == 2
    b = two.add(note(quote="港口"))
    one.update(b.id, note="x")
    assert {x.id for x in two.all()} == {a.id, b.id} and two.get(b.id).note == "x"
    one.delete(a.id)
    with pytest.raises(NotFound):
        two.update(a.id, note="late")


def test_failed_write_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "a.json"
    s = AnnotationStore(path)
    a = s.add(note())
    before = path.read_bytes()

    def boom(payload):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(s._storage, "write_file", boom)
    with pytest.raises(OSError):
        s.add(note(quote="港口"))
    with pytest.raises(OSError):
        s.update(a.id, note="lost?")
    assert path.read_bytes() == before
    assert s.all() == [a]
    monkeypatch.undo()
    b = s.add(note(quote="港口"))
    assert {x.id for x in AnnotationStore(path).all()} == {a.id, b.id}


def test_read_only_store_refuses_writes(tmp_path):
    from annotations.store import ReadOnlyError

    path = tmp_path / "a.json"
    AnnotationStore(path).add(note())
    ro = AnnotationStore(path, read_only=True)
    assert len(ro) == 1
    before = path.read_bytes()
    with pytest.raises(ReadOnlyError):
        ro.add(note(quote="港口"))
    assert path.read_bytes() == before


def test_reopened_and_hand_formatted_files_stay_consistent(tmp_path):
    path = tmp_path / "a.json"
    s = AnnotationStore(path)
    a, b = s.add(note(note="一")), s.add(note(quote="港口", note="二"))
    s.close()
    for layout in ("ours", "indented"):
        if layout == "indented":  # a person reformatted the file: lines no longer match ours
            path.write_text(json.dumps(json.loads(path.read_text("utf-8")), ensure_ascii=False, indent=2), "utf-8")
        s = AnnotationStore(path)
        c = s.add(note(quote="外贸", note=layout))
        s.update(a.id, note=f"一{layout}")
        data = json.loads(path.read_text("utf-8"))
        assert {k: Annotation.from_record(v) for k, v in data["annotations"].items()} == {x.id: x for x in s.all()}
        assert data["annotations"][c.id]["note"] == layout and data["annotations"][b.id]["note"] == "二"
        s.close()


def test_lone_surrogate_escape_in_a_hand_edited_file_does_not_block_writes(tmp_path):
    path = tmp_path / "a.json"
    s = AnnotationStore(path)
    a = s.add(note())
    s.close()
    text = path.read_text("utf-8").replace('"note": ""', '"note": "bad \\ud800 char"')
    path.write_text(text, "utf-8")
    s = AnnotationStore(path)
    assert s.problems and s.get(a.id) is None  # reported, not indexed
    s.add(note(quote="港口"))
    assert "\\ud800" in path.read_text("utf-8")  # kept as it was, file still valid
    assert len(AnnotationStore(path)) == 1


def test_doc_filter_is_an_id_prefix_consistently(store):
    a = store.add(note(doc("c02e-1")))
    b = store.add(note(doc("c02e-10")))
    c = store.add(note(doc("zzz")))
    assert [x.id for x in store.query(Filter(doc="c02e-1"))] == [a.id, b.id]
    assert [x.id for x in store.query(Filter(doc="c02e"))] == [a.id, b.id]
    assert [x.id for x in store.query(Filter(doc="zzz"))] == [c.id]
    assert all(Filter(doc="c02e-1").matches(x) for x in (a, b))


def test_a_held_lock_gives_a_clear_error(tmp_path):
    from filelock import FileLock

    from annotations.store import LockedError

    path = tmp_path / "a.json"
    s = AnnotationStore(path, lock_timeout=0.2)
    s.add(note())
    with FileLock(f"{path}.lock"):
        with pytest.raises(LockedError, match="locked by another process"):
            s.add(note(quote="港口"))
        assert len(s) == 1  # reads need no lock
    s.add(note(quote="港口"))
    assert len(s) == 2


def test_adding_to_a_reopened_file_serialises_only_the_new_note(tmp_path, monkeypatch):
    import annotations.lines as lines_mod

    path = tmp_path / "a.json"
    s = AnnotationStore(path)
    s.put_many([note(quote=q, note=str(i)) for i, q in enumerate(["跨境电商", "港口", "外贸", "稳定"] * 10)])
    s.close()
    dumped = []
    real = lines_mod.doc_line
    monkeypatch.setattr(lines_mod, "doc_line", lambda k, d: dumped.append(k) or real(k, d))
    s = AnnotationStore(path)
    a = s.add(note(note="new"))
    assert dumped == [a.id]  # the 40 others reuse their lines from the file
    s.update(a.id, note="newer")
    assert dumped == [a.id, a.id]
    assert json.loads(path.read_text("utf-8"))["annotations"][a.id]["note"] == "newer"


def test_a_symlinked_database_stays_a_symlink(tmp_path):
    real = tmp_path / "synced" / "notes.json"
    real.parent.mkdir()
    link = tmp_path / "data" / "annotations.json"
    link.parent.mkdir()
    link.symlink_to(real)  # dangling until the first write
    s = AnnotationStore(link)
    a = s.add(note())
    s.update(a.id, note="改")
    assert link.is_symlink() and real.is_file()
    assert AnnotationStore(real).get(a.id).note == "改"
    assert not list(link.parent.glob(".annotations.json.*"))  # temp files live next to the real file


def test_retag_works_on_the_current_record(tmp_path):
    path = tmp_path / "a.json"
    one, two = AnnotationStore(path), AnnotationStore(path)
    a = one.add(note(tags=["甲", "乙"]))
    two.get(a.id)  # two has read the note …
    one.retag(a.id, add=["丙"])  # … then one adds a tag
    b = two.retag(a.id, add=["丁"], remove=["甲"])  # two's change keeps 丙
    assert b.tags == ("乙", "丙", "丁") and one.get(a.id).tags == ("乙", "丙", "丁")
    with pytest.raises(NotFound):
        one.retag("nope", add=["x"])
