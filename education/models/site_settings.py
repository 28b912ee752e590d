"""Site-wide content editors manage under Settings: the "how to report a scam" box.

It used to be a Wagtail setting (``ReportScamSettings``), but settings cannot be translated
with wagtail-localize. It is now a translatable snippet with one entry per language: the
default language's entry is the original, and editors translate it with wagtail-localize
("Translate" in the listing) like every other piece of content. The Settings menu item
"How to report a scam" opens it (see education.wagtail_hooks), and the editors who could
change the setting can change it (reviews migration 0006). Pages show the entry in the
reader's language, else the default language's (education.templatetags.education_tags).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import TranslatableField


class ReportChannelBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=100, label=_("Who to contact"))
    phone = blocks.CharBlock(max_length=40, required=False, label=_("Phone number"))
    url = blocks.URLBlock(required=False, label=_("Web address"))
    note = blocks.CharBlock(max_length=200, required=False, label=_("When to use it"))

    class Meta:
        icon = "phone"
        label = _("Reporting channel")


class ReportScamBox(TranslatableMixin, models.Model):
    """The "how to report a scam" box shown on every lesson: one entry per language."""

    heading = models.CharField(_("heading"), max_length=100, default=_("How to report a scam"))
    advice = RichTextField(
        _("advice"), blank=True, features=["bold", "ol", "ul", "link"],
        help_text=_("What to do first, in a few short steps."),
    )
    channels = StreamField(
        [("channel", ReportChannelBlock())], blank=True, verbose_name=_("reporting channels")
    )

    panels = [FieldPanel("heading"), FieldPanel("advice"), FieldPanel("channels")]
    translatable_fields = [
        TranslatableField("heading"), TranslatableField("advice"), TranslatableField("channels"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("how to report a scam")
        verbose_name_plural = _("how to report a scam")
        constraints = [
            models.UniqueConstraint(fields=["locale"], name="one_report_box_per_language")
        ]

    def __str__(self):
        language = self.locale.get_display_name() if self.locale_id else ""
        return f"{self.heading} ({language})" if language else self.heading

    def clean(self):
        super().clean()
        if self.locale_id and (
            type(self).objects.filter(locale_id=self.locale_id).exclude(pk=self.pk).exists()
        ):
            raise ValidationError(
                _("This language already has its “How to report a scam” box: edit that one.")
            )
