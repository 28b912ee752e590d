"""Where the reader can go in their language: the home and library addresses, the footer's
information pages and the language switcher's alternates.

Answers come from maps built once per cache generation (``page_cache.memo``), so a page
costs no extra query. Above the page models (it lists them); the locale and term helpers it
uses are in ``education.localization``, below them.
"""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from page_cache.locales import active_locale_id, default_locale_id
from page_cache.memo import generation_memo

from .models.index import HomePage, LessonIndexPage
from .models.info import InfoPage


def _first_live_url(model, locale_id):
    page = model.objects.live().filter(locale_id=locale_id).first()
    return page.url if page else None


def section_urls():
    """The home and library addresses in the active language (the default's as fallback)."""
    language = translation.get_language() or settings.LANGUAGE_CODE

    def build():
        locale_id, fallback = active_locale_id(), default_locale_id()
        urls = {}
        for name, model in (("home", HomePage), ("library", LessonIndexPage)):
            urls[name] = _first_live_url(model, locale_id) or _first_live_url(model, fallback)
        urls["home"] = urls["home"] or f"/{language}/"
        return urls

    return generation_memo(f"section-urls:{language}", build)


def footer_links():
    """The information pages (About, Privacy, Contact …) for the footer, in the active
    language: ``[{"title", "url", "lang"}]``, in the order of the page tree.

    Those of the default language with "Show in menus" ticked, each replaced by its live
    translation in the reader's language; one without a translation links to the original,
    marked with its language. Kept per cache generation and language (no query per page).
    """
    language = translation.get_language() or settings.LANGUAGE_CODE

    def build():
        wanted, fallback = active_locale_id(), default_locale_id()
        originals = list(
            InfoPage.objects.live().public().filter(locale_id=fallback, show_in_menus=True)
            .order_by("path")
        )
        translated = {}
        if wanted != fallback and originals:
            translated = {
                page.translation_key: page for page in InfoPage.objects.live().public().filter(
                    locale_id=wanted,
                    translation_key__in=[page.translation_key for page in originals],
                )
            }
        links = []
        for original in originals:
            page = translated.get(original.translation_key)
            lang = "" if page is not None or wanted == fallback else settings.LANGUAGE_CODE
            page = page or original
            links.append({"title": page.title, "url": page.get_url(), "lang": lang})
        return links

    return generation_memo(f"footer-links:{language}", build)


def library_page():
    """The lesson library in the active language, else the default language's (or None)."""
    pages = LessonIndexPage.objects.live().filter(
        locale_id__in=[active_locale_id(), default_locale_id()]
    )
    by_locale = {page.locale_id: page for page in pages}
    return by_locale.get(active_locale_id()) or by_locale.get(default_locale_id())


def hreflang(language_code):
    """BCP 47 spelling for hreflang: zh-hans → zh-Hans."""
    primary, _, script = language_code.partition("-")
    return f"{primary}-{script.title()}" if len(script) == 4 else language_code


def _page_translation_urls(page):
    """{language code: url} of the live, public translations of ``page`` (itself included)."""
    def build():
        translations = (
            Page.objects.live().public().filter(translation_key=page.translation_key)
            .select_related("locale")
        )
        return {other.locale.language_code: other.get_url() for other in translations}

    return generation_memo(f"translations:{page.translation_key}", build)


def _subpage_suffix(request, page_url):
    """What follows the page's own address in the request's path: a scenario's
    ``step/<id>/`` or ``step/<id>/choice/<n>/`` (RoutablePageMixin routes). Translations keep
    the step ids (wagtail-localize keeps them as they are unless an editor changes them), so
    the switcher leads to the same step, and ``?p=`` (kept with the query) to the same place
    in the path. "" on the page itself."""
    if not page_url or not request.path.startswith(page_url):
        return ""
    return request.path[len(page_url):]


def language_alternates(request, page=None):
    """One entry per site language: where this page is in that language.

    ``available`` is False when a page has no live translation in that language; the link
    then goes to that language's library with a note (``?untranslated=1``).
    """
    current = translation.get_language()
    page_urls = _page_translation_urls(page) if page is not None and page.pk else None
    # Filters, panel numbers and search words carry over (slugs are the same in every
    # language); the page number and our own note do not.
    kept = request.GET.copy()
    for name in ("page", "untranslated"):
        kept.pop(name, None)
    query = f"?{kept.urlencode()}" if kept else ""
    subpage = _subpage_suffix(request, page_urls.get(current) if page_urls else None)
    alternates = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            available = True
            if page_urls is not None:
                canonical = page_urls.get(code)
                if canonical is None:
                    available = False
                    sections = section_urls()
                    url = (sections["library"] or sections["home"]) + "?untranslated=1"
                else:
                    url = canonical + subpage + query
            else:
                canonical = translate_url(request.path, code)
                url = canonical + query
        alternates.append({
            "code": code, "name": name, "hreflang": hreflang(code), "url": url,
            "canonical_url": canonical, "available": available, "current": code == current,
        })
    return alternates
