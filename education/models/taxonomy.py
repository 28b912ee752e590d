"""How lessons are classified: audience segments, series and scam-type tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AudienceSegment(index.Indexed, models.Model):
    """A group the site speaks to (seniors, new residents, small businesses …)."""

    ICON_CHOICES = [
        ("senior", _("Older person")),
        ("home", _("New home")),
        ("shop", _("Shop")),
        ("student", _("Student")),
        ("family", _("Family")),
        ("person", _("Person")),
    ]

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    tagline = models.CharField(
        _("tagline"), max_length=140, blank=True,
        help_text=_("One short line shown on the home page button, e.g. 'For seniors'."),
    )
    description = models.TextField(
        _("description"), blank=True,
        help_text=_("A few plain sentences for the top of this audience's landing page."),
    )
    icon = models.CharField(_("icon"), max_length=20, choices=ICON_CHOICES, default="person")
    large_text_default = models.BooleanField(
        _("large text by default"), default=False,
        help_text=_("Show this audience's landing page in larger text (e.g. for seniors)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("tagline"),
        FieldPanel("description"),
        FieldPanel("icon"),
        FieldPanel("large_text_default"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("audience segment")
        verbose_name_plural = _("audience segments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("audience", kwargs={"slug": self.slug})


class Series(index.Indexed, models.Model):
    """A recurring content line, such as "Consumer Protection Notebook"."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name


class ScamType(TagBase):
    """A scam-type tag (phishing, fake loan, impersonation …).

    A managed list: editors pick existing scam types on a lesson (``free_tagging = False``)
    and add new ones under Snippets, so reports and filters never split on spelling.
    """

    free_tagging = False
    description = models.CharField(_("description"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("scam type")
        verbose_name_plural = _("scam types")
