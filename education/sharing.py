"""What a lesson's "Share" box and its printed one-pager need: the lesson's public address
and a QR code of it, drawn here as inline SVG with segno (no outside service).

The address is the canonical one people should pass on: ``PUBLIC_BASE_URL`` when it is set
(production), else the page's full URL from its Wagtail site. The QR code of an address never
changes, so each is drawn once per process and cache generation (``generation_memo``):
a page view costs no query and no drawing.
"""

import segno
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from page_cache.memo import generation_memo

QR_ERROR_LEVEL = "m"  # as campaigns' poster codes: scans even when a little smudged
QR_QUIET_ZONE = 4  # modules, as the standard asks


def public_url(page, request=None):
    """The address of ``page`` to pass on (absolute, without query or fragment)."""
    parts = page.get_url_parts(request)
    if parts is None:
        return ""
    _site_id, root_url, path = parts
    base = (getattr(settings, "PUBLIC_BASE_URL", "") or "").rstrip("/") or root_url
    return base + path


def qr_svg(url, label):
    """A QR code of ``url`` as inline SVG, announced as an image named ``label``."""

    def draw():
        code = segno.make(url, error=QR_ERROR_LEVEL, micro=False)
        return code.svg_inline(
            scale=1, border=QR_QUIET_ZONE, omitsize=True, light="#fff", svgclass="qr-code"
        )

    svg = generation_memo(f"qr-svg:{url}", draw)
    return mark_safe(
        svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    )
