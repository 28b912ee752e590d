"""How grouped rollup rows become the event figures: which rollup event type counts towards
which figure, and per-cent shares. Pure functions over plain data; no queries."""

from education.models import LessonFormat

# The event figures, and the rollup event type each counts (see event_metrics).
EVENT_METRICS = [
    "views", "engaged_views", "video_plays", "video_completions", "comic_completions",
    "scenario_starts", "scenario_completions", "link_opens",
]
DAILY_TYPES = ["any", "view", "engaged", "link_open", "scenario_end"]
NO_KEY = ""  # rows for events without a link / lessons without an audience


def event_metrics(event_type, lesson_format, qualified, raw):
    """What one grouped rollup row adds to the event figures."""
    if event_type == "view":
        return {"views": qualified}
    if event_type == "engaged":
        return {"engaged_views": qualified}
    if event_type == "play" and lesson_format == LessonFormat.VIDEO:
        return {"video_plays": qualified}
    if event_type == "complete" and lesson_format == LessonFormat.VIDEO:
        return {"video_completions": qualified}
    if event_type == "complete" and lesson_format == LessonFormat.COMIC:
        return {"comic_completions": qualified}
    if event_type == "scenario_start":
        return {"scenario_starts": qualified}
    if event_type == "scenario_end":
        return {"scenario_completions": qualified}
    if event_type == "link_open":
        return {"link_opens": raw}
    return {}


def empty_metrics():
    """Every event figure at 0."""
    return dict.fromkeys(EVENT_METRICS, 0)


def add_metrics(target, metrics):
    """Add ``metrics`` into ``target`` (both {figure key: count})."""
    for key, value in metrics.items():
        target[key] += value


def percent(part, whole):
    """part / whole in per cent, one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * part / whole, 1)
