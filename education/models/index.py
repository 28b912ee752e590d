"""The site's structural pages: the home page and the lesson library."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable, Page

from page_cache.restrictions import RememberedViewRestrictionsMixin

from ..library import library_context
from ..queries import public_segments
from .lessons import LessonPage


class HomePage(RememberedViewRestrictionsMixin, Page):
    """The front door: audience entry points and featured lessons."""

    intro = models.TextField(
        _("introduction"), max_length=400, blank=True,
        help_text=_("A sentence or two under the site title."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["education.LessonIndexPage", "education.InfoPage"]
    # Editors never add a second home page; its translations (one per language) are made
    # with wagtail-localize, which copies the page rather than creating one.
    max_count = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured", label=_("Featured lessons"), max_num=6),
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["segments"] = public_segments()  # featured lessons: {% home_featured_lessons %}
        return context


class HomeFeaturedLesson(Orderable):
    page = ParentalKey(HomePage, related_name="featured", on_delete=models.CASCADE)
    lesson = models.ForeignKey(
        LessonPage, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [PageChooserPanel("lesson", ["education.LessonPage"])]


class LessonIndexPage(RememberedViewRestrictionsMixin, Page):
    """The lesson library at /lessons/: filters, counts, search and pagination."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    parent_page_types = ["education.HomePage"]
    subpage_types = [
        "education.VideoLesson", "education.ComicLesson", "education.ScamScenario",
        "education.CaseStudy", "education.SpotTheScamLesson",
    ]
    max_count_per_parent = 1  # one library per home page, so one per language

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("lesson library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(library_context(request, self, LessonPage.objects))
        return context
