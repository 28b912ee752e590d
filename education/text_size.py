"""Large text that carries from an audience page into its lessons, with no cookie.

An audience whose segment prefers large text (seniors) links to its lessons with
``?text=large``; a lesson opened that way starts in large text, and its own links (comic
panels, scenario steps) keep the parameter, so the choice lasts through the lesson. It is a
default only: the reader's own choice with the "Larger text" button (kept in localStorage by
``site/static/js/text-size.js``) always wins. Without JavaScript the parameter alone decides.
A query parameter, not a cookie: the anonymous page cache keeps one copy per variant.
"""

TEXT_PARAM = "text"
LARGE = "large"


def large_text_requested(request):
    """Whether the address asks for large text (only the exact value counts)."""
    return request is not None and request.GET.get(TEXT_PARAM) == LARGE


def carry_large_text(request, url):
    """``url`` with ``text=large`` added when this request asked for large text."""
    if not large_text_requested(request):
        return url
    path, hash_mark, fragment = url.partition("#")
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}{TEXT_PARAM}={LARGE}{hash_mark}{fragment}"
