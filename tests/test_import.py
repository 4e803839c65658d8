"""Import of W3C Web Annotation JSON: round trip, merge by id, foreign data, bad input."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from annotations.export import render
from annotations.importer import ImportFormatError, annotation_items, import_annotations
from annotations.model import Target
from annotations.store import AnnotationStore
from corpus.model import Corpus
from export_fixtures import DOC_A_PARTS, make_doc, sample_annotations, sample_corpus


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path):
    s = AnnotationStore(memory=True) if request.param == "memory" else AnnotationStore(tmp_path / "db" / "notes.json")
    yield s
    s.close()


@pytest.fixture
def corpus() -> Corpus:
    return sample_corpus()


def records(anns):
    return sorted((a.to_record() for a in anns), key=lambda r: r["id"])


def test_json_round_trip_into_an_empty_store(store, corpus):
    anns = sample_annotations(corpus)
    report = import_annotations(render("json", anns, corpus), store, corpus)
    assert sorted(report.added) == sorted(a.id for a in anns)
    assert report.updated == report.unchanged == report.orphaned == report.skipped == []
    back = records(store.all())
    want = records(anns)
    assert len(back) == len(want)
    for got, exp in zip(back, want):
        for key in exp:  # field by field, so a failure names the field
            assert got[key] == exp[key], key


def test_importing_the_same_file_twice_changes_nothing(store, corpus):
    data = render("json", sample_annotations(corpus), corpus)
    import_annotations(data, store, corpus)
    before = records(store.all())
    second = import_annotations(data, store, corpus)
    assert second.added == second.updated == []
    assert len(second.unchanged) == 8
    assert records(store.all()) == before


def test_newer_modified_wins_and_older_is_kept_out(store, corpus):
    anns = sample_annotations(corpus)
    store.put_many(anns)
    newer = replace(anns[0], note="新的想法", modified="2025-01-01T00:00:00.000Z")
    older = replace(anns[1], note="旧的想法", modified="2020-01-01T00:00:00.000Z")
    report = import_annotations(render("json", [newer, older, anns[2]], corpus), store, corpus)
    assert report.updated == [newer.id]
    assert sorted(report.unchanged) == sorted([older.id, anns[2].id])
    assert store.get(newer.id).note == "新的想法"
    assert store.get(older.id).note == anns[1].note


def test_import_re_anchors_against_the_current_text(store, corpus):
    anns = sample_annotations(corpus)
    data = render("json", anns, corpus)
    a = corpus.documents[0]
    # The document gained a paragraph in front and lost a sentence: positions shift, one quote is gone.
    parts = list(DOC_A_PARTS)
    parts.insert(1, ("paragraph", "编者按：这是一段新加的文字。", 0))
    parts[-1] = ("paragraph", "专家认为，夜间消费要兼顾居民休息。", 0)
    edited = make_doc(a.id, a.file, a.section, parts, authors=a.authors, date=a.date)
    now = Corpus(root="/x", documents=[edited, *corpus.documents[1:]])
    report = import_annotations(data, store, now)
    first = store.get(anns[0].id)
    assert edited.text[first.selector.start : first.selector.end] == "夜市重新热闹起来"
    assert first.target.fingerprint == edited.fingerprint
    assert first.status in ("anchored", "moved")
    gone = store.get(anns[4].id)  # "管理要细，服务要暖" was deleted
    assert gone.status == "orphan" and gone.note == anns[4].note
    assert report.orphaned == [anns[4].id]
    assert anns[4].id in report.added  # kept, never lost


def test_document_missing_from_the_corpus_keeps_our_note_as_orphan(store, corpus):
    anns = sample_annotations(corpus)
    data = render("json", anns, corpus)
    smaller = Corpus(root="/x", documents=corpus.documents[1:])
    report = import_annotations(data, store, smaller)
    assert len(report.added) == 8
    lost = {a.id for a in anns if a.target.doc_id == corpus.documents[0].id}
    assert set(report.orphaned) == lost
    assert all(store.get(i).status == "orphan" for i in lost)


def test_document_found_by_file_when_its_id_changed(store, corpus):
    anns = sample_annotations(corpus)[:2]
    data = json.loads(render("json", anns, corpus))
    for item in data["first"]["items"]:
        item["reader:ext"]["doc_id"] = "oldid123"
    report = import_annotations(data, store, corpus)
    assert report.orphaned == []
    assert {store.get(a.id).target.doc_id for a in anns} == {corpus.documents[0].id}


FOREIGN = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "https://annotator.example/anno/42",
    "type": "Annotation",
    "created": "2024-02-03T10:00:00+08:00",
    "body": [{"type": "TextualBody", "value": "别的工具写的批注"},
             {"type": "TextualBody", "value": "外来", "purpose": "tagging"}],
    "target": {"source": "file:///home/someone/corpus/经济/跨境.txt",
               "selector": {"type": "TextQuoteSelector", "exact": "卖家更关心退货成本"}},
}


def test_foreign_web_annotation_is_anchored_and_not_duplicated(store, corpus):
    report = import_annotations(json.dumps(FOREIGN, ensure_ascii=False), store, corpus)
    assert len(report.added) == 1
    ann = store.get(report.added[0])
    doc = corpus.documents[1]
    assert ann.target.doc_id == doc.id and doc.text[ann.selector.start : ann.selector.end] == "卖家更关心退货成本"
    assert ann.note == "别的工具写的批注" and ann.tags == ("外来",)
    assert ann.created == "2024-02-03T02:00:00.000Z" == ann.modified
    again = import_annotations(json.dumps(FOREIGN, ensure_ascii=False), store, corpus)
    assert again.unchanged == report.added and len(store.all()) == 1


def test_foreign_annotation_of_another_file_is_skipped_with_a_reason(store, corpus):
    other = dict(FOREIGN, target={"source": "https://news.example/page.html",
                                  "selector": {"type": "TextQuoteSelector", "exact": "别处"}})
    report = import_annotations([other], store, corpus)
    assert report.added == [] and len(report.skipped) == 1
    assert "not a file of the corpus" in report.skipped[0]["reason"]
    assert store.all() == []


def test_position_only_selector_takes_the_current_quote(store, corpus):
    doc = corpus.documents[2]
    start = doc.text.index("管理员王阿姨")
    item = {"type": "Annotation", "id": "urn:uuid:12345678-1234-4234-8234-123456789abc",
            "target": {"source": doc.file,
                       "selector": {"type": "TextPositionSelector", "start": start, "end": start + 6}}}
    report = import_annotations(item, store, corpus)
    assert report.added == ["12345678-1234-4234-8234-123456789abc"]
    assert store.get(report.added[0]).quote == "管理员王阿姨"


@pytest.mark.parametrize("shape", ["collection", "page", "list", "one", "items"])
def test_every_accepted_shape(shape, corpus):
    anns = sample_annotations(corpus)
    data = json.loads(render("json", anns, corpus))
    items = data["first"]["items"]
    given = {
        "collection": data,
        "page": data["first"],
        "list": items,
        "one": items[0],
        "items": {"type": "AnnotationCollection", "items": items},
    }[shape]
    assert len(annotation_items(given)) == (1 if shape == "one" else len(anns))


@pytest.mark.parametrize(
    "data, message",
    [("not json {", "not valid JSON"), ('{"type": "Person"}', "no Web Annotations"), ("42", "expected a JSON object"),
     ('{"type": "AnnotationCollection", "first": "https://x/page1"}', "only linked")],
)
def test_bad_files_are_clear_errors(data, message, store, corpus):
    with pytest.raises(ImportFormatError, match=message):
        import_annotations(data, store, corpus)
    assert store.all() == []


def test_bad_items_are_skipped_not_fatal(store, corpus):
    anns = sample_annotations(corpus)[:1]
    good = json.loads(render("json", anns, corpus))["first"]["items"][0]
    report = import_annotations([good, "text", {"type": "Annotation", "target": {"source": "x"}}, {"type": "Person"}],
                                store, corpus)
    assert report.added == [anns[0].id]
    assert len(report.skipped) == 3
    assert report.to_dict()["skipped"] == 3


def test_duplicate_ids_in_one_file_newest_wins(store, corpus):
    a = sample_annotations(corpus)[0]
    newer = replace(a, note="第二版", modified="2030-01-01T00:00:00.000Z")
    items = [json.loads(render("json", [x], corpus))["first"]["items"][0] for x in (a, newer)]
    report = import_annotations(items, store, corpus)
    assert report.added == [a.id] and report.updated == []
    assert store.get(a.id).note == "第二版"


def test_orphan_from_another_machine_stays_orphan_and_keeps_its_target(store, corpus):
    a = sample_annotations(corpus)[0]
    lost = replace(a, target=Target("已删除.txt", "dead0001", "abc", "旧", "旧标题"), status="orphan")
    report = import_annotations(render("json", [lost], corpus), store, corpus)
    got = store.get(a.id)
    assert report.orphaned == [a.id]
    assert (got.target.file, got.target.title, got.note) == ("已删除.txt", "旧标题", a.note)
