"""The beacon's closed vocabulary: only what a lesson page's own script can send.

The schema in ``campaigns.ingest`` checks the shape of an event (types, lengths); this module
checks its meaning against the page it names, so that nothing a visitor types or invents is
ever stored or counted (see docs/public-contract.md, "The closed vocabulary"):

- every lesson sends ``view``, ``engaged`` and ``share`` (a method from ``SHARE_METHODS``,
  the ones site/static/js/site.js and reach.js send);
- a video sends ``play``, ``progress`` (25, 50, 75) and ``complete`` at the video's own
  completion threshold; a comic sends ``progress`` and ``complete`` at 100;
- a scenario sends ``scenario_start``; ``choice`` with a step id and a choice number of its
  live graph, the choice's own safe/risky flag and the red flag it tests (or none);
  ``scenario_end`` with an outcome one of its endings has;
- a lesson with learning checks sends ``check`` (one completed before/after pair) whose
  ``of`` and ``item`` are in its ``check_items``: "question" with the number of one of the
  page's own check questions ("1".."3"), "red_flag" with the slug of a red flag its scenario
  graph tests, and whatever ``CHECK_ITEM_BUILDERS`` adds for a format (e.g. "message" for a
  spot-the-scam lesson). A page with no check items cannot send ``check`` at all.

Only live lesson pages carry the page script; any other page is unknown to the beacon.

What each page may send is read once per cache generation and kept in this process's memory
(``page_cache.memo.generation_memo``), with each scenario's graph from the memo the
player itself uses: checking an event costs a few dictionary look-ups and no query.
Publishing, unpublishing or moving a page, or changing a red flag, moves the generation on.
"""

from dataclasses import dataclass, field, replace

from education.blocks import MAX_CHECK_QUESTIONS
from education.models import (
    LessonFormat,
    LessonPage,
    ScamScenario,
    SpotTheScamLesson,
    VideoLesson,
)
from page_cache.memo import generation_memo

SHARE_METHODS = frozenset({"native", "copy", "link", "email"})
PROGRESS_MARKS = frozenset({25, 50, 75})
COMIC_COMPLETE = 100
EVERY_LESSON = frozenset({"view", "engaged", "share"})
TYPES_BY_FORMAT = {
    LessonFormat.VIDEO: EVERY_LESSON | {"play", "progress", "complete"},
    LessonFormat.COMIC: EVERY_LESSON | {"progress", "complete"},
    LessonFormat.SCENARIO: EVERY_LESSON | {"scenario_start", "choice", "scenario_end"},
    LessonFormat.CASE: EVERY_LESSON,
    LessonFormat.SPOT: EVERY_LESSON,  # + "check" when it has messages (see _build)
}


@dataclass(frozen=True)
class PageVocabulary:
    """What one live lesson page can send."""

    types: frozenset
    complete_percent: int | None = None
    # scenario: {step id: {"1": (safe, red flag slug or None), "2": …}} for steps with choices
    choices: dict = field(default_factory=dict)
    outcomes: frozenset = frozenset()
    # learning checks: {of: frozenset of items}, e.g. {"question": {"1", "2"}, "red_flag": {…}}
    check_items: dict = field(default_factory=dict)


def page_vocabularies():
    """{page id: PageVocabulary} for every live lesson page, per cache generation."""
    return generation_memo("beacon-vocabulary", _build)


def _build():
    thresholds = dict(VideoLesson.objects.live().values_list("pk", "completion_threshold"))
    scenarios = {page.pk: page for page in ScamScenario.objects.live()}
    vocabularies, questions, by_format = {}, {}, {}
    for pk, lesson_format, check_questions in LessonPage.objects.live().values_list(
        "pk", "lesson_format", "check_questions"
    ):
        types = TYPES_BY_FORMAT.get(lesson_format, EVERY_LESSON)
        questions[pk] = question_items(len(check_questions or ()))
        by_format.setdefault(lesson_format, []).append(pk)
        if lesson_format == LessonFormat.VIDEO:
            vocabularies[pk] = PageVocabulary(types, complete_percent=thresholds.get(pk))
        elif lesson_format == LessonFormat.COMIC:
            vocabularies[pk] = PageVocabulary(types, complete_percent=COMIC_COMPLETE)
        elif lesson_format == LessonFormat.SCENARIO and pk in scenarios:
            vocabularies[pk] = _scenario_vocabulary(types, scenarios[pk])
        else:
            vocabularies[pk] = PageVocabulary(types)
    extra = {}
    for lesson_format, build_items in CHECK_ITEM_BUILDERS.items():
        extra.update(build_items(by_format.get(lesson_format, [])))
    for pk, vocabulary in vocabularies.items():
        items = {**vocabulary.check_items, **extra.get(pk, {})}
        if questions[pk]:
            items["question"] = questions[pk]
        items = {of: frozenset(values) for of, values in items.items() if values}
        if items:
            vocabularies[pk] = replace(vocabulary, types=vocabulary.types | {"check"},
                                       check_items=items)
    return vocabularies


def question_items(count):
    """The check items of a page's own questions: their 1-based numbers as strings (at most
    MAX_CHECK_QUESTIONS, as the page shows)."""
    return frozenset(str(number) for number in range(1, min(count, MAX_CHECK_QUESTIONS) + 1))


def _spot_check_items(page_ids):
    """{page id: {"message": the message numbers ("1".."m")}} of the live spot-the-scam
    lessons given: the ``item`` of a ``check`` of ``message`` (site/static/js/spot-quiz.js)."""
    return {
        page.pk: {"message": frozenset(str(n) for n in range(1, page.message_count + 1))}
        for page in SpotTheScamLesson.objects.filter(pk__in=page_ids).only("pk", "messages")
    }


# What a lesson format adds to the check items beyond the page's own check questions: a
# function given the live page ids of that format, returning {page id: {of: frozenset(items)}}.
# A scenario's "red_flag" items come from its graph in ``_scenario_vocabulary``.
CHECK_ITEM_BUILDERS = {LessonFormat.SPOT: _spot_check_items}


def _scenario_vocabulary(types, scenario):
    """The choices and outcomes of the scenario's graph, as the player numbers them (the
    graph is the player's own, from its memo)."""
    steps = scenario.graph_steps
    choices = {
        step.id: {
            str(number): (choice.safe, choice.flag)
            for number, choice in enumerate(step.choices, start=1)
        }
        for step in steps if not step.is_ending
    }
    outcomes = frozenset(step.outcome for step in steps if step.is_ending)
    red_flags = frozenset(
        flag for step_choices in choices.values() for _safe, flag in step_choices.values() if flag
    )
    return PageVocabulary(types, choices=choices, outcomes=outcomes,
                          check_items={"red_flag": red_flags} if red_flags else {})


def fits(vocabulary, event_type, props):
    """True when ``vocabulary``'s page can send this event with these props (which the
    schema has already checked for shape: required props are present, types are right)."""
    if event_type not in vocabulary.types:
        return False
    if event_type == "share":
        return props.get("method") in SHARE_METHODS
    if event_type == "progress":
        return props["percent"] in PROGRESS_MARKS
    if event_type == "complete":
        return props.get("percent") == vocabulary.complete_percent
    if event_type == "choice":
        choice = vocabulary.choices.get(props["step"], {}).get(props["choice"])
        return choice is not None and choice == (props.get("safe"), props.get("red_flag"))
    if event_type == "scenario_end":
        return props["outcome"] in vocabulary.outcomes
    if event_type == "check":
        return props["item"] in vocabulary.check_items.get(props["of"], ())
    return True
