"""/embed/<code>/: a tracking link's lesson for an <iframe> on a partner's site.

The address names the link, not the page: the link's destination lesson is shown (so a
snippet keeps working when marketing points the link at a newer lesson), its events count
for the link (the page carries the code, ``data-reach-link``), and the frame may be shown
only by the partner origins recorded on *that* link: the response's
``Content-Security-Policy: frame-ancestors`` lists exactly them, or ``'none'``. A scenario's
player routes follow under the same prefix (``/embed/<code>/step/<id>/…``) so the learner
stays inside the frame.

The lesson is rendered by its own ``serve()`` and templates (``education.embedding``), in the
page's own language. Never cached by the page cache or a CDN (``never_cache``; ``/embed/`` is
also a bypass prefix of both): the header depends on the link, which the page cache does not
know about, and a change of the link's origins must apply at once. No cookie is set.
"""

import re

from csp.constants import NONE
from csp.decorators import csp_replace
from django.http import Http404
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from wagtail.contrib.routable_page.models import RoutablePageMixin

from education.embedding import embed_lesson
from education.models import LessonPage
from education.models.lessons import CHECK_SUBPATH
from education.sharing import public_url

from ..models import CODE_PATTERN, TrackingLink

CODE_RE = re.compile(CODE_PATTERN)
# The routes of a routable lesson shown in the frame: its start page and the player without
# JavaScript (a scenario's steps and choices, a spot-the-scam quiz's messages and result).
# Print views open on the full site.
EMBED_ROUTES = ("intro", "step", "choice", "message", "result")


def frame_policy(origins):
    """The ``frame-ancestors`` sources for a link's recorded origins: exactly those, or
    ``'none'`` (no partner recorded: nobody may frame the page)."""
    return {"frame-ancestors": list(origins) or [NONE]}


def _embeddable_lesson(link, request):
    page = link.destination.specific if link.destination_id else None
    if (
        not isinstance(page, LessonPage)
        or not page.live
        or page.get_url(request) is None
        or page.get_view_restrictions().exists()
    ):
        raise Http404("This link has no lesson that can be embedded")
    return page


def _serve(page, request, subpath):
    """The page's own response for ``subpath``: one of EMBED_ROUTES for a routable lesson, or
    ``check/`` (the check questions' answers without JavaScript) for any lesson with them."""
    request.is_preview = False
    if subpath == f"{CHECK_SUBPATH}/":
        if isinstance(page, RoutablePageMixin):
            return page.serve(request, kwargs={"check_answers": True})
        return page.serve(request, check_answers=True)
    if isinstance(page, RoutablePageMixin):
        match = page.resolve_subpage("/" + subpath)  # Resolver404 is an Http404
        if match.url_name not in EMBED_ROUTES:
            raise Http404("Not shown in a frame")
        return page.serve(request, view=match.func, args=match.args, kwargs=match.kwargs)
    if subpath:
        raise Http404("Not shown in a frame")
    return page.serve(request)


@never_cache
@require_safe
def embed(request, code, subpath=""):
    if not CODE_RE.match(code):
        raise Http404("Unknown link")
    link = TrackingLink.objects.select_related("destination").filter(code=code).first()
    if link is None:
        raise Http404("Unknown link")
    page = _embeddable_lesson(link, request)
    embed_lesson(request, page, link.code, link.embed_path, public_url(page, request))

    origins = link.embed_origin_list

    def render():
        with translation.override(page.locale.language_code):
            request.LANGUAGE_CODE = translation.get_language()
            response = _serve(page, request, subpath)
            if hasattr(response, "render"):
                response.render()  # in the page's language, not the visitor's
            response["Content-Language"] = request.LANGUAGE_CODE
        return response

    # django-csp's documented per-view decorators, applied at request time because the
    # policy depends on the link: the project's middleware sees them and builds this
    # response's header on django-csp's own path, never from its per-kind cache.
    policy = frame_policy(origins)
    render = csp_replace(policy)(render)
    render = csp_replace(policy, REPORT_ONLY=True)(render)
    if origins:  # the header decides; X-Frame-Options: DENY would refuse every partner
        render = xframe_options_exempt(render)
    return render()
