"""Partner sites that may show a tracking link's lesson in a frame: their origins.

A tracking link lists, one a line, the origins (scheme, host, optional port) allowed to embed
its lesson (``TrackingLink.embed_origins``). They become the embed page's
``Content-Security-Policy: frame-ancestors`` (``campaigns/views/embed.py``), so each must be
exactly what a browser compares: no path, query, fragment, user name or wildcard. ``https``
only; ``http`` for ``localhost``, ``127.0.0.1`` and ``[::1]`` alone, so that a partner can try
the snippet on a computer before publishing it. Origins are normalised (lower case, the
host in ASCII (IDNA), the scheme's default port left out, one trailing slash dropped,
duplicates removed) so that what is stored is what the header says.
"""

import html
import ipaddress
import re

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, ngettext

MAX_EMBED_ORIGINS = 10
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
DEFAULT_PORTS = {"https": "443", "http": "80"}
# scheme://host[:port][/]: the host a DNS name, an IPv4 address or a bracketed IPv6 address.
ORIGIN_RE = re.compile(
    r"^(?P<scheme>[a-z][a-z0-9+.-]*)://(?P<host>\[[0-9a-f:.]+\]|[^/?#:@\[\]\s]+)"
    r"(?::(?P<port>[0-9]{1,5}))?/?$",
    re.IGNORECASE,
)
LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _host(raw):
    """The host in ASCII lower case, or None when it is not a valid name or address."""
    if raw.startswith("["):
        try:
            ipaddress.IPv6Address(raw[1:-1])
        except ValueError:
            return None
        return "[" + str(ipaddress.IPv6Address(raw[1:-1])) + "]"
    try:
        host = raw.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    if len(host) > 253 or host.endswith("."):
        return None
    labels = host.split(".")
    if not all(LABEL_RE.match(label) for label in labels):
        return None
    if labels[-1].isdigit():  # an IPv4 address, or nothing valid
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return None
    return host


def normalise_origin(line):
    """``line`` as a normalised origin; ValidationError with a message saying what is wrong."""
    text = line.strip()
    if "*" in text:
        raise ValidationError(
            gettext("“%(origin)s”: wildcards are not allowed; list each site's address."),
            code="wildcard", params={"origin": text},
        )
    match = ORIGIN_RE.match(text)
    if match is None:
        raise ValidationError(
            gettext(
                "“%(origin)s” is not an origin. Write the scheme and host only, e.g. "
                "https://partner.example or https://partner.example:8443, without a path."
            ),
            code="not_an_origin", params={"origin": text},
        )
    scheme = match["scheme"].lower()
    host = _host(match["host"])
    if host is None:
        raise ValidationError(
            gettext("“%(origin)s”: the host name is not valid."),
            code="bad_host", params={"origin": text},
        )
    port = match["port"]
    if port is not None and not (port == str(int(port)) and 0 < int(port) < 65536):
        raise ValidationError(
            gettext("“%(origin)s”: the port must be a number from 1 to 65535."),
            code="bad_port", params={"origin": text},
        )
    if scheme != "https" and not (scheme == "http" and host in LOCAL_HOSTS):
        raise ValidationError(
            gettext(
                "“%(origin)s”: partner sites must use https:// (http:// is allowed only for "
                "localhost and 127.0.0.1, for trying the snippet out)."
            ),
            code="not_https", params={"origin": text},
        )
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def parse_embed_origins(text):
    """The normalised origins of ``text`` (one a line, blank lines ignored), in order and
    without duplicates; ValidationError listing every line that is wrong."""
    origins, errors = [], []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        try:
            origin = normalise_origin(line)
        except ValidationError as error:
            errors.append(error)
            continue
        if origin not in origins:
            origins.append(origin)
    if errors:
        raise ValidationError(errors)
    if len(origins) > MAX_EMBED_ORIGINS:
        raise ValidationError(
            ngettext(
                "List at most %(max)d partner site.",
                "List at most %(max)d partner sites.",
                MAX_EMBED_ORIGINS,
            ),
            code="too_many", params={"max": MAX_EMBED_ORIGINS},
        )
    return origins


def validate_embed_origins(text):
    parse_embed_origins(text)


def allowed_origins(text):
    """The origins a stored value allows, for the header: every line that is a valid origin
    (a value saved around the form is never trusted), at most MAX_EMBED_ORIGINS."""
    origins = []
    for line in (text or "").splitlines():
        try:
            origin = normalise_origin(line)
        except ValidationError:
            continue
        if origin not in origins:
            origins.append(origin)
    return origins[:MAX_EMBED_ORIGINS]


# --- the snippet marketing gives a partner ---------------------------------------------------

SNIPPET_STYLE = "width:100%;max-width:720px;height:900px;border:0"


def embed_url(link, request=None):
    """The absolute address of a link's embed page, on the public base (campaigns.qr)."""
    from .qr import public_base_url

    return f"{public_base_url(request)}{link.embed_path}"


def embed_snippet(link, request=None):
    """The <iframe> a partner pastes into their page, as plain text (the admin escapes it
    when it shows it). The inline style is in the partner's page, not ours; the title names
    the lesson in the lesson's own language."""
    destination = link.destination
    with translation.override(destination.locale.language_code):
        title = gettext("ScamSense lesson: %(title)s") % {"title": destination.title}
    return (
        f'<iframe src="{html.escape(embed_url(link, request))}" '
        f'title="{html.escape(title)}" loading="lazy" style="{SNIPPET_STYLE}" '
        'allow="clipboard-write; web-share"></iframe>'
    )


def embed_problem(link, check_page=True):
    """Why a partner's frame would stay empty, or None: no origin recorded, or (with
    ``check_page``; a query or two) a destination that is not a live public lesson."""
    from education.models import LessonPage

    if not allowed_origins(link.embed_origins):
        return gettext(
            "Add the partner site's address under “partner sites that may embed the lesson” "
            "and save: until then browsers refuse to show the lesson in another site's frame."
        )
    if not check_page:
        return None
    page = link.destination.specific if link.destination_id else None
    if (not isinstance(page, LessonPage) or not page.live
            or page.get_view_restrictions().exists()):
        return gettext("Only a live, public lesson can be embedded: choose one as destination.")
    return None
