"""The reader's language on the public site: locales and translated terms.

(The links that depend on the language — section addresses, footer, language switcher — are
in ``education.navigation``, above the page models; this module sits below them.)

Wagtail's own helpers (``Locale.get_active()``, ``instance.localized``) run a query on every
call; a listing would run dozens. Here the same answers come from maps built once per cache
generation (see ``education.page_cache.generation_memo``), so a page costs no extra query.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from wagtail.models import Locale

from .page_cache import BYPASS_PREFIXES, generation_memo


def _locale_ids():
    return generation_memo(
        "locale-ids", lambda: dict(Locale.objects.values_list("language_code", "pk"))
    )


def locale_id_for(language_code):
    """The id of the Wagtail locale for a language code (None if there is no such locale)."""
    ids = _locale_ids()
    if language_code in ids:
        return ids[language_code]
    try:
        code = translation.get_supported_language_variant(language_code)
    except LookupError:
        return None
    return ids.get(code)


def active_locale_id():
    """The locale of the language this request is served in (the default one as fallback)."""
    return locale_id_for(translation.get_language() or settings.LANGUAGE_CODE) or (
        default_locale_id()
    )


def default_locale_id():
    return locale_id_for(settings.LANGUAGE_CODE)


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


def remember_locales():
    """Make Wagtail's ``Locale.objects.get_for_language`` answer from memory.

    Wagtail calls it on every request it routes (``Locale.get_active()``), one query each
    time for a row that changes only when an administrator adds a language. Adding, editing
    or deleting a locale purges the generation, which clears this memory too.
    """
    from wagtail.models.i18n import LocaleManager

    lookup = LocaleManager.get_for_language
    if getattr(lookup, "remembered", False):
        return

    def get_for_language(self, language_code):
        return generation_memo(f"locale:{language_code}", lambda: lookup(self, language_code))

    get_for_language.remembered = True
    LocaleManager.get_for_language = get_for_language


class PublicSiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 redirect outside the public site.

    Wagtail's catch-all page route sits under the language prefixes, so to Django every
    path "exists" with a prefix, and a 404 from the admin, the API or a tracking link would
    be redirected to /en/admin/… . Only the public site's addresses get that redirect.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path.startswith(BYPASS_PREFIXES):
            return response
        return super().process_response(request, response)
