"""Admin screens for what classifies lessons: audiences, series and scam types."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_localize.views.report import TranslationsReportView

from .models import AudienceSegment, RedFlag, ReportScamBox, ScamType, Series
from .translation_report import (
    TranslationReportMenuItem,
    TranslationReportView,
    can_view_report,
    refuse_report,
)


class AudienceSegmentViewSet(SnippetViewSet):
    model = AudienceSegment
    icon = "group"
    menu_label = _("Audiences")
    list_display = ["name", "slug", "tagline", "large_text_default"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class SeriesViewSet(SnippetViewSet):
    model = Series
    icon = "list-ul"
    menu_label = _("Series")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ScamTypeViewSet(SnippetViewSet):
    model = ScamType
    icon = "tag"
    menu_label = _("Scam types")
    list_display = ["name", "slug", "description"]
    search_fields = ["name"]


class RedFlagViewSet(SnippetViewSet):
    model = RedFlag
    icon = "warning"
    menu_label = _("Red flags")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class LessonTaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Lesson library")
    menu_icon = "folder-open-inverse"
    menu_order = 210
    items = (AudienceSegmentViewSet, SeriesViewSet, ScamTypeViewSet, RedFlagViewSet)


register_snippet(LessonTaxonomyGroup)


# --- "How to report a scam" (Settings menu) ----------------------------------------------------


class ReportScamBoxViewSet(SnippetViewSet):
    """The box every lesson shows: one entry per language, translated with wagtail-localize.

    It was a Wagtail setting, which wagtail-localize cannot translate; it stays under Settings.
    """

    model = ReportScamBox
    icon = "warning"
    menu_label = _("How to report a scam")
    menu_name = "report-scam"
    add_to_settings_menu = True
    list_display = ["heading"]


register_snippet(ReportScamBoxViewSet)


@hooks.register("register_admin_urls", order=-1)
def register_old_report_settings_url():
    """The address the box had as a setting still leads to it."""
    return [
        path("settings/education/reportscamsettings/",
             RedirectView.as_view(
                 pattern_name=ReportScamBox.snippet_viewset.get_url_name("list")),
             name="education_report_settings_moved"),
    ]


# --- the lesson translation report (Reports menu) ---------------------------------------------


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return [
        path("reports/lesson-translations/", TranslationReportView.as_view(),
             name="education_translation_report"),
        path("reports/lesson-translations/results/",
             TranslationReportView.as_view(results_only=True),
             name="education_translation_report_results"),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Lesson translations"), reverse("education_translation_report"),
        name="lesson-translations", icon_name="site", order=120,
    )


# --- wagtail-localize's own report (Reports → Translations) ----------------------------------


class GuardedTranslationsReportView(TranslationsReportView):
    """wagtail-localize's report, for the roles that may see ours (it checks no permission)."""

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            return refuse_report(request)
        return super().dispatch(request, *args, **kwargs)


@hooks.register("register_admin_urls", order=-1)
def guard_wagtail_localize_translations_report():
    """Answer wagtail-localize's report addresses first (our hooks run before its own)."""
    return [
        path("localize/reports/translations/", GuardedTranslationsReportView.as_view(),
             name="education_localize_translations_report"),
        path("localize/reports/translations/results/",
             GuardedTranslationsReportView.as_view(results_only=True),
             name="education_localize_translations_report_results"),
    ]


@hooks.register("construct_reports_menu")
def hide_translations_report_from_other_roles(request, menu_items):
    if can_view_report(request.user):
        return
    url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != url]
