"""Spot the scam: a series of messages, some genuine and some fraudulent, to mark one by one.

In the spirit of a phishing quiz: each message wears one of the scenario player's channel
skins (a text, a phone call, an e-mail); the learner marks it "Safe" or "Scam", and the
feedback highlights the exact words that tell the two apart ("the tell"). The lesson keeps
its messages in a StreamField (3 to 10, see ``education.blocks.SpotMessagesBlock``), so a
revision holds the whole quiz and wagtail-localize translates it like a scenario's steps.

Played without JavaScript through its own routes (RoutablePageMixin):

- ``/lessons/<slug>/``: the instructions and message 1, with a "Safe" / "Scam" form;
- ``message/<n>/``: message *n* and its form; ``message/<n>/?answer=scam|safe``: the
  feedback for that answer, the tell marked in the message, and a link to the next message;
- ``result/``: the score and every message's answer and tell.

The learner's results so far travel in the ``r`` query parameter, one digit a message ("1"
right, "0" wrong): nothing is stored on the server and no cookie is set, so every screen is
a plain GET the page cache can keep. A malformed ``r`` is ignored (the screens work without
the score); an ``answer`` other than ``scam`` or ``safe`` is ignored (the question is shown
again); a message number out of range is a 404. ``site/static/js/spot-quiz.js`` plays the
same screens in place.

A translation whose tell is no longer written in its message (the translator worded them
differently) still plays: the feedback quotes the tell without a mark in the message; the
"Lesson translations" report lists such translations as out of date.
"""

import re
from dataclasses import dataclass, field

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import (
    SPOT_CHANNELS,
    SPOT_MAX_MESSAGES,
    SPOT_SCAM,
    SpotMessagesBlock,
    tell_fields,
)
from ..choices import LessonFormat
from ..embedding import lesson_url
from ..text_size import carry_large_text, large_text_requested
from .lessons import LESSON_TEXT_FEATURES, LessonPage

ANSWER_PARAM = "answer"
RESULTS_PARAM = "r"
ANSWERS = ("scam", "safe")
SCREEN_ANCHOR = "spot-now"  # the id of what is new on a quiz screen
_RESULTS = re.compile(rf"[01]{{0,{SPOT_MAX_MESSAGES}}}")
_CHANNEL_LABELS = dict(SPOT_CHANNELS)


@dataclass
class SpotMessage:
    """One message as the templates show it."""

    number: int
    channel: str
    sender: str
    subject: str
    body: str
    verdict: str  # "scam" or "genuine"
    tell: str
    explanation: str
    # {field name: the tell, where it is marked}: "" for the fields it is not marked in
    mark: dict = field(default_factory=lambda: {"sender": "", "subject": "", "body": ""})

    @property
    def is_scam(self):
        return self.verdict == SPOT_SCAM

    @property
    def channel_label(self):
        return _CHANNEL_LABELS.get(self.channel, "")

    def is_right(self, answer):
        return (answer == "scam") == self.is_scam

    def mark_tell(self):
        """Mark the tell where it first appears (sender, subject on an e-mail, body). True if
        found: a translation whose tell is no longer in its message just shows no mark."""
        value = {"channel": self.channel, "sender": self.sender, "subject": self.subject,
                 "body": self.body}
        for name in tell_fields(value):
            if self.tell and self.tell in value[name]:
                self.mark[name] = self.tell
                return True
        return False


def parse_results(raw, expected):
    """The results so far from ``r`` ([True, False, …]) when they are well formed and as
    many as ``expected``, else None (the screens then show no score)."""
    if raw is None and expected == 0:
        return []
    if raw is None or len(raw) != expected or not _RESULTS.fullmatch(raw):
        return None
    return [digit == "1" for digit in raw]


def results_param(results):
    return "".join("1" if right else "0" for right in results)


def missing_tells(raw_messages):
    """The numbers (1-based) of the messages in a stream's raw data whose tell is not written
    in the message: what a translation that drifted from its tells looks like."""
    missing = []
    for number, child in enumerate(raw_messages or (), start=1):
        value = child.get("value") or {}
        tell = (value.get("tell") or "").strip()
        if not tell or not any(tell in (value.get(name) or "") for name in tell_fields(value)):
            missing.append(number)
    return missing


class SpotTheScamLesson(RoutablePageMixin, LessonPage):
    """A quiz of messages: the learner marks each one safe or a scam, then sees the tell."""

    lesson_format_value = LessonFormat.SPOT

    intro = RichTextField(
        _("before you start"), blank=True, features=LESSON_TEXT_FEATURES,
        help_text=_("Optional: a few plain sentences above the first message. The page "
                    "already explains how the quiz works."),
    )
    messages = StreamField(
        SpotMessagesBlock(), verbose_name=_("messages"),
        help_text=_("3 to 10 messages, some genuine and some scams, in the order they are "
                    "shown. Each says which words tell them apart."),
    )

    template = "education/spot_the_scam.html"
    screen_template = "education/spot_screen.html"

    content_panels = LessonPage.intro_panels + [
        FieldPanel("intro"),
        FieldPanel("messages"),
    ] + LessonPage.classification_panels + LessonPage.closing_panels

    search_fields = LessonPage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = _("spot-the-scam lesson")
        verbose_name_plural = _("spot-the-scam lessons")

    # ----------------------------------------------------------------------- content

    @cached_property
    def quiz(self):
        """The messages as the templates show them, numbered from 1."""
        return [
            SpotMessage(
                number=number, channel=value.get("channel") or "sms",
                sender=value.get("sender") or "", subject=value.get("subject") or "",
                body=value.get("body") or "", verdict=value.get("verdict") or SPOT_SCAM,
                tell=(value.get("tell") or "").strip(),
                explanation=value.get("explanation") or "",
            )
            for number, value in enumerate(
                (child.value for child in self.messages if child.block_type == "message"),
                start=1,
            )
        ]

    @property
    def message_count(self):
        return len(self.quiz)

    @property
    def body_text(self):
        parts = [strip_tags(self.intro)]
        for message in self.quiz:
            parts += [message.subject, message.body, message.explanation]
        return " ".join(part for part in parts if part)

    def extra_search_text(self):
        return [message.sender for message in self.quiz if message.sender]

    def print_red_flags(self):
        """The one-pager lists what each scam message's tell means."""
        return [message.explanation for message in self.quiz
                if message.is_scam and message.explanation]

    # ----------------------------------------------------------------------- urls

    def _base_url(self, request):
        cache = request.__dict__.setdefault("_spot_base_urls", {})
        if self.pk not in cache:
            cache[self.pk] = lesson_url(self, request)  # /embed/<code>/ inside a frame
        return cache[self.pk]

    def message_url(self, request, number, results=None, anchor=True):
        url = self._base_url(request) + self.reverse_subpage(
            "message", kwargs={"number": number}
        )
        return self._quiz_url(request, url, results, anchor)

    def result_url(self, request, results=None):
        url = self._base_url(request) + self.reverse_subpage("result")
        return self._quiz_url(request, url, results, anchor=True)

    @staticmethod
    def _quiz_url(request, url, results, anchor):
        if results:
            url = f"{url}?{RESULTS_PARAM}={results_param(results)}"
        url = carry_large_text(request, url)
        return url + "#" + SCREEN_ANCHOR if anchor else url

    # ----------------------------------------------------------------------- screens

    def _message(self, number):
        if not 1 <= number <= self.message_count:
            raise Http404
        return self.quiz[number - 1]

    def _question(self, request, number, results):
        """What the "Safe" / "Scam" form of message ``number`` needs."""
        url = self._base_url(request) + self.reverse_subpage(
            "message", kwargs={"number": number}
        )
        return {
            "message": self._message(number),
            # A GET form replaces the action's query: large text and the results so far
            # travel in hidden fields instead.
            "action": f"{url}#{SCREEN_ANCHOR}",
            "results": results_param(results) if results else "",
        }

    def _common(self, request):
        return {
            # every screen's template reads these; each view sets its own
            "question": None, "feedback": None, "result_page": False, "shown": None,
            "number": None, "answer": "", "right": False, "marked": False, "next_url": "",
            "next_is_result": False, "rows": [], "score": None, "results_valid": False,
            "message_count": self.message_count,
            "intro_url": carry_large_text(request, self._base_url(request)),
            "replay_url": self.message_url(request, 1),
            "large_text": large_text_requested(request),
        }

    @path("", name="intro")
    def intro_view(self, request):
        context = self._common(request)
        if self.quiz:
            context["question"] = self._question(request, 1, [])
            context["shown"] = self.quiz[0]
        return self.render(request, context_overrides=context)

    @path("message/<int:number>/", name="message")
    def message_view(self, request, number):
        message = self._message(number)
        results = parse_results(request.GET.get(RESULTS_PARAM), number - 1)
        answer = request.GET.get(ANSWER_PARAM)
        context = self._common(request)
        context.update(number=number, results_valid=results is not None, shown=message)
        if answer not in ANSWERS:
            context["question"] = self._question(request, number, results)
            return self.render(request, template=self.screen_template,
                               context_overrides=context)
        right = message.is_right(answer)
        after = results + [right] if results is not None else None
        last = number == self.message_count
        context.update(
            feedback=message, answer=answer, right=right,
            marked=message.mark_tell(),
            next_url=(self.result_url(request, after) if last
                      else self.message_url(request, number + 1, after)),
            next_is_result=last,
        )
        return self.render(request, template=self.screen_template, context_overrides=context)

    @path("result/", name="result")
    def result_view(self, request):
        if not self.quiz:
            raise Http404
        results = parse_results(request.GET.get(RESULTS_PARAM), self.message_count)
        context = self._common(request)
        rows = [(message, results[index] if results is not None else None)
                for index, message in enumerate(self.quiz)]
        context.update(
            result_page=True, results_valid=results is not None, rows=rows,
            score=sum(results) if results is not None else None,
        )
        return self.render(request, template=self.screen_template, context_overrides=context)

    @path("print/", name="print")
    def print_view(self, request):
        """The one-page summary (see LessonPage.route for the other formats)."""
        return self.render(request, template=self.print_template)
