"""``{% scam_alert_banner %}``: the site-wide scam alerts, on every public page, in the
reader's language.

Cheap by design: the live alerts that have not ended are read once per publish and language
(through the generation cache that publishing purges, see page_cache.memo) and each is
rendered then; every request only compares times. A preview of a draft alert renders that
alert.

Languages: an alert and its translations (wagtail-localize) share a ``translation_key``. For
each alert the reader sees the live version in their language; when it has none yet (or
that version is not showing at this time), the original is shown instead (the default
language's, else the oldest version), marked with its own ``lang``: a scam warning is never
hidden because it is not translated yet. A link to a lesson goes to that lesson's live
translation in the reader's language when there is one (one query for all alerts).

The "page not found" page (Django's 404 view, recognised by its documented ``request_path``
context) goes without: scanners hammer it, and it must stay cheap. Nothing here fails a page
when the database does not answer: the banner is left out instead.
"""

import logging

from django import template
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from page_cache.locales import active_locale_id, default_locale_id
from page_cache.memo import generation_cached

from ..models import ScamAlert

register = template.Library()
logger = logging.getLogger(__name__)

ALERT_TEMPLATE = "reviews/includes/scam_alert.html"
WRAPPER_TEMPLATE = "reviews/includes/scam_alert_banner.html"


def _render_alert(alert, request=None, lang=""):
    return render_to_string(ALERT_TEMPLATE, {"alert": alert, "lang": lang}, request=request)


def _localize_link_pages(alerts, locale_id):
    """Point each alert's lesson link at the lesson's live translation in ``locale_id``."""
    keys = {
        alert.link_page.translation_key for alert in alerts
        if alert.link_page is not None and alert.link_page.locale_id != locale_id
    }
    if not keys:
        return
    translations = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale_id=locale_id)
    }
    for alert in alerts:
        if alert.link_page is not None:
            alert.localized_link_page = translations.get(alert.link_page.translation_key)


def _live_alerts():
    """For each alert, its versions to show, best first: [(starts_at, ends_at, rank, html)].

    Best first: the reader's language, then the default language (where alerts are
    written first), then any other, oldest first.
    """
    wanted, original = active_locale_id(), default_locale_id()
    alerts = list(
        ScamAlert.objects.filter(live=True, ends_at__gt=timezone.now())
        .select_related("link_page", "locale")
    )
    _localize_link_pages(alerts, wanted)
    versions = {}
    for alert in alerts:
        versions.setdefault(alert.translation_key, []).append(alert)

    def preference(alert):
        return (alert.locale_id != wanted, alert.locale_id != original, alert.pk)

    return [
        [
            (alert.starts_at, alert.ends_at, ScamAlert.SEVERITY_RANK[alert.severity],
             _render_alert(alert, lang=_lang_unless(alert, wanted)))
            for alert in sorted(group, key=preference)
        ]
        for group in versions.values()
    ]


def _lang_unless(alert, locale_id):
    """The alert's language code when it is not the page's language, else ""."""
    if alert.locale_id is None or alert.locale_id == locale_id:
        return ""
    return alert.locale.language_code


def _showing(alerts, now):
    """The html of each alert's best version that is showing now, most severe first."""
    chosen = []
    for group in alerts:
        for starts_at, ends_at, rank, html in group:
            if starts_at <= now < ends_at:
                chosen.append((rank, -starts_at.timestamp(), html))
                break
    return [html for _rank, _start, html in sorted(chosen, key=lambda item: item[:2])]


@register.simple_tag(takes_context=True)
def scam_alert_banner(context):
    request = context.get("request")
    preview = context.get("scam_alert_preview")
    if preview is not None:
        lang = ""
        if preview.locale_id and preview.locale.language_code != translation.get_language():
            lang = preview.locale.language_code
        showing = [_render_alert(preview, request, lang)]
    elif "request_path" in context and "exception" in context:
        return ""  # Django's 404 page
    else:
        language = getattr(request, "LANGUAGE_CODE", "")
        try:
            alerts = generation_cached(f"scam-alerts:v2:{language}", _live_alerts)
        except DatabaseError:
            logger.warning("scam alerts left out: the database did not answer", exc_info=True)
            return ""
        showing = _showing(alerts, timezone.now())
    if not showing:
        return ""
    return render_to_string(
        WRAPPER_TEMPLATE, {"alerts": [mark_safe(html) for html in showing]}, request=request
    )
