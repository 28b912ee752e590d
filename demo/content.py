"""The demo content: audiences, series, scam types, red flags, eighteen lessons (twelve, three
practice scenarios and a spot-the-scam quiz per audience) and settings, read from the TOML
files in ``demo/data/``.

The English copy lives in those files (``taxonomy.toml``, ``site.toml``, one file per lesson
in ``lessons/``), for editors to read and diff; this module gives it its shape (the frozen
dataclasses below) and reads it once, at import. The Chinese is in ``data/zh_Hans.po`` (see
``content_zh``). Nothing here touches the database; ``manage.py load_demo_content`` turns it
into pages, snippets, images and videos. Text is written for the people each lesson is for:
short sentences, everyday words, today's real scams, and always a calm next step.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).with_name("data")

# --------------------------------------------------------------------------- taxonomy


@dataclass(frozen=True)
class SegmentData:
    name: str
    slug: str
    tagline: str
    description: str
    icon: str
    large_text_default: bool = False
    sort_order: int = 0


@dataclass(frozen=True)
class SeriesData:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class ScamTypeData:
    name: str
    slug: str
    description: str


# --------------------------------------------------------------------------- lessons


@dataclass(frozen=True)
class Poster:
    """What ``drawing.poster_png`` draws for the lesson card (the title is the lesson's)."""

    subtitle: str
    accent: str
    icon: str


@dataclass(frozen=True)
class CheckQuestionData:
    """A check question asked before and after the lesson; ``right`` is the right answer's
    1-based number."""

    question: str
    answers: tuple[str, ...]
    right: int
    explanation: str

    def as_block(self) -> tuple:
        return ("question", {
            "question": self.question, "explanation": self.explanation,
            "options": [{"text": text, "right": number == self.right}
                        for number, text in enumerate(self.answers, start=1)],
        })


@dataclass(frozen=True, kw_only=True)
class LessonData:
    kind = ""
    title: str
    slug: str
    summary: str
    takeaways: tuple[str, ...]
    tags: tuple[str, ...]
    segments: tuple[str, ...]
    poster: Poster
    series: str | None = None
    related: tuple[str, ...] = ()
    check_questions: tuple[CheckQuestionData, ...] = ()

    @property
    def accent(self) -> str:
        return self.poster.accent


Cue = tuple[float, float, str]

SECONDS_PER_WORD = 0.34
MIN_CUE_SECONDS = 2.5
CUE_GAP = 0.25
LEAD_IN = 1.5  # the title card shows first


def timed_cues(paragraphs: tuple[tuple[str, ...], ...]) -> list[Cue]:
    """Give each caption line time to be read (about three words a second)."""
    cues, t = [], LEAD_IN
    for paragraph in paragraphs:
        for text in paragraph:
            length = max(MIN_CUE_SECONDS, len(text.split()) * SECONDS_PER_WORD)
            length = round(length * 2) / 2  # half seconds keep the caption file tidy
            cues.append((t, t + length, text))
            t += length + CUE_GAP
    return cues


@dataclass(frozen=True, kw_only=True)
class VideoLessonData(LessonData):
    kind = "video"
    script: tuple[tuple[str, ...], ...]  # paragraphs of caption lines
    completion_threshold: int = 90

    @property
    def cues(self) -> list[Cue]:
        return timed_cues(self.script)

    @property
    def transcript(self) -> str:
        return "".join(f"<p>{' '.join(paragraph)}</p>" for paragraph in self.script)


@dataclass(frozen=True)
class Panel:
    scene: str
    caption: str
    speech: tuple[tuple[str, str], ...]
    alt_text: str

    @property
    def dialogue(self) -> str:
        """The words in the panel as text: the caption box, then who says what."""
        return "\n".join([self.caption, *(f"{who}: {text}" for who, text in self.speech)])


@dataclass(frozen=True, kw_only=True)
class ComicLessonData(LessonData):
    kind = "comic"
    panels: tuple[Panel, ...]
    transcript: str = ""


@dataclass(frozen=True, kw_only=True)
class CaseStudyData(LessonData):
    kind = "case"
    story: str
    how_it_worked: str
    red_flags: tuple[str, ...]
    what_to_do: str


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class RedFlagData:
    name: str
    slug: str
    explanation: str


@dataclass(frozen=True)
class Msg:
    """One message in a simulated conversation (see ``education.blocks.MessageBlock``)."""

    text: str
    sender: str = "them"
    name: str = ""
    heading: str = ""
    link: str = ""
    field_label: str = ""
    button_label: str = ""


@dataclass(frozen=True)
class Option:
    """A choice: what the learner can do, where it leads, and the red flag it tests."""

    label: str
    to: str
    safe: bool
    flag: str | None
    feedback: str
    highlight: str = ""  # the words of the step's messages that gave the scam away


@dataclass(frozen=True)
class ScenarioStep:
    id: str
    messages: tuple[Msg, ...]
    choices: tuple[Option, ...]
    question: str = ""


@dataclass(frozen=True)
class ScenarioEnding:
    id: str
    outcome: str  # "safe", "partly" or "scammed"
    headline: str
    debrief: str
    messages: tuple[Msg, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ScenarioData(LessonData):
    kind = "scenario"
    channel: str
    contact_name: str
    contact_detail: str = ""
    situation: str
    steps: tuple[ScenarioStep | ScenarioEnding, ...]


# --------------------------------------------------------------------------- spot the scam


@dataclass(frozen=True)
class SpotMsg:
    """One message of a spot-the-scam lesson (see ``education.blocks.SpotMessageBlock``)."""

    sender: str
    body: str
    verdict: str  # "scam" or "genuine"
    tell: str  # words of the sender, subject or body that tell them apart
    explanation: str
    channel: str = "sms"
    subject: str = ""


@dataclass(frozen=True, kw_only=True)
class SpotLessonData(LessonData):
    kind = "spot"
    messages: tuple[SpotMsg, ...]
    intro: str = ""


# --------------------------------------------------------------------------- site-wide


@dataclass(frozen=True)
class ReportChannel:
    name: str
    phone: str = ""
    url: str = ""
    note: str = ""

    def as_block(self) -> dict:
        return {
            "type": "channel",
            "value": {"name": self.name, "phone": self.phone, "url": self.url,
                      "note": self.note},
        }


@dataclass(frozen=True)
class ReportSettingsData:
    heading: str
    advice: str
    channels: tuple[ReportChannel, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- reading the files


def read_toml(path: Path) -> dict:
    with path.open("rb") as file:
        return tomllib.load(file)


def _tuples(value):
    """TOML arrays as tuples, all the way down (the dataclasses are frozen and hashable)."""
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    return value


def _fields(data: dict) -> dict:
    return {name: _tuples(value) for name, value in data.items()}


def _step(data: dict) -> ScenarioStep | ScenarioEnding:
    """A step of a scenario: an ending if it has an outcome, else a step with choices."""
    data = dict(data)
    messages = tuple(Msg(**msg) for msg in data.pop("messages", ()))
    if "outcome" in data:
        return ScenarioEnding(**_fields(data), messages=messages)
    choices = tuple(Option(**{"flag": None, **option}) for option in data.pop("choices", ()))
    return ScenarioStep(**_fields(data), messages=messages, choices=choices)


LESSON_KINDS = {
    cls.kind: cls for cls in (VideoLessonData, ComicLessonData, CaseStudyData, ScenarioData,
                              SpotLessonData)
}


def read_lesson(path: Path) -> LessonData:
    data = read_toml(path)
    kind = data.pop("kind")
    if kind not in LESSON_KINDS:
        raise ValueError(f"{path}: unknown lesson kind {kind!r}")
    if path.stem != data.get("slug"):
        raise ValueError(f"{path}: the file name must be the lesson's slug ({data.get('slug')!r})")
    data["poster"] = Poster(**data["poster"])
    if "panels" in data:
        data["panels"] = [Panel(**_fields(panel)) for panel in data["panels"]]
    if "steps" in data:
        data["steps"] = [_step(step) for step in data["steps"]]
    if kind == "spot":
        data["messages"] = [SpotMsg(**message) for message in data.get("messages", ())]

    if "check_questions" in data:
        data["check_questions"] = [
            CheckQuestionData(**_fields(question)) for question in data["check_questions"]
        ]
    return LESSON_KINDS[kind](**_fields(data))


def read_lessons(site: dict) -> list[LessonData]:
    """Every lesson file, in the order ``site.toml`` lists them (the order they are created)."""
    files = {path.stem: path for path in (DATA / "lessons").glob("*.toml")}
    unlisted = sorted(set(files) - set(site["lessons"]))
    if unlisted:
        raise ValueError(f"demo/data/lessons/ has files site.toml does not list: {unlisted}")
    missing = [slug for slug in site["lessons"] if slug not in files]
    if missing:
        raise ValueError(f"site.toml lists lessons with no file in demo/data/lessons/: {missing}")
    return [read_lesson(files[slug]) for slug in site["lessons"]]


_taxonomy = read_toml(DATA / "taxonomy.toml")
_site = read_toml(DATA / "site.toml")

SEGMENTS = [SegmentData(**data) for data in _taxonomy["segments"]]
SERIES = [SeriesData(**data) for data in _taxonomy["series"]]
SCAM_TYPES = [ScamTypeData(**data) for data in _taxonomy["scam_types"]]
RED_FLAGS = [RedFlagData(**data) for data in _taxonomy["red_flags"]]

LESSONS: list[LessonData] = read_lessons(_site)
VIDEOS = [lesson for lesson in LESSONS if lesson.kind == "video"]
COMICS = [lesson for lesson in LESSONS if lesson.kind == "comic"]
CASES = [lesson for lesson in LESSONS if lesson.kind == "case"]
SCENARIOS = [lesson for lesson in LESSONS if lesson.kind == "scenario"]
SPOTS = [lesson for lesson in LESSONS if lesson.kind == "spot"]

HOME_INTRO = _site["home_intro"]
# Only used when the library page is missing (migration 0002 normally creates it).
LIBRARY_TITLE = _site["library_title"]
LIBRARY_INTRO = _site["library_intro"]
FEATURED_LESSONS = list(_site["featured_lessons"])
INFO_PAGES = list(_site["info_pages"])  # slugs: demo/data/info_pages/<slug>.toml
REPORT_SCAM = ReportSettingsData(
    heading=_site["report_scam"]["heading"],
    advice=_site["report_scam"]["advice"],
    channels=tuple(ReportChannel(**data) for data in _site["report_scam"]["channels"]),
)
