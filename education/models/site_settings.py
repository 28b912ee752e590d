"""Site-wide settings editors manage under Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField


class ReportChannelBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=100, label=_("Who to contact"))
    phone = blocks.CharBlock(max_length=40, required=False, label=_("Phone number"))
    url = blocks.URLBlock(required=False, label=_("Web address"))
    note = blocks.CharBlock(max_length=200, required=False, label=_("When to use it"))

    class Meta:
        icon = "phone"
        label = _("Reporting channel")


@register_setting(icon="warning")
class ReportScamSettings(BaseGenericSetting):
    """The "how to report a scam" box shown on every lesson."""

    heading = models.CharField(_("heading"), max_length=100, default=_("How to report a scam"))
    advice = RichTextField(
        _("advice"), blank=True, features=["bold", "ol", "ul", "link"],
        help_text=_("What to do first, in a few short steps."),
    )
    channels = StreamField(
        [("channel", ReportChannelBlock())], blank=True, verbose_name=_("reporting channels")
    )

    panels = [FieldPanel("heading"), FieldPanel("advice"), FieldPanel("channels")]

    class Meta:
        verbose_name = _("how to report a scam")
