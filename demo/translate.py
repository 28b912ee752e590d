"""Translate demo pages and terms through wagtail-localize, the way an editor's translation exists.

For each object: its ``TranslationSource`` (the strings wagtail-localize extracts), a
``Translation`` into the target locale, a PO file of its strings filled in from the demo's
catalogue (English → Chinese, ``demo/data/zh_Hans.po``, see ``content_zh``) imported with
``Translation.import_po`` as the translation editor's "Upload PO file" does, then
``Translation.save_target``. The result is what the admin's "Translate" button and translation
editor make: a page or snippet in the target locale, linked to its source by
``translation_key``, that an editor can open in the translation editor and sync when the
English changes.

``save_target`` quietly falls back to the English text for any string without a translation.
The demo must never ship half-English pages, so every string is looked up first and a missing
one raises ``MissingTranslations`` (listing them all) before anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import polib
from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import (
    SegmentOverride,
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
            f"{len(missing)} demo string(s) have no Chinese in demo/data/zh_Hans.po:\n"
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


def catalogue(instance, translation, words: dict[str, str], verbatim) -> polib.POFile:
    """The PO file an editor would upload for ``translation`` of ``instance``: every string
    of its source (``msgid``, with its context path as ``msgctxt``) and its Chinese from
    ``words``.

    Built the way wagtail-localize's "Download PO file" builds one
    (``Translation.export_po``), filled in, so ``Translation.import_po`` reads it as it reads
    an uploaded file.
    """
    po = polib.POFile(wrapwidth=200)
    po.metadata = {
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "X-WagtailLocalize-TranslationID": str(translation.uuid),
    }
    segments = translation.source.stringsegment_set.order_by("order")
    for segment in segments.select_related("string", "context"):
        data = translated_data(words, segment.context.path, segment.string.data, verbatim)
        if data is None:  # extract_segments agreed above; the stored source never differs
            raise MissingTranslations(
                [Missing(describe(instance), segment.context.path, segment.string.data)]
            )
        po.append(polib.POEntry(msgid=segment.string.data, msgctxt=segment.context.path,
                                msgstr=data))
    return po


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
        warnings = translation.import_po(catalogue(instance, translation, words, verbatim))
        if warnings:  # the file was built from this very source: nothing can be unknown
            raise ValueError(f"{describe(instance)}: the PO import warned {warnings}")
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
