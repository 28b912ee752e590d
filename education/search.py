"""Site search over live, public pages (Wagtail's database search backend)."""

import unicodedata

from django.conf import settings
from wagtail.models import Page

from .cjk import query_terms

MAX_MATCHES = 500
# Characters SQLite FTS5 reads as query syntax; Wagtail passes them through, and an unbalanced
# one ends the query with a database error. Visitors type words, so they become spaces.
FTS_SYNTAX = set('"*^():{}[]')


def clean_query(raw):
    """A visitor's query made safe to search: no control characters, single spaces, and cut
    to SEARCH_QUERY_MAX_LENGTH. Returns the query and whether it had to be cut."""
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Cf", "Cs") or char in FTS_SYNTAX else char
        for char in raw or ""
    )
    text = " ".join(text.split())
    limit = settings.SEARCH_QUERY_MAX_LENGTH
    return text[:limit].strip(), len(text) > limit


def search_terms(query):
    """The words of a cleaned query as the index holds them: Chinese split into bigrams
    (``education.cjk``), and without words that have no letter or digit (a lone "-" or
    "，"): FTS5 reads one as a phrase that matches nothing, and then the whole query does
    (PostgreSQL already ignores them)."""
    return " ".join(
        term for term in query_terms(query).split() if any(char.isalnum() for char in term)
    )


def search_page_ids(query, model=Page):
    """Ids of live, public pages of ``model`` in the reader's language matching ``query``,
    best match first."""
    from .localization import active_locale_id
    from .queries import public

    terms = search_terms(query)
    if not terms:
        return []
    pages = public(model.objects.live().filter(locale_id=active_locale_id()))
    matches = pages.search(terms, operator="and")
    return [page.pk for page in matches[:MAX_MATCHES]]
