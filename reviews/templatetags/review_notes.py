"""``{% review_note page %}``: "Checked by consumer-protection review on <date>" on a lesson.

The date is the page's latest approval (``ReviewSchedule``, written when a reviewer
approves); a page never approved shows nothing. People who can open the admin also see when
the next review is due (they are never served from the anonymous page cache).

Education renders the lessons and never imports this app; its lesson template loads this
tag library, as the base template loads the scam-alert banner's. Every page's dates are read
in one query per cache generation (the table holds one row per reviewed page), and saving a
schedule purges the generation (``reviews.signals``), so a page view costs no query.
"""

from django import template
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone

from page_cache.memo import generation_memo

from ..models import ReviewSchedule

register = template.Library()

NOTE_TEMPLATE = "reviews/includes/review_note.html"


def _review_dates():
    def build():
        return {
            page_id: (timezone.localdate(reviewed), due)
            for page_id, reviewed, due in ReviewSchedule.objects.values_list(
                "page_id", "last_reviewed_at", "review_due"
            )
        }

    try:
        return generation_memo("review-dates", build)
    except DatabaseError:
        return {}


def _is_staff_reader(request):
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")
    )


@register.simple_tag(takes_context=True)
def review_note(context, page):
    """The "checked on" line for ``page`` (empty when it was never approved)."""
    dates = _review_dates().get(getattr(page, "pk", None))
    if dates is None:
        return ""
    request = context.get("request")
    reviewed, due = dates
    return render_to_string(NOTE_TEMPLATE, {
        "reviewed": reviewed,
        "due": due if _is_staff_reader(request) else None,
    }, request=request)
