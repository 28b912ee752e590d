"""Translate demo pages and terms through wagtail-localize, the way an editor's translation exists.

For each object: its ``TranslationSource`` (the strings wagtail-localize extracts), a
``Translation`` into the target locale, one ``StringTranslation`` per source string (from a
dictionary English → Chinese, see ``content_zh``), then ``Translation.save_target``. The
result is what the admin's "Translate" button and translation editor make: a page or snippet
in the target locale, linked to its source by ``translation_key``, that an editor can open in
the translation editor and sync when the English changes.

``save_target`` quietly falls back to the English text for any string without a translation.
The demo must never ship half-English pages, so every string is looked up first and a missing
one raises ``MissingTranslations`` (listing them all) before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import (
    SegmentOverride,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue

from .content_zh import VERBATIM_FIELDS


@dataclass(frozen=True)
class Missing:
    where: str  # e.g. "ComicLesson refund-screen-share"
    path: str  # the wagtail-localize context path, e.g. "panels.<key>.alt_text"
    text: str  # the English source string


class MissingTranslations(Exception):
    def __init__(self, missing: list[Missing]):
        self.missing = missing
        lines = [f"  {m.where} · {m.path.rsplit('.', 1)[-1]}: {m.text!r}" for m in missing]
        super().__init__(
            f"{len(missing)} demo string(s) have no Chinese in demo/content_zh.py:\n"
            + "\n".join(lines)
        )


def describe(instance) -> str:
    return f"{type(instance).__name__} {getattr(instance, 'slug', '') or instance.pk}"


def _field(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _verbatim(instance, locale) -> dict[str, str]:
    """Strings that keep their source value, by field name (slugs, step ids, links …).

    A page at the top of the tree (the home page) shares its parent with the original, so its
    slug gets the language code appended, as Wagtail's own copy for translation does.
    """
    if isinstance(instance, Page) and instance.depth == 2:
        return {"slug": f"{instance.slug}-{locale.language_code}"}
    return {}


def translated_data(words: dict[str, str], path: str, data: str, verbatim=None) -> str | None:
    """The translation of one source string, in wagtail-localize's stored form, or None.

    ``data`` is the string as wagtail-localize stores it: HTML for a rich-text paragraph
    (inline tags kept), escaped text for a plain field. The dictionary is looked up by the
    HTML first (rich text), then by the plain text.
    """
    field = _field(path)
    if verbatim and field in verbatim:
        return StringValue.from_plaintext(verbatim[field]).data
    if field in VERBATIM_FIELDS:
        return data
    if data in words:
        return StringValue.from_translated_html(words[data]).data
    text = StringValue(data).render_text()
    if text in words:
        return StringValue.from_plaintext(words[text]).data
    return None


def missing_strings(instance, locale, words: dict[str, str]) -> list[Missing]:
    """The source strings of ``instance`` that ``words`` does not translate (no database)."""
    verbatim = _verbatim(instance, locale)
    found = []
    for segment in extract_segments(instance):
        if not isinstance(segment, StringSegmentValue):
            continue
        if translated_data(words, segment.path, segment.string.data, verbatim) is None:
            found.append(Missing(describe(instance), segment.path, segment.render_text()))
    return found


def translate(instance, locale, words: dict[str, str], overrides: dict[str, object] | None = None):
    """Translate ``instance`` into ``locale`` through wagtail-localize; return the translation.

    ``overrides`` replaces non-text values in the translation (an image or video id), by
    wagtail-localize context path (e.g. ``"video"``), as the translation editor's
    "Change image" does: a ``SegmentOverride`` that later syncs keep.

    A page is saved as a draft by ``save_target`` and then published here, rather than with
    ``save_target(publish=True)``, which publishes only once the outermost transaction
    commits (never, inside a test's transaction). Parents must be translated first.
    """
    missing = missing_strings(instance, locale, words)
    if missing:
        raise MissingTranslations(missing)
    verbatim = _verbatim(instance, locale)
    is_page = isinstance(instance, Page)
    with transaction.atomic():
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        done = set(
            StringTranslation.objects.filter(
                locale=locale, context__object_id=source.object_id
            ).values_list("translation_of_id", "context_id")
        )
        new = []
        for segment in source.stringsegment_set.select_related("string", "context"):
            data = translated_data(words, segment.context.path, segment.string.data, verbatim)
            if data is None:  # extract_segments agreed above; the stored source never differs
                raise MissingTranslations(
                    [Missing(describe(instance), segment.context.path, segment.string.data)]
                )
            if (segment.string_id, segment.context_id) not in done:
                done.add((segment.string_id, segment.context_id))
                # In bulk: StringTranslation.save() would re-parse each string to flag bad
                # HTML, which translated_data() has just done.
                new.append(StringTranslation(
                    translation_of=segment.string, locale=locale, context=segment.context,
                    data=data, translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                ))
        StringTranslation.objects.bulk_create(new)
        for segment in source.overridablesegment_set.select_related("context"):
            if segment.context.path in (overrides or {}):
                SegmentOverride.objects.update_or_create(
                    locale=locale, context=segment.context,
                    defaults={"data_json": json.dumps(overrides[segment.context.path])},
                )
        translation.save_target(publish=not is_page)
        target = source.get_translated_instance(locale)
        if is_page:
            target.get_latest_revision().publish()
            target.refresh_from_db()
    return target
