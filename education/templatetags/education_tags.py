"""Template tags for the parts every lesson page shares.

Both render through the generation cache (see education.page_cache): related lessons and
the "how to report a scam" box change only when something is published, so their queries
run once per publish instead of on every request. Previews always render fresh.
"""

from django import template
from django.template.loader import render_to_string

from ..models import ReportScamSettings
from ..page_cache import generation_cached

register = template.Library()


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
    from ..models import LessonIndexPage
    from ..queries import featured_lessons_for_home

    return _render_cached(
        context, f"home-featured:{page.pk}:{page.latest_revision_id}",
        "education/includes/home_featured.html",
        lambda: {"featured_lessons": featured_lessons_for_home(page),
                 "library": LessonIndexPage.objects.live().first()},
    )


@register.simple_tag(takes_context=True)
def report_scam_box(context):
    """The site-wide "how to report a scam" box."""
    return _render_cached(
        context, "report-scam", "education/includes/report_scam.html",
        lambda: {"report": ReportScamSettings.load()},
    )
