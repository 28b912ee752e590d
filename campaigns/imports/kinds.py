"""The two kinds of import, offline events and channel figures: their model, resource and
columns, and the template file a marketer downloads."""

import csv
import io
from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Channel, ChannelFigure, FigureMetric, OfflineEvent, OfflineFormat
from .columns import ImportColumn
from .resources import ChannelFigureResource, OfflineEventResource


def _choices_text(choices):
    return ", ".join(str(value) for value, _label in choices)


def _one_of(choices_class):
    return format_lazy(_("One of: {choices}."), choices=_choices_text(choices_class.choices))


@dataclass(frozen=True)
class ImportKind:
    key: str  # ImportBatch.kind
    model: type
    resource_class: type
    columns: tuple
    label: str
    template_filename: str

    @property
    def required_columns(self):
        return [c.name for c in self.columns if c.required]

    @property
    def column_names(self):
        return [c.name for c in self.columns]


OFFLINE_EVENTS = ImportKind(
    key="offline_events", model=OfflineEvent, resource_class=OfflineEventResource,
    label=_("offline events"), template_filename="offline-events-template.csv",
    columns=(
        ImportColumn("campaign", True, _("The campaign's slug."), "spring-anti-fraud-week"),
        ImportColumn("date", True, _("The day of the event, inside the campaign: YYYY-MM-DD."),
               "2025-03-15"),
        ImportColumn("place", True, _("Where it took place."), "Riverside community centre"),
        ImportColumn("partner", True, _("The partner organisation; may be left empty."),
               "Riverside residents' committee", value_required=False),
        ImportColumn("segment", False, _("The audience's slug, e.g. seniors."), "seniors",
               value_required=False),
        ImportColumn("format", True, _one_of(OfflineFormat), "talk"),
        ImportColumn("attendance", True, _("People counted at the event: a whole number."), "45"),
        ImportColumn("materials_handed_out", False,
               _("Leaflets and cards handed out (reported apart, never added to reach)."),
               "60", value_required=False),
        ImportColumn("notes", False, _("Anything else worth knowing; no personal data."), "",
               value_required=False),
    ),
)

CHANNEL_FIGURES = ImportKind(
    key="channel_figures", model=ChannelFigure, resource_class=ChannelFigureResource,
    label=_("channel figures"), template_filename="channel-figures-template.csv",
    columns=(
        ImportColumn("campaign", True, _("The campaign's slug."), "safe-banking-month-for-seniors"),
        ImportColumn("channel", True, _one_of(Channel), "partner_app"),
        ImportColumn("partner", True, _("The partner or platform that reported the figure."),
               "Partner pharmacy app"),
        ImportColumn("period_start", True, _("First day counted: YYYY-MM-DD."), "2025-04-01"),
        ImportColumn("period_end", True, _("Last day counted: YYYY-MM-DD."), "2025-04-30"),
        ImportColumn("metric", True, _one_of(FigureMetric), "reach"),
        ImportColumn("value", True, _("The figure: a whole number."), "12800"),
        ImportColumn("source", True, _("Who reported it."), "Partner app monthly report"),
        ImportColumn("method", True, _("How the partner counted it."),
               "Unique logged-in users who saw the banner"),
        ImportColumn("evidence_url", False, _("A link to the partner's report."), "",
               value_required=False),
    ),
)

KINDS = {kind.key: kind for kind in (OFFLINE_EVENTS, CHANNEL_FIGURES)}


def template_csv(kind):
    """The header row of a kind's file, UTF-8 with a BOM so Excel shows Chinese correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(kind.column_names)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
