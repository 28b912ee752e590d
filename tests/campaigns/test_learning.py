"""Learning checks: the beacon's ``check`` event (accepted only when the page has that item),
its daily 2×2 rollup, the figures (Wilson and Newcombe intervals on known data, fewer than 20
pairs hidden), the campaign report's Learning section per role, its export, and the annual
report's learning gain."""

import csv
import datetime as dt
import io
import json
import math

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from campaigns.figures import learning
from campaigns.figures.proportions import (
    paired_difference_interval,
    paired_phi,
    wilson_interval,
)
from campaigns.ingest import Visit, ingest, parse_batch
from campaigns.models import DailyLearningRollup, DroppedEvent, ReachEvent, TrackingLink
from tests.campaigns.conftest import BROWSER_UA, event
from tests.education.test_check_questions import QUESTIONS, with_questions

pytestmark = pytest.mark.django_db


def check(of, item, before, after):
    return {"of": of, "item": item, "before": before, "after": after}


def invalid():
    found = DroppedEvent.objects.filter(reason="invalid_prop").first()
    return found.count if found else 0


@pytest.fixture
def quiz(make_case, taxonomy):
    """A case study with two check questions, for seniors and new residents."""
    return with_questions(make_case(
        title="The parcel fee text", segments=[taxonomy["seniors"], taxonomy["residents"]]))


@pytest.fixture
def scenario(make_scenario):
    return make_scenario()


# --- the beacon --------------------------------------------------------------------------------


def test_a_check_the_page_can_send_is_stored_with_only_booleans(beacon, quiz, scenario):
    response = beacon([
        event(quiz, "check", props=check("question", "1", False, True)),
        event(quiz, "check", props=check("question", "2", True, True)),
        event(scenario, "check", props=check("red_flag", "unexpected-link", False, True)),
        event(scenario, "check", props=check("red_flag", "card-details", True, False)),
    ])
    assert response.json() == {"accepted": 4, "dropped": 0}
    stored = ReachEvent.objects.get(page_id=quiz.pk, props__item="1")
    assert stored.event_type == "check"
    assert stored.props == {"of": "question", "item": "1", "before": False, "after": True}


@pytest.mark.parametrize("page_name, props", [
    ("quiz", check("question", "3", True, True)),  # the lesson has two questions
    ("quiz", check("question", "0", True, True)),
    ("quiz", check("question", "01", True, True)),
    ("quiz", check("red_flag", "unexpected-link", True, True)),  # not a scenario
    ("quiz", check("message", "1", True, True)),  # not a spot-the-scam lesson
    ("scenario", check("question", "1", True, True)),  # this scenario has no questions
    ("scenario", check("red_flag", "fake-prize", True, True)),  # not tested by its graph
    ("scenario", check("red_flag", "+44 7700 900123", True, True)),  # typed text
    ("plain", check("question", "1", True, True)),  # a lesson without check questions
])
def test_a_check_the_page_cannot_send_is_dropped_as_invalid(beacon, request, make_case,
                                                            page_name, props):
    page = make_case(title="No questions") if page_name == "plain" else \
        request.getfixturevalue(page_name)
    response = beacon([event(page, "check", props=props)])
    assert response.status_code == 202
    assert response.json() == {"accepted": 0, "dropped": 1}
    assert invalid() == 1 and not ReachEvent.objects.exists()


@pytest.mark.parametrize("props", [
    {"of": "question", "item": "1", "before": True},  # after missing
    {"of": "question", "item": "1", "after": True},
    {"item": "1", "before": True, "after": True},
    {"of": "question", "before": True, "after": True},
    {"of": "question", "item": "1", "before": "true", "after": True},  # not a boolean
    {"of": "question", "item": "1", "before": 1, "after": True},
    {"of": "question", "item": "1", "before": None, "after": True},
    {"of": "quiz", "item": "1", "before": True, "after": True},  # unknown kind
    {"of": "question", "item": "x" * 65, "before": True, "after": True},  # too long
    {"of": "question", "item": 1, "before": True, "after": True},  # not a string
    {"of": "question", "item": "1", "before": True, "after": True, "answer": "2"},  # extra
])
def test_a_malformed_check_is_a_400(beacon, quiz, props):
    response = beacon([event(quiz, "check", props=props)])
    assert response.status_code == 400
    assert "props" in response.json()["error"]
    assert not ReachEvent.objects.exists()


def test_removing_the_questions_closes_the_vocabulary(beacon, quiz,
                                                     django_capture_on_commit_callbacks):
    assert beacon([event(quiz, "check", props=check("question", "2", True, True))]
                  ).json()["accepted"] == 1
    with django_capture_on_commit_callbacks(execute=True):  # publishing purges after commit
        with_questions(quiz, QUESTIONS[:1])
    assert beacon([event(quiz, "check", props=check("question", "2", True, True))]
                  ).json()["accepted"] == 0


# --- the rollup --------------------------------------------------------------------------------


def visit(n):
    return Visit(ip=f"198.51.100.{n}", user_agent=BROWSER_UA, site="testserver")


def send_pairs(page, pairs, when, link=None, item="1", of="question", first_visitor=1):
    """One visitor per pair: pairs is a list of (before, after)."""
    for n, (before, after) in enumerate(pairs, start=first_visitor):
        batch = parse_batch(json.dumps({"events": [
            event(page, "check", link=link, props=check(of, item, before, after))
        ]}).encode())
        assert ingest(batch, visit(n), when).accepted == 1


def table(right_right=0, right_wrong=0, wrong_right=0, wrong_wrong=0):
    return ([(True, True)] * right_right + [(True, False)] * right_wrong
            + [(False, True)] * wrong_right + [(False, False)] * wrong_wrong)


def test_the_rollup_counts_the_two_by_two_table_per_day_and_item(quiz, campaign):
    TrackingLink.objects.create(campaign=campaign, code="quiz1", channel="poster",
                                destination=quiz)
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    yesterday = now - dt.timedelta(days=1)
    send_pairs(quiz, table(3, 1, 4, 2), yesterday, link="quiz1")
    send_pairs(quiz, table(1, 0, 2, 0), now, link="quiz1", item="2", first_visitor=20)
    send_pairs(quiz, table(0, 0, 1, 1), now, first_visitor=40)  # no campaign
    call_command("rollup_reach", "--all")
    rows = {(r.day, r.campaign_id, r.item): (r.right_right, r.right_wrong, r.wrong_right,
                                             r.wrong_wrong)
            for r in DailyLearningRollup.objects.filter(page_id=quiz.pk)}
    assert rows == {
        (yesterday.date(), campaign.pk, "1"): (3, 1, 4, 2),
        (now.date(), campaign.pk, "2"): (1, 0, 2, 0),
        (now.date(), None, "1"): (0, 0, 1, 1),
    }
    assert set(DailyLearningRollup.objects.values_list("kind", flat=True)) == {"question"}
    call_command("rollup_reach", "--all")  # a re-run changes nothing
    assert DailyLearningRollup.objects.count() == 3


def test_pruning_raw_events_keeps_the_learning_rollup(quiz):
    old = timezone.now() - dt.timedelta(days=400)
    send_pairs(quiz, table(2, 0, 1, 0), old)
    send_pairs(quiz, table(1, 0, 0, 0), timezone.now(), first_visitor=10)
    call_command("rollup_reach", "--all")
    call_command("prune_reach_events")
    assert not ReachEvent.objects.filter(day=old.date()).exists()
    call_command("rollup_reach")
    call_command("rollup_reach", "--all")
    kept = DailyLearningRollup.objects.get(day=old.date())
    assert (kept.right_right, kept.wrong_right) == (2, 1)


# --- the maths on known data -------------------------------------------------------------------


@pytest.mark.parametrize("successes, n, lower, upper", [
    # Newcombe 1998a (Stat Med 17:857), Table I, method 3 (Wilson score interval)
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_interval_matches_published_values(successes, n, lower, upper):
    found = wilson_interval(successes, n)
    assert found == pytest.approx((lower, upper), abs=0.00005)


def test_wilson_interval_of_nothing():
    assert wilson_interval(0, 0) == (None, None)
    assert wilson_interval(20, 20)[1] == 1.0 and wilson_interval(0, 20)[0] == 0.0


# (right_right, right_wrong, wrong_right, wrong_wrong) -> (difference, lower, upper), after −
# before, computed with an independent implementation of Newcombe's method 10 (Wilson limits by
# root finding, in the orientation of R's diffdepprop::wilson) outside this repository.
METHOD_10 = [
    ((10, 5, 15, 20), (0.200000, 0.030503, 0.352836)),  # diffdepprop's own example
    ((59, 16, 6, 80), (-0.062112, -0.117351, -0.005924)),  # Cavo et al. 2012, via Fagerland
    ((12, 9, 3, 6), (-0.200000, -0.390675, 0.017233)),
    ((0, 20, 0, 0), (-1.000000, -1.000000, -0.772135)),
    ((30, 14, 2, 4), (-0.240000, -0.378228, -0.093721)),
]


@pytest.mark.parametrize("counts, expected", METHOD_10)
def test_paired_difference_matches_an_independent_computation(counts, expected):
    found = paired_difference_interval(*counts)
    assert (found.difference, found.lower, found.upper) == pytest.approx(expected, abs=1e-6)
    assert found.n == sum(counts)


def test_the_continuity_corrected_variant_matches_the_published_example():
    # Cavo et al. (2012), complete response before/after consolidation therapy: Fagerland,
    # Lydersen and Laake, Statistical Analysis of Contingency Tables (2017), ch. 8, Newcombe
    # square-and-add: -0.0621 (95 % CI -0.1186 to -0.0046), first minus second margin.
    found = paired_difference_interval(59, 16, 6, 80, corrected_phi=True)
    assert round(found.difference, 4) == -0.0621
    assert (round(found.lower, 4), round(found.upper, 4)) == (-0.1186, -0.0046)


def test_phi_is_zero_for_an_empty_margin_and_the_table_is_symmetric():
    assert paired_phi(0, 0, 5, 5) == 0.0
    assert paired_phi(10, 0, 0, 10) == pytest.approx(1.0)
    a = paired_difference_interval(8, 3, 7, 2)
    b = paired_difference_interval(8, 7, 3, 2)  # before and after swapped
    assert a.difference == pytest.approx(-b.difference)
    assert (a.lower, a.upper) == pytest.approx((-b.upper, -b.lower))
    with pytest.raises(ValueError):
        paired_difference_interval(-1, 0, 0, 0)


def test_no_change_gives_an_interval_around_zero():
    found = paired_difference_interval(10, 5, 5, 10)
    assert found.difference == 0 and found.lower < 0 < found.upper
    assert math.isclose(-found.lower, found.upper)


def test_nineteen_pairs_are_hidden_twenty_are_shown():
    hidden = learning.learning_figure(10, 2, 5, 2)
    assert hidden.n == 19 and hidden.suppressed
    assert (hidden.before, hidden.after, hidden.difference, hidden.right_before) == (
        None, None, None, None)
    shown = learning.learning_figure(10, 2, 6, 2)
    assert shown.n == 20 and not shown.suppressed
    assert shown.before == 60.0 and shown.after == 80.0 and shown.difference == 20.0
    interval = paired_difference_interval(10, 2, 6, 2)
    assert shown.difference_lower == round(100 * interval.lower, 1)
    assert shown.difference_upper == round(100 * interval.upper, 1)
    assert (shown.before_lower, shown.before_upper) == tuple(
        round(100 * x, 1) for x in wilson_interval(12, 20))
    assert learning.MIN_ANSWERS == 20


# --- rows per lesson × audience × campaign × language ------------------------------------------


@pytest.fixture
def learned(quiz, scenario, campaign, translate, zh_site):
    """Pairs through the beacon: the English quiz (22 + 2 pairs), its Chinese translation (5), the
    scenario's red flags (20), all from the campaign's poster; rolled up."""
    zh_quiz = translate(quiz)
    for page, code in ((quiz, "quiz-en"), (zh_quiz, "quiz-zh"), (scenario, "scen")):
        TrackingLink.objects.create(campaign=campaign, code=code, channel="poster",
                                    destination=page)
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    send_pairs(quiz, table(8, 2, 10, 2), now - dt.timedelta(days=2), link="quiz-en")
    send_pairs(quiz, table(1, 0, 1, 0), now, link="quiz-en", item="2", first_visitor=30)
    send_pairs(zh_quiz, table(1, 1, 2, 1), now, link="quiz-zh", first_visitor=50)
    send_pairs(scenario, table(5, 5, 5, 5), now, link="scen", of="red_flag",
               item="unexpected-link", first_visitor=60)
    call_command("rollup_reach", "--all")
    return {"quiz": quiz, "zh_quiz": zh_quiz, "scenario": scenario, "campaign": campaign,
            "now": now}


def test_rows_per_lesson_audience_language_and_kind(learned, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        rows = learning.learning_rows(learned["campaign"])
    found = {(r.lesson_id, r.language, r.audience, r.kind): r.figure for r in rows}
    quiz, zh_quiz, scenario = learned["quiz"], learned["zh_quiz"], learned["scenario"]
    assert set(found) == {
        (quiz.pk, "en", "seniors", "question"), (quiz.pk, "en", "new-residents", "question"),
        (zh_quiz.pk, "zh-hans", "seniors", "question"),
        (zh_quiz.pk, "zh-hans", "new-residents", "question"),
        (scenario.pk, "en", "", "red_flag"),
    }
    english = found[(quiz.pk, "en", "seniors", "question")]
    assert english == found[(quiz.pk, "en", "new-residents", "question")]
    assert english.n == 24 and english.before == round(100 * 11 / 24, 1)
    assert english.after == round(100 * 20 / 24, 1) and not english.suppressed
    assert found[(zh_quiz.pk, "zh-hans", "seniors", "question")].suppressed  # 5 pairs
    flags = found[(scenario.pk, "en", "", "red_flag")]
    assert flags.n == 20 and flags.difference == 0.0
    row = next(r for r in rows if r.lesson_id == scenario.pk)
    assert row.as_dict()["audience_name"] == "No audience set"
    assert row.as_dict()["kind"] == "red_flag" and row.as_dict()["n"] == 20


def test_rows_follow_the_dates(learned):
    today = learned["now"].date()
    rows = learning.learning_rows(learned["campaign"], start=today, end=today)
    english = next(r for r in rows if r.lesson_id == learned["quiz"].pk)
    assert english.figure.n == 2 and english.figure.suppressed
    assert learning.learning_rows(learned["campaign"], end=today - dt.timedelta(days=5)) == []


# --- the campaign report -----------------------------------------------------------------------


def report_url(campaign, **params):
    from urllib.parse import urlencode

    url = reverse("campaigns_report", args=(campaign.pk,))
    return url + ("?" + urlencode(params) if params else "")


@pytest.mark.parametrize("role", ["marketer", "administrator"])
def test_marketing_and_administrators_see_the_learning_section(learned, client_for, request,
                                                                role):
    response = client_for(request.getfixturevalue(role)).get(report_url(learned["campaign"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Learning: did people answer better afterwards?" in html
    assert "Right before (%)" in html and "Change (percentage points)" in html
    section = html[html.index('id="table-learning"'):]
    section = section[:section.index("</section>")]
    assert "The parcel fee text" in section and "Too few answers" in section
    assert "fewer than 20 pairs" in section  # the table's note
    assert "+37.5" in section  # (20 − 11) / 24 = 37.5 points
    assert "Newcombe" in section  # how it is counted


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_roles_without_the_report_permission_do_not_see_it(learned, client_for, request, role):
    response = client_for(request.getfixturevalue(role)).get(report_url(learned["campaign"]))
    assert response.status_code == 403
    assert "Learning" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(learned, client):
    response = client.get(report_url(learned["campaign"]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_learning_table_exports_with_its_definition(learned, client_for, marketer):
    response = client_for(marketer).get(
        report_url(learned["campaign"], export="csv", table="learning"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["Lesson", "Language", "Audience", "What was checked", "Pairs (n)"]
    suppressed = next(r for r in rows if r[1] == "Simplified Chinese" or r[1].startswith("简"))
    assert suppressed[5] == "Too few answers" and suppressed[6] == "" and suppressed[8] == ""
    assert any(r and r[0] == "Change (percentage points)" for r in rows)  # how it is counted


# --- the annual report -------------------------------------------------------------------------


def test_the_annual_report_shows_the_learning_gain(learned, client_for, marketer):
    year = learned["now"].year
    gain = learning.annual_learning_gain(year)
    assert gain.figure.n == 24 + 5 + 20
    assert set(gain.by_kind) == {"question", "red_flag"}
    html = client_for(marketer).get(
        reverse("campaigns_annual_report") + f"?year={year}").content.decode()
    card = html[html.index('data-figure="learning_gain"'):]
    card = card[:card.index("</ul>")]
    assert "Learning gain" in card and "percentage points" in card  # what is counted
    assert f"{gain.figure.difference:+.1f} points" in card
    interval = learning.interval_text(gain.figure.difference_lower, gain.figure.difference_upper,
                                      True)
    assert f"95 % interval: {interval}" in card
    assert f"Right before: {gain.figure.before} %" in card
    assert f"Pairs (n): {gain.figure.n}" in card


def test_a_year_with_too_few_pairs_says_so():
    assert learning.gain_text(learning.annual_learning_gain(1999)) == "No answers yet"
    few = learning.LearningGain(2020, learning.learning_figure(3, 3, 3, 3), {})
    assert learning.gain_text(few) == "Too few answers (fewer than 20); Pairs (n): 12"
    enough = learning.LearningGain(2020, learning.learning_figure(10, 2, 6, 2), {})
    figure = enough.figure
    interval = learning.interval_text(figure.difference_lower, figure.difference_upper, True)
    assert interval == f"{figure.difference_lower:+.1f} to {figure.difference_upper:+.1f}"
    assert learning.gain_text(enough) == (
        f"+20.0 points; 95 % interval: {interval}; Right before: 60.0 %; Right after: 80.0 %; "
        "Pairs (n): 20")

