"""The "Lesson translations" report (Reports menu): which lessons are missing or out of date in
which language.

One row per lesson: the pages of every locale that share a ``translation_key``. The lesson's
source is the locale of its wagtail-localize ``TranslationSource`` (the one with enabled
translations, else the oldest), else the locale of its oldest page (lowest id). Each site
language (``settings.LANGUAGES``) then gets a status:

- ``source``: the page everything else is translated from.
- ``missing``: no page in that language (an alias page that only mirrors the source counts as
  missing: nothing is translated).
- ``draft``: a translated page exists but is not live.
- ``out_of_date``, for a translation synced by wagtail-localize (an enabled ``Translation``):
  the source was published after its last sync (``TranslationSource.last_updated_at``), so
  "Sync translated pages" is due; or strings of the synced source have no translation
  (``StringSegment`` without a ``StringTranslation`` in the language, as
  ``Translation.get_progress`` counts them); or the translated page was not published since
  the last sync. For a page translated without wagtail-localize (Wagtail's
  ``copy_for_translation``, or a translation whose sync was stopped) freshness is unknown: it
  is out of date when the source was published after it, else up to date ("not synced").
- ``up_to_date``: none of the above.

A translated spot-the-scam lesson whose tell is no longer written in its message (the
translator worded the tell and the message differently) is out of date too, with the numbers
of those messages: the quiz still plays, but cannot mark the tell (``education.models.spot``).

Every figure comes from six queries whatever the number of lessons (``lesson_rows``), and one
more when there are spot-the-scam lessons.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
from django.conf import settings
from django.db.models import Count, F
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from staff.views import admin_forbidden

from .choices import LessonFormat
from .models import LessonPage, SpotTheScamLesson
from .models.spot import missing_tells

SOURCE = "source"
UP_TO_DATE = "up_to_date"
OUT_OF_DATE = "out_of_date"
MISSING = "missing"
DRAFT = "draft"

STATUS_LABELS = {
    SOURCE: _("Source"),
    UP_TO_DATE: _("Up to date"),
    OUT_OF_DATE: _("Out of date"),
    MISSING: _("Missing"),
    DRAFT: _("Draft"),
}
# What a translation can be (the source is not a translation status to filter on).
STATUS_CHOICES = [(key, STATUS_LABELS[key]) for key in (MISSING, OUT_OF_DATE, DRAFT, UP_TO_DATE)]
# Wagtail's status tag colours: primary (green) for fine, secondary for the rest.
STATUS_CLASSES = {
    SOURCE: "w-status--primary", UP_TO_DATE: "w-status--primary",
    OUT_OF_DATE: "w-status--label", MISSING: "w-status--label", DRAFT: "",
}

VIEW_PERMISSIONS = ["add", "change", "publish"]  # any page permission: the content roles


def can_view_report(user):
    """Editors, reviewers and administrators (anyone with a page permission); not Marketing."""
    return user.is_active and PagePermissionPolicy(Page).user_has_any_permission(
        user, VIEW_PERMISSIONS
    )


def refuse_report(request):
    """The 403 page for a role without a translation report (ours or wagtail-localize's)."""
    return admin_forbidden(
        request, gettext("No access to the translation report"), gettext(
            "The translation report is for editors, reviewers and administrators: "
            "people who can work on lesson pages. Ask an administrator if you need it."
        ),
    )


@dataclass
class Cell:
    """One lesson in one language."""

    language: str
    language_name: str
    status: str
    page_id: int | None = None
    live: bool = False
    synced: bool = False  # kept in sync by wagtail-localize
    untranslated: int | None = None  # strings without a translation (synced only)
    source_changed: bool = False  # the source was published after its last sync
    not_published_since_sync: bool = False
    newer_source: bool = False  # not synced: the source was published after this page
    alias: bool = False
    missing_tells: list = field(default_factory=list)  # spot the scam: message numbers
    details: list = field(default_factory=list)
    edit_url: str = ""
    sync_url: str = ""

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_class(self):
        return STATUS_CLASSES[self.status]


@dataclass
class LessonRow:
    translation_key: str
    title: str
    lesson_format: str
    source_language: str
    source_page_id: int
    cells: list  # [Cell] in the order of settings.LANGUAGES
    translation_source_id: int | None = None

    @property
    def format_label(self):
        if self.lesson_format in LessonFormat.values:
            return LessonFormat(self.lesson_format).label
        return self.lesson_format

    @property
    def source_language_name(self):
        return dict(settings.LANGUAGES).get(self.source_language, self.source_language)

    def cell(self, language):
        return next((c for c in self.cells if c.language == language), None)

    def statuses(self, language=None):
        return {c.status for c in self.cells if language in (None, c.language)}

    def export_dict(self):
        row = {"title": self.title, "format": str(self.format_label),
               "source_language": self.source_language_name}
        for cell in self.cells:
            row[f"status_{cell.language}"] = str(cell.status_label)
            row[f"details_{cell.language}"] = "; ".join(str(d) for d in cell.details)
        return row


def _details(cell):
    details = []
    if cell.alias:
        details.append(gettext("an alias of the source, not a translation"))
    if cell.status not in (SOURCE, MISSING) and not cell.live:
        details.append(gettext("not live"))
    if cell.source_changed:
        details.append(gettext("the source changed since the last sync"))
    if cell.untranslated:
        details.append(ngettext("%(n)s string untranslated", "%(n)s strings untranslated",
                                cell.untranslated) % {"n": cell.untranslated})
    if cell.not_published_since_sync:
        details.append(gettext("not published since the last sync"))
    if cell.newer_source:
        details.append(gettext("the source was published after this translation"))
    if cell.status not in (SOURCE, MISSING) and not cell.synced:
        details.append(gettext("not synced by wagtail-localize: freshness unknown"))
    if cell.missing_tells:
        details.append(ngettext(
            "the tell of message %(numbers)s is not in the translated message",
            "the tells of messages %(numbers)s are not in the translated messages",
            len(cell.missing_tells),
        ) % {"numbers": ", ".join(str(n) for n in cell.missing_tells)})
    return details


def _languages():
    return [(code, str(name)) for code, name in settings.LANGUAGES]


def lesson_rows(lesson_format=None):
    """[LessonRow] for every lesson (of one format if given), in six queries (seven with
    spot-the-scam lessons)."""
    locales = dict(Locale.objects.values_list("pk", "language_code"))  # 1
    pages = LessonPage.objects.order_by("pk")
    if lesson_format:
        pages = pages.filter(lesson_format=lesson_format)
    pages = list(pages.values(  # 2
        "pk", "title", "draft_title", "locale_id", "translation_key", "live", "lesson_format",
        "alias_of_id", "last_published_at",
    ))
    keys = {page["translation_key"] for page in pages}
    key_query = LessonPage.objects.values("translation_key")
    if lesson_format:
        key_query = key_query.filter(lesson_format=lesson_format)
    sources = list(
        TranslationSource.objects.filter(object_id__in=key_query).order_by("created_at", "pk")
        .values("pk", "object_id", "locale_id", "last_updated_at")  # 3
    ) if pages else []
    source_ids = [s["pk"] for s in sources]
    translations = {
        (t["source_id"], t["target_locale_id"]): t
        for t in Translation.objects.filter(source_id__in=source_ids)
        .values("source_id", "target_locale_id", "enabled")  # 4
    } if source_ids else {}
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids).order_by().values("source_id")
        .annotate(n=Count("pk")).values_list("source_id", "n")  # 5
    ) if source_ids else {}
    done = {
        (row["source_id"], row["locale"]): row["n"]
        for row in StringSegment.objects.filter(  # 6: as Translation.get_progress counts
            source_id__in=source_ids, string__translations__context_id=F("context_id"),
            string__translations__has_error=False,
        ).order_by().values("source_id", locale=F("string__translations__locale_id"))
        .annotate(n=Count("pk", distinct=True))
    } if source_ids else {}

    spot_ids = [page["pk"] for page in pages
                if page["lesson_format"] == LessonFormat.SPOT and not page["alias_of_id"]]
    tells = {
        pk: missing_tells(messages.raw_data)
        for pk, messages in SpotTheScamLesson.objects.filter(pk__in=spot_ids)
        .values_list("pk", "messages")  # 7, only with spot-the-scam lessons
    } if spot_ids else {}

    groups = defaultdict(list)
    for page in pages:
        groups[page["translation_key"]].append(page)
    sources_by_key = defaultdict(list)
    for source in sources:
        if source["object_id"] in keys:
            sources_by_key[source["object_id"]].append(source)
    enabled_sources = {source_id for (source_id, _l), t in translations.items() if t["enabled"]}

    rows = []
    for key, group in groups.items():
        by_language = {}
        for page in group:  # a real page wins over an alias in the same language
            language = locales.get(page["locale_id"])
            if language not in by_language or by_language[language]["alias_of_id"]:
                by_language[language] = page
        source = _pick_source(sources_by_key.get(key, []), enabled_sources, by_language, locales)
        if source is not None:
            source_page = by_language[locales[source["locale_id"]]]
        else:
            source_page = min((p for p in group if not p["alias_of_id"]), default=group[0],
                              key=lambda p: p["pk"])
        source_language = locales.get(source_page["locale_id"])
        cells = []
        for language, name in _languages():
            page = by_language.get(language)
            cell = Cell(language, name, MISSING)
            if language == source_language:
                cell.status, cell.page_id, cell.live = SOURCE, page["pk"], page["live"]
            elif page is not None and page["alias_of_id"]:
                cell.alias = True
            elif page is not None:
                cell.page_id, cell.live = page["pk"], page["live"]
                _judge(cell, page, source_page, source, translations, totals, done,
                       locale_id=page["locale_id"])
                cell.missing_tells = tells.get(page["pk"], [])
                if cell.missing_tells and cell.status == UP_TO_DATE:
                    cell.status = OUT_OF_DATE
            cell.details = _details(cell)
            if cell.page_id:
                cell.edit_url = reverse("wagtailadmin_pages:edit", args=(cell.page_id,))
            if cell.synced and source is not None:
                cell.sync_url = reverse("wagtail_localize:update_translations",
                                        args=(source["pk"],))
            cells.append(cell)
        rows.append(LessonRow(
            translation_key=str(key), title=source_page["title"],
            lesson_format=source_page["lesson_format"], source_language=source_language,
            source_page_id=source_page["pk"], cells=cells,
            translation_source_id=source["pk"] if source else None,
        ))
    rows.sort(key=lambda row: (str(row.title).lower(), row.source_page_id))
    return rows


def _pick_source(candidates, enabled_sources, by_language, locales):
    """The TranslationSource whose page still exists, with enabled translations first, then
    the oldest."""
    candidates = [s for s in candidates if locales.get(s["locale_id"]) in by_language
                  and not by_language[locales[s["locale_id"]]]["alias_of_id"]]
    if not candidates:
        return None
    # candidates come oldest first (ordered by created_at): min() keeps the first of equals
    return min(candidates, key=lambda s: s["pk"] not in enabled_sources)


def _judge(cell, page, source_page, source, translations, totals, done, locale_id):
    """Set the status of an existing, non-alias translated page."""
    translation = translations.get((source["pk"], locale_id)) if source else None
    if translation is not None and translation["enabled"]:
        cell.synced = True
        synced_at = source["last_updated_at"]
        published = source_page["last_published_at"]
        cell.source_changed = bool(published and published > synced_at)
        cell.untranslated = totals.get(source["pk"], 0) - done.get((source["pk"], locale_id), 0)
        cell.not_published_since_sync = bool(
            page["live"] and page["last_published_at"] and page["last_published_at"] < synced_at
        )
        stale = cell.source_changed or cell.untranslated or cell.not_published_since_sync
    else:
        mine, theirs = page["last_published_at"], source_page["last_published_at"]
        cell.newer_source = bool(mine and theirs and theirs > mine)
        stale = cell.newer_source
    if not page["live"]:
        cell.status = DRAFT
    else:
        cell.status = OUT_OF_DATE if stale else UP_TO_DATE


def filter_rows(rows, status=None, language=None):
    """Rows where the language (any translated language if none) has the status."""
    if not status and not language:
        return rows
    if not status:
        return [row for row in rows if row.source_language != language]
    return [row for row in rows if status in row.statuses(language or None)]


# --- the admin view ------------------------------------------------------------------------


class TranslationReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES,
                                         empty_label=_("Any status"))
    language = django_filters.ChoiceFilter(label=_("Language"), choices=_languages,
                                           empty_label=_("Any language"))
    lesson_format = django_filters.ChoiceFilter(label=_("Lesson format"),
                                                choices=LessonFormat.choices,
                                                empty_label=_("Any format"))

    class Meta:
        model = LessonPage
        fields = []


class TranslationReportView(ReportView):
    page_title = _("Lesson translations")
    header_icon = "site"
    template_name = "education/admin/translation_report.html"
    results_template_name = "education/admin/translation_report_results.html"
    index_url_name = "education_translation_report"
    index_results_url_name = "education_translation_report_results"
    filterset_class = TranslationReportFilterSet
    paginate_by = 50
    export_filename = "lesson-translations"

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            return refuse_report(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def languages(self):
        return _languages()

    @property
    def list_export(self):
        keys = ["title", "format", "source_language"]
        for code, _name in self.languages:
            keys += [f"status_{code}", f"details_{code}"]
        return keys

    @property
    def export_headings(self):
        headings = {"title": gettext("Lesson"), "format": gettext("Format"),
                    "source_language": gettext("Source language")}
        for code, name in self.languages:
            headings[f"status_{code}"] = gettext("Status (%(language)s)") % {"language": name}
            headings[f"details_{code}"] = gettext("Details (%(language)s)") % {"language": name}
        return headings

    def to_row_dict(self, item):
        return item.export_dict()

    def get_preprocess_function(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            return _csv_safe
        return super().get_preprocess_function(field, value, export_format)

    def get_queryset(self):
        data = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        rows = lesson_rows(lesson_format=data.get("lesson_format") or None)
        return filter_rows(rows, data.get("status") or None, data.get("language") or None)

    def get_filtered_queryset(self):
        return self.get_queryset()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["languages"] = self.languages
        context["can_sync"] = self.request.user.has_perm("wagtail_localize.submit_translation")
        return context


def _csv_safe(value):
    """Text a spreadsheet would run as a formula gets a leading apostrophe."""
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)
