"""Template context every public page shares."""

from .navigation import footer_links, section_urls
from .text_size import large_text_requested


def public_site(request):
    """``home_url``, ``library_url`` and the footer's information pages in the reader's
    language (no query once cached), and whether the address asks for large text."""
    if request.path.startswith("/admin/"):
        return {}
    urls = section_urls()
    return {
        "home_url": urls["home"], "library_url": urls["library"],
        "footer_links": footer_links(),
        "large_text_requested": large_text_requested(request),
    }
