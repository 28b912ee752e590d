"""The scenario graph rules (``education.scenario_graph``): pure functions, no database.

Each kind of broken graph is refused with the offending step named; good graphs pass; and
property-based tests check the validator against a brute-force oracle on random graphs.
"""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from education import scenario_graph as g
from education.scenario_graph import Choice, Move, Problem, Step


def step(step_id, *targets, safe=(), flags=None):
    """A step whose choices lead to ``targets``; ``safe`` lists the 1-based safe choices."""
    flags = flags or {}
    return Step(step_id, tuple(
        Choice(target, safe=n in safe, flag=flags.get(n))
        for n, target in enumerate(targets, start=1)
    ))


def ending(step_id, outcome=g.SAFE):
    return Step(step_id, outcome=outcome)


GOOD = [
    step("start", "risky", "careful", safe=(2,), flags={1: "link", 2: "link"}),
    step("risky", "scammed", "start", safe=(2,), flags={1: "code", 2: "code"}),
    step("careful", "careful", "safe", safe=(1, 2)),  # "ask again" loops; there is a way out
    ending("scammed", g.SCAMMED),
    ending("safe", g.SAFE),
]


def codes(problems):
    return [(p.code, p.step) for p in problems]


# --------------------------------------------------------------------------- good graphs


def test_a_good_graph_has_no_problems():
    assert g.validate(GOOD) == []


def test_smallest_good_graph():
    assert g.validate([step("start", "end"), ending("end")]) == []


def test_loops_with_a_way_out_are_fine():
    graph = [step("a", "b"), step("b", "a", "c"), step("c", "a", "end"), ending("end")]
    assert g.validate(graph) == []


# --------------------------------------------------------------------------- each bad graph


def test_dangling_link_names_the_step_the_choice_and_the_target():
    graph = [step("start", "end", "nowhere"), ending("end")]
    assert g.validate(graph) == [Problem(g.DANGLING, "start", choice=2, target="nowhere")]


def test_unreachable_step_is_named():
    graph = [step("start", "end"), step("island", "end"), ending("end")]
    assert codes(g.validate(graph)) == [(g.UNREACHABLE, "island")]


def test_unreachable_ending_is_named():
    graph = [step("start", "end"), ending("end"), ending("forgotten", g.SCAMMED)]
    assert codes(g.validate(graph)) == [(g.UNREACHABLE, "forgotten")]


def test_non_ending_step_without_choices_is_a_dead_end():
    graph = [step("start", "stuck", "end"), step("stuck"), ending("end")]
    assert codes(g.validate(graph)) == [(g.DEAD_END, "stuck")]


def test_no_safe_ending_reachable():
    graph = [step("start", "lost"), ending("lost", g.SCAMMED)]
    assert codes(g.validate(graph)) == [(g.NO_SAFE_ENDING, "start")]


def test_a_safe_ending_that_only_exists_unreachably_does_not_count():
    graph = [step("start", "lost"), ending("lost", g.SCAMMED), ending("safe", g.SAFE)]
    assert codes(g.validate(graph)) == [(g.UNREACHABLE, "safe"), (g.NO_SAFE_ENDING, "start")]


def test_partly_is_not_a_safe_ending():
    graph = [step("start", "partly"), ending("partly", g.PARTLY)]
    assert codes(g.validate(graph)) == [(g.NO_SAFE_ENDING, "start")]


def test_loop_with_no_way_out_names_the_loop():
    graph = [
        step("start", "a", "end"),
        step("a", "b"),
        step("b", "c"),
        step("c", "a"),
        ending("end"),
    ]
    assert g.validate(graph) == [Problem(g.TRAPPED, "a", others=("b", "c"))]


def test_a_step_that_only_leads_to_itself_is_trapped():
    graph = [step("start", "spin", "end"), step("spin", "spin"), ending("end")]
    assert g.validate(graph) == [Problem(g.TRAPPED, "spin")]


def test_two_separate_traps_are_two_problems():
    graph = [step("start", "x", "y", "end"), step("x", "x"), step("y", "y"), ending("end")]
    assert codes(g.validate(graph)) == [(g.TRAPPED, "x"), (g.TRAPPED, "y")]


def test_a_dead_end_is_not_reported_again_as_a_trap_upstream():
    graph = [step("start", "a", "end"), step("a", "stuck"), step("stuck"), ending("end")]
    assert codes(g.validate(graph)) == [(g.DEAD_END, "stuck")]


def test_empty_graph():
    assert g.validate([]) == [Problem(g.EMPTY)]


def test_duplicate_ids():
    graph = [step("start", "end"), ending("end"), ending("end", g.SCAMMED)]
    assert codes(g.validate(graph)) == [(g.DUPLICATE, "end")]


def test_first_step_may_not_be_an_ending():
    assert codes(g.validate([ending("start")])) == [(g.START_IS_ENDING, "start")]


@pytest.mark.parametrize("bad_id", ["", "Has Caps", "under_score", "-lead", "a--b", "x" * 41])
def test_malformed_ids(bad_id):
    graph = [step("start", bad_id, "end"), step(bad_id, "end"), ending("end")]
    assert (g.BAD_ID, bad_id) in codes(g.validate(graph))


def test_too_many_choices():
    graph = [step("start", *["end"] * 10), ending("end")]
    assert codes(g.validate(graph)) == [(g.TOO_MANY_CHOICES, "start")]


def test_unknown_outcome_and_an_ending_with_choices():
    graph = [
        step("start", "odd", "end"),
        Step("odd", outcome="maybe"),
        Step("end", (Choice("start"),), outcome=g.SAFE),
    ]
    assert codes(g.validate(graph)) == [(g.BAD_OUTCOME, "odd"), (g.ENDING_WITH_CHOICES, "end")]


def test_every_problem_at_once_is_listed_in_step_order():
    graph = [
        step("start", "nowhere", "stuck", "spin", "lost"),
        step("stuck"),
        step("spin", "spin"),
        step("island", "lost"),
        ending("lost", g.SCAMMED),
    ]
    assert codes(g.validate(graph)) == [
        (g.DANGLING, "start"), (g.DEAD_END, "stuck"), (g.UNREACHABLE, "island"),
        (g.TRAPPED, "spin"), (g.NO_SAFE_ENDING, "start"),
    ]


# --------------------------------------------------------------------------- paths and scores


@pytest.mark.parametrize("text, moves", [
    ("", ()),
    (None, ()),
    ("1", (Move(1),)),
    ("2-13", (Move(2, True), Move(1), Move(3))),
    ("9-", (Move(9, True),)),
])
def test_parse_path(text, moves):
    assert g.parse_path(text) == moves
    assert g.encode_path(moves) == (text or "")


@pytest.mark.parametrize("text", [
    "0", "-", "1--", "-1", "a", "1 2", "12x", "１", "1" * 81, "1-" * 81, ["1"], 12, "%31",
    "1\n", "\u0661",
])
def test_malformed_paths_are_refused(text):
    assert g.parse_path(text) is None


def test_walk_follows_choices_and_steps_back():
    walk = g.walk(GOOD, g.parse_path("1-12"))
    assert walk.current == "start"  # back at the start through the risky step's safe choice
    assert [(v.step, v.choice, v.undone) for v in walk.visits] == [
        ("start", 1, True), ("start", 1, False), ("risky", 2, False)
    ]
    assert walk.path == "1-12"
    assert g.walk(GOOD, g.parse_path("1-11")).current == "scammed"
    assert g.walk(GOOD, ()).current == "start"


@pytest.mark.parametrize("path", [
    "3",  # no third choice at the start
    "111",  # a move after an ending
    "2-",  # stepping back after a safe choice is never offered
])
def test_impossible_walks_are_refused(path):
    assert g.walk(GOOD, g.parse_path(path)) is None


def test_walk_refuses_a_choice_that_leads_nowhere():
    assert g.walk([step("start", "gone"), ending("end")], [Move(1)]) is None


def test_a_red_flag_spotted_after_a_slip_counts_as_spotted_not_missed():
    # risky at the start (link), stepped back, then the safe choice ("Well spotted"); then
    # "ask again", out. The ending must not call the flag missed after praising it.
    walk = g.walk(GOOD, g.parse_path("1-212"))
    assert walk.current == "safe"
    outcome = g.result(GOOD, walk.visits)
    assert outcome.met == ("link",)
    assert outcome.spotted == ("link",) and outcome.missed == ()
    assert outcome.spotted_after_slip == ("link",)
    assert outcome.score == 100
    assert (outcome.safe_choices, outcome.risky_choices) == (3, 1)


def test_a_red_flag_missed_at_every_choice_is_missed():
    walk = g.walk(GOOD, g.parse_path("11"))  # risky (link), risky (code): scammed
    outcome = g.result(GOOD, walk.visits)
    assert outcome.missed == ("link", "code") and outcome.spotted == ()
    assert outcome.spotted_after_slip == () and outcome.score == 0


def test_result_all_spotted():
    walk = g.walk(GOOD, g.parse_path("22"))
    assert g.result(GOOD, walk.visits).score == 100


def test_result_half_spotted():
    walk = g.walk(GOOD, g.parse_path("121"))  # risky (link), safe (code) back to start, …
    outcome = g.result(GOOD, walk.visits)
    assert outcome.met == ("link", "code")
    assert outcome.spotted == ("code",) and outcome.missed == ("link",)
    assert outcome.score == 50


def test_result_without_red_flags_has_no_score():
    graph = [step("start", "end", safe=(1,)), ending("end")]
    assert g.result(graph, g.walk(graph, [Move(1)]).visits).score is None


def test_shortest_paths_reach_every_ending():
    routes = g.shortest_paths_to_endings(GOOD)
    assert set(routes) == {"scammed", "safe"}
    for ending_id, moves in routes.items():
        assert g.walk(GOOD, moves).current == ending_id


def test_layout_puts_every_step_in_a_box_and_every_link_in_an_arrow():
    drawing = g.layout(GOOD, frozenset({"careful"}))
    assert {box.id for box in drawing.boxes} == {s.id for s in GOOD}
    assert len(drawing.arrows) == sum(len(s.choices) for s in GOOD)
    assert drawing.columns[0] == ("start",)
    kinds = {box.id: box.kind for box in drawing.boxes}
    assert kinds["safe"] == "safe" and kinds["scammed"] == "scammed" and kinds["start"] == "step"
    assert [box.id for box in drawing.boxes if box.problem] == ["careful"]
    assert any(arrow.back for arrow in drawing.arrows)  # risky → start, careful → careful
    for box in drawing.boxes:
        assert 0 <= box.x and box.x + drawing.box_width <= drawing.width
        assert 0 <= box.y and box.y + drawing.box_height <= drawing.height


# --------------------------------------------------------------------------- property-based

IDS = [f"s{n}" for n in range(8)]


@st.composite
def random_graphs(draw):
    """Any graph at all: steps or endings, choices to existing or missing steps."""
    size = draw(st.integers(min_value=1, max_value=7))
    ids = IDS[:size]
    steps = []
    for step_id in ids:
        if draw(st.booleans()) and step_id != ids[0] or draw(st.integers(0, 9)) == 0:
            steps.append(Step(step_id, outcome=draw(st.sampled_from(g.OUTCOMES))))
            continue
        targets = draw(st.lists(
            st.sampled_from([*ids, "missing"]) if draw(st.integers(0, 5)) == 0
            else st.sampled_from(ids),
            max_size=3,
        ))
        steps.append(Step(step_id, tuple(
            Choice(target, safe=draw(st.booleans()), flag=draw(st.sampled_from([None, "a", "b"])))
            for target in targets
        )))
    return steps


def oracle_is_playable(steps):
    """The rules, by brute force: transitive closure over the links."""
    ids = [s.id for s in steps]
    by_id = dict(zip(ids, steps, strict=True))
    if steps[0].is_ending:
        return False
    for s in steps:
        if not s.is_ending and (not s.choices or any(c.target not in by_id for c in s.choices)):
            return False
    reach = {
        s.id: {c.target for c in s.choices} if not s.is_ending else set() for s in steps
    }
    changed = True
    while changed:
        changed = False
        for source in ids:
            more = set().union(*(reach[t] for t in reach[source])) - reach[source]
            if more:
                reach[source] |= more
                changed = True
    from_start = reach[ids[0]] | {ids[0]}
    if set(ids) != from_start:
        return False  # something unreachable
    for source in ids:
        if not by_id[source].is_ending and not any(by_id[t].is_ending for t in reach[source]):
            return False  # trapped in a loop
    return any(by_id[t].outcome == g.SAFE for t in from_start)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(random_graphs())
def test_validator_agrees_with_the_brute_force_oracle(steps):
    assert (g.validate(steps) == []) == oracle_is_playable(steps)


@settings(max_examples=300)
@given(random_graphs())
def test_every_problem_names_a_step_of_the_graph(steps):
    ids = {s.id for s in steps}
    for problem in g.validate(steps):
        assert problem.step in ids
        assert set(problem.others) <= ids
        if problem.code == g.DANGLING:
            assert problem.target not in ids and problem.choice >= 1


@st.composite
def playable_graphs(draw):
    """Graphs built to be playable: a tree of steps whose leaves are endings (one safe),
    plus extra links (loops included) from steps to any step."""
    size = draw(st.integers(min_value=1, max_value=7))
    ids = [f"s{n}" for n in range(size)]
    children = {step_id: [] for step_id in ids}
    for n in range(1, size):
        children[ids[draw(st.integers(0, n - 1))]].append(ids[n])
    leaves = [s for s in ids[1:] if not children[s]]
    endings = {leaf: draw(st.sampled_from(g.OUTCOMES)) for leaf in leaves}
    safe_id = f"e{size}"
    steps = []
    for step_id in ids:
        if step_id in endings:
            steps.append(Step(step_id, outcome=endings[step_id]))
            continue
        targets = list(children[step_id])
        if step_id == ids[0]:
            targets.append(safe_id)
        extra = draw(st.lists(st.sampled_from(ids), max_size=2))
        steps.append(Step(step_id, tuple(
            Choice(t, safe=draw(st.booleans()), flag=draw(st.sampled_from([None, "a", "b"])))
            for t in draw(st.permutations(targets + extra))
        )))
    steps.append(Step(safe_id, outcome=g.SAFE))
    return steps


@settings(max_examples=300)
@given(playable_graphs())
def test_built_to_be_playable_graphs_pass_and_every_ending_is_reachable(steps):
    assert g.validate(steps) == []
    routes = g.shortest_paths_to_endings(steps)
    assert set(routes) == {s.id for s in steps if s.is_ending}
    for ending_id, moves in routes.items():
        walk = g.walk(steps, moves)
        assert walk is not None and walk.current == ending_id
        assert g.walk(steps, g.parse_path(g.encode_path(moves))).current == ending_id


@settings(max_examples=200)
@given(playable_graphs(), st.data())
def test_breaking_a_link_is_reported_at_that_step_and_choice(steps, data):
    choosers = [s for s in steps if s.choices]
    broken = data.draw(st.sampled_from(choosers))
    number = data.draw(st.integers(1, len(broken.choices)))
    choices = list(broken.choices)
    choices[number - 1] = Choice("gone-missing")
    steps = [Step(s.id, tuple(choices)) if s is broken else s for s in steps]
    assert Problem(g.DANGLING, broken.id, choice=number, target="gone-missing") in g.validate(steps)


@settings(max_examples=200)
@given(playable_graphs())
def test_adding_an_island_is_reported_as_unreachable(steps):
    island = Step("island", (Choice(steps[0].id),))
    assert codes(g.validate([*steps, island])) == [(g.UNREACHABLE, "island")]


@given(st.text(alphabet=string.printable + "１٣-", max_size=200))
def test_parse_path_never_raises_and_round_trips(text):
    moves = g.parse_path(text)
    if moves is not None:
        assert g.encode_path(moves) == text


@settings(max_examples=300)
@given(random_graphs(), st.lists(st.tuples(st.integers(0, 10), st.booleans()), max_size=12))
def test_walk_and_result_never_raise_and_scores_are_consistent(steps, raw_moves):
    moves = [Move(choice, undone) for choice, undone in raw_moves]
    walk = g.walk(steps, moves)
    if walk is None:
        return
    outcome = g.result(steps, walk.visits)
    assert set(outcome.spotted) | set(outcome.missed) == set(outcome.met)
    assert not set(outcome.spotted) & set(outcome.missed)
    assert set(outcome.spotted_after_slip) <= set(outcome.spotted)
    assert outcome.score is None or 0 <= outcome.score <= 100
    assert outcome.safe_choices + outcome.risky_choices == len(walk.visits)
