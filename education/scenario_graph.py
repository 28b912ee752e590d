"""A scam scenario's branching, as a plain graph: validation, replaying a learner's path,
the debrief score, and the layout of the admin map.

Pure Python on purpose (no Django imports): the rules are easy to unit-test and to check with
property-based tests over random graphs, and the same code serves the admin form, publishing
and the player. ``education.scenario_rules`` turns the problems found here into translated,
editor-facing messages.

The graph: an ordered list of steps; the first one is the start. A step either offers choices
(each leading to another step, safe or risky, possibly testing a red flag) or is an ending
with an outcome (``safe``, ``partly``, ``scammed``).

A learner's path is carried in the URL, never stored: the choices made so far from the start,
one digit per choice (``1``-``9``, the choice's number at that step), each optionally followed
by ``-`` when the learner stepped back after that (risky) choice. ``"2-13"`` reads: chose 2,
stepped back, chose 1, then chose 3. Because the graph decides which step each choice leads
to, the path alone is enough to rebuild where the learner is and what they chose.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

SAFE, PARTLY, SCAMMED = "safe", "partly", "scammed"
OUTCOMES = (SAFE, PARTLY, SCAMMED)
MAX_CHOICES = 9  # one digit per choice in a path
MAX_PATH_MOVES = 80  # longer paths are ignored (a learner would not make 80 choices)
STEP_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z"
STEP_ID_MAX_LENGTH = 40
_STEP_ID = re.compile(STEP_ID_PATTERN)
_PATH = re.compile(r"(?:[1-9]-?)*")

# Problem codes, in the order they are reported for a step.
EMPTY = "empty"
DUPLICATE = "duplicate"
BAD_ID = "bad_id"
START_IS_ENDING = "start_is_ending"
BAD_OUTCOME = "bad_outcome"
ENDING_WITH_CHOICES = "ending_with_choices"
DEAD_END = "dead_end"
TOO_MANY_CHOICES = "too_many_choices"
DANGLING = "dangling"
UNREACHABLE = "unreachable"
TRAPPED = "trapped"
NO_SAFE_ENDING = "no_safe_ending"


@dataclass(frozen=True)
class Choice:
    target: str
    safe: bool = False
    flag: str | None = None  # the red flag this choice tests (its slug), if any


@dataclass(frozen=True)
class Step:
    id: str
    choices: tuple[Choice, ...] = ()
    outcome: str | None = None  # None: a step with choices; otherwise an ending

    @property
    def is_ending(self) -> bool:
        return self.outcome is not None


@dataclass(frozen=True)
class Problem:
    code: str
    step: str | None = None  # the offending step's id (None only for EMPTY)
    choice: int | None = None  # 1-based number of the offending choice
    target: str | None = None  # where a dangling choice points
    others: tuple[str, ...] = ()  # the other steps caught in the same loop (TRAPPED)


def index_steps(steps: Sequence[Step]) -> dict[str, Step]:
    """Steps by id; when an id is used twice, the first one counts."""
    by_id: dict[str, Step] = {}
    for step in steps:
        by_id.setdefault(step.id, step)
    return by_id


def _edges(step: Step, by_id: dict[str, Step]) -> list[str]:
    if step.is_ending:
        return []
    return [choice.target for choice in step.choices if choice.target in by_id]


def reachable_from(steps: Sequence[Step], start: str | None = None) -> list[str]:
    """Ids of the steps a learner can reach from ``start`` (default: the first step),
    in breadth-first order."""
    by_id = index_steps(steps)
    if not by_id:
        return []
    start = steps[0].id if start is None else start
    if start not in by_id:
        return []
    seen = {start}
    order = [start]
    queue = deque([start])
    while queue:
        for target in _edges(by_id[queue.popleft()], by_id):
            if target not in seen:
                seen.add(target)
                order.append(target)
                queue.append(target)
    return order


def validate(steps: Sequence[Step]) -> list[Problem]:
    """Everything wrong with the graph, in step order; an empty list means it can be played.

    Refused: no steps; duplicate or malformed ids; an ending as the first step; a choice that
    points to a missing step (dangling); a step without choices that is not an ending (dead
    end); a step no path reaches from the start (unreachable); steps that can only loop among
    themselves, never reaching an ending (trapped); no safe ending reachable from the start.
    A dead end or a dangling choice is reported once, at the step that has it, and not again
    as a trap for the steps leading to it.
    """
    steps = list(steps)
    if not steps:
        return [Problem(EMPTY)]
    by_id = index_steps(steps)
    start = steps[0]
    problems: list[Problem] = []
    broken: set[str] = set()  # steps with a defect of their own (a way "out" of a loop check)

    seen: set[str] = set()
    for step in steps:
        if step.id in seen:
            problems.append(Problem(DUPLICATE, step.id))
            continue
        seen.add(step.id)
        if not _STEP_ID.fullmatch(step.id or "") or len(step.id) > STEP_ID_MAX_LENGTH:
            problems.append(Problem(BAD_ID, step.id))
        if step is start and step.is_ending:
            problems.append(Problem(START_IS_ENDING, step.id))
        if step.is_ending:
            if step.outcome not in OUTCOMES:
                problems.append(Problem(BAD_OUTCOME, step.id))
            if step.choices:
                problems.append(Problem(ENDING_WITH_CHOICES, step.id))
            continue
        if not step.choices:
            problems.append(Problem(DEAD_END, step.id))
            broken.add(step.id)
        if len(step.choices) > MAX_CHOICES:
            problems.append(Problem(TOO_MANY_CHOICES, step.id))
        for number, choice in enumerate(step.choices, start=1):
            if choice.target not in by_id:
                problems.append(Problem(DANGLING, step.id, choice=number, target=choice.target))
                broken.add(step.id)

    reachable = reachable_from(steps)
    reachable_set = set(reachable)
    for step_id in by_id:
        if step_id not in reachable_set:
            problems.append(Problem(UNREACHABLE, step_id))

    problems.extend(_traps(by_id, reachable, broken))

    if not any(by_id[step_id].outcome == SAFE for step_id in reachable):
        problems.append(Problem(NO_SAFE_ENDING, start.id))
    return problems


def _traps(by_id: dict[str, Step], reachable: list[str], broken: set[str]) -> list[Problem]:
    """Reachable steps from which no ending (nor an already-reported defect) can be reached:
    the learner would go round a loop for ever. One problem per group of connected steps."""
    incoming: dict[str, list[str]] = {step_id: [] for step_id in by_id}
    for step in by_id.values():
        for target in _edges(step, by_id):
            incoming[target].append(step.id)
    exits = [s for s, step in by_id.items() if step.is_ending or s in broken]
    can_leave = set(exits)
    queue = deque(exits)
    while queue:
        for source in incoming[queue.popleft()]:
            if source not in can_leave:
                can_leave.add(source)
                queue.append(source)
    trapped = [s for s in reachable if s not in can_leave]
    if not trapped:
        return []
    # Group the trapped steps that are linked to each other (either way).
    trapped_set = set(trapped)
    neighbours: dict[str, set[str]] = {s: set() for s in trapped}
    for s in trapped:
        for target in _edges(by_id[s], by_id):
            if target in trapped_set:
                neighbours[s].add(target)
                neighbours[target].add(s)
    order = {s: n for n, s in enumerate(by_id)}
    problems, grouped = [], set()
    for s in sorted(trapped, key=order.__getitem__):
        if s in grouped:
            continue
        group, queue = {s}, deque([s])
        while queue:
            for other in neighbours[queue.popleft()]:
                if other not in group:
                    group.add(other)
                    queue.append(other)
        grouped |= group
        others = tuple(sorted(group - {s}, key=order.__getitem__))
        problems.append(Problem(TRAPPED, s, others=others))
    return problems


# --------------------------------------------------------------------------- paths


@dataclass(frozen=True)
class Move:
    choice: int  # 1-based
    undone: bool = False  # the learner stepped back after this choice


@dataclass(frozen=True)
class StepVisit:
    step: str
    choice: int
    undone: bool


@dataclass(frozen=True)
class Walk:
    moves: tuple[Move, ...]
    visits: tuple[StepVisit, ...]
    current: str

    @property
    def path(self) -> str:
        return encode_path(self.moves)


def parse_path(text: object) -> tuple[Move, ...] | None:
    """The moves in a path string, or None when it is not a well-formed path."""
    if text is None or text == "":
        return ()
    if not isinstance(text, str) or len(text) > 2 * MAX_PATH_MOVES or not _PATH.fullmatch(text):
        return None
    moves = []
    for char in text:
        if char == "-":
            moves[-1] = Move(moves[-1].choice, undone=True)
        else:
            moves.append(Move(int(char)))
    if len(moves) > MAX_PATH_MOVES:
        return None
    return tuple(moves)


def encode_path(moves: Sequence[Move]) -> str:
    return "".join(f"{move.choice}{'-' if move.undone else ''}" for move in moves)


def walk(steps: Sequence[Step], moves: Sequence[Move]) -> Walk | None:
    """Replay ``moves`` from the first step; None if any move is impossible.

    Impossible: a choice number the step does not have, a move after an ending, a choice
    leading nowhere, or stepping back after a safe choice (the player never offers it).
    """
    by_id = index_steps(steps)
    if not by_id:
        return None
    current = steps[0].id
    visits = []
    for move in moves:
        step = by_id[current]
        if step.is_ending or not 1 <= move.choice <= len(step.choices):
            return None
        choice = step.choices[move.choice - 1]
        if choice.target not in by_id or (move.undone and choice.safe):
            return None
        visits.append(StepVisit(current, move.choice, move.undone))
        if not move.undone:
            current = choice.target
    return Walk(tuple(moves), tuple(visits), current)


def extend(moves: Sequence[Move], choice: int, undone: bool = False) -> str:
    """The path string after one more move."""
    return encode_path([*moves, Move(choice, undone)])


@dataclass(frozen=True)
class Result:
    """What the debrief shows: the red flags met, which were spotted, and a score."""

    met: tuple[str, ...] = ()
    spotted: tuple[str, ...] = ()
    missed: tuple[str, ...] = ()
    spotted_after_slip: tuple[str, ...] = ()  # spotted, but only after a risky choice
    safe_choices: int = 0
    risky_choices: int = 0
    score: int | None = None  # percent of the red flags met that were spotted


def result(steps: Sequence[Step], visits: Sequence[StepVisit]) -> Result:
    """Score a walk. A red flag is *met* when the learner makes a choice that tests it; it is
    *spotted* if any such choice was safe, else *missed*. A learner who slipped (a risky
    choice, stepped back or carried on) and then made a safe choice testing the same flag was
    told "Well spotted" for it, so the ending must not call it missed: it counts as spotted,
    and is also listed in ``spotted_after_slip`` so the debrief can say it took a second look.
    The score is the share of met red flags that were spotted, in whole percent."""
    by_id = index_steps(steps)
    met: list[str] = []
    spotted_flags: set[str] = set()
    slipped: set[str] = set()
    safe = risky = 0
    for visit in visits:
        choice = by_id[visit.step].choices[visit.choice - 1]
        if choice.safe:
            safe += 1
        else:
            risky += 1
        if choice.flag:
            if choice.flag not in met:
                met.append(choice.flag)
            if choice.safe:
                spotted_flags.add(choice.flag)
            elif choice.flag not in spotted_flags:
                slipped.add(choice.flag)
    spotted = tuple(flag for flag in met if flag in spotted_flags)
    score = round(100 * len(spotted) / len(met)) if met else None
    return Result(
        met=tuple(met), spotted=spotted, missed=tuple(f for f in met if f not in spotted_flags),
        spotted_after_slip=tuple(f for f in spotted if f in slipped),
        safe_choices=safe, risky_choices=risky, score=score,
    )


def shortest_paths_to_endings(steps: Sequence[Step]) -> dict[str, tuple[Move, ...]]:
    """For every reachable ending, the shortest list of moves from the start that reaches it."""
    by_id = index_steps(steps)
    if not by_id:
        return {}
    start = steps[0].id
    routes: dict[str, tuple[Move, ...]] = {start: ()}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        step = by_id[current]
        if step.is_ending:
            continue
        for number, choice in enumerate(step.choices, start=1):
            if choice.target in by_id and choice.target not in routes:
                routes[choice.target] = (*routes[current], Move(number))
                queue.append(choice.target)
    return {s: moves for s, moves in routes.items() if by_id[s].is_ending}


# --------------------------------------------------------------------------- the admin map


@dataclass(frozen=True)
class Box:
    id: str
    x: int
    y: int
    kind: str  # "step" or the ending's outcome
    problem: bool = False


@dataclass(frozen=True)
class Arrow:
    source: str
    target: str
    number: int
    safe: bool
    d: str  # SVG path data
    back: bool  # points back to an earlier column (a loop)


@dataclass(frozen=True)
class Layout:
    width: int
    height: int
    boxes: tuple[Box, ...] = ()
    arrows: tuple[Arrow, ...] = ()
    box_width: int = 0
    box_height: int = 0
    columns: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


def layout(steps: Sequence[Step], problem_steps: frozenset[str] = frozenset(),
           box_width: int = 150, box_height: int = 44, gap_x: int = 70,
           gap_y: int = 22) -> Layout:
    """Columns by distance from the start (unreachable steps in a last column), with arrows
    for every choice that points to an existing step. Coordinates for an SVG drawing."""
    by_id = index_steps(steps)
    if not by_id:
        return Layout(0, 0)
    reach = reachable_from(steps)
    depth = {steps[0].id: 0}
    for step_id in reach:  # breadth-first order: a step's depth is known before its targets
        for target in _edges(by_id[step_id], by_id):
            depth.setdefault(target, depth[step_id] + 1)
    last = max(depth.values(), default=0) + 1
    columns: list[list[str]] = [[] for _ in range(last + 1)]
    for step_id in by_id:
        columns[depth.get(step_id, last)].append(step_id)
    columns = [column for column in columns if column]
    top, left = 40, 40  # room above and to the left for the arrows of loops
    where = {}
    boxes = []
    for col, column in enumerate(columns):
        for row, step_id in enumerate(column):
            x = left + col * (box_width + gap_x)
            y = top + row * (box_height + gap_y)
            where[step_id] = (col, x, y)
            step = by_id[step_id]
            boxes.append(Box(step_id, x, y, step.outcome or "step", step_id in problem_steps))
    arrows = []
    for step_id, step in by_id.items():
        if step.is_ending:
            continue
        col, x, y = where[step_id]
        for number, choice in enumerate(step.choices, start=1):
            if choice.target not in where:
                continue
            tcol, tx, ty = where[choice.target]
            sy, ey = y + box_height / 2, ty + box_height / 2
            if tcol > col:
                sx, ex = x + box_width, tx
                mid = (sx + ex) / 2
                d = f"M{sx:g},{sy:g} C{mid:g},{sy:g} {mid:g},{ey:g} {ex - 2:g},{ey:g}"
                back = False
            elif tcol == col and ty == y + box_height + gap_y:  # the box just below
                cx = x + box_width / 2
                d = f"M{cx:g},{y + box_height:g} L{cx:g},{ty - 2:g}"
                back = False
            elif tcol == col:  # elsewhere in the same column: bulge out on the left
                sx = ex = x
                bulge = sx - 22 - 5 * (number - 1)
                sy, ey = y + box_height * 0.75, ty + box_height * 0.25
                if choice.target == step_id:  # a step that leads back to itself
                    sy, ey = y + box_height * 0.7, y + box_height * 0.3
                d = f"M{sx:g},{sy:g} C{bulge:g},{sy:g} {bulge:g},{ey:g} {ex - 2:g},{ey:g}"
                back = ty <= y
            else:  # back to an earlier column: curve over the top
                sx, ex = x + box_width / 2, tx + box_width / 2
                lift = max(4, min(sy, ey) - box_height / 2 - 10 - 5 * (number - 1))
                d = f"M{sx:g},{y:g} C{sx:g},{lift:g} {ex:g},{lift:g} {ex:g},{ty - 2:g}"
                back = True
            arrows.append(Arrow(step_id, choice.target, number, choice.safe, d, back))
    height = top + 10 + max(len(c) for c in columns) * (box_height + gap_y)
    width = left + 10 + len(columns) * (box_width + gap_x) - gap_x
    return Layout(
        width, height, tuple(boxes), tuple(arrows), box_width, box_height,
        tuple(tuple(c) for c in columns),
    )
