"""The Reviews report counts what the workflow recorded; the Review due report lists what is due.

The Reviews fixture runs real reviews (submit, approve or request changes) at chosen times;
the expected figures are then computed independently, from Wagtail's own task states, and
compared with what the report shows and exports.
"""

import csv
import datetime
import io
import statistics
from collections import Counter, defaultdict

import pytest
from openpyxl import load_workbook
from wagtail.models import TaskState

from reviews import figures
from reviews.checklist import CHECKLIST, CHECKLIST_KEYS
from reviews.models import ConsumerProtectionReviewTask
from tests.reviews.helpers import ALL_TICKED, edit_url, frozen_now

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def moment(*args):
    return datetime.datetime(*args, tzinfo=UTC)


# (lesson, entered review at, hours to the decision, reviewer, action, points left unticked)
SCENARIO = [
    ("Fake refund call", moment(2025, 11, 3, 9), 5, "reviewer", "approve", []),
    ("Parcel fee text", moment(2025, 12, 30, 9), 72, "reviewer2", "approve", []),
    ("Safe account", moment(2026, 1, 5, 9), 4, "reviewer", "approve", []),
    ("Loan fee", moment(2026, 1, 20, 9), 30, "reviewer2", "reject", ["accurate", "privacy"]),
    ("Loan fee", moment(2026, 2, 2, 9), 2, "reviewer", "approve", []),
    ("QR parking", moment(2026, 2, 10, 9), 10, "reviewer2", "reject", ["reporting_channels"]),
    ("QR parking", moment(2026, 2, 12, 9), 1, "reviewer2", "reject", ["accurate"]),
    ("Romance", moment(2026, 3, 3, 9), 50, "reviewer", "approve", []),
    ("Romance", moment(2026, 3, 9, 9), 3, "reviewer", "reject", []),
]


@pytest.fixture
def reviewed(make_case, editor, reviewer, second_reviewer, submit, decide):
    """Run SCENARIO through the review task; return the lessons by title."""
    people = {"reviewer": reviewer, "reviewer2": second_reviewer}
    pages = {}
    for title, entered, hours, who, action, unticked in SCENARIO:
        with frozen_now(entered):
            page = pages.get(title)
            if page is None:
                page = pages[title] = make_case(title=title, live=False)
            else:
                page.refresh_from_db()
                page.summary = f"{page.summary} (revised)"
                page.save_revision(user=editor)
            state = page.current_workflow_state
            if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
                state.resume(editor)
            else:
                submit(page, editor)
        with frozen_now(entered + datetime.timedelta(hours=hours)):
            ticked = [key for key in ALL_TICKED if key not in unticked]
            decide(page, people[who], action, checklist=ticked,
                   comment="" if action == "approve" else "Please fix.")
    return pages


def finished_task_states():
    """What Wagtail itself recorded, independently of the reviews app's own table."""
    return list(
        TaskState.objects.filter(
            task__in=ConsumerProtectionReviewTask.objects.all(),
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        ).select_related("finished_by")
    )


def expected_groups(states, key):
    groups = defaultdict(list)
    for state in states:
        groups[key(state)].append(state)
    expected = {}
    for label, members in groups.items():
        hours = [(s.finished_at - s.started_at).total_seconds() / 3600 for s in members]
        expected[label] = {
            "total": len(members),
            "approved": sum(s.status == TaskState.STATUS_APPROVED for s in members),
            "changes_requested": sum(s.status == TaskState.STATUS_REJECTED for s in members),
            "median_hours": round(statistics.median(hours), 1),
        }
    return expected


def shown(rows):
    return {
        row["label"]: {k: row[k] for k in ("total", "approved", "changes_requested",
                                           "median_hours")}
        for row in rows
    }


def expected_reasons(year=None):
    return Counter(
        key for _title, entered, hours, _who, action, unticked in SCENARIO
        if action == "reject"
        and (year is None or (entered + datetime.timedelta(hours=hours)).year == year)
        for key in unticked
    )


def test_monthly_figures_equal_the_workflow_states(client_for, reviewer, reviewed):
    response = client_for(reviewer).get("/admin/reports/reviews/")
    assert response.status_code == 200
    states = finished_task_states()
    assert len(states) == len(SCENARIO)
    expected = expected_groups(states, key=lambda s: s.finished_at.strftime("%Y-%m"))
    rows = shown(response.context["object_list"])
    assert {month: row for month, row in rows.items() if row["total"]} == expected
    assert list(rows) == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    assert rows["2025-12"] == {"total": 0, "approved": 0, "changes_requested": 0,
                               "median_hours": None}  # a month without reviews still shows

    summary = response.context["summary"]
    assert summary["total"] == len(states)
    assert summary["approved"] == sum(s.status == TaskState.STATUS_APPROVED for s in states)
    assert summary["changes_requested"] == sum(
        s.status == TaskState.STATUS_REJECTED for s in states
    )
    hours = [(s.finished_at - s.started_at).total_seconds() / 3600 for s in states]
    assert summary["median_hours"] == round(statistics.median(hours), 1)
    assert summary["reasons"] == expected_reasons()
    assert summary["comment_only"] == 1


def test_per_reviewer_figures_equal_the_workflow_states(client_for, reviewer, reviewed):
    response = client_for(reviewer).get("/admin/reports/reviews/", {"show": "reviewer"})
    expected = expected_groups(finished_task_states(), key=lambda s: s.finished_by.first_name)
    assert shown(response.context["object_list"]) == expected


def test_the_year_filter_gives_the_annual_figure(client_for, marketer, reviewed):
    response = client_for(marketer).get("/admin/reports/reviews/", {"year": "2026"})
    in_2026 = [s for s in finished_task_states() if s.finished_at.year == 2026]
    assert response.context["summary"]["total"] == len(in_2026) == 8
    assert response.context["summary"]["reasons"] == expected_reasons(2026)
    assert figures.reviews_completed(2026) == len(in_2026)
    assert figures.reviews_completed(2025) == 1  # the 30 December submission ends in 2026


def test_each_decision_can_be_listed(client_for, reviewer, reviewed):
    response = client_for(reviewer).get("/admin/reports/reviews/", {"show": "decision"})
    decisions = list(response.context["object_list"])
    assert len(decisions) == len(SCENARIO)
    html = response.content.decode()
    assert "Loan fee" in html and "Claims are accurate and sourced; Privacy and data" in html


def test_the_csv_export_holds_the_monthly_rows_and_reasons(client_for, reviewer, reviewed):
    response = client_for(reviewer).get("/admin/reports/reviews/", {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    expected = expected_groups(
        finished_task_states(), key=lambda s: s.finished_at.strftime("%Y-%m")
    )
    rows = [row for row in rows if row["Reviews"] != "0"]
    assert [row["Month"] for row in rows] == sorted(expected)
    for row in rows:
        assert int(row["Reviews"]) == expected[row["Month"]]["total"]
        assert int(row["Changes requested"]) == expected[row["Month"]]["changes_requested"]
    february = next(row for row in rows if row["Month"] == "2026-02")
    assert february["Not met: Official reporting channels and hotlines are correct"] == "1"
    assert february["Not met: Claims are accurate and sourced"] == "1"
    assert len(rows[0]) == 5 + len(CHECKLIST)


def test_the_xlsx_export_of_each_decision(client_for, reviewer, reviewed):
    response = client_for(reviewer).get(
        "/admin/reports/reviews/", {"export": "xlsx", "show": "decision"}
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:2] == ("Decided at (UTC)", "Title")
    assert len(rows) == 1 + len(SCENARIO)
    assert {row[4] for row in rows[1:]} == {"Approved", "Changes requested"}


def test_the_report_counts_reviews_of_deleted_lessons(client_for, reviewer, reviewed):
    reviewed["Romance"].delete()
    response = client_for(reviewer).get("/admin/reports/reviews/")
    assert response.context["summary"]["total"] == len(SCENARIO)


def test_figures_with_no_reviews(client_for, reviewer):
    response = client_for(reviewer).get("/admin/reports/reviews/")
    assert response.status_code == 200
    assert response.context["summary"]["total"] == 0
    assert response.context["summary"]["median_hours"] is None
    assert "No reviews match these filters yet" in response.content.decode()


def test_every_checklist_point_is_a_column_in_the_reasons(client_for, reviewer, reviewed):
    html = client_for(reviewer).get("/admin/reports/reviews/").content.decode()
    for _key, label in CHECKLIST:
        assert str(label) in html
    assert set(CHECKLIST_KEYS) >= set(expected_reasons())


# --- Review due ----------------------------------------------------------------------------


@pytest.fixture
def due_lessons(make_case, editor, reviewer, submit, decide):
    """Live lessons in each review state, plus two that are not public and never listed."""
    from django.utils import timezone

    now = timezone.now()

    def reviewed_lesson(title, days_ago):
        page = make_case(title=title, live=False)
        with frozen_now(now - datetime.timedelta(days=days_ago)):
            submit(page, editor)
            decide(page, reviewer, "approve")
        return page

    lessons = {
        "overdue": reviewed_lesson("Reviewed 400 days ago", 400),
        "due_soon": reviewed_lesson("Reviewed 350 days ago", 350),
        "ok": reviewed_lesson("Reviewed last month", 30),
        "never": make_case(title="Published without review"),
        "draft": make_case(title="Draft only", live=False),
    }
    unpublished = reviewed_lesson("Reviewed long ago, now offline", 500)
    unpublished.unpublish()
    lessons["offline"] = unpublished
    return lessons


def listed(response):
    return {page.title for page in response.context["object_list"]}


def test_the_overdue_report_lists_exactly_the_overdue_lessons(client_for, editor, due_lessons):
    response = client_for(editor).get("/admin/reports/review-due/", {"status": "overdue"})
    assert listed(response) == {due_lessons["overdue"].title, due_lessons["never"].title}


def test_the_default_lists_lessons_due_within_thirty_days_too(client_for, editor, due_lessons):
    response = client_for(editor).get("/admin/reports/review-due/")
    assert listed(response) == {
        due_lessons[key].title for key in ("overdue", "never", "due_soon")
    }
    html = response.content.decode()
    assert "No review on record" in html and "Overdue" in html and "Due soon" in html


def test_all_live_lessons_can_be_listed_with_their_dates(client_for, reviewer, due_lessons):
    response = client_for(reviewer).get(
        "/admin/reports/review-due/", {"status": "all", "export": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_title = {row["Lesson"]: row for row in rows}
    assert set(by_title) == {
        due_lessons[key].title for key in ("overdue", "never", "due_soon", "ok")
    }
    assert by_title["Reviewed last month"]["Status"] == "Up to date"
    assert by_title["Published without review"]["Review due"] == ""


def test_editors_see_a_notice_on_an_overdue_lesson(client_for, editor, due_lessons):
    client = client_for(editor)
    html = client.get(edit_url(due_lessons["overdue"])).content.decode()
    assert "consumer-protection review was due on" in html
    html = client.get(edit_url(due_lessons["never"])).content.decode()
    assert "no consumer-protection review on record" in html
    html = client.get(edit_url(due_lessons["ok"])).content.decode()
    assert "consumer-protection review was due" not in html
    assert "no consumer-protection review on record" not in html


def test_the_dashboard_counts_lessons_due_for_review(client_for, editor, marketer, due_lessons):
    html = client_for(editor).get("/admin/").content.decode()
    assert "Lessons due for consumer-protection review" in html
    assert "<strong>2</strong> live lessons are overdue" in html
    assert "<strong>1</strong> is due within 30 days" in html
    html = client_for(marketer).get("/admin/").content.decode()
    assert "Lessons due for consumer-protection review" not in html
