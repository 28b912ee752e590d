"""Learning figures: did learners answer better after a lesson than before it?

Every figure comes from the 2×2 table of completed before/after pairs in the daily learning
rollup (``DailyLearningRollup``, made by ``rollup_reach`` from the beacon's ``check`` events),
never from raw events. A pair is one learner's first answer to one item before and their
answer after: a check question answered before and after the lesson (``kind`` "question"), a
red flag met on the first play of a scenario and on a replay in the same tab ("red_flag"), a
spot-the-scam message on the first play and on a replay ("message").

For a set of pairs (``learning_figure``):

- ``n``: the number of pairs;
- before: the share of pairs whose before-answer was right, with its 95 % Wilson interval;
- after: the same for the after-answer;
- difference: after − before, in percentage points, with a 95 % interval for paired data
  (Newcombe 1998, method 10; ``campaigns.figures.proportions``);
- ``suppressed``: n < ``MIN_ANSWERS`` (20): every share, count and interval is hidden (None)
  and the reports say "Too few answers to show (fewer than 20)".

Shares and interval limits are per cent (0–100) and differences percentage points (−100–100),
rounded to one decimal as every report figure is.

API: ``learning_rows(campaign, *, start=None, end=None)`` (a campaign's rows per lesson ×
audience × language × kind) and ``annual_learning_gain(year)`` (every pair of a calendar
year pooled), both in a fixed number of queries; ``learning_figure(...)`` is pure.
"""

from dataclasses import asdict, dataclass

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from education.models import AudienceSegment

from ..models import DailyLearningRollup
from .lookups import language_label, page_of, pages_of, term_names
from .periods import year_bounds
from .proportions import paired_difference_interval, wilson_interval

MIN_ANSWERS = 20
TOO_FEW = _("Too few answers to show (fewer than 20)")
TOO_FEW_CELL = _("Too few answers")  # in a table whose note says "fewer than 20"
KINDS = {
    "question": _("Check questions"),
    "red_flag": _("Red flags, scenario played again"),
    "message": _("Messages, spot the scam played again"),
}
COUNTS = ("right_right", "right_wrong", "wrong_right", "wrong_wrong")
NO_AUDIENCE = ""


def _pct(value):
    return None if value is None else round(100 * value, 1)


@dataclass(frozen=True)
class LearningFigure:
    """Before and after shares of right answers over ``n`` pairs, and the change.

    Shares and limits in per cent, the difference and its limits in percentage points; all
    None when ``suppressed`` (fewer than MIN_ANSWERS pairs) or when there is no pair."""

    n: int
    suppressed: bool
    right_before: int | None = None
    right_after: int | None = None
    before: float | None = None
    before_lower: float | None = None
    before_upper: float | None = None
    after: float | None = None
    after_lower: float | None = None
    after_upper: float | None = None
    difference: float | None = None
    difference_lower: float | None = None
    difference_upper: float | None = None

    def as_dict(self):
        return asdict(self)


def learning_figure(right_right, right_wrong, wrong_right, wrong_wrong):
    """The learning figure of a 2×2 table of pairs (right/wrong before × right/wrong after).
    Pure: no query."""
    n = right_right + right_wrong + wrong_right + wrong_wrong
    if n < MIN_ANSWERS:
        return LearningFigure(n=n, suppressed=True)
    right_before, right_after = right_right + right_wrong, right_right + wrong_right
    before = wilson_interval(right_before, n)
    after = wilson_interval(right_after, n)
    change = paired_difference_interval(right_right, right_wrong, wrong_right, wrong_wrong)
    return LearningFigure(
        n=n, suppressed=False, right_before=right_before, right_after=right_after,
        before=_pct(change.before), before_lower=_pct(before[0]), before_upper=_pct(before[1]),
        after=_pct(change.after), after_lower=_pct(after[0]), after_upper=_pct(after[1]),
        difference=_pct(change.difference), difference_lower=_pct(change.lower),
        difference_upper=_pct(change.upper),
    )


@dataclass(frozen=True)
class LearningRow:
    """One row of a campaign's learning figures: a lesson (in its language) for one of its
    audiences, one kind of check. A lesson aimed at two audiences has a row for each (the
    same pairs), like the reports' other audience rows."""

    campaign_id: int
    campaign: str
    lesson_id: int
    lesson: str
    language: str  # the lesson page's locale ("" for a deleted page)
    language_name: str
    audience: str  # the audience's slug, "" for a lesson with no audience set
    audience_name: str
    kind: str  # "question", "red_flag" or "message"
    kind_name: str
    figure: LearningFigure

    def as_dict(self):
        """Plain data (str for the translated names), the figure's fields inline."""
        row = {key: getattr(self, key) for key in (
            "campaign_id", "campaign", "lesson_id", "lesson", "language", "language_name",
            "audience", "audience_name", "kind", "kind_name")}
        row.update({key: str(row[key]) for key in (
            "campaign", "lesson", "language_name", "audience_name", "kind_name")})
        row.update(self.figure.as_dict())
        return row


def _kind_order(kind):
    return list(KINDS).index(kind) if kind in KINDS else len(KINDS)


def learning_rows(campaign, *, start=None, end=None):
    """The campaign's learning figures, one ``LearningRow`` per lesson × audience × language
    × kind, pooled over the items (questions, red flags, messages) of the lesson and over the
    days from ``start`` to ``end`` (inclusive dates of the site's time zone; None: the
    campaign's whole window). Ordered by lesson title, language, audience, kind.

    Reads the learning rollup only, in four queries at most (rollup sums, pages, their
    audiences, audience names) whatever the number of rows."""
    rows = DailyLearningRollup.objects.filter(campaign_id=campaign.pk)
    if start is not None:
        rows = rows.filter(day__gte=start)
    if end is not None:
        rows = rows.filter(day__lte=end)
    sums = list(
        rows.order_by().values("page_id", "kind").annotate(**{c: Sum(c) for c in COUNTS})
    )
    if not sums:
        return []
    pages = pages_of(row["page_id"] for row in sums)
    audiences = term_names(AudienceSegment.objects.order_by("sort_order", "slug"))
    found = []
    for row in sums:
        page = page_of(pages, row["page_id"])
        figure = learning_figure(*(row[c] or 0 for c in COUNTS))
        for slug in page["segments"] or [NO_AUDIENCE]:
            found.append(LearningRow(
                campaign_id=campaign.pk, campaign=campaign.name, lesson_id=row["page_id"],
                lesson=page["title"], language=page["language"],
                language_name=language_label(page["language"]), audience=slug,
                audience_name=(audiences.get(slug, slug) if slug else _("No audience set")),
                kind=row["kind"], kind_name=KINDS.get(row["kind"], row["kind"]), figure=figure,
            ))
    return sorted(found, key=lambda r: (str(r.lesson).lower(), r.lesson_id, r.language,
                                        r.audience == NO_AUDIENCE, str(r.audience_name),
                                        _kind_order(r.kind)))


@dataclass(frozen=True)
class LearningGain:
    """Every pair of a year pooled (all traffic, with and without a campaign), and per kind."""

    year: int
    figure: LearningFigure
    by_kind: dict  # kind -> LearningFigure

    def as_dict(self):
        return {"year": self.year, **self.figure.as_dict(),
                "by_kind": {kind: figure.as_dict() for kind, figure in self.by_kind.items()}}


def annual_learning_gain(year):
    """The annual report's "Learning gain": the share of right answers after minus before,
    over every completed pair of the calendar ``year`` (site time zone), all lessons and
    kinds pooled, with and without a campaign; and the same per kind. One query."""
    first, last = year_bounds(year)
    by_kind = {
        row["kind"]: row for row in
        DailyLearningRollup.objects.filter(day__gte=first, day__lte=last).order_by()
        .values("kind").annotate(**{c: Sum(c) for c in COUNTS})
    }
    totals = [sum(row[c] or 0 for row in by_kind.values()) for c in COUNTS]
    return LearningGain(
        year=year, figure=learning_figure(*totals),
        by_kind={kind: learning_figure(*(by_kind[kind][c] or 0 for c in COUNTS))
                 for kind in sorted(by_kind, key=_kind_order)},
    )


# --- how the figures are written (reports, exports, the annual report) ----------------------


def interval_text(lower, upper, points=False):
    """"48.2 to 70.1" (per cent) or "+5.1 to +19.0" (percentage points, signed); "" when
    hidden."""
    if lower is None or upper is None:
        return ""
    number = "{:+.1f}" if points else "{:.1f}"
    return _("%(lower)s to %(upper)s") % {"lower": number.format(lower),
                                          "upper": number.format(upper)}


def gain_summary(gain):
    """The annual report's "Learning gain" figure: (value, parts, display). The value is the
    change in percentage points (a number, for exports and the API), or None when it is not
    shown; the display is how the card words it ("+27.7 points", or why it is not shown); the
    parts are its interval, the shares right before and after (per cent) and the number of
    pairs."""
    figure = gain.figure
    if figure.n == 0:
        return None, [], str(_("No answers yet"))
    pairs = (str(_("Pairs (n)")), figure.n)
    if figure.suppressed:
        return None, [pairs], str(_("Too few answers (fewer than 20)"))
    return (
        figure.difference,
        # xgettext:no-python-format
        [(str(_("95 % interval")),
          interval_text(figure.difference_lower, figure.difference_upper, True)),
         (str(_("Right before")), figure.before), (str(_("Right after")), figure.after), pairs],
        _("%(change)s points") % {"change": f"{figure.difference:+.1f}"},
    )


def gain_text(gain):
    """The annual learning gain as one line of plain text: the change with its interval, the
    shares before and after, and the number of pairs; or why it is not shown."""
    _value, parts, display = gain_summary(gain)
    return "; ".join([str(display), *(
        f"{name}: {part:.1f} %" if isinstance(part, float) else f"{name}: {part}"
        for name, part in parts)])
