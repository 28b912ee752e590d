"""Template context every public page shares."""

from .localization import section_urls


def public_site(request):
    """``home_url`` and ``library_url`` in the reader's language (no query once cached)."""
    if request.path.startswith("/admin/"):
        return {}
    urls = section_urls()
    return {"home_url": urls["home"], "library_url": urls["library"]}
