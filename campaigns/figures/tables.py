"""The tables the report screens show and the exports write (CSV, XLSX): plain data with the
DEFINITIONS keys of what they count, and the column sets several reports share."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .counting import EVENT_METRICS
from .definitions import DEFINITIONS, label


@dataclass(frozen=True)
class ReportColumn:
    """One column of a ReportTable: its row key, heading and how its values are shown."""

    key: str
    heading: str
    # "text", "int", "pct" (per cent, one decimal), "pp" (percentage points, signed, one
    # decimal) or "date"
    kind: str = "int"
    definition: str | None = None  # a DEFINITIONS key


@dataclass
class ReportTable:
    """One table of a report: what a screen shows and an export writes as one sheet.

    A row is a dict holding each column's key; it may also hold the row's identifiers (a
    lesson's ``page_id``, an audience's ``slug``, a ``channel_code`` …), which screens and
    exports leave out and the read API (reach_api) gives analysts as stable keys."""

    key: str
    title: str
    columns: list
    rows: list
    definition: str | None = None
    note: str = ""

    def definitions(self):
        """The DEFINITIONS keys of the table, its columns and its rows (a row's "key" names
        its figure in tables with one figure per row), in order."""
        keys = [self.definition] if self.definition else []
        keys += [c.definition for c in self.columns if c.definition]
        keys += [row["key"] for row in self.rows
                 if isinstance(row, dict) and row.get("key") in DEFINITIONS]
        return list(dict.fromkeys(keys))


EVENT_COLUMNS = [ReportColumn(key, label(key), "int", key) for key in EVENT_METRICS]

PARTNER_COLUMNS = [
    ReportColumn("partner", _("Partner or platform"), "text"),
    ReportColumn("channel_label", _("Channel"), "text"),
    ReportColumn("metric_label", _("Metric"), "text"),
    ReportColumn("value", _("Value"), "int", "partner_figures"),
    ReportColumn("period_start", _("Period start"), "date"),
    ReportColumn("period_end", _("Period end"), "date"),
    ReportColumn("source", _("Source"), "text"),
    ReportColumn("method", _("Counting method"), "text"),
    ReportColumn("evidence", _("Evidence"), "text"),
]
