"""What page_cache remembers per generation stays bounded and is never a shared instance."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from page_cache import memo
from page_cache.routing import MAX_SITES, remember_request_site

pytestmark = pytest.mark.django_db


def test_a_bounded_memo_drops_the_least_recently_used_value():
    lru = memo.LruMemo(maxsize=2)
    assert lru.get("a", lambda: 1) == 1
    assert lru.get("b", lambda: 2) == 2
    assert lru.get("a", lambda: "rebuilt") == 1  # "a" is now the most recent
    assert lru.get("c", lambda: 3) == 3  # drops "b"
    assert len(lru) == 2
    assert lru.get("b", lambda: "rebuilt") == "rebuilt"


def test_a_generation_lru_starts_empty_after_a_purge(django_capture_on_commit_callbacks):
    assert memo.generation_lru("test-lru", "key", lambda: "first", maxsize=4) == "first"
    assert memo.generation_lru("test-lru", "key", lambda: "second", maxsize=4) == "first"
    with django_capture_on_commit_callbacks(execute=True):
        memo.purge()
    assert memo.generation_lru("test-lru", "key", lambda: "third", maxsize=4) == "third"


def test_previews_of_scenario_drafts_keep_a_bounded_number_of_graphs(
    make_scenario, red_flags, monkeypatch
):
    from education.models import scenario
    from tests.conftest import ending, frozen_card_steps

    monkeypatch.setattr(scenario, "GRAPHS_REMEMBERED", 2)
    page = make_scenario()
    for number in range(4):  # four drafts, each with an ending of its own: four graphs
        draft = scenario.ScamScenario(
            title=page.title, steps=frozen_card_steps(red_flags)
            + [ending(f"extra-{number}", "safe", f"Extra ending {number}")],
        )
        assert draft.graph_steps
    assert len(memo.generation_memo("scenario-graphs", lambda: None)) == 2


def test_each_request_gets_its_own_site_instance(home):
    requests = [RequestFactory().get("/en/", HTTP_HOST="localhost") for _ in range(2)]
    for request in requests:
        remember_request_site(request)
    first, second = (Site.find_for_request(request) for request in requests)
    assert first.pk == second.pk == Site.objects.get(is_default_site=True).pk
    assert first is not second
    first.site_name = "changed by one request"
    assert Site.find_for_request(
        RequestFactory().get("/en/", HTTP_HOST="localhost")
    ).site_name != "changed by one request"


def test_the_remembered_hosts_are_bounded(home, settings):
    settings.ALLOWED_HOSTS = ["*"]
    for number in range(MAX_SITES + 5):
        remember_request_site(RequestFactory().get("/en/", HTTP_HOST=f"host{number}.example"))
    assert len(memo.generation_memo("routing:sites", dict)) == MAX_SITES
