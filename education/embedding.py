"""A lesson shown inside a partner site's frame (``/embed/<code>/``).

The embed view (``campaigns/views/embed.py``) serves the lesson with the page's own
``serve()`` and its own templates; before that it puts an ``Embedding`` on the request
(``embed_lesson``). The lesson templates then:

- extend ``embedding.layout`` (``education/embed_base.html``: no site header, footer or
  navigation, an attribution link to the full site, every link opening in a new tab)
  instead of ``base.html``;
- carry the tracking link's code on the reach root (``data-reach-link``), so the page script
  attributes the frame's events to that link without ``?via=`` or storage;
- keep the learner inside the frame on links that stay in the lesson (scenario steps, comic
  panels, in-page anchors) with ``{{ embed.stay }}`` (``target="_self"``).

And ``lesson_url`` gives the lesson's own address inside the frame, so that scenario steps
and comic panels link to ``/embed/<code>/step/…`` instead of the full site.
"""

from dataclasses import dataclass

from django.utils.safestring import mark_safe

LAYOUT = "education/embed_base.html"
REQUEST_ATTR = "lesson_embedding"


@dataclass(frozen=True)
class Embedding:
    page_id: int
    code: str  # the tracking link's code (CODE_PATTERN)
    base_url: str  # the lesson's address in the frame, "/embed/<code>/"
    full_url: str  # the lesson on the full site, for the attribution link
    layout: str = LAYOUT

    @property
    def stay(self):
        """Attribute for a link that stays in the frame (the page's <base> opens a new tab)."""
        return mark_safe(' target="_self"')


def embed_lesson(request, page, code, base_url, full_url):
    setattr(request, REQUEST_ATTR, Embedding(page.pk, code, base_url, full_url))


def embedding(request, page=None):
    """The request's embedding (for ``page``, when given), or None on the full site."""
    found = getattr(request, REQUEST_ATTR, None) if request is not None else None
    if found is None or (page is not None and found.page_id != page.pk):
        return None
    return found


def lesson_url(page, request):
    """The lesson's address: inside the frame when embedded, else its page URL."""
    found = embedding(request, page)
    if found is not None:
        return found.base_url
    return page.get_url(request) or page.url or ""
