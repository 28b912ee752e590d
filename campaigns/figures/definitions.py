"""What every reach figure counts and from which data: ``DEFINITIONS``, printed next to the
figures on the screens and on the exports' first sheet, and their labels."""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _definition(label, counted, source):
    return {"label": label, "counted": counted, "source": source}


ROLLUP = _("Daily rollups of the raw events (DailyRollup), made by the rollup_reach command.")
REACH_SETS = _(
    "The campaign's deduplicated visitor set, counted by the rollup_reach command "
    "(CampaignReachFigure)."
)
SCENARIO_ROLLUP = _("Daily scenario rollups (DailyScenarioRollup), made by rollup_reach.")
TAG_ROLLUP = _("Daily tag rollups (DailyTagRollup) of the raw events, made by rollup_reach.")

LEARNING_ROLLUP = _("Daily learning rollups (DailyLearningRollup) of the beacon's check "
                    "events, made by rollup_reach.")

# One entry per figure: its label, how it is counted and from which data.
DEFINITIONS = {
    "online_reach": _definition(
        _("Online reach (people)"),
        _("Unique visitor keys with at least one qualified (script-confirmed) event in the "
          "campaign, over the whole campaign. Deduplicated: a person counts once however "
          "often and on however many days they came. It cannot be split by date range: a "
          "date range shows visitor-days instead."),
        REACH_SETS,
    ),
    "visitor_days": _definition(
        _("Visitor-days"),
        _("The sum, over the days of the period, of each day's unique visitors. NOT "
          "deduplicated across days: a person who came on three days counts three times. "
          "Never compare it with online reach as if it were people."),
        ROLLUP,
    ),
    "views": _definition(
        _("Views"),
        _("Qualified view events: page views confirmed by the page script. Bots, link "
          "scanners and HEAD requests never count. A person can view many times."),
        ROLLUP,
    ),
    "engaged_views": _definition(
        _("Engaged views"),
        _("Views where the lesson stayed visible for at least 10 seconds."), ROLLUP,
    ),
    "video_plays": _definition(
        _("Video plays"), _("Play events on video lessons."), ROLLUP,
    ),
    "video_completions": _definition(
        _("Video completions"),
        # xgettext:no-python-format
        _("Complete events on video lessons: the video's completion threshold (90 % unless "
          "set otherwise on the video) was watched."),
        ROLLUP,
    ),
    "comic_completions": _definition(
        _("Comic completions"),
        _("Complete events on comic lessons: the last panel was reached."), ROLLUP,
    ),
    "scenario_starts": _definition(
        _("Scenario starts"), _("Scenario start events (the first step was opened)."), ROLLUP,
    ),
    "scenario_completions": _definition(
        _("Scenario completions"),
        _("Scenario end events: an ending (safe, partly or scammed) was reached."), ROLLUP,
    ),
    "safe_outcome_rate": _definition(
        _("Safe-outcome rate (%)"),
        _("Scenario endings with the outcome 'safe' divided by all scenario endings, in "
          "per cent. Empty when no scenario was completed."),
        SCENARIO_ROLLUP,
    ),
    "link_opens": _definition(
        _("Link opens / QR scans"),
        _("Raw opens of the campaign's tracking links (/go/ redirects), bots excluded. Not "
          "confirmed by the page script and not deduplicated: one person scanning twice "
          "counts twice."),
        ROLLUP,
    ),
    "offline_events": _definition(
        _("Offline events"),
        _("Offline events (talks, booths, workshops …) recorded for the campaign in the "
          "period."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "offline_attendance": _definition(
        _("Offline attendance"),
        _("The sum of the counted attendance of the offline events. People counted at each "
          "event, not estimated; a person at two events counts twice. Reported next to "
          "online reach, never added to it."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "materials_handed_out": _definition(
        _("Materials handed out"),
        _("Leaflets, cards and other materials handed out at offline events. Reported on "
          "their own: they are not people and are never added to reach."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "partner_figures": _definition(
        _("Partner-reported figures"),
        _("Figures partners and platforms reported, per metric, each kept with its source "
          "and counting method. A figure is shown when its period overlaps the selected "
          "dates; it is never split, and never added to online reach."),
        _("Channel figures entered or imported by marketing (ChannelFigure)."),
    ),
    "goal_progress": _definition(
        _("Progress against the goal (%)"),
        _("Online reach divided by the campaign's reach goal, in per cent. Empty when the "
          "campaign has no goal."),
        REACH_SETS,
    ),
    "dimension_reach": _definition(
        _("Reach in this row (people)"),
        _("Unique visitor keys of the campaign that had a qualified event on a lesson of "
          "this row (lesson, tracking link, channel, format or audience), over the whole "
          "campaign. Deduplicated within the row; a person who used two links or read two "
          "lessons counts in both rows, so rows do not add up to the campaign's reach."),
        REACH_SETS,
    ),
    "language_events": _definition(
        _("Events by language"),
        _("Events on the lesson pages of each language (a lesson's language is its page's "
          "language). Every event counts in exactly one language, so the language rows add "
          "up to the campaign's events."),
        ROLLUP,
    ),
    "language_reach": _definition(
        _("Reach in this language (people)"),
        _("Unique visitor keys of the campaign that had a qualified event on a lesson page in "
          "this language, over the whole campaign. Deduplicated within the language only: a "
          "person who read in two languages counts in both rows but once in the campaign's "
          "online reach, so the language rows do not add up to it (they overlap)."),
        REACH_SETS,
    ),
    "segment_events": _definition(
        _("Events by audience"),
        _("Events on lessons aimed at the audience (the lesson's audiences, not the "
          "visitor's: no personal data is collected). A lesson aimed at two audiences "
          "counts in both rows."),
        ROLLUP,
    ),
    "red_flag_rate": _definition(
        _("Red-flag detection rate (%)"),
        _("Safe choices divided by all choices made at scenario steps that test the red "
          "flag, in per cent."),
        SCENARIO_ROLLUP,
    ),
    "red_flag_rate_by_segment": _definition(
        _("Red-flag detection rate by audience (%)"),
        _("As the red-flag detection rate, for the scenarios aimed at each audience (a "
          "scenario aimed at two audiences counts in both)."),
        SCENARIO_ROLLUP,
    ),
    "learning": _definition(
        _("Learning checks"),
        _("Pairs of answers to the same item by the same learner in one browser tab: a "
          "lesson's check question answered before and after the lesson, or a red flag (a "
          "spot-the-scam message) met on the first play and on a replay. Only whether each "
          "answer was right is recorded. Rows pool the lesson's items; a lesson aimed at two "
          "audiences is in both rows. Figures from fewer than 20 pairs are not shown."),
        LEARNING_ROLLUP,
    ),
    "learning_pairs": _definition(
        _("Pairs (n)"),
        _("Completed before/after pairs: one learner's first answer before and their answer "
          "after, per item. Learners who answered only once are not counted."),
        LEARNING_ROLLUP,
    ),
    "learning_before": _definition(
        _("Right before (%)"),
        _("The share of pairs whose first answer (before the lesson, or on the first play) "
          "was right, in per cent, with its 95 % Wilson score interval."),
        LEARNING_ROLLUP,
    ),
    "learning_after": _definition(
        _("Right after (%)"),
        _("The share of pairs whose answer after the lesson (or on the replay) was right, in "
          "per cent, with its 95 % Wilson score interval."),
        LEARNING_ROLLUP,
    ),
    "learning_change": _definition(
        _("Change (percentage points)"),
        # xgettext:no-python-format
        _("Right after minus right before, in percentage points, with a 95 % interval for "
          "paired answers (Newcombe's hybrid score interval, 1998, method 10). An interval "
          "that lies wholly above 0 means the learners answered better afterwards beyond "
          "what chance would explain."),
        LEARNING_ROLLUP,
    ),
    "daily": _definition(
        _("Daily figures"),
        _("Per day (in the site's time zone): unique visitors that day, qualified views, "
          "engaged views, link opens and scenario completions."),
        ROLLUP,
    ),
    # --- the annual report
    "lessons_published": _definition(
        _("Lessons published"),
        _("Lessons first published in the year (in the site's time zone) and live today, by "
          "format."),
        _("The lesson pages (first publication date)."),
    ),
    "campaigns_run": _definition(
        _("Campaigns run"),
        _("Campaigns that started in the year. Each campaign belongs to the year it started "
          "in, so no campaign is counted in two annual reports."),
        _("The campaigns."),
    ),
    "campaign_reach": _definition(
        _("People reached by campaigns (online)"),
        _("The sum of the online reach (deduplicated people) of each campaign that started in "
          "the year. A person reached by two campaigns counts once in each."),
        REACH_SETS,
    ),
    "other_visitor_days": _definition(
        _("Visitor-days outside campaigns (online)"),
        _("The sum of each day's unique visitors who came without a campaign link. Visitor "
          "keys change every day for this traffic, so it cannot be deduplicated across days: "
          "a person who came on three days counts three times."),
        ROLLUP,
    ),
    "offline_reach": _definition(
        _("Offline reach (attendance)"),
        _("The sum of the counted attendance of all offline events held in the year, with or "
          "without a campaign."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "partner_reach": _definition(
        _("Partner-reported reach"),
        _("The sum of the 'people reached' figures partners reported for periods starting in "
          "the year, each with its own source and counting method (listed below). Not "
          "checked or deduplicated by us."),
        _("Channel figures entered or imported by marketing (ChannelFigure)."),
    ),
    "contacts_total": _definition(
        _("Contacts online and offline (not people)"),
        _("People reached by campaigns plus visitor-days outside campaigns plus counted "
          "offline attendance plus partner-reported reach: four differently counted parts, "
          "shown side by side with their kinds. A contact is not a person: the same person "
          "counts once in each campaign that reached them, once for each day they came "
          "without a campaign, once for each event they attended and again in each partner's "
          "figures. Never report this total as a number of people."),
        _("The four parts above."),
    ),
    "scenario_participants": _definition(
        _("Scenario participants"),
        _("The sum, over days, scenarios and links, of the unique visitors who started a "
          "scenario. Not deduplicated: a person who played on two days, or two scenarios, "
          "counts twice."),
        ROLLUP,
    ),
    "views_by_language": _definition(
        _("Views by language"),
        _("Qualified views, video and comic completions and scenario completions in the "
          "year, all traffic (with and without a campaign), by the language of the lesson "
          "page. Events: the language rows add up to the total."),
        ROLLUP,
    ),
    "campaign_reach_by_language": _definition(
        _("People reached by campaigns, by language (online)"),
        _("For each language, the sum over the campaigns that started in the year of the "
          "people each campaign reached on lesson pages in that language (deduplicated within "
          "a campaign and language). A person who read in two languages counts in both rows "
          "but once in the total: the rows overlap and do not add up to it."),
        REACH_SETS,
    ),
    "reviews_completed": _definition(
        _("Compliance reviews completed"),
        _("Consumer-protection review decisions (approved, or changes requested) recorded "
          "in the year. Shown as 'not available yet' until the review workflow is installed."),
        _("The review workflow's decisions (reviews app)."),
    ),
    "tag_breakdown": _definition(
        _("By campaign tag and referring site"),
        _("Qualified events of the campaign by the utm_source or utm_medium tag of the address "
          "the visit landed on, or by the host of the other site the visitor came from "
          "(the page script keeps them for the browser tab). Tags are lower-cased and kept "
          "only when they are letters a-z, digits, '.', '_' or '-', at most 64 characters "
          "and without six digits in a row; anything else counts under 'No tag'. Each "
          "table's rows add up to the campaign's qualified events."),
        TAG_ROLLUP,
    ),
    "tag_visitor_days": _definition(
        _("Visitor-days with the tag"),
        _("The sum, over the days of the period, of each day's unique visitors with that "
          "tag. NOT deduplicated across days, and a person who came with two tags counts in "
          "both rows."),
        TAG_ROLLUP,
    ),
    "tag_events": _definition(
        _("Events"),
        _("Qualified events of every type (views, engaged views, plays, progress, choices …) "
          "with the tag."),
        TAG_ROLLUP,
    ),
    "live_panel": _definition(
        _("Last 30 minutes"),
        _("Qualified events of the campaign received in the last 30 minutes, and their unique "
          "visitor keys (people, deduplicated within the 30 minutes), read straight from the "
          "raw events (not the rollups, which lag by up to one rollup interval). Link opens "
          "are not included."),
        _("Raw events (ReachEvent), through the campaign and time index."),
    ),
    "learning_gain": _definition(
        _("Learning gain"),
        # xgettext:no-python-format
        _("The share of right answers after minus before, in percentage points, over every "
          "pair of answers of the year (all lessons, scenarios and spot-the-scam lessons; "
          "with and without a campaign): the same learner's first answer to a check question "
          "before the lesson and their answer after it, or a red flag or message on a first "
          "play and on a replay. With a 95 % interval for paired answers (Newcombe 1998, "
          "method 10). Not shown for fewer than 20 pairs."),
        LEARNING_ROLLUP,
    ),
    "views_by_format": _definition(
        _("Views by format"),
        _("Qualified views, video and comic completions and scenario completions in the "
          "year, all traffic (with and without a campaign), by lesson format."),
        ROLLUP,
    ),
}


def label(key):
    return DEFINITIONS[key]["label"]


_resolved = {}


def definitions_in_language():
    """DEFINITIONS with the translations looked up (plain strings), once per language: the
    screens print dozens of them, and a lazy string is translated again at every use."""
    language = get_language()
    if language not in _resolved:
        _resolved[language] = {
            key: {"key": key, **{part: str(text) for part, text in entry.items()}}
            for key, entry in DEFINITIONS.items()
        }
    return _resolved[language]

