"""The notes CLI: notes, note add|edit|rm|show, tags, doctor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotations.store import AnnotationStore
from reader.cli import cli

BODY = (
    "社区食堂开到了家门口，老人们吃上了热乎饭。\n\n"
    "一些社区食堂开业时热热闹闹，运营一段时间后却因为成本高、客流少而难以为继。\n\n"
    "办好社区食堂，需要政府、企业和居民共同努力。\n"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "民生").mkdir(parents=True)
    (root / "民生" / "食堂.txt").write_text("社区食堂要办得长久\n\n" + BODY, encoding="utf-8")
    return root


def run(*args: str, ok: bool = True, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code != 0, result.output
    return result


def doc_id(corpus: Path) -> str:
    return json.loads(run("list", "-c", str(corpus), "--json").stdout)["documents"][0]["id"]


def db() -> AnnotationStore:
    return AnnotationStore()  # READER_DB from the conftest


def test_add_prints_the_new_id_and_stores_the_passage(corpus):
    d = doc_id(corpus)
    out = run("note", "add", d, "-c", str(corpus), "--quote", "成本高、客流少", "--note", "关键", "--tag", "民生", "--highlight", "3")
    new_id = out.stdout.strip()
    ann = db().get(new_id)
    assert ann.quote == "成本高、客流少" and ann.note == "关键" and ann.tags == ("民生",) and ann.color == 3
    assert ann.target.doc_id == d


def test_tags_are_parsed_as_the_app_parses_them(corpus):
    """`#金融` from the command line is the tag 金融, as in the app's tag field; one line may hold several."""
    from annotations.model import parse_tags

    d = doc_id(corpus)
    typed = ("#金融", "民生，养老、 #金融")
    new_id = run("note", "add", d, "-c", str(corpus), "--quote", "成本高", "--tag", typed[0], "--tag", typed[1]).stdout
    ann = db().get(new_id.strip())
    assert ann.tags == parse_tags(typed) == ("金融", "民生", "养老")
    run("note", "edit", ann.id, "--add-tag", "#新", "--rm-tag", "#民生")
    assert db().get(ann.id).tags == ("金融", "养老", "新")
    assert json.loads(run("notes", "--tag", "#金融", "--json").stdout)["count"] == 1


def test_absent_and_ambiguous_quotes_are_errors_not_guesses(corpus):
    d = doc_id(corpus)
    r = run("note", "add", d, "-c", str(corpus), "--quote", "不存在的话", ok=False)
    assert "does not occur" in r.stderr and r.stderr.count("\n") == 1
    r = run("note", "add", d, "-c", str(corpus), "--quote", "社区食堂", ok=False)
    assert "occurs 4 times" in r.stderr and "--occurrence" in r.stderr
    r = run("note", "add", d, "-c", str(corpus), "--quote", "社区食堂", "--occurrence", "9", ok=False)
    assert "only 4 times" in r.stderr
    assert len(db()) == 0
    new_id = run("note", "add", d, "-c", str(corpus), "--quote", "社区食堂", "--occurrence", "3").stdout.strip()
    ann = db().get(new_id)
    text_before = ann.selector.prefix
    assert text_before.endswith("一些")


def test_traditional_quote_gets_a_hint(corpus):
    d = doc_id(corpus)
    r = run("note", "add", d, "-c", str(corpus), "--quote", "難以為繼", ok=False)
    assert "難以為繼" in r.stderr and "难以为继" in r.stderr


def test_notes_filters_and_json(corpus):
    d = doc_id(corpus)
    add = lambda *a: run("note", "add", d, "-c", str(corpus), *a).stdout.strip()  # noqa: E731
    a = add("--quote", "热乎饭", "--tag", "民生", "--tag", "养老", "--note", "暖心")
    b = add("--quote", "成本高、客流少", "--tag", "民生", "--highlight", "2")
    listing = lambda *a: [x["id"] for x in json.loads(run("notes", "--json", *a).stdout)["annotations"]]  # noqa: E731
    assert listing() == [a, b]
    assert listing("--tag", "养老") == [a]
    assert listing("--tag", "民生", "--not-tag", "养老") == [b]
    assert listing("--highlight", "2") == [b]
    assert listing("--text", "暖心") == [a]
    assert listing("--text", "熱乎") == [a]  # traditional finds simplified
    assert listing("--doc", d[:6]) == [a, b]
    assert listing("--since", "2000-01-01", "--until", "2000-12-31") == []
    assert listing("-q", "tag:养老") == [a]
    assert listing("--orphans") == []
    human = run("notes").stdout
    assert "热乎饭" in human and "2 annotations" in human
    assert "not a date" in run("notes", "--since", "yesterday", ok=False).stderr


def test_edit_rm_show(corpus):
    d = doc_id(corpus)
    nid = run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭", "--tag", "甲", "--tag", "乙").stdout.strip()
    run("note", "edit", nid[:8], "--add-tag", "丙", "--rm-tag", "甲", "--highlight", "5")
    ann = db().get(nid)
    assert ann.tags == ("乙", "丙") and ann.color == 5
    run("note", "edit", nid, "--note", "-", input="来自标准输入\n")
    assert db().get(nid).note == "来自标准输入"
    data = json.loads(run("note", "edit", nid, "--tag", "丁", "--json").stdout)
    assert data["tags"] == ["丁"]
    assert "nothing to change" in run("note", "edit", nid, "--tag", "", ok=False).stderr
    assert "来自标准输入" in run("note", "show", nid[:8]).stdout
    assert "no annotation" in run("note", "rm", "ffffffff", ok=False).stderr
    assert json.loads(run("note", "rm", nid, "--json").stdout)["deleted"]["id"] == nid
    assert len(db()) == 0


def test_tags_counts_rename_merge(corpus):
    d = doc_id(corpus)
    for q, tags in (("热乎饭", ["民生", "养老"]), ("成本高", ["民生"]), ("共同努力", ["治理"])):
        run("note", "add", d, "-c", str(corpus), "--quote", q, *sum((["--tag", t] for t in tags), []))
    assert json.loads(run("tags", "--json").stdout) == {"tags": {"民生": 2, "养老": 1, "治理": 1}}
    assert "民生" in run("tags").stdout
    assert json.loads(run("tags", "rename", "养老", "老龄", "--json").stdout) == {"changed": 1}
    run("tags", "merge", "民生", "老龄", "--into", "社会")
    assert json.loads(run("tags", "--json").stdout) == {"tags": {"社会": 2, "治理": 1}}


def test_db_option_beats_env(corpus, tmp_path):
    d = doc_id(corpus)
    other = tmp_path / "other.json"
    run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭", "--db", str(other))
    assert len(AnnotationStore(other)) == 1 and len(db()) == 0


def test_corrupt_database_is_one_clear_line_and_doctor_repairs(corpus, tmp_path, monkeypatch):
    d = doc_id(corpus)
    nid = run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭").stdout.strip()
    path = Path(run("notes", "--json").stdout and json.loads(run("notes", "--json").stdout)["db"])
    path.write_bytes(path.read_bytes()[:-40])  # truncated
    damaged = path.read_bytes()
    r = run("note", "add", d, "-c", str(corpus), "--quote", "成本高", ok=False)
    assert "cannot read annotations database" in r.stderr and "doctor" in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "Traceback" not in r.stderr
    assert path.read_bytes() == damaged
    assert list(path.parent.glob("annotations.json.corrupt-*"))
    report = run("doctor", "--json", ok=False).stdout
    assert json.loads(report)["ok"] is False
    fixed = json.loads(run("doctor", "--repair", "--json").stdout)
    assert fixed["repair"]["annotations"] == 1 and fixed["after"]["ok"]
    assert db().get(nid) is not None
    assert "all good" in run("doctor").stdout


def test_doctor_with_corpus_checks_anchors(corpus):
    d = doc_id(corpus)
    run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭")
    run("note", "add", d, "-c", str(corpus), "--quote", "共同努力")
    f = corpus / "民生" / "食堂.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("需要政府、企业和居民共同努力", "还需多方协力"), encoding="utf-8")
    report = json.loads(run("doctor", "-c", str(corpus), "--json").stdout)
    assert report["anchors"]["counts"] == {"anchored": 1, "orphan": 1}
    listed = json.loads(run("notes", "-c", str(corpus), "--orphans", "--json").stdout)
    assert [a["selector"]["exact"] for a in listed["annotations"]] == ["共同努力"]


def test_tags_group_db_option_reaches_subcommands(corpus, tmp_path):
    d = doc_id(corpus)
    other = tmp_path / "other.json"
    run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭", "--tag", "甲", "--db", str(other))
    run("tags", "--db", str(other), "rename", "甲", "乙")
    assert AnnotationStore(other).tags() == {"乙": 1}
    assert json.loads(run("tags", "--json", "--db", str(other)).stdout) == {"tags": {"乙": 1}}


def test_doctor_without_a_database(tmp_path):
    out = run("doctor", "--db", str(tmp_path / "none.json")).stdout
    assert "no database yet" in out


def test_saved_filters_from_the_cli(corpus):
    d = doc_id(corpus)
    a = run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭", "--tag", "养老").stdout.strip()
    run("note", "add", d, "-c", str(corpus), "--quote", "成本高", "--tag", "成本")
    db().save_filter("老人", "tag:养老")
    listed = json.loads(run("notes", "--saved", "老人", "--json").stdout)
    assert [x["id"] for x in listed["annotations"]] == [a]
    assert "no saved filter" in run("notes", "--saved", "无", ok=False).stderr


def test_listing_a_damaged_database_shows_what_can_be_read(corpus):
    d = doc_id(corpus)
    a = run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭").stdout.strip()
    run("note", "add", d, "-c", str(corpus), "--quote", "成本高")
    path = Path(json.loads(run("notes", "--json").stdout)["db"])
    raw = path.read_bytes()
    damaged = raw[: raw.index(b"\n", raw.index(a.encode()) + 40) + 60]  # second record cut mid-way
    path.write_bytes(damaged)
    r = run("notes", "--json")
    assert a in [x["id"] for x in json.loads(r.stdout)["annotations"]]
    assert "warning" in r.stderr and "damaged" in r.stderr
    assert path.read_bytes() == damaged and not list(path.parent.glob("annotations.json.corrupt-*"))


def test_save_and_list_filters(corpus):
    d = doc_id(corpus)
    a = run("note", "add", d, "-c", str(corpus), "--quote", "热乎饭", "--tag", "养老", "--highlight", "2").stdout.strip()
    run("notes", "--tag", "养老", "--highlight", "2", "--save", "老人")
    assert json.loads(run("notes", "--list-saved", "--json").stdout) == {"filters": {"老人": "tag:养老 color:2"}}
    assert [x["id"] for x in json.loads(run("notes", "--saved", "老人", "--json").stdout)["annotations"]] == [a]
    assert "老人" in run("notes", "--list-saved").stdout
