"""Wagtail locale ids by language, remembered per cache generation.

Wagtail's own lookups (``Locale.get_active()``, ``Locale.get_default()``) run a query on every
call; a listing would run dozens. These answer the same question with the locale's id from a
map built once per generation (adding, editing or deleting a locale purges it), so a page
costs no extra query. Only ids are remembered, never a ``Locale`` instance.
"""

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale

from .memo import generation_memo


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
