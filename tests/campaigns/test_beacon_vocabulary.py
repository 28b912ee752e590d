"""The beacon's closed vocabulary: only what a lesson page's own script can send is stored;
anything else (a phone number typed into a prop, an invented red flag, an event of another
format) is dropped, counted as "invalid_prop", and never reaches a report."""

import re

import pytest
from django.core.management import call_command

from campaigns import figures
from campaigns.models import DailyScenarioRollup, DroppedEvent, ReachEvent
from tests.campaigns.conftest import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(make_scenario):
    return make_scenario()


@pytest.fixture
def video(make_video):
    return make_video()


@pytest.fixture
def comic(make_comic):
    return make_comic()


def choice(step, number, safe, red_flag):
    """A choice event's props exactly as reach.js sends them (the number as a string)."""
    return {"step": step, "choice": str(number), "safe": safe, "red_flag": red_flag}


def stored_types():
    return sorted(ReachEvent.objects.values_list("event_type", flat=True))


def invalid():
    found = DroppedEvent.objects.filter(reason="invalid_prop").first()
    return found.count if found else 0


def test_what_the_scenario_player_sends_is_stored(beacon, scenario):
    events = [
        event(scenario, "view"), event(scenario, "engaged"), event(scenario, "scenario_start"),
        event(scenario, "choice", props=choice("first-text", 1, False, "unexpected-link")),
        event(scenario, "choice", props=choice("fake-page", 2, True, "card-details")),
        event(scenario, "choice", props=choice("bank-call", 1, True, None)),
        event(scenario, "scenario_end", props={"outcome": "safe", "score": 50}),
        event(scenario, "scenario_end", props={"outcome": "scammed", "score": None}),
        event(scenario, "share", props={"method": "native"}),
    ]
    response = beacon(events)
    assert response.json() == {"accepted": 9, "dropped": 0}
    stored = ReachEvent.objects.get(props__step="fake-page")
    assert stored.props == choice("fake-page", 2, True, "card-details")


@pytest.mark.parametrize(
    "props",
    [
        choice("first-text", 1, False, "+44 7700 900123"),  # typed into the red flag
        choice("4111111111111111", 1, False, "unexpected-link"),  # a card number as a step
        choice("first-text", "07700900123", False, "unexpected-link"),  # a phone number
        choice("first-text", 1, False, "VISIT evil.example NOW"),  # an invented red flag
        choice("first-text", 1, False, "one-time-code"),  # a real flag this choice lacks
        choice("first-text", 1, True, "unexpected-link"),  # a risky choice claimed safe
        choice("first-text", 3, True, None),  # a choice the step does not have
        choice("money-gone", 1, True, None),  # an ending has no choices
        choice("first-text", "01", False, "unexpected-link"),
        {"step": "first-text", "choice": "1", "red_flag": "unexpected-link"},  # safe missing
    ],
)
def test_a_choice_the_scenario_does_not_have_is_dropped_not_stored(beacon, scenario, props):
    response = beacon([event(scenario, "choice", props=props)])
    assert response.status_code == 202
    assert response.json() == {"accepted": 0, "dropped": 1}
    assert not ReachEvent.objects.exists()
    assert invalid() == 1


def test_a_red_flag_of_another_scenario_does_not_count_here(beacon, scenario, make_scenario,
                                                            red_flags):
    from tests.conftest import ending, step

    other = make_scenario(title="Other", steps=[
        step("start", ["A call."], [("Hang up", "end", True, red_flags["one-time-code"], "Ok.")]),
        ending("end", "safe", "Safe"),
    ])
    assert beacon([event(other, "choice", props=choice("start", 1, True, "one-time-code"))]
                  ).json()["accepted"] == 1
    assert beacon([event(scenario, "choice", props=choice("start", 1, True, "one-time-code"))]
                  ).json()["accepted"] == 0


@pytest.mark.parametrize(
    "page_name, type_, props",
    [
        ("video", "scenario_end", {"outcome": "safe"}),  # a scenario event for a video
        ("video", "scenario_start", {}),
        ("video", "choice", choice("first-text", 1, False, "unexpected-link")),
        ("lesson", "play", {}),  # a video event for a case study
        ("lesson", "progress", {"percent": 50}),
        ("lesson", "scenario_end", {"outcome": "safe"}),
        ("comic", "play", {}),  # comics have no play button
        ("scenario", "play", {}),
        ("scenario", "complete", {"percent": 100}),
    ],
)
def test_events_of_another_format_are_dropped(beacon, request, page_name, type_, props):
    page = request.getfixturevalue(page_name)
    response = beacon([event(page, type_, props=props)])
    assert response.json() == {"accepted": 0, "dropped": 1}
    assert invalid() == 1


def test_an_ending_outcome_the_scenario_lacks_is_dropped(beacon, make_scenario, red_flags):
    from tests.conftest import ending, step

    no_partly = make_scenario(title="Two endings", steps=[
        step("start", ["A call."], [
            ("Hang up", "safe-end", True, red_flags["one-time-code"], "Good."),
            ("Read the code", "lost", False, red_flags["one-time-code"], "Oh no."),
        ]),
        ending("safe-end", "safe", "Safe"), ending("lost", "scammed", "Scammed"),
    ])
    ends = [event(no_partly, "scenario_end", props={"outcome": outcome})
            for outcome in ("safe", "scammed", "partly")]
    assert beacon(ends).json() == {"accepted": 2, "dropped": 1}


def test_video_and_comic_progress_and_completion_as_the_script_sends_them(beacon, video, comic):
    good = [
        event(video, "play"), *(event(video, "progress", props={"percent": p})
                                for p in (25, 50, 75)),
        event(video, "complete", props={"percent": video.completion_threshold}),
        *(event(comic, "progress", props={"percent": p}) for p in (25, 50, 75)),
        event(comic, "complete", props={"percent": 100}),
    ]
    assert beacon(good).json() == {"accepted": 9, "dropped": 0}
    bad = [
        event(video, "progress", props={"percent": 33}),
        event(video, "complete", props={"percent": 12}),
        event(video, "complete"),
        event(comic, "complete", props={"percent": 90}),
    ]
    assert beacon(bad).json() == {"accepted": 0, "dropped": 4}
    assert invalid() == 4


@pytest.mark.parametrize("method", ["native", "copy", "link", "email"])
def test_the_share_methods_the_page_sends_are_stored(beacon, lesson, method):
    assert beacon([event(lesson, "share", props={"method": method})]).json()["accepted"] == 1


def test_every_share_link_on_a_lesson_page_is_counted(client, beacon, lesson):
    """The share box's links name their method (data-share-method); each one the page renders
    is accepted (the e-mail link's "email" was dropped as invalid_prop)."""
    html = client.get(lesson.url).content.decode()
    methods = set(re.findall(r'data-share-method="([^"]+)"', html))
    assert "email" in methods
    for method in methods:
        assert beacon([event(lesson, "share", props={"method": method})]).json() == {
            "accepted": 1, "dropped": 0}, method


@pytest.mark.parametrize("props", [{"method": "+1 202 555 0100"}, {"method": "whatsapp"}, {}])
def test_any_other_share_method_is_dropped(beacon, lesson, props):
    assert beacon([event(lesson, "share", props=props)]).json() == {"accepted": 0, "dropped": 1}
    assert not ReachEvent.objects.exists()


def test_pages_without_the_page_script_are_unknown(beacon, library, lesson):
    """Only lesson pages carry the beacon; the library, the home page … send nothing."""
    response = beacon([event(library, "view")])
    assert response.json() == {"accepted": 0, "dropped": 1}
    assert DroppedEvent.objects.get(reason="unknown_page").count == 1


def test_the_vocabulary_follows_publishing(beacon, scenario, red_flags,
                                          django_capture_on_commit_callbacks):
    from tests.conftest import ending, step

    assert beacon([event(scenario, "choice", props=choice("new-step", 1, True, None))]
                  ).json()["accepted"] == 0
    scenario.steps = [
        step("new-step", ["Hello."], [("Ignore it", "done", True, None, "Good.")]),
        ending("done", "safe", "Safe"),
    ]
    with django_capture_on_commit_callbacks(execute=True):  # the cache generation moves on
        scenario.save_revision().publish()
    assert beacon([event(scenario, "choice", props=choice("new-step", 1, True, None))]
                  ).json()["accepted"] == 1


def test_the_vocabulary_check_costs_no_query_per_request(beacon, scenario,
                                                         django_assert_max_num_queries):
    beacon([event(scenario)])  # the vocabulary and the day's salt are now at hand
    events = [event(scenario, "choice", props=choice("first-text", 1, False, "unexpected-link"))
              for _ in range(10)] + [event(scenario, "scenario_end", props={"outcome": "safe"})]
    # one INSERT; at most one more to re-read the cache generation
    with django_assert_max_num_queries(2):
        assert beacon(events).json()["accepted"] == 11


def test_reports_never_show_an_invented_red_flag(beacon, scenario, link, campaign):
    """Even one stored before the vocabulary was closed: the report lists RedFlag snippets
    only."""
    link.destination = scenario
    link.save()
    beacon([event(scenario, "choice", link="poster1",
                  props=choice("first-text", 1, False, "VISIT evil.example NOW"))])
    assert not ReachEvent.objects.exists()
    ReachEvent.objects.create(  # as the old ingest stored it
        event_type="choice", page_id=scenario.pk, campaign=campaign, link=link,
        visitor_key="k" * 32, props=choice("first-text", 1, False, "VISIT evil.example NOW"),
        received_at=campaign_time(campaign), day=campaign.starts_on,
    )
    beacon([event(scenario, "choice", link="poster1",
                  props=choice("first-text", 1, False, "unexpected-link"))])
    call_command("rollup_reach", "--all")
    assert DailyScenarioRollup.objects.filter(red_flag="VISIT evil.example NOW").exists()
    report = figures.campaign_report(campaign)
    labels = [row["label"] for row in report.tables["red_flags"].rows]
    assert labels == ["A link in a text you did not expect"]


def campaign_time(campaign):
    import datetime as dt

    return dt.datetime.combine(campaign.starts_on, dt.time(12), tzinfo=dt.UTC)
