"""How lessons are classified: audience segments, series and scam-type tags.

All three are translatable (wagtail-localize): each translation is a row of its own in its
locale, sharing ``translation_key`` and ``slug`` with the original. Lessons point at the
original rows (the default locale's; wagtail-localize copies the same links to a lesson's
translations), so filters and reports never split by language, and pages show a term in the
reader's language through ``translated`` (one cached map per model and language).
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .localization import translated_term


class TranslatedTerm(TranslatableMixin):
    """A taxonomy term shown in the reader's language."""

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def translated(self):
        """This term in the active language (itself when not translated yet)."""
        return translated_term(self)


class AudienceSegment(index.Indexed, TranslatedTerm, models.Model):
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
    slug = models.SlugField(
        _("slug"), max_length=80,
        help_text=_("Used in addresses (/audiences/<slug>/); the same in every language."),
    )
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
    translatable_fields = [
        TranslatableField("name"), TranslatableField("tagline"),
        TranslatableField("description"), SynchronizedField("slug"), SynchronizedField("icon"),
        SynchronizedField("large_text_default"), SynchronizedField("sort_order"),
    ]

    class Meta(TranslatedTerm.Meta):
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_segment_slug")
        ]
        verbose_name = _("audience segment")
        verbose_name_plural = _("audience segments")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("audience", kwargs={"slug": self.slug})


class Series(index.Indexed, TranslatedTerm, models.Model):
    """A recurring content line, such as "Consumer Protection Notebook"."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=120, help_text=_("The same in every language."),
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"), TranslatableField("description"), SynchronizedField("slug"),
    ]

    class Meta(TranslatedTerm.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_series_slug")
        ]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.name


class ScamType(TranslatedTerm, TagBase):
    """A scam-type tag (phishing, fake loan, impersonation …).

    A managed list: editors pick existing scam types on a lesson (``free_tagging = False``)
    and add new ones under Snippets, so reports and filters never split on spelling. Name and
    slug are unique per language rather than globally, so a translation can exist.
    """

    free_tagging = False
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, allow_unicode=True, help_text=_("The same in every language."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    translatable_fields = [
        TranslatableField("name"), TranslatableField("description"), SynchronizedField("slug"),
    ]

    class Meta(TranslatedTerm.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="unique_scam_type_name"),
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_scam_type_slug"),
        ]
        verbose_name = _("scam type")
        verbose_name_plural = _("scam types")


class TaggedLesson(ItemBase):
    """A lesson's scam type (the through model of ``LessonPage.tags``)."""

    tag = models.ForeignKey(ScamType, related_name="tagged_lessons", on_delete=models.CASCADE)
    content_object = ParentalKey(
        "education.LessonPage", related_name="tagged_items", on_delete=models.CASCADE
    )
