"""``{% scam_alert_banner %}``: the site-wide scam alert, on every public page.

Cheap by design: the live alerts that have not ended are read once per publish (through the
generation cache that publishing purges, see education.page_cache) and each is rendered
then; every request only compares times. A preview of a draft alert renders that alert.

The "page not found" page (Django's 404 view, recognised by its documented ``request_path``
context) goes without: scanners hammer it, and it must stay cheap. Nothing here fails a page
when the database does not answer: the banner is left out instead.
"""

import logging

from django import template
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from education.page_cache import generation_cached

from ..models import ScamAlert

register = template.Library()
logger = logging.getLogger(__name__)

ALERT_TEMPLATE = "reviews/includes/scam_alert.html"
WRAPPER_TEMPLATE = "reviews/includes/scam_alert_banner.html"


def _render_alert(alert, request=None):
    return render_to_string(ALERT_TEMPLATE, {"alert": alert}, request=request)


def _live_alerts():
    """(starts_at, ends_at, rank, html) for each published alert that has not ended."""
    alerts = (
        ScamAlert.objects.filter(live=True, ends_at__gt=timezone.now())
        .select_related("link_page")
    )
    return [
        (alert.starts_at, alert.ends_at, ScamAlert.SEVERITY_RANK[alert.severity],
         _render_alert(alert))
        for alert in alerts
    ]


@register.simple_tag(takes_context=True)
def scam_alert_banner(context):
    request = context.get("request")
    preview = context.get("scam_alert_preview")
    if preview is not None:
        showing = [_render_alert(preview, request)]
    elif "request_path" in context and "exception" in context:
        return ""  # Django's 404 page
    else:
        language = getattr(request, "LANGUAGE_CODE", "")
        try:
            alerts = generation_cached(f"scam-alerts:{language}", _live_alerts)
        except DatabaseError:
            logger.warning("scam alerts left out: the database did not answer", exc_info=True)
            return ""
        now = timezone.now()
        showing = [
            html for starts_at, ends_at, _rank, html
            in sorted(alerts, key=lambda alert: (alert[2], -alert[0].timestamp()))
            if starts_at <= now < ends_at
        ]
    if not showing:
        return ""
    return render_to_string(
        WRAPPER_TEMPLATE, {"alerts": [mark_safe(html) for html in showing]}, request=request
    )
