"""Site search finds live, public pages only; long or odd queries are handled calmly."""

import pytest

pytestmark = pytest.mark.django_db


def test_search_finds_words_in_lesson_bodies(client, make_case):
    make_case(title="Courier fee", story="<p>A text asked for a customs clearance fee.</p>")
    html = client.get("/search/", {"q": "customs"}).content.decode()
    assert "1 result for “customs”" in html
    assert "Courier fee" in html


def test_search_finds_comic_dialogue_and_video_transcripts(client, make_comic, make_video):
    make_comic(title="Panel talk")
    make_video(title="Talking video", transcript="<p>Never read out the verification code.</p>")
    assert "Panel talk" in client.get("/search/", {"q": "dialogue"}).content.decode()
    assert "Talking video" in client.get("/search/", {"q": "verification"}).content.decode()


def test_a_drafts_words_are_not_found(client, make_case):
    make_case(title="Unpublished", story="<p>zebracrossingword</p>", live=False)
    html = client.get("/search/", {"q": "zebracrossingword"}).content.decode()
    assert "0 results" in html
    assert "Unpublished" not in html


def test_unpublished_changes_to_a_live_lesson_are_not_found(client, make_case):
    page = make_case(title="Live case", story="<p>Original words.</p>")
    page.story = "<p>secretdraftword</p>"
    page.save_revision()  # a draft revision, not published
    html = client.get("/search/", {"q": "secretdraftword"}).content.decode()
    assert "0 results" in html


def test_a_private_pages_words_are_not_found(client, make_case, make_private):
    make_private(make_case(title="Members only", story="<p>privatelessonword</p>"))
    html = client.get("/search/", {"q": "privatelessonword"}).content.decode()
    assert "0 results" in html
    assert "Members only" not in html


def test_an_unpublished_lesson_disappears_from_search(client, make_case):
    page = make_case(title="Withdrawn", story="<p>withdrawnword</p>")
    assert "1 result" in client.get("/search/", {"q": "withdrawnword"}).content.decode()
    page.unpublish()
    assert "0 results" in client.get("/search/", {"q": "withdrawnword"}).content.decode()


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "\x00", "'; DROP TABLE wagtailcore_page; --", "<script>alert(1)</script>",
     "\"unbalanced", "AND OR NOT", "*", "诈骗"],
)
def test_odd_queries_never_break(client, make_case, query):
    make_case()
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_very_long_query_says_it_was_cut(client):
    html = client.get("/search/", {"q": "refund " * 2000}).content.decode()
    assert "first 200 characters" in html


@pytest.mark.parametrize("page", ["abc", "-1", "999999"])
def test_bad_page_numbers_never_break(client, make_case, page):
    make_case()
    assert client.get("/search/", {"q": "invoice", "page": page}).status_code == 200


def test_empty_search_shows_the_form(client):
    html = client.get("/search/").content.decode()
    assert 'name="q"' in html and "result" not in html.split("</form>")[1]
