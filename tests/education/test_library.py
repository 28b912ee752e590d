"""The library at /lessons/: filters alone and combined, counts, pagination, bad input."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(taxonomy, make_video, make_comic, make_case):
    t = taxonomy
    tags = t["tags"]
    made = {
        "v1": make_video(title="Safe account call", segments=[t["seniors"]],
                         series=t["notebook"], tags=[tags["impersonation"]]),
        "v2": make_video(title="Loan fee video", segments=[t["residents"]],
                         series=t["classroom"], tags=[tags["fake-loan"]]),
        "c1": make_comic(title="Refund comic", segments=[t["seniors"], t["residents"]],
                         series=t["notebook"], tags=[tags["refund"]]),
        "k1": make_case(title="Invoice case", segments=[t["business"]], series=t["classroom"],
                        tags=[tags["phishing"]]),
        "k2": make_case(title="Refund case", segments=[t["seniors"]],
                        tags=[tags["refund"], tags["phishing"]]),
    }
    return made


def titles(response):
    return set(re.findall(r'class="lesson-card__title"><a href="[^"]+">([^<]+)</a>',
                          response.content.decode()))


def option_count(response, name, value):
    """The count shown next to a choice in the <select name=...>."""
    html = response.content.decode()
    select = re.search(rf'<select id="id_{name}" name="{name}">(.*?)</select>', html, re.S)
    match = re.search(rf'<option value="{re.escape(value)}"[^>]*>[^<]*\((\d+)\)</option>',
                      select.group(1))
    return int(match.group(1))


def test_library_lists_every_live_lesson(client, lessons):
    response = client.get("/en/lessons/")
    assert titles(response) == {page.title for page in lessons.values()}
    assert "5 lessons" in response.content.decode()


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"audience": "seniors"}, {"Safe account call", "Refund comic", "Refund case"}),
        ({"format": "video"}, {"Safe account call", "Loan fee video"}),
        ({"format": "case"}, {"Invoice case", "Refund case"}),
        ({"format": "scenario"}, set()),
        ({"topic": "refund"}, {"Refund comic", "Refund case"}),
        ({"series": "micro-classroom"}, {"Loan fee video", "Invoice case"}),
        ({"audience": "seniors", "format": "case"}, {"Refund case"}),
        ({"audience": "seniors", "topic": "refund", "format": "comic"}, {"Refund comic"}),
        ({"audience": "new-residents", "series": "consumer-protection-notebook"},
         {"Refund comic"}),
        ({"topic": "phishing", "series": "micro-classroom", "audience": "small-businesses",
          "format": "case"}, {"Invoice case"}),
        ({"q": "refund"}, {"Refund comic", "Refund case"}),
        ({"q": "refund", "format": "case"}, {"Refund case"}),
    ],
)
def test_filters_alone_and_combined(client, lessons, params, expected):
    assert titles(client.get("/en/lessons/", params)) == expected


def test_facet_counts_follow_the_other_filters(client, lessons):
    response = client.get("/en/lessons/", {"audience": "seniors"})
    assert option_count(response, "format", "video") == 1
    assert option_count(response, "format", "comic") == 1
    assert option_count(response, "format", "case") == 1
    assert option_count(response, "topic", "refund") == 2
    # the audience facet itself counts as if no audience were chosen
    assert option_count(response, "audience", "new-residents") == 2
    assert option_count(response, "audience", "seniors") == 3
    assert 'value="seniors" selected' in response.content.decode()


def test_counts_add_up_to_the_total(client, lessons):
    response = client.get("/en/lessons/")
    per_format = sum(option_count(response, "format", f) for f in ("video", "comic", "case",
                                                                  "scenario"))
    assert per_format == 5


def test_drafts_are_not_counted(client, lessons, make_case):
    make_case(title="Draft case", live=False)
    response = client.get("/en/lessons/")
    assert "Draft case" not in titles(response)
    assert option_count(response, "format", "case") == 2


@pytest.mark.parametrize(
    "params",
    [{"audience": "martians"}, {"format": "podcast"}, {"topic": "<script>"},
     {"series": "x" * 500}],
)
def test_unknown_filter_values_explain_themselves(client, lessons, params):
    response = client.get("/en/lessons/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert "Select a valid choice" in html
    assert "<script>" not in html.split("<main", 1)[1]


@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999", "1.5", ""])
def test_bad_page_numbers_never_break(client, lessons, page):
    response = client.get("/en/lessons/", {"page": page})
    assert response.status_code == 200


def test_pagination_keeps_filters(client, lessons, settings):
    settings.LESSONS_PER_PAGE = 2
    first = client.get("/en/lessons/", {"audience": "seniors"})
    html = first.content.decode()
    assert "Page 1 of 2" in html
    assert "?audience=seniors&amp;page=2" in html
    second = client.get("/en/lessons/", {"audience": "seniors", "page": 2})
    assert len(titles(second)) == 1
    assert titles(first) | titles(second) == {"Safe account call", "Refund comic", "Refund case"}


def test_a_10000_character_query_is_cut_not_an_error(client, lessons):
    response = client.get("/en/lessons/", {"q": "refund " * 1500})
    assert response.status_code == 200
    assert "first 200 characters" in response.content.decode()


def test_filters_work_without_javascript(client, lessons):
    html = client.get("/en/lessons/").content.decode()
    form = re.search(r'<form class="filters" method="get" action="/en/lessons/"', html)
    assert form
    assert '<button type="submit">Show lessons</button>' in html


def test_publishing_unpublishing_and_editing_show_at_once(client, lessons, make_case, settings,
                                                         django_capture_on_commit_callbacks):
    """The library's index and cards are kept per cache generation: a publish moves it on."""
    settings.PAGE_CACHE_ENABLED = False  # the index and card memo stay on
    before = client.get("/en/lessons/", {"format": "case"})
    assert option_count(before, "format", "case") == 2
    with django_capture_on_commit_callbacks(execute=True):
        make_case(title="Brand new case")
    after = client.get("/en/lessons/", {"format": "case"})
    assert titles(after) == {"Invoice case", "Refund case", "Brand new case"}
    assert option_count(after, "format", "case") == 3

    refund = lessons["k2"]
    refund.title = "Refund case, revised"
    with django_capture_on_commit_callbacks(execute=True):
        refund.save_revision().publish()
    assert "Refund case, revised" in titles(client.get("/en/lessons/"))

    with django_capture_on_commit_callbacks(execute=True):
        lessons["v1"].unpublish()
    response = client.get("/en/lessons/")
    assert "Safe account call" not in titles(response)
    assert option_count(response, "format", "video") == 1


def test_search_and_filters_combine_with_counts(client, lessons):
    response = client.get("/en/lessons/", {"q": "refund", "audience": "seniors"})
    assert titles(response) == {"Refund comic", "Refund case"}
    assert option_count(response, "format", "case") == 1
    assert option_count(response, "audience", "new-residents") == 1  # the comic
    assert option_count(response, "topic", "phishing") == 1
