"""Template tags for the parts every lesson page shares.

Both render through the generation cache (see page_cache.memo): related lessons and
the "how to report a scam" box change only when something is published, so their queries
run once per publish instead of on every request. Previews always render fresh.
"""

import re
import unicodedata

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail.models import Page

from page_cache.locales import active_locale_id, default_locale_id
from page_cache.memo import generation_cached

from .. import sharing
from ..models import LessonPage, ReportScamBox
from ..navigation import language_alternates as alternates_for
from ..navigation import library_page
from ..text_size import carry_large_text

register = template.Library()

# A sentence ends at . ! ? (followed by a space) or at Chinese 。！？ (followed by anything).
_SENTENCE = re.compile(r".+?(?:[.!?](?=\s|$)|[。！？]|$)", re.S)


def _width(text: str) -> int:
    """Display width: a wide (CJK) character counts as two Latin ones."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@register.filter
def whole_sentences(text: str, width: int = 140) -> str:
    """The opening sentences of `text` that fit in about `width` columns; never a cut one.

    The first sentence is kept whole even when it alone is longer.
    """
    kept, used = [], 0
    for sentence in (m.group().strip() for m in _SENTENCE.finditer(str(text).strip())):
        if not sentence:
            continue
        if kept and used + _width(sentence) > int(width):
            break
        kept.append(sentence)
        used += _width(sentence)
    joiner = "" if kept and _width(kept[0][-1]) == 2 else " "
    return joiner.join(kept)


def _render_cached(context, name, template_name, build_context):
    request = context.get("request")
    render = lambda: render_to_string(template_name, build_context(), request=request)  # noqa: E731
    if request is None or getattr(request, "is_preview", False):
        return render()
    language = getattr(request, "LANGUAGE_CODE", "")
    return generation_cached(f"{name}:{language}", render)


@register.simple_tag(takes_context=True)
def related_lessons(context, page):
    """The related-lessons section of a lesson page."""
    return _render_cached(
        context, f"related:{page.pk}:{page.latest_revision_id}",
        "education/includes/related_lessons.html",
        lambda: {"related_lessons": page.related_lessons()},
    )


@register.simple_tag(takes_context=True)
def home_featured_lessons(context, page):
    """The home page's "Start here" section: featured lessons topped up with the newest."""
    return _render_cached(
        context, f"home-featured:{page.pk}:{page.latest_revision_id}",
        "education/includes/home_featured.html",
        lambda: {"featured_lessons": LessonPage.objects.featured_for(page),
                 "library": library_page()},
    )


@register.simple_tag(takes_context=True)
def report_scam_box(context):
    """The site-wide "how to report a scam" box, in the reader's language.

    The entry in the active language, else the default language's when it says something
    (advice or channels; marked with its ``lang`` so that it is read out in that language);
    otherwise the template's own advice, in the reader's language. One query per cache
    generation and language.
    """
    def build():
        wanted, fallback = active_locale_id(), default_locale_id()
        boxes = {
            box.locale_id: box
            for box in ReportScamBox.objects.filter(locale_id__in=[wanted, fallback])
            .select_related("locale")
        }
        report = boxes.get(wanted)
        if report is None:
            report = boxes.get(fallback)
            if report is not None and not (report.advice or len(report.channels)):
                report = None  # nothing filled in: the default text, in the reader's language
        other_language = report is not None and report.locale_id != wanted
        return {
            "report": report,
            "report_lang": report.locale.language_code if other_language else "",
        }

    return _render_cached(context, "report-scam", "education/includes/report_scam.html", build)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in every site language, for hreflang links and the language switcher."""
    request = context.get("request")
    if request is None or request.path.startswith("/admin/"):
        return []
    page = context.get("page")
    return alternates_for(request, page if isinstance(page, Page) else None)


def _marked(value, words, css_class, anchor, label):
    """``value`` with ``words`` marked where they first appear (id ``anchor``), with
    ``label`` before them for screen readers; ``value`` as it is when they are not in it.
    Everything is escaped: the result goes through ``linebreaksbr`` unescaped again."""
    value = value or ""
    if not words or words not in value:
        return value
    before, _words, after = value.partition(words)
    return format_html(
        '{}<mark class="{}" id="{}"><span class="visually-hidden">{} </span>{}</mark>{}',
        before, css_class, anchor, label, words, after,
    )


@register.filter
def giveaway(value, words):
    """A scenario choice's text with its "what gave it away" words marked."""
    return _marked(value, words, "sim-mark", "giveaway", gettext("What gave it away:"))


@register.filter
def spot_tell(value, words):
    """A spot-the-scam message with its tell marked, with "This is the tell:" for screen
    readers (the mark is not colour alone: it is outlined, and the feedback quotes the
    words)."""
    return _marked(value, words, "sim-mark spot-tell", "spot-tell", gettext("This is the tell:"))


@register.simple_tag(takes_context=True)
def public_url(context, page):
    """The lesson's public address, to pass on (see ``education.sharing``)."""
    return sharing.public_url(page, context.get("request"))


@register.simple_tag
def qr_code(url, label):
    """A QR code of ``url``, inline SVG named ``label`` for screen readers."""
    return sharing.qr_svg(url, label) if url else ""


@register.simple_tag(takes_context=True)
def keep_text_size(context, url):
    """``url`` with ``text=large`` kept when this page was opened asking for large text."""
    return carry_large_text(context.get("request"), url)
