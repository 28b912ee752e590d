"""The review figures: the one place the Reviews report, its exports and the annual report read.

Definitions (shown on the report):
- A **review** is one decision recorded by a reviewer: approved, or changes requested. A
  lesson sent back and resubmitted is reviewed, and counted, again. Publishing by an
  administrator outside the workflow is not a review.
- **Time to decision** runs from the moment the item entered the review (submitted, or
  resubmitted after changes) to the reviewer's decision.
- **Rejection reasons** are the checklist points left unticked when changes were requested;
  one request for changes can have several reasons.

The figures are computed in Python from one query over the chosen decisions: a year holds a
few thousand at most, and the median has no portable SQL form.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict

from .checklist import CHECKLIST, label_for
from .models import ReviewDecision

ROW_FIELDS = ("decided_at", "submitted_at", "decision", "reviewer_id", "reviewer_name",
              "failed_items")


def reviews_completed(year: int) -> int:
    """The number of reviews completed in a calendar year (the annual report's figure)."""
    return ReviewDecision.objects.in_year(year).count()


def decision_rows(queryset):
    return list(queryset.order_by("decided_at", "pk").values(*ROW_FIELDS))


def _hours(row):
    return (row["decided_at"] - row["submitted_at"]).total_seconds() / 3600


def _median_hours(rows):
    return round(statistics.median(_hours(row) for row in rows), 1) if rows else None


def summarise(rows) -> dict:
    """Totals, approvals vs requests for changes, median time and rejection reasons."""
    approved = sum(1 for row in rows if row["decision"] == ReviewDecision.APPROVED)
    rejected = [row for row in rows if row["decision"] == ReviewDecision.CHANGES_REQUESTED]
    reasons = Counter(key for row in rejected for key in row["failed_items"])
    return {
        "total": len(rows),
        "approved": approved,
        "changes_requested": len(rejected),
        "median_hours": _median_hours(rows),
        "reasons": reasons,
        "reason_rows": [
            {"key": key, "label": label, "count": reasons.get(key, 0)}
            for key, label in CHECKLIST
        ] + [
            {"key": key, "label": label_for(key), "count": count}
            for key, count in sorted(reasons.items()) if key not in dict(CHECKLIST)
        ],
        "comment_only": sum(1 for row in rejected if not row["failed_items"]),
    }


def _group_row(label, rows, **extra):
    summary = summarise(rows)
    row = {
        "label": label,
        "total": summary["total"],
        "approved": summary["approved"],
        "changes_requested": summary["changes_requested"],
        "median_hours": summary["median_hours"],
        **extra,
    }
    for key, _label in CHECKLIST:
        row[f"failed_{key}"] = summary["reasons"].get(key, 0)
    return row


def _months_between(first, last):
    year, month = first
    while (year, month) <= last:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def by_month(rows) -> list[dict]:
    """One row per calendar month (UTC), oldest first; a month without reviews shows zeros."""
    months = defaultdict(list)
    for row in rows:
        months[(row["decided_at"].year, row["decided_at"].month)].append(row)
    if not months:
        return []
    return [
        _group_row(f"{year}-{month:02d}", months.get((year, month), []))
        for year, month in _months_between(min(months), max(months))
    ]


def by_reviewer(rows) -> list[dict]:
    """One row per reviewer, most reviews first (deleted users keep the name they had)."""
    people = defaultdict(list)
    for row in rows:
        key = row["reviewer_id"] if row["reviewer_id"] is not None else row["reviewer_name"]
        people[key].append(row)
    grouped = [
        # rows run oldest first: the latest name a reviewer had labels their row
        _group_row(group[-1]["reviewer_name"] or "—", group, reviewer_id=group[-1]["reviewer_id"])
        for group in people.values()
    ]
    return sorted(grouped, key=lambda row: (-row["total"], row["label"].lower()))
