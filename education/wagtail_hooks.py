"""Admin screens for what classifies lessons: audiences, series and scam types."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AudienceSegment, RedFlag, ScamType, Series


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
