"""Glue between a scenario's StreamField and the pure graph rules in ``scenario_graph``:
build the graph from the stream, and word each problem for editors (translated), naming the
step it is about. Used by the admin form, by the model on save/publish and by the player.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.blocks import StreamBlockValidationError

from . import scenario_graph as graph


def graph_from_stream(stream):
    """The scenario's steps as a pure graph, and where each step id sits in the stream."""
    steps, positions = [], {}
    for index, child in enumerate(stream or ()):
        value = child.value
        step_id = (value.get("step_id") or "").strip()
        positions.setdefault(step_id, []).append(index)
        if child.block_type == "ending":
            steps.append(graph.Step(step_id, outcome=value.get("outcome") or ""))
            continue
        choices = []
        for choice in value.get("choices") or ():
            flag = choice.get("red_flag")
            choices.append(graph.Choice(
                target=(choice.get("next_step") or "").strip(),
                safe=bool(choice.get("safe")),
                flag=getattr(flag, "slug", None) or None,
            ))
        steps.append(graph.Step(step_id, tuple(choices)))
    return steps, positions


def _names(ids):
    return ", ".join(f"“{step_id}”" for step_id in ids)


def problem_message(problem):
    """One sentence an editor can act on, naming the offending step."""
    p = problem
    code = p.code
    if code == graph.EMPTY:
        return _("Add the steps of the scenario: at least one step with choices and a safe "
                 "ending.")
    if code == graph.DUPLICATE:
        return _("Two steps have the ID “%(step)s”. Give each step its own ID.") % {
            "step": p.step}
    if code == graph.BAD_ID:
        return _("Step “%(step)s”: use lower-case letters, numbers and single hyphens in the "
                 "Step ID.") % {"step": p.step}
    if code == graph.START_IS_ENDING:
        return _("The first step “%(step)s” is an ending. Start with a step that has "
                 "choices.") % {"step": p.step}
    if code == graph.BAD_OUTCOME:
        return _("Ending “%(step)s” needs an outcome: scammed, partly or safe.") % {
            "step": p.step}
    if code == graph.ENDING_WITH_CHOICES:
        return _("Ending “%(step)s” cannot have choices.") % {"step": p.step}
    if code == graph.DEAD_END:
        return _("Step “%(step)s” has no choices, so the learner would be stuck. Add a choice, "
                 "or make it an ending.") % {"step": p.step}
    if code == graph.TOO_MANY_CHOICES:
        return _("Step “%(step)s” has more than %(max)d choices.") % {
            "step": p.step, "max": graph.MAX_CHOICES}
    if code == graph.DANGLING:
        if not p.target:
            return _("Step “%(step)s”: choice %(number)d does not say which step it leads "
                     "to.") % {"step": p.step, "number": p.choice}
        return _("Step “%(step)s”: choice %(number)d leads to “%(target)s”, but no step has "
                 "that ID.") % {"step": p.step, "number": p.choice, "target": p.target}
    if code == graph.UNREACHABLE:
        return _("Step “%(step)s” can never be reached: no choice leads to it from the first "
                 "step.") % {"step": p.step}
    if code == graph.TRAPPED:
        if not p.others:
            return _("Step “%(step)s” only leads back to itself: the learner could never reach "
                     "an ending. Add a choice that leads on.") % {"step": p.step}
        return ngettext(
            "Step “%(step)s” and step %(others)s form a loop with no way out: add a choice "
            "that leads on to an ending.",
            "Step “%(step)s” and steps %(others)s form a loop with no way out: add a choice "
            "that leads on to an ending.",
            len(p.others),
        ) % {"step": p.step, "others": _names(p.others)}
    if code == graph.NO_SAFE_ENDING:
        return _("No path from the first step “%(step)s” reaches a safe ending. Add an ending "
                 "with the outcome “safe” and a choice that leads to it.") % {"step": p.step}
    return _("Step “%(step)s” has a problem (%(code)s).") % {"step": p.step, "code": code}


def problems_in(stream):
    steps, _positions = graph_from_stream(stream)
    return graph.validate(steps)


def steps_error(stream):
    """A StreamField error for a bad graph (each message also shown on its step's block),
    or None when the graph can be played."""
    steps, positions = graph_from_stream(stream)
    problems = graph.validate(steps)
    if not problems:
        return None
    messages = [problem_message(problem) for problem in problems]
    per_block = {}
    for problem, message in zip(problems, messages, strict=True):
        found_at = positions.get(problem.step)
        if found_at:
            index = found_at[-1] if problem.code == graph.DUPLICATE else found_at[0]
            per_block.setdefault(index, []).append(message)
    return StreamBlockValidationError(
        block_errors={index: ValidationError(found) for index, found in per_block.items()},
        non_block_errors=messages,
    )
