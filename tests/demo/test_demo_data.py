"""The demo copy as data files: demo/data/*.toml (English) and demo/data/zh_Hans.po (Chinese).

What an editor of those files relies on: every lesson file is read into the lesson it
describes, in the order site.toml lists them; a file that site.toml forgets, or whose name is
not its slug, is refused with its path rather than silently skipped; the catalogue has one
Chinese entry per English string and no empty ones.
"""

import shutil

import polib
import pytest

from demo import content, content_zh, info_pages


def test_every_lesson_file_is_read_in_the_order_site_toml_lists():
    site = content.read_toml(content.DATA / "site.toml")
    assert [lesson.slug for lesson in content.LESSONS] == site["lessons"]
    assert {path.stem for path in (content.DATA / "lessons").glob("*.toml")} == set(site["lessons"])
    assert len(content.LESSONS) == 18
    assert {lesson.kind for lesson in content.LESSONS} == {
        "video", "comic", "case", "scenario", "spot"
    }
    scenario = next(s for s in content.SCENARIOS if s.slug == "bank-card-frozen-text")
    assert isinstance(scenario.steps[0], content.ScenarioStep)
    assert any(isinstance(step, content.ScenarioEnding) for step in scenario.steps)
    assert [page.slug for page in info_pages.PAGES] == ["about", "privacy", "contact"]
    assert all(kind in {"h2", "p", "ul"} for page in info_pages.PAGES for kind, _ in page.blocks)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(content.DATA, copy)
    monkeypatch.setattr(content, "DATA", copy)
    return copy


def test_a_lesson_file_site_toml_does_not_list_is_refused(data_copy):
    shutil.copy(data_copy / "lessons" / "refund-call-scam.toml", data_copy / "lessons" / "new.toml")
    site = content.read_toml(data_copy / "site.toml")
    with pytest.raises(ValueError, match=r"does not list: \['new'\]"):
        content.read_lessons(site)


def test_a_lesson_site_toml_lists_without_a_file_is_refused(data_copy):
    (data_copy / "lessons" / "refund-call-scam.toml").unlink()
    site = content.read_toml(data_copy / "site.toml")
    with pytest.raises(ValueError, match=r"no file in demo/data/lessons/: \['refund-call-scam'\]"):
        content.read_lessons(site)


def test_a_lesson_file_named_after_another_slug_is_refused(data_copy):
    path = data_copy / "lessons" / "refund-call-scam.toml"
    renamed = path.with_name("refund-call.toml")
    path.rename(renamed)
    with pytest.raises(ValueError, match="must be the lesson's slug"):
        content.read_lesson(renamed)


def test_an_unknown_lesson_kind_is_refused(data_copy):
    path = data_copy / "lessons" / "refund-call-scam.toml"
    path.write_text(path.read_text().replace('kind = "video"', 'kind = "podcast"'))
    with pytest.raises(ValueError, match="unknown lesson kind 'podcast'"):
        content.read_lesson(path)


def test_the_catalogue_has_one_chinese_entry_per_english_string():
    entries = [entry for entry in polib.pofile(str(content_zh.CATALOGUE)) if not entry.obsolete]
    msgids = [entry.msgid for entry in entries]
    assert len(msgids) == len(set(msgids))
    assert [entry.msgid for entry in entries if not entry.msgstr.strip()] == []
    assert content_zh.ZH["Seniors"] == "老年群体"
    # Every line a video speaks and every word on a comic panel has its Chinese.
    for video in content.VIDEOS:
        assert len(content_zh.cues(video)) == len(video.cues)
    for comic in content.COMICS:
        for panel in comic.panels:
            assert panel.caption in content_zh.ZH
            assert all(who in content_zh.ZH and text in content_zh.ZH for who, text in panel.speech)
