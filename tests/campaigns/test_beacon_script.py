"""The page script that sends reach events: small, ours, on every lesson page only."""

import gzip
import re
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "site" / "static" / "js" / "reach.js"
pytestmark = pytest.mark.django_db


# 3 KB until issue 17 added campaign tags and learning checks to it.
SCRIPT_BUDGET = 3.5 * 1024


def test_the_script_is_at_most_3_5_kb_gzipped():
    assert len(gzip.compress(SCRIPT.read_bytes(), 9)) <= SCRIPT_BUDGET


def test_the_script_sets_no_cookie_and_loads_nothing_from_elsewhere():
    source = SCRIPT.read_text()
    assert "document.cookie" not in source
    assert not re.search(r"https?://", source)


@pytest.mark.parametrize("kind", ["video", "comic", "case"])
def test_every_lesson_page_carries_the_script_and_its_page_id(client, kind, make_video,
                                                               make_comic, make_case):
    page = {"video": make_video, "comic": make_comic, "case": make_case}[kind]()
    html = client.get(page.url).content.decode()
    assert f'data-reach-page="{page.pk}"' in html
    assert "/static/js/reach.js" in html


def test_pages_that_are_not_lessons_carry_no_beacon(client):
    for url in ("/", "/en/lessons/", "/en/search/?q=refund"):
        html = client.get(url).content.decode()
        assert "reach.js" not in html and "data-reach-page" not in html


def test_comic_pages_tell_the_script_how_many_panels_there_are(client, make_comic):
    page = make_comic(panels=4)
    strip = client.get(page.url).content.decode()
    assert 'data-comic-panels="4"' in strip and strip.count("data-comic-panel-id") == 4
    last = client.get(page.url + "?panel=4").content.decode()
    assert 'data-comic-panel="4"' in last
