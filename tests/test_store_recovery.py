"""Corrupt files, read-only salvage, starting empty, migrations and the doctor."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tinydb import TinyDB

from annotations import doctor
from annotations.migrate import SCHEMA
from annotations.model import new_annotation
from annotations.store import AnnotationStore, CorruptDatabase, ReadOnlyError
from corpus.model import Block, Document

TEXT = "跨境电商综合试验区建设取得积极进展，港口吞吐能力持续提升，物流成本明显下降。"
DOC = Document(id="d", file="d.txt", section="s", title="t", text=TEXT, blocks=[Block("paragraph", 0, len(TEXT))])


def filled(path: Path, n: int = 5) -> list[str]:
    s = AnnotationStore(path)
    ids = [s.add(new_annotation(DOC, i, i + 4, note=f"笔记{i}", tags=["跨境"])).id for i in range(n)]
    s.close()
    return ids


def backups(path: Path, label: str = "corrupt") -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.{label}-*"))


@pytest.mark.parametrize(
    "content,reason",
    [
        (b'{"annotations": {"x": {"id": ', "invalid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"[1, 2, 3]", "not an object of tables"),
        (b'{"annotations": [1]}', "not an object"),
        (b'{"_meta": {"meta": {"schema": "one"}}, "annotations": {}}', "schema"),
    ],
)
def test_corrupt_file_is_never_overwritten(tmp_path, content, reason):
    path = tmp_path / "annotations.json"
    path.write_bytes(content)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(CorruptDatabase) as info:
        AnnotationStore(path)
    err = info.value
    assert reason in err.reason and str(path) in str(err) and err.path == path
    assert err.backup is not None and err.backup.read_bytes() == content
    assert err.backup.name.startswith("annotations.json.corrupt-2")
    assert path.read_bytes() == content and path.stat().st_mtime_ns == mtime
    # Asking again does not pile up identical backups.
    with pytest.raises(CorruptDatabase):
        AnnotationStore(path)
    assert backups(path) == [err.backup]


def test_newer_schema_is_refused_not_overwritten(tmp_path):
    path = tmp_path / "annotations.json"
    content = json.dumps({"_meta": {"meta": {"schema": SCHEMA + 1}}, "annotations": {}}).encode()
    path.write_bytes(content)
    with pytest.raises(CorruptDatabase, match="newer"):
        AnnotationStore(path)
    assert path.read_bytes() == content


def test_read_only_salvages_a_truncated_file(tmp_path):
    path = tmp_path / "annotations.json"
    ids = filled(path, 6)
    raw = path.read_bytes()
    cut = raw[: raw.index(ids[5].encode(), raw.index(b'"annotations"')) + 10]  # mid-way into the 6th record
    path.write_bytes(cut)
    with pytest.raises(CorruptDatabase):
        AnnotationStore(path)
    ro = AnnotationStore(path, read_only=True)
    assert {a.id for a in ro.all()} == set(ids[:5])
    assert ro.problems and "damaged" in ro.problems[0]
    assert ro.query("tag:跨境") and len(ro.tags()) == 1
    with pytest.raises(ReadOnlyError):
        ro.add(new_annotation(DOC, 0, 2))
    assert path.read_bytes() == cut


def test_open_empty_after_backup_keeps_the_old_bytes(tmp_path):
    path = tmp_path / "annotations.json"
    path.write_bytes(b"{broken")
    with pytest.raises(CorruptDatabase) as info:
        AnnotationStore(path)
    store = AnnotationStore.open_empty_after_backup(path)
    assert len(store) == 0 and store.backup == info.value.backup  # the same backup, not a second copy
    assert store.backup.read_bytes() == b"{broken"
    a = store.add(new_annotation(DOC, 0, 4))
    assert AnnotationStore(path).get(a.id) == a


def test_migrates_a_schema_less_v0_file(tmp_path):
    path = tmp_path / "annotations.json"
    legacy = new_annotation(DOC, 0, 4, note="嵌套", tags=["旧"]).to_record()
    db = TinyDB(path)  # TinyDB's defaults: _default table, integer ids, no schema
    db.insert(legacy)
    db.insert({"quote": "港口吞吐", "start": TEXT.index("港口"), "end": TEXT.index("港口") + 4,
               "doc_id": "d", "file": "d.txt", "note": "平铺", "tags": "物流", "color": 2})
    db.insert({"note": "no quote at all"})
    db.close()
    original = path.read_bytes()
    store = AnnotationStore(path)
    assert store.schema == SCHEMA
    notes = {a.note: a for a in store.all()}
    assert set(notes) == {"嵌套", "平铺"}
    assert notes["嵌套"].id == legacy["id"] and notes["嵌套"].tags == ("旧",)
    flat = notes["平铺"]
    assert flat.selector.exact == "港口吞吐" and flat.tags == ("物流",) and flat.color == 2 and len(flat.id) == 36
    assert any("no selector or quote" in p for p in store.problems)
    assert backups(path, "schema0")[0].read_bytes() == original
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["_meta"]["meta"]["schema"] == SCHEMA and legacy["id"] in data["annotations"]
    assert "_default" not in data
    # reopening does not migrate again
    AnnotationStore(path)
    assert len(backups(path, "schema0")) == 1


def test_invalid_record_is_kept_in_the_file_and_reported(tmp_path):
    path = tmp_path / "annotations.json"
    ids = filled(path, 2)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["annotations"][ids[0]]["color"] = 9
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store = AnnotationStore(path)
    assert [a.id for a in store.all()] == [ids[1]]
    assert any(ids[0] in p and "colour" in p for p in store.problems)
    store.add(new_annotation(DOC, 0, 4))
    assert json.loads(path.read_text(encoding="utf-8"))["annotations"][ids[0]]["color"] == 9  # not dropped


def test_doctor_check_and_repair(tmp_path):
    path = tmp_path / "annotations.json"
    ids = filled(path, 4)
    assert doctor.check(path)["ok"]
    raw = path.read_bytes()
    damaged = raw[: raw.index(ids[3].encode(), raw.index(b'"annotations"')) + 20]
    path.write_bytes(damaged)
    report = doctor.check(path)
    assert not report["ok"] and report["json"] == "invalid" and report["annotations"] == 3
    fixed = doctor.repair(path)
    assert fixed["annotations"] == 3 and Path(fixed["backup"]).read_bytes() == damaged
    assert doctor.check(path)["ok"]
    assert {a.id for a in AnnotationStore(path).all()} == set(ids[:3])


def test_doctor_reports_duplicates_and_stale_temp_files(tmp_path):
    path = tmp_path / "annotations.json"
    ids = filled(path, 2)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["annotations"]["copy"] = dict(data["annotations"][ids[0]])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / ".annotations.json.abc.tmp").write_text("half")
    report = doctor.check(path)
    assert any("duplicate" in p for p in report["problems"]) and report["temp_files"]
    fixed = doctor.repair(path)
    assert fixed["annotations"] == 2 and fixed["temp_files_removed"]
    assert not os.path.exists(tmp_path / ".annotations.json.abc.tmp")


def test_salvage_recovers_the_first_fields_of_a_cut_record(tmp_path):
    path = tmp_path / "annotations.json"
    ids = filled(path, 3)
    raw = path.read_bytes()
    last = raw.index(ids[2].encode(), raw.index(b'"annotations"'))
    cut = raw[: raw.index(b'"created"', last) + 5]  # the last record loses created/modified/status
    tables, problems = doctor.salvage_bytes(cut)
    assert set(tables["annotations"]) == set(ids)
    assert tables["annotations"][ids[2]]["note"] == "笔记2"
    assert any("cut short" in p for p in problems)


def test_read_only_store_keeps_its_copy_when_the_file_breaks_later(tmp_path):
    path = tmp_path / "annotations.json"
    ids = filled(path, 2)
    ro = AnnotationStore(path, read_only=True)
    assert len(ro) == 2
    path.write_bytes(b"{ not json")
    assert {a.id for a in ro.all()} == set(ids)
    assert any("cannot be read now" in p for p in ro.problems)
    assert not backups(path)  # read-only never writes, not even a backup


def test_a_writer_that_finds_the_file_broken_refuses_to_write(tmp_path):
    path = tmp_path / "annotations.json"
    filled(path, 1)
    store = AnnotationStore(path)
    path.write_bytes(b"{ not json")
    with pytest.raises(CorruptDatabase) as info:
        store.add(new_annotation(DOC, 0, 4))
    assert path.read_bytes() == b"{ not json" and info.value.backup.read_bytes() == b"{ not json"
