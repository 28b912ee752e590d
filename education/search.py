"""Site search over live, public pages (Wagtail's database search backend)."""

import unicodedata
from collections import Counter

from django.conf import settings
from wagtail.models import Page

from page_cache.locales import active_locale_id

from .cjk import query_terms
from .queries import public

MAX_MATCHES = 500
# Terms counted per query: a pasted message of 200 Chinese characters has ~200 bigrams, and
# each counted term costs a search; the first dozen say enough about what is wanted.
MAX_COUNTED_TERMS = 12
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
    best match first.

    Not all-or-nothing: a page matches when it holds at least half as many of the query's
    terms (words, and Chinese bigrams) as the best-matching page does, and pages are ranked
    by how many terms they hold, then by the backend's relevance. So 银行卡冻结 (银行 行卡
    卡冻 冻结) finds the lesson that says 银行卡已被冻结, though 卡冻 is not in it, and a
    Chinese query typed without spaces finds what the same words with spaces find.

    One search when the query is one term (as before); otherwise one for the ranked
    candidates and one per term to count them (the first ``MAX_COUNTED_TERMS`` terms).
    """
    terms = list(dict.fromkeys(search_terms(query).split()))
    if not terms:
        return []
    pages = public(model.objects.live().filter(locale_id=active_locale_id()))
    if len(terms) == 1:
        return [page.pk for page in pages.search(terms[0])[:MAX_MATCHES]]
    terms = terms[:MAX_COUNTED_TERMS]
    ranked = [page.pk for page in pages.search(" ".join(terms), operator="or")[:MAX_MATCHES]]
    held = Counter()
    for term in terms:
        held.update(page.pk for page in pages.search(term, order_by_relevance=False)[:MAX_MATCHES])
    best = max((held[pk] for pk in ranked), default=0)
    kept = [pk for pk in ranked if held[pk] and 2 * held[pk] >= best]
    return sorted(kept, key=lambda pk: -held[pk])  # stable: the backend's order among equals
