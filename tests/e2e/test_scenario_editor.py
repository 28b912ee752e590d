"""The scenario editor in the browser (issue 12, part 6): a choice's destination is picked
from the scenario's own steps, follows a renamed step, and the scenario map fits its panel."""

import re
from pathlib import Path

import pytest

from tests.e2e.helpers import demo_logins, manage

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]

FIND_SCENARIO = """
from education.models import ScamScenario
from wagtail.models import Locale
page = ScamScenario.objects.filter(locale=Locale.get_default()).order_by("pk").first()
print("SCENARIO", page.pk, *[child.value["step_id"] for child in page.steps])
"""




@pytest.fixture(scope="module")
def scenario(site_url, site_env):
    logins = demo_logins(site_env)
    found = [line for line in manage(site_env, "shell", "-c", FIND_SCENARIO).splitlines()
             if line.startswith("SCENARIO ")][-1]
    _marker, page_id, *step_ids = found.split()
    return {"logins": logins, "page_id": int(page_id), "step_ids": step_ids}


def edit_page(new_context, scenario, width=1280):
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", scenario["logins"]["editor"])
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{scenario['page_id']}/edit/")
    page.wait_for_selector("select.scenario-step-target", timeout=60_000)
    return page


def options(select):
    return [value for value in select.locator("option").evaluate_all(
        "options => options.map(option => option.value)") if value]


def test_a_choice_leads_to_a_step_picked_from_the_scenarios_own(new_context, scenario):
    page = edit_page(new_context, scenario)
    targets = page.locator('input[name$="-value-next_step"]')
    selects = page.locator("select.scenario-step-target")
    assert selects.count() == targets.count() > 0
    first = selects.first
    assert options(first) == scenario["step_ids"]
    assert first.input_value() == targets.first.input_value()  # today's value is chosen
    assert not targets.first.is_visible()  # the typed box is replaced, not duplicated

    # Picking a step writes its ID into the form.
    last = scenario["step_ids"][-1]
    first.select_option(last)
    assert targets.first.input_value() == last

    # Renaming a step renames it in every choice that led to it, and in every list.
    step_id = page.locator('input[name="steps-0-value-step_id"]')
    old = step_id.input_value()
    led_there = [i for i in range(targets.count()) if targets.nth(i).input_value() == old]
    step_id.fill("the-first-message")
    step_id.blur()
    assert "the-first-message" in options(first) and old not in options(first)
    for index in led_there:
        assert targets.nth(index).input_value() == "the-first-message"


@pytest.mark.parametrize("width", [1280, 800])
def test_the_scenario_map_is_not_cut_off_at_the_right(new_context, scenario, width):
    page = edit_page(new_context, scenario, width=width)
    box = page.evaluate("""() => {
        const canvas = document.querySelector('.scenario-map__canvas');
        const svg = canvas.querySelector('svg').getBoundingClientRect();
        const area = canvas.getBoundingClientRect();
        return {svgRight: svg.right, areaRight: area.right,
                page: document.documentElement.clientWidth};
    }""")
    assert box["svgRight"] <= box["areaRight"] + 0.5, box
    assert box["areaRight"] <= box["page"], box
