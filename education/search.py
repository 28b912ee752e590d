"""Site search over live, public pages (Wagtail's database search backend)."""

import unicodedata

from django.conf import settings
from wagtail.models import Page

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


def search_page_ids(query, model=Page):
    """Ids of live, public pages of ``model`` matching ``query``, best match first."""
    matches = model.objects.live().public().search(query, operator="and")
    return [page.pk for page in matches[:MAX_MATCHES]]
