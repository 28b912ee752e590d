"""The demo reach goes through the real ingest, adds up, and loads once."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from campaigns.models import Campaign, CampaignVisitor, DailyRollup, ReachEvent, VisitorSalt
from demo import reach as demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(make_video, make_comic, make_case):
    return [make_video(), make_comic(), make_case()]


def test_demo_reach_is_consistent_and_loads_once(lessons, monkeypatch):
    monkeypatch.setattr(demo, "DAYS", 6)
    call_command("load_demo_reach")
    assert Campaign.objects.count() == 3
    assert ReachEvent.objects.filter(qualified=True).exists()
    assert ReachEvent.objects.filter(event_type="link_open").exists()
    # the rollups add up to the raw events they came from
    detail = DailyRollup.objects.filter(page_id__gt=0).aggregate(n=Sum("raw_events"))["n"]
    assert detail == ReachEvent.objects.count()
    # a running campaign's reach is its deduplicated visitor set
    running = Campaign.objects.get(slug="new-in-town")
    assert CampaignVisitor.objects.filter(campaign=running).count() == (
        ReachEvent.objects.filter(campaign=running, qualified=True)
        .values("visitor_key").distinct().count()
    )
    # salts of past days are destroyed as soon as their 48 h are up
    assert not VisitorSalt.objects.filter(day__lt=running.starts_on).exists()
    counts = (Campaign.objects.count(), ReachEvent.objects.count(), DailyRollup.objects.count())
    call_command("load_demo_reach")
    assert (Campaign.objects.count(), ReachEvent.objects.count(),
            DailyRollup.objects.count()) == counts


def test_nothing_is_loaded_without_lessons(db):
    call_command("load_demo_reach")
    assert not Campaign.objects.exists()


def test_demo_learners_answer_check_questions_and_replay_scenarios(
        make_video, make_scenario, make_case, make_spot, monkeypatch):
    """The demo's check events come through the real ingest (none is dropped) and give the
    campaigns learning figures: a campaign's own lesson has 20 pairs or more, a lesson only
    visited on the way has too few."""
    from campaigns.figures import learning
    from campaigns.models import DailyLearningRollup, DroppedEvent
    from tests.education.test_check_questions import QUESTIONS, with_questions

    # Eleven lessons: the demo links campaigns to lessons 0-8 (by id), never to the last two.
    lessons = [make_case(title=f"Case {n}") for n in range(3)]
    lessons.append(make_scenario())
    lessons += [make_case(title=f"Case {n}") for n in range(3, 5)]
    lessons.append(with_questions(make_video(title="Refund call")))  # new-in-town's lesson
    lessons += [make_case(title=f"Case {n}") for n in range(5, 7)]
    lessons.append(with_questions(make_case(title="Deposit for a flat"), QUESTIONS[:1]))
    lessons.append(make_spot())  # visited on the way, and sometimes played twice
    monkeypatch.setattr(demo, "DAYS", 30)
    call_command("load_demo_reach")
    assert not DroppedEvent.objects.filter(reason="invalid_prop").exists()
    checks = ReachEvent.objects.filter(event_type="check")
    assert set(checks.values_list("props__of", flat=True)) == {"question", "red_flag", "message"}
    pairs = DailyLearningRollup.objects.aggregate(
        n=Sum("right_right") + Sum("right_wrong") + Sum("wrong_right") + Sum("wrong_wrong"))
    assert pairs["n"] == checks.count()
    rows = learning.learning_rows(Campaign.objects.get(slug="new-in-town"))
    by_lesson = {row.lesson_id: row.figure for row in rows if row.kind == "question"}
    own, passing = by_lesson[lessons[6].pk], by_lesson[lessons[9].pk]
    assert own.n >= learning.MIN_ANSWERS and own.after > own.before
    assert passing.suppressed and passing.n > 0
