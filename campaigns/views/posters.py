"""Admin downloads for a tracking link: its QR code (SVG, PNG) and a printable A4 poster.

Mounted under /admin/campaigns/<campaign>/links/<link>/ by campaigns.viewsets, so Wagtail's
admin login and admin-access checks run first; here the user also needs one of the tracking
link permissions. A link is only found through its own campaign.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from wagtail.permissions import policy_registry

from education.models import LessonPage

from .. import qr
from ..models import TrackingLink

ANY_PERMISSION = ["add", "change", "delete", "view"]


def _link_for(request, campaign_pk, link_pk):
    policy = policy_registry.get_by_type(TrackingLink)
    if not policy.user_has_any_permission(request.user, ANY_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(
        TrackingLink.objects.select_related("campaign", "destination"),
        pk=link_pk, campaign_id=campaign_pk,
    )


def _download(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def qr_svg(request, campaign_pk, link_pk):
    link = _link_for(request, campaign_pk, link_pk)
    return _download(
        qr.qr_svg(qr.short_url(link, request)), "image/svg+xml",
        f"scamsense-{link.code}.svg",
    )


@require_safe
def qr_png(request, campaign_pk, link_pk):
    link = _link_for(request, campaign_pk, link_pk)
    return _download(
        qr.qr_png(qr.short_url(link, request)), "image/png", f"scamsense-{link.code}.png"
    )


@require_safe
def poster(request, campaign_pk, link_pk):
    """A standalone A4 sheet: the lesson's title and card image, a large QR code, the URL."""
    link = _link_for(request, campaign_pk, link_pk)
    page = link.destination.specific
    url = qr.short_url(link, request)
    return TemplateResponse(request, "campaigns/poster.html", {
        "link": link,
        "campaign": link.campaign,
        "page": page,
        "image": page.listing_image if isinstance(page, LessonPage) else None,
        "short_url": url,
        "base_url_problems": qr.base_url_problems(request),
        "typed_url": url.split("://", 1)[-1],
        # segno's own markup: path data from the URL, nothing an editor typed.
        "qr_svg": mark_safe(qr.qr_svg_inline(url, css_class="poster__qr-code")),  # noqa: S308
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", ""),
    })
