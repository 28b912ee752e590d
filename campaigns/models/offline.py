"""What happens outside the website: offline events and figures partners report.

Both are reported next to online reach, never added to it as if deduplicated.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from education.models import AudienceSegment, LessonPage

from .reach import Campaign, Channel, TrackingLink


def evidence_storage():
    """Evidence files are partners' documents, not public media: they live in the "private"
    storage (PRIVATE_ROOT, or the private bucket), which gives them no URL, and reach a reader
    only through the permission-checked download view (campaigns.views.evidence). A callable,
    so the migration names this function rather than the backend settings chose."""
    return storages["private"]


class ImportBatch(models.Model):
    """One imported file, remembered by its SHA-256 so importing it again adds nothing."""

    kind = models.CharField(max_length=20)
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255)
    rows = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "sha256"], name="one_import_a_file")
        ]

    def __str__(self):
        return f"{self.filename} ({self.imported_at:%Y-%m-%d})"


class OfflineFormat(models.TextChoices):
    TALK = "talk", _("Talk")
    BOOTH = "booth", _("Booth")
    WORKSHOP = "workshop", _("Workshop")
    OTHER = "other", _("Other")


class OfflineEvent(models.Model):
    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="offline_events",
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    partner = models.CharField(_("partner organisation"), max_length=200, blank=True)
    segment = models.ForeignKey(
        AudienceSegment, verbose_name=_("audience"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    format = models.CharField(_("format"), max_length=20, choices=OfflineFormat.choices)
    attendance = models.PositiveIntegerField(
        _("counted attendance"), help_text=_("People counted at the event, not estimated.")
    )
    materials_handed_out = models.PositiveIntegerField(
        _("materials handed out"), default=0,
        help_text=_("Leaflets, cards … reported on their own, never added to reach."),
    )
    lessons = models.ManyToManyField(LessonPage, verbose_name=_("lessons"), blank=True,
                                     related_name="+")
    links = models.ManyToManyField(TrackingLink, verbose_name=_("tracking links"), blank=True,
                                   related_name="+")
    notes = models.TextField(_("notes"), blank=True)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, editable=False,
                                     on_delete=models.SET_NULL, related_name="offline_events")

    class Meta:
        ordering = ["-date", "place"]
        verbose_name = _("offline event")
        verbose_name_plural = _("offline events")

    def __str__(self):
        return f"{self.date} · {self.place}"

    def clean(self):
        campaign = self.campaign
        if campaign and self.date and not campaign.starts_on <= self.date <= campaign.ends_on:
            raise ValidationError({"date": _(
                "The date is outside the campaign (%(start)s to %(end)s)."
            ) % {"start": campaign.starts_on, "end": campaign.ends_on}})


class FigureMetric(models.TextChoices):
    REACH = "reach", _("People reached")
    IMPRESSIONS = "impressions", _("Impressions")
    VIEWS = "views", _("Views")
    CLICKS = "clicks", _("Clicks")
    PARTICIPANTS = "participants", _("Participants")


class ChannelFigure(models.Model):
    """A figure a partner or platform reports, kept with its source and counting method."""

    campaign = models.ForeignKey(Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE,
                                 related_name="channel_figures")
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    partner = models.CharField(_("partner or platform"), max_length=200)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    metric = models.CharField(_("metric"), max_length=20, choices=FigureMetric.choices)
    value = models.PositiveBigIntegerField(_("value"), validators=[MinValueValidator(0)])
    source = models.CharField(_("source"), max_length=200,
                              help_text=_("Who reported it, e.g. 'Partner app monthly report'."))
    method = models.TextField(_("counting method"),
                              help_text=_("How the partner counted it (unique users, visits …)."))
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(_("evidence file"), upload_to="evidence/", blank=True,
                                     storage=evidence_storage)
    import_batch = models.ForeignKey(ImportBatch, null=True, blank=True, editable=False,
                                     on_delete=models.SET_NULL, related_name="channel_figures")

    class Meta:
        ordering = ["-period_start", "partner"]
        verbose_name = _("channel figure")
        verbose_name_plural = _("channel figures")

    def __str__(self):
        return f"{self.partner}: {self.value} {self.get_metric_display()}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
