"""Admin screens for what classifies lessons: audiences, series and scam types."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_localize.views.report import TranslationsReportView

from .localization import original_terms
from .models import AudienceSegment, RedFlag, ReportScamBox, ScamScenario, ScamType, Series
from .scenario_rules import problem_message, problems_in
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


class OriginalTermsMixin:
    """A chooser of the default language's terms, each labelled in the editor's language.

    Scenarios point at the original red flags, like lessons at their audiences: listing
    every language's rows would offer "the same" flag twice and let an editor pick a
    translation, which the model refuses.
    """

    i18n_enabled = False  # one row per term: no locale filter or column

    def get_object_list(self):
        return original_terms(self.model_class)

    @property
    def title_column(self):
        column = super().title_column  # a new column each time: ours to adjust
        column.accessor = lambda term: term.translated.name
        return column


class OriginalTermChooseView(OriginalTermsMixin, ChooseView):
    pass


class OriginalTermChooseResultsView(OriginalTermsMixin, ChooseResultsView):
    pass


class TranslatedTermChosenView(SnippetChosenView):
    def get_display_title(self, instance):
        return instance.translated.name


class OriginalTermChooserViewSet(SnippetChooserViewSet):
    choose_view_class = OriginalTermChooseView
    choose_results_view_class = OriginalTermChooseResultsView
    chosen_view_class = TranslatedTermChosenView


class RedFlagViewSet(SnippetViewSet):
    model = RedFlag
    chooser_viewset_class = OriginalTermChooserViewSet
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


def report_urls(prefix, view, name):
    """A Wagtail report's two addresses: the page, and its results for the filter form."""
    return [
        path(prefix, view.as_view(), name=name),
        path(f"{prefix}results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return report_urls("reports/lesson-translations/", TranslationReportView,
                       "education_translation_report")


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
    return report_urls("localize/reports/translations/", GuardedTranslationsReportView,
                       "education_localize_translations_report")


@hooks.register("construct_reports_menu")
def hide_translations_report_from_other_roles(request, menu_items):
    if can_view_report(request.user):
        return
    url = reverse("wagtail_localize:translations_report")
    menu_items[:] = [item for item in menu_items if item.url != url]


# --- scenario drafts: saved unfinished, with what still blocks publishing as a warning --------


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_an_unfinished_scenario(request, page):
    if not isinstance(page, ScamScenario):
        return None
    problems = problems_in(page.steps)
    if problems:
        messages.warning(request, format_html(
            "{}<ul>{}</ul>",
            gettext("Saved as a draft. Before it can be submitted for review or published:"),
            format_html_join("", "<li>{}</li>", ((problem_message(p),) for p in problems)),
        ))
    return None


# --- the scenario editor: steps chosen from the scenario's own, and the map's styles ----------


@hooks.register("insert_editor_js")
def scenario_editor_js():
    return format_html(
        '<script src="{}" data-choose="{}" data-missing="{}" defer></script>',
        static("education/admin/scenario-editor.js"),
        gettext("Choose the step it leads to"), gettext("no step has this ID"),
    )


@hooks.register("insert_global_admin_css")
def scenario_editor_css():
    return format_html('<link rel="stylesheet" href="{}">',
                       static("education/admin/scenario-editor.css"))
