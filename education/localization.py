"""The reader's language on the public site: locales and translated terms.

(The links that depend on the language — section addresses, footer, language switcher — are
in ``education.navigation``, above the page models; this module sits below them.)

Wagtail's own helpers (``Locale.get_active()``, ``instance.localized``) run a query on every
call; a listing would run dozens. Here the same answers come from maps built once per cache
generation (see ``page_cache.memo.generation_memo``; locale ids: ``page_cache.locales``), so a
page costs no extra query.
"""


from page_cache.locales import active_locale_id, default_locale_id
from page_cache.memo import generation_memo


def _terms_in(model, locale_id):
    label = model._meta.label_lower
    return generation_memo(
        f"terms:{label}:{locale_id}",
        lambda: {term.translation_key: term for term in model.objects.filter(locale_id=locale_id)},
    )


def translated_term(term):
    """``term`` (an audience, series or scam type) in the active language, else itself."""
    locale_id = active_locale_id()
    if term.locale_id == locale_id:
        return term
    return _terms_in(type(term), locale_id).get(term.translation_key, term)


def terms_in_locale(terms, locale_id):
    """``terms`` (of one model) as written in the locale ``locale_id``: each one's translation
    there, or itself when it has none. One query; for indexing, where there is no request."""
    terms = list(terms)
    if not terms:
        return []
    model = type(terms[0])
    found = {
        term.translation_key: term
        for term in model.objects.filter(
            locale_id=locale_id, translation_key__in=[term.translation_key for term in terms]
        )
    }
    return [found.get(term.translation_key, term) for term in terms]


def original_terms(model):
    """The terms lessons are classified with (the default locale's rows), in order."""
    return model.objects.filter(locale_id=default_locale_id())


def term_choices(model):
    """``(slug, label)`` for each term, labelled in the active language."""
    return [(term.slug, translated_term(term)) for term in original_terms(model)]
