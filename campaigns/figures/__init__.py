"""Reach figures: the one query package that every report screen, export and the annual report
read, so that no two of them can ever disagree.

It reads the rollups (DailyRollup, DailyScenarioRollup, CampaignReachFigure), offline events
and channel figures only: never the raw events or the visitor sets, whose size grows with the
traffic. Every query here is grouped in the database and the number of queries per call is
fixed (it does not grow with the number of days, events or campaigns).

Everything returns plain data (dataclasses, dicts, lists). ``DEFINITIONS`` says, for every
figure, how it is counted and from which data; the screens print it next to the figures and
the exports carry it on their first sheet.

The package's API is what this module imports below (``__all__``); callers write
``from campaigns import figures`` and use ``figures.campaign_report(…)``. The modules, each
importing only the ones listed before it:

- ``definitions``: DEFINITIONS, a figure's label, the definitions in the reader's language;
- ``counting``: which rollup event counts towards which figure, per-cent shares (no queries);
- ``tables``: ReportTable and ReportColumn, what screens show and exports write;
- ``periods``: Period and the week/year bounds;
- ``lookups``: pages, terms, format/language/channel labels the reports print;
- ``headlines``: a campaign's headline figures, for one campaign or many;
- ``proportions``: confidence intervals (Wilson; Newcombe's for paired data), pure maths;
- ``learning``: learning-check figures (before/after, the change, n, suppression), for the
  campaign report, the annual report's hook figure and the API (import it as a module);
- ``campaign_report``: the campaign report and its breakdowns;
- ``comparison``: several campaigns side by side, listings, the weekly reach panel;
- ``annual_report``: the annual report, and the ``register_annual_report_figure`` hook
  through which other apps (reviews) provide figures without campaigns importing them.
"""

from .annual_report import (
    ANNUAL_FIGURE_HOOK,
    ANNUAL_KINDS,
    AnnualReport,
    annual_report,
    report_years,
)
from .campaign_report import CampaignReport, campaign_report
from .comparison import COMPARISON_KEYS, campaign_overview, comparison, weekly_reach
from .counting import EVENT_METRICS, percent
from .definitions import DEFINITIONS, definitions_in_language, label
from .headlines import Headline, headlines
from .periods import Period, week_bounds
from .tables import ReportColumn, ReportTable

__all__ = [
    "ANNUAL_FIGURE_HOOK", "ANNUAL_KINDS", "AnnualReport", "COMPARISON_KEYS", "CampaignReport",
    "DEFINITIONS", "EVENT_METRICS", "Headline", "Period", "ReportColumn", "ReportTable",
    "annual_report", "campaign_overview", "campaign_report", "comparison",
    "definitions_in_language", "headlines", "label", "percent", "report_years", "week_bounds",
    "weekly_reach",
]
