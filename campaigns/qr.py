"""Short URLs and QR codes for tracking links, made with segno.

A short URL is ``<public base URL>/go/<code>``. The base is the setting ``PUBLIC_BASE_URL``
when it is set (production, where the admin may live on another host), otherwise the root
URL of the default Wagtail site.

The codes are ordinary QR codes (never Micro QR, which phone cameras do not all read) with
error correction M at least (segno raises it when a higher level fits in the same size) and the
4-module quiet zone the standard asks for. The SVG is about 55-60 mm wide, the PNG at least
1,000 pixels, so either prints sharp on a poster and scans from an arm's length away.
"""

import io
import ipaddress
import math
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext
from wagtail.models import Site

ERROR_LEVEL = "m"
QUIET_ZONE = 4  # modules
SVG_TARGET_MM = 60
PNG_MIN_PIXELS = 1000
PNG_DPI = 300
DARK = "#000"
LIGHT = "#fff"

_REQUEST_CACHE_ATTR = "_scamsense_public_base_url"


def public_base_url(request=None):
    """The scheme and host people use to reach the site, without a trailing slash.

    Read once per request when a request is given (listings ask for every row).
    """
    if request is not None and hasattr(request, _REQUEST_CACHE_ATTR):
        return getattr(request, _REQUEST_CACHE_ATTR)
    configured = getattr(settings, "PUBLIC_BASE_URL", None)
    if configured:
        base = str(configured).rstrip("/")
        if not base.startswith(("https://", "http://")):
            raise ImproperlyConfigured(
                "PUBLIC_BASE_URL must start with https:// (or http://), e.g. https://example.org"
            )
    else:
        site = (
            Site.objects.filter(is_default_site=True).first()
            or Site.objects.order_by("pk").first()
        )
        if site is None:
            raise ImproperlyConfigured(
                "Short URLs need PUBLIC_BASE_URL or a default Wagtail site."
            )
        base = site.root_url.rstrip("/")
    if request is not None:
        setattr(request, _REQUEST_CACHE_ATTR, base)
    return base


def _is_local(hostname):
    if hostname == "localhost" or hostname.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def base_url_problems(request=None):
    """Why the printed short URLs may not reach people: messages for the link tools and the
    poster. PUBLIC_BASE_URL unset (the default Site's address is used, on a fresh install
    http://localhost), a local address no phone can open, or another host than the one the
    admin is reached at."""
    base = public_base_url(request)
    parts = urlsplit(base)
    problems = []
    if not getattr(settings, "PUBLIC_BASE_URL", None):
        problems.append(gettext(
            "PUBLIC_BASE_URL is not set, so short URLs and QR codes use the default site's "
            "address, %(base)s. Set PUBLIC_BASE_URL to the public address before printing."
        ) % {"base": base})
    if _is_local(parts.hostname or ""):
        problems.append(gettext(
            "%(base)s is a local address: a phone that scans this QR code cannot open it."
        ) % {"base": base})
    if request is not None:
        try:
            request_host = request.get_host().lower()
        except Exception:  # noqa: BLE001 - a bad Host was refused before; no warning then
            request_host = ""
        if request_host and parts.netloc.lower() != request_host:
            problems.append(gettext(
                "Short URLs point at %(base)s, but you reached this page at %(host)s. Check "
                "that %(base)s is the site's public address."
            ) % {"base": base, "host": request_host})
    return problems


def short_url(link, request=None):
    """The absolute short URL of a tracking link, as printed and encoded in its QR code."""
    return f"{public_base_url(request)}{link.path}"


def make_qr(url):
    return segno.make_qr(url, error=ERROR_LEVEL)


def _svg_module_mm(qrcode):
    # Quarter-millimetre steps: exact in binary, so segno's background path stays whole.
    width = qrcode.symbol_size(border=QUIET_ZONE)[0]
    return max(1.0, math.floor(SVG_TARGET_MM / width * 4) / 4)


def qr_svg(url):
    """A standalone SVG document (bytes), sized in millimetres for print."""
    qrcode = make_qr(url)
    buffer = io.BytesIO()
    qrcode.save(
        buffer, kind="svg", scale=_svg_module_mm(qrcode), unit="mm", border=QUIET_ZONE,
        dark=DARK, light=LIGHT, title=url, xmldecl=True,
    )
    return buffer.getvalue()


def qr_png(url):
    """A black-on-white PNG (bytes) at least PNG_MIN_PIXELS wide, tagged 300 dpi."""
    qrcode = make_qr(url)
    width = qrcode.symbol_size(border=QUIET_ZONE)[0]
    buffer = io.BytesIO()
    qrcode.save(
        buffer, kind="png", scale=math.ceil(PNG_MIN_PIXELS / width), border=QUIET_ZONE,
        dark=DARK, light=LIGHT, dpi=PNG_DPI,
    )
    return buffer.getvalue()


def qr_svg_inline(url, css_class="qr"):
    """An ``<svg>`` element to put in an HTML page; its size comes from CSS (viewBox only)."""
    return make_qr(url).svg_inline(
        scale=1, border=QUIET_ZONE, dark=DARK, light=LIGHT, omitsize=True,
        svgclass=css_class, lineclass=None,
    )
