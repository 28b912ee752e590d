"""The site-wide scam alert: published through the same review, shown while it runs, cheap."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from reviews.models import ReviewDecision, ScamAlert
from tests.reviews.helpers import ALL_TICKED, modal_post

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def snippet_url(name, *args):
    return reverse(f"wagtailsnippets_reviews_scamalert:{name}", args=args)


@pytest.fixture
def make_alert(db):
    def make(message="Texts about unpaid parcel fees are a scam.", live=True, starts=-HOUR,
             ends=24 * HOUR, **fields):
        now = timezone.now()
        alert = ScamAlert(
            title=fields.pop("title", message[:40]), message=message, live=live,
            starts_at=now + starts, ends_at=now + ends, **fields,
        )
        alert.save()
        alert.save_revision()
        return alert
    return make


def alert_form(action, **changes):
    now = timezone.now()
    data = {
        "title": "Parcel fee texts", "severity": "urgent",
        "message": "Texts asking for a parcel fee are a scam: do not click the link.",
        "link_page": "", "link_url": "https://www.example.gov/parcel-scam", "link_text": "",
        "starts_at": (now - HOUR).strftime("%Y-%m-%d %H:%M"),
        "ends_at": (now + 48 * HOUR).strftime("%Y-%m-%d %H:%M"),
    }
    data.update(changes)
    data[action] = "1"
    return data


def banner(client, url="/"):
    html = client.get(url).content.decode()
    if 'class="scam-alerts"' not in html:
        return ""
    return html.split('class="scam-alerts"', 1)[1].split("</section>", 1)[0]


def test_no_banner_without_an_alert(client, home):
    assert banner(client) == ""


def test_a_live_alert_shows_on_every_public_page_while_it_runs(client, make_alert, make_case,
                                                                library):
    lesson = make_case(title="Parcel scams", slug="parcel-scams")
    make_alert(link_page=lesson, link_text="How to spot it", severity="urgent")
    for url in ("/", "/lessons/", lesson.url, "/search/?q=parcel"):
        shown = banner(client, url)
        assert "Texts about unpaid parcel fees are a scam." in shown, url
        assert f'href="{lesson.url}"' in shown and "How to spot it" in shown
        assert "Urgent scam alert:" in shown


@pytest.mark.parametrize(
    "when", [{"live": False}, {"starts": HOUR}, {"starts": -48 * HOUR, "ends": -HOUR}],
    ids=["draft", "not-started", "ended"],
)
def test_an_alert_is_hidden_when_unpublished_or_outside_its_time(client, make_alert, home,
                                                                  when):
    make_alert(**when)
    assert banner(client) == ""


def test_urgent_alerts_come_first(client, make_alert, home):
    make_alert("A notice about fake prize draws.", severity="notice")
    make_alert("Fake police calls right now.", severity="urgent")
    shown = banner(client)
    assert shown.index("Fake police calls") < shown.index("fake prize draws")


def test_an_alert_goes_through_the_review_before_it_shows(
    client, client_for, editor, reviewer, home, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_ENABLED = True
    editor_client = client_for(editor)
    response = editor_client.post(snippet_url("add"), alert_form("action-publish"))
    alert = ScamAlert.objects.get()
    assert not alert.live, "an editor's forged publish must not publish"
    assert banner(client) == ""  # and the home page is now in the page cache

    response = editor_client.post(snippet_url("edit", alert.pk), alert_form("action-submit"))
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.workflow_in_progress and not alert.live

    task_state = alert.current_workflow_task_state
    url = snippet_url("workflow_action", alert.pk, "approve", task_state.pk)
    refused = modal_post(client_for(reviewer), url, {"checklist": ALL_TICKED[2:]})
    assert refused["step"] == "action"
    with django_capture_on_commit_callbacks(execute=True):
        approved = modal_post(client_for(reviewer), url, {"checklist": ALL_TICKED})
    assert approved["step"] == "success"
    alert.refresh_from_db()
    assert alert.live
    assert ReviewDecision.objects.get().object_title == "Parcel fee texts"
    assert "Texts asking for a parcel fee are a scam" in banner(client)  # cache purged


def test_reviewers_preview_the_draft_alert_as_the_public_will_see_it(
    client_for, editor, reviewer, make_alert, review_workflow, home
):
    alert = make_alert(message="Draft: fake bank texts.", live=False)
    review_workflow.start(alert, editor)
    task = alert.current_workflow_task
    response = client_for(reviewer).get(snippet_url("workflow_preview", alert.pk, task.pk))
    assert response.status_code == 200
    assert "Draft: fake bank texts." in response.content.decode()


def test_the_banner_costs_no_query_once_cached(make_alert, home, django_assert_num_queries):
    make_alert()
    template = Template("{% load scam_alerts %}{% scam_alert_banner %}")
    request = RequestFactory().get("/")
    first = template.render(Context({"request": request}))
    with django_assert_num_queries(0):
        assert template.render(Context({"request": request})) == first
    assert "parcel fees" in first


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"ends_at": "2020-01-01 10:00"}, "must stop showing after it starts"),
        ({"link_page": "home"}, "not both"),
    ],
)
def test_a_badly_set_alert_is_refused_with_a_reason(client_for, editor, home, changes, message):
    if changes.get("link_page") == "home":
        changes = {"link_page": str(home.pk)}
    response = client_for(editor).post(snippet_url("add"), alert_form("action-submit", **changes))
    assert message in response.content.decode()
    assert not ScamAlert.objects.exists()


def test_the_not_found_page_stays_cheap_and_goes_without(client, make_alert, home):
    make_alert()
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'class="scam-alerts"' not in response.content.decode()


def test_a_database_error_leaves_the_banner_out(make_alert, home, monkeypatch):
    from django.db import OperationalError

    from reviews.templatetags import scam_alerts

    def broken():
        raise OperationalError("database is down")

    monkeypatch.setattr(scam_alerts, "_live_alerts", broken)
    template = Template("{% load scam_alerts %}{% scam_alert_banner %}")
    assert template.render(Context({"request": RequestFactory().get("/")})) == ""
