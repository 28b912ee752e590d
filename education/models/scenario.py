"""Simulated-scam scenarios: a branching practice run of a scam on a familiar channel.

``ScamScenario`` keeps its steps in a StreamField (see ``education.blocks`` for why) and is
played without JavaScript through its own routes (RoutablePageMixin):

- ``/lessons/<slug>/``: the situation and a start link;
- ``step/<step-id>/``: one step (the conversation so far, the new messages, the choices);
- ``step/<step-id>/choice/<n>/``: the feedback for choice *n* (the red flag missed, or what
  the learner spotted), with links to continue or to step back;
- an ending is a step too: its page shows the outcome and the debrief.

The learner's path travels in the ``p`` query parameter (see ``education.scenario_graph``):
nothing is stored on the server and no cookie is set. A malformed or impossible path is
ignored (the page still works, without the history and the score); an unknown step is a 404.
``site/static/js/scenario-player.js`` enhances the same pages into an inline conversation.

A scenario whose graph is broken never reaches the public: the admin form refuses to submit
or publish it (a draft may be unfinished: it is saved, with the problems as warnings), the
model refuses it on publish, and if one is stored anyway (an old revision, a data
fix gone wrong) the player answers "not available" (404) to the public and lists the
problems to an editor in preview.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from page_cache.locales import default_locale_id
from page_cache.memo import generation_lru

from .. import scenario_graph as graph
from ..blocks import HIGHLIGHT_FIELDS, ScenarioStepsBlock
from ..choices import LessonFormat
from ..embedding import lesson_url
from ..forms import ScamScenarioForm
from ..localization import terms_in_locale
from ..scenario_rules import graph_from_stream, problem_message
from ..taxonomy import TranslatedTerm
from ..text_size import carry_large_text
from .lessons import LESSON_TEXT_FEATURES, LessonPage

PATH_PARAM = "p"
SCREEN_ANCHOR = "sim-now"  # the id of what is new on a player screen
MESSAGE_IMAGE_RENDITION = "width-640|format-webp"
# Scenario graphs kept in memory per cache generation: every published scenario (a few dozen)
# with room for the drafts editors are previewing.
GRAPHS_REMEMBERED = 256


class RedFlag(index.Indexed, TranslatedTerm, models.Model):
    """A warning sign of a scam ("a link in an unexpected text", "asked to keep it secret").

    A managed list, so that every scenario names the same sign the same way and reports can
    count how often learners spot each one, across scenarios.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=80, help_text=_("The same in every language."))
    explanation = models.TextField(
        _("why it matters"), max_length=600,
        help_text=_("Two or three plain sentences: why this sign means danger. Shown when a "
                    "learner misses it and in the debrief."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("explanation")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    translatable_fields = [
        TranslatableField("name"), TranslatableField("explanation"), SynchronizedField("slug"),
    ]

    class Meta(TranslatedTerm.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_red_flag_slug")
        ]
        verbose_name = _("red flag")
        verbose_name_plural = _("red flags")

    def __str__(self):
        return self.name


class ScamChannel(models.TextChoices):
    """How a scam reaches its victim in a scenario (not a campaign's Channel of a tracking link)."""

    SMS = "sms", _("Text message (SMS)")
    CALL = "call", _("Phone call")
    CHAT = "chat", _("Chat app")
    EMAIL = "email", _("E-mail")
    WEB = "web", _("Web page")
    APP = "app", _("App screen")


# --------------------------------------------------------------------------- what templates get


@dataclass
class PlayMessage:
    sender: str
    name: str
    heading: str
    text: str
    link: str
    field_label: str
    button_label: str
    image: object  # a rendition, or None
    image_alt: str
    audio: object  # a wagtailmedia Media, or None
    key: str = ""  # "<step id>-<n>": the same message on every page of the player
    # {field name: words to highlight in it}, "" for each field with nothing to highlight
    mark: dict = field(default_factory=lambda: dict.fromkeys(HIGHLIGHT_FIELDS, ""))


@dataclass
class PlayChoice:
    number: int
    label: str
    target: str
    safe: bool
    red_flag: object  # RedFlag or None
    feedback: str
    highlight: str = ""  # the words of the step's messages that gave the scam away
    url: str = ""


@dataclass
class PlayStep:
    id: str
    kind: str  # "step" or "ending"
    messages: list
    question: str = ""
    choices: tuple = ()
    outcome: str = ""
    headline: str = ""
    debrief: object = None

    @property
    def is_ending(self):
        return self.kind == "ending"


def mark_giveaway(messages, words):
    """Mark ``words`` (a choice's "what gave it away") where they first appear in
    ``messages``, for the feedback screen to highlight. True if they were found: a
    translation whose highlight no longer matches its messages just shows no mark."""
    if not words:
        return False
    for message in messages:
        for name in HIGHLIGHT_FIELDS:
            if words in (getattr(message, name) or ""):
                message.mark[name] = words
                return True
    return False


class ScenarioMapPanel(Panel):
    """The admin map: every step as a box, every choice as an arrow, endings coloured by
    outcome and steps with a problem outlined in red, with a text list of the same links."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "education/admin/scenario_map.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            steps, _positions = graph_from_stream(getattr(self.instance, "steps", None))
            problems = graph.validate(steps) if steps else []
            context.update(
                steps=steps,
                layout=graph.layout(steps, frozenset(p.step for p in problems if p.step)),
                problems=[problem_message(p) for p in problems],
            )
            return context


class ScamScenario(RoutablePageMixin, LessonPage):
    """A branching simulation of a scam that learners play step by step."""

    lesson_format_value = LessonFormat.SCENARIO

    channel = models.CharField(
        _("channel"), max_length=10, choices=ScamChannel.choices, default=ScamChannel.SMS,
        help_text=_("How the scam reaches the learner: it sets the look of the simulation."),
    )
    contact_name = models.CharField(
        _("contact name"), max_length=80,
        help_text=_("Shown at the top of the simulated screen: the sender's number, the "
                    "caller's name, the chat name, the e-mail sender or the site's address."),
    )
    contact_detail = models.CharField(
        _("contact detail"), max_length=120, blank=True,
        help_text=_("Optional second line, e.g. “Unknown number” or an e-mail address."),
    )
    situation = RichTextField(
        _("the situation"), features=LESSON_TEXT_FEATURES,
        help_text=_("Where the learner is and what is going on when it starts, in a few "
                    "plain sentences."),
    )
    steps = StreamField(
        ScenarioStepsBlock(), verbose_name=_("steps"),
        help_text=_("The first step is where the scenario starts. Each choice leads to "
                    "another step or to an ending, by its Step ID."),
    )

    base_form_class = ScamScenarioForm
    template = "education/scam_scenario.html"
    step_template = "education/scenario_step.html"
    unavailable_template = "education/scenario_unavailable.html"

    content_panels = LessonPage.intro_panels + [
        MultiFieldPanel(
            [FieldPanel("channel"), FieldPanel("contact_name"), FieldPanel("contact_detail")],
            heading=_("Channel"),
        ),
        FieldPanel("situation"),
        FieldPanel("steps"),
        ScenarioMapPanel(heading=_("Scenario map")),
    ] + LessonPage.classification_panels + LessonPage.closing_panels

    search_fields = LessonPage.search_fields + [index.SearchField("situation")]

    class Meta:
        verbose_name = _("scam scenario")
        verbose_name_plural = _("scam scenarios")

    # ----------------------------------------------------------------------- validation

    # Set while a draft is saved (here, and by the admin form for a draft): the graph rules
    # then wait for submitting and publishing.
    defer_graph_rules = False

    def save_revision(self, *args, **kwargs):
        """A draft may hold an unfinished graph: the graph rules wait for publishing."""
        deferred, self.defer_graph_rules = self.defer_graph_rules, True
        try:
            return super().save_revision(*args, **kwargs)
        finally:
            self.defer_graph_rules = deferred

    def clean_fields(self, exclude=None):
        """The graph rules, on the full_clean that publishing runs (also when scheduled or
        approved in a workflow); not on saving a draft revision, so unfinished work can be
        kept. Skipped when the form already refused the steps (then "steps" is excluded), so
        an editor sees each problem once."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        steps_refused = (exclude and "steps" in exclude) or "steps" in errors
        if not self.defer_graph_rules and not steps_refused:
            problems = graph.validate(graph_from_stream(self.steps)[0])  # fresh, never cached
            if problems:
                errors["steps"] = [problem_message(problem) for problem in problems]
        if errors:
            raise ValidationError(errors)

    def clean(self):
        """Also refuse a red flag in another language than the default one (the original
        that choosers offer) or the page's own (which wagtail-localize links a translated
        scenario to)."""
        errors = {}
        try:
            super().clean()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)

        allowed = {default_locale_id(), self.locale_id}
        foreign = sorted({
            choice["red_flag"].name
            for child in self.steps if child.block_type == "step"
            for choice in child.value.get("choices") or ()
            if choice.get("red_flag") is not None and choice["red_flag"].locale_id not in allowed
        })
        if foreign:
            errors.setdefault("steps", []).append(_(
                "Choose the original (default-language) red flag instead of the translation "
                "%(names)s."
            ) % {"names": ", ".join(f"“{name}”" for name in foreign)})
        if errors:
            raise ValidationError(errors)

    # ----------------------------------------------------------------------- the graph

    @cached_property
    def _graph(self):
        """The steps as a pure graph (immutable tuples). Building it converts the whole
        stream, red flags included (a query), on every view of the scenario's intro, so it is
        kept in memory per cache generation, keyed by the stream's content: a published
        scenario's graph is built once, and a preview's draft gets a graph of its own. Every
        preview edit makes a new key, so at most ``GRAPHS_REMEMBERED`` graphs are kept (the
        least recently used dropped first)."""
        raw = json.dumps(list(self.steps.raw_data), sort_keys=True, default=str)
        key = hashlib.sha256(raw.encode()).hexdigest()
        return generation_lru(
            "scenario-graphs", key, lambda: graph_from_stream(self.steps),
            maxsize=GRAPHS_REMEMBERED,
        )

    @property
    def graph_steps(self):
        return self._graph[0]

    @cached_property
    def graph_problems(self):
        return graph.validate(self.graph_steps)

    @cached_property
    def start_step_id(self):
        steps = self.graph_steps
        return steps[0].id if steps else None

    @cached_property
    def _blocks(self):
        """Each step id's block (the first one, if an id were used twice)."""
        found = {}
        for child in self.steps:
            found.setdefault((child.value.get("step_id") or "").strip(), child)
        return found

    @cached_property
    def red_flags(self):
        """The red flags this scenario tests, by slug, in the order they first appear."""
        flags = {}
        for child in self.steps:
            for choice in child.value.get("choices") or ():
                flag = choice.get("red_flag")
                if flag is not None:
                    flags.setdefault(flag.slug, flag)
        return flags

    @property
    def body_text(self):
        parts = [strip_tags(self.situation)]
        for child in self.steps:
            value = child.value
            for message in value.get("messages") or ():
                parts += [message.get("heading") or "", message.get("text") or ""]
            for choice in value.get("choices") or ():
                parts += [choice.get("label") or "", choice.get("feedback") or ""]
            if child.block_type == "ending":
                debrief = value.get("debrief")
                parts += [value.get("headline") or "",
                          strip_tags(getattr(debrief, "source", "") or "")]
        return " ".join(part for part in parts if part)

    def extra_search_text(self):
        """The red flags the scenario tests (name and why it matters, in the scenario's
        language), the questions, links and senders on the simulated screen."""
        parts = [self.contact_name, self.contact_detail]
        for flag in terms_in_locale(self.red_flags.values(), self.locale_id):
            parts += [flag.name, flag.explanation]
        for child in self.steps:
            value = child.value
            parts.append(value.get("question") or "")
            for message in value.get("messages") or ():
                parts += [message.get(name) or "" for name in ("name", "link", "field_label",
                                                                "button_label")]
        return [part for part in parts if part]

    # ----------------------------------------------------------------------- urls

    def _base_url(self, request):
        cache = request.__dict__.setdefault("_scenario_base_urls", {})
        if self.pk not in cache:  # /embed/<code>/ inside a partner's frame
            cache[self.pk] = lesson_url(self, request)
        return cache[self.pk]

    def step_url(self, request, step_id, path=""):
        url = self._base_url(request) + self.reverse_subpage("step", kwargs={"step_id": step_id})
        return self._player_url(request, url, path)

    def choice_url(self, request, step_id, number, path=""):
        url = self._base_url(request) + self.reverse_subpage(
            "choice", kwargs={"step_id": step_id, "number": number}
        )
        return self._player_url(request, url, path)

    @staticmethod
    def _player_url(request, url, path):
        """A player link: the path so far, large text if asked for, and ``#sim-now`` so that
        the browser opens the new screen at what is new (on a phone the conversation so far
        fills several screens above it)."""
        url = f"{url}?{PATH_PARAM}={path}" if path else url
        return carry_large_text(request, url) + "#" + SCREEN_ANCHOR

    # ----------------------------------------------------------------------- building steps

    def _play_step(self, step_id, images=None):
        child = self._blocks[step_id]
        value = child.value
        messages = [
            self._play_message(m, images or {}, key=f"{step_id}-{number}")
            for number, m in enumerate(value.get("messages") or (), start=1)
        ]
        if child.block_type == "ending":
            return PlayStep(
                step_id, "ending", messages, outcome=value.get("outcome") or "",
                headline=value.get("headline") or "", debrief=value.get("debrief"),
            )
        choices = tuple(
            PlayChoice(
                number=number, label=choice.get("label") or "",
                target=(choice.get("next_step") or "").strip(), safe=bool(choice.get("safe")),
                red_flag=choice.get("red_flag"), feedback=choice.get("feedback") or "",
                highlight=(choice.get("highlight") or "").strip(),
            )
            for number, choice in enumerate(value.get("choices") or (), start=1)
        )
        return PlayStep(step_id, "step", messages, question=value.get("question") or "",
                        choices=choices)

    @staticmethod
    def _play_message(message, images, key=""):
        image = message.get("image")
        return PlayMessage(
            key=key,
            sender=message.get("sender") or "them", name=message.get("name") or "",
            heading=message.get("heading") or "", text=message.get("text") or "",
            link=message.get("link") or "", field_label=message.get("field_label") or "",
            button_label=message.get("button_label") or "",
            image=images.get(image.pk) if image is not None else None,
            image_alt=message.get("image_alt") or "", audio=message.get("audio"),
        )

    def _renditions(self, step_ids):
        """Renditions for the images in these steps' messages, in two queries in all."""
        ids = {
            message.get("image").pk
            for step_id in step_ids
            for message in self._blocks[step_id].value.get("messages") or ()
            if message.get("image") is not None
        }
        if not ids:
            return {}
        images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions(
            MESSAGE_IMAGE_RENDITION
        )
        return {image.pk: image.get_rendition(MESSAGE_IMAGE_RENDITION) for image in images}

    def _walk(self, request, step_id):
        """The learner's path if it is well formed and leads to ``step_id``, else None."""
        moves = graph.parse_path(request.GET.get(PATH_PARAM))
        if moves is None:
            return None
        walk = graph.walk(self.graph_steps, moves)
        if walk is None or walk.current != step_id:
            return None
        return walk

    # ----------------------------------------------------------------------- routes

    def unavailable(self, request):
        """A broken graph: an explanation for editors in preview, "not available" for others."""
        is_preview = getattr(request, "is_preview", False)
        context = self.get_context(request)
        context.update(
            is_preview=is_preview,
            problems=[problem_message(p) for p in self.graph_problems] if is_preview else [],
        )
        return TemplateResponse(
            request, self.unavailable_template, context, status=200 if is_preview else 404
        )

    @path("", name="intro")
    def intro_view(self, request):
        if self.graph_problems:
            return self.unavailable(request)
        return self.render(request, context_overrides={
            "start_url": self.step_url(request, self.start_step_id),
            "channel_label": self.get_channel_display(),
        })

    @path("step/<slug:step_id>/", name="step")
    def step_view(self, request, step_id):
        if self.graph_problems:
            return self.unavailable(request)
        if step_id not in self._blocks:
            raise Http404
        walk = self._walk(request, step_id)
        moves = walk.moves if walk else ()
        path_so_far = walk.path if walk else ""
        shown = [visit.step for visit in walk.visits if not visit.undone] if walk else []
        images = self._renditions({*shown, step_id})
        current = self._play_step(step_id, images)
        for choice in current.choices:
            choice.url = self.choice_url(request, step_id, choice.number, path_so_far)

        history = []
        if walk:
            for visit in walk.visits:
                if visit.undone:
                    continue
                earlier = self._play_step(visit.step, images)
                history.append((earlier, earlier.choices[visit.choice - 1]))
        stepped_back = bool(walk and walk.visits and walk.visits[-1].undone)

        context = {
            "step": current,
            "history": history,
            "stepped_back": stepped_back,
            "path": path_so_far,
            "path_valid": walk is not None,
            "is_start": step_id == self.start_step_id and not moves,
            "step_number": len(history) + 1,
            "replay_url": self.step_url(request, self.start_step_id),
            "intro_url": carry_large_text(request, self._base_url(request)),
        }
        if current.is_ending:
            context.update(self._debrief(walk))
        return self.render(request, template=self.step_template, context_overrides=context)

    @path("step/<slug:step_id>/choice/<int:number>/", name="choice")
    def choice_view(self, request, step_id, number):
        if self.graph_problems:
            return self.unavailable(request)
        if step_id not in self._blocks:
            raise Http404
        current = self._play_step(step_id)
        if current.is_ending or not 1 <= number <= len(current.choices):
            raise Http404
        chosen = current.choices[number - 1]
        highlighted = mark_giveaway(current.messages, chosen.highlight)
        walk = self._walk(request, step_id)
        moves = walk.moves if walk else ()
        continue_path = graph.extend(moves, number) if walk else ""
        back_path = graph.extend(moves, number, undone=True) if walk else ""
        context = {
            "step": current,
            "chosen": chosen,
            "feedback_page": True,
            "highlighted": highlighted,
            "path_valid": walk is not None,
            "continue_url": self.step_url(request, chosen.target, continue_path),
            "back_url": None if chosen.safe else self.step_url(request, step_id, back_path),
            "next_is_ending": self._blocks[chosen.target].block_type == "ending",
            "step_number": len([v for v in walk.visits if not v.undone]) + 1 if walk else None,
            "intro_url": carry_large_text(request, self._base_url(request)),
        }
        return self.render(request, template=self.step_template, context_overrides=context)

    @path("check/", name="check")
    def check_view(self, request):
        """The check questions' answers without JavaScript (see LessonPage.check_response)."""
        return self.check_response(request)

    @path("print/", name="print")
    def print_view(self, request):
        """The one-page summary (see LessonPage.route for the other formats)."""
        if self.graph_problems:
            return self.unavailable(request)
        return self.render(request, template=self.print_template)

    def print_red_flags(self):
        return [flag.name for flag in self.red_flags.values()]

    def _debrief(self, walk):
        flags = self.red_flags
        if walk is None:
            return {"result": None, "all_red_flags": list(flags.values())}
        outcome = graph.result(self.graph_steps, walk.visits)
        return {
            "result": outcome,
            "flags_spotted": [flags[slug] for slug in outcome.spotted if slug in flags],
            "second_look_slugs": set(outcome.spotted_after_slip),
            "flags_missed": [flags[slug] for slug in outcome.missed if slug in flags],
            "all_red_flags": list(flags.values()),
        }
