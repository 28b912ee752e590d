"""Scam scenarios: the no-JS player, the path in the URL, the admin rules for the graph.

The player is crawled like a browser without JavaScript would use it: by following links.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from education.models import LessonIndexPage, RedFlag, ScamScenario
from tests.conftest import ending, frozen_card_steps, message, step

pytestmark = pytest.mark.django_db

ENDINGS = {"money-gone", "partly-ending", "safe-ending", "closed-safe"}


def html(response):
    return response.content.decode()


class Links(HTMLParser):
    """The player's links (data-sim-nav), forms and fields, and where the player is."""

    def __init__(self):
        super().__init__()
        self.nav, self.forms, self.fields, self.player = [], [], [], {}
        self.ending, self.in_player, self.depth = None, False, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.in_player:
            self.depth += 1
        if "data-sim-player" in attrs:
            self.player, self.in_player, self.depth = attrs, True, 1
        if tag == "a" and "data-sim-nav" in attrs:
            self.nav.append((attrs["data-sim-nav"], attrs["href"]))
        if "data-sim-ending" in attrs:
            self.ending = attrs
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "fields": []})
        if tag in ("input", "select", "textarea", "button"):
            field = {"tag": tag, "name": attrs.get("name"), "in_player": self.in_player}
            self.fields.append(field)
            if self.forms:
                self.forms[-1]["fields"].append(field)

    def handle_endtag(self, tag):
        if self.in_player:
            self.depth -= 1
            if self.depth == 0:
                self.in_player = False


def parse(response):
    links = Links()
    links.feed(html(response))
    return links


def crawl(client, start_url, limit=200):
    """Follow every player link from the intro page, breadth first; every screen reached.

    Paths grow with every loop and step back, so each screen (the URL without its query)
    is visited once, by the shortest route: the one a learner's links would carry."""
    seen, queue, pages = {start_url}, deque([start_url]), {}
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = (response, parse(response))
        for _kind, href in pages[url][1].nav:
            screen = urlsplit(href).path
            if screen not in seen:
                seen.add(screen)
                queue.append(href)
        assert len(pages) < limit, "the crawl does not end"
    return pages


# --------------------------------------------------------------------------- the no-JS player


def test_following_links_from_the_start_reaches_every_ending_with_a_score(client, make_scenario):
    page = make_scenario()
    pages = crawl(client, page.url)
    endings = {}
    for url, (response, links) in pages.items():
        assert "Simulation" in html(response), url  # every screen is marked
        assert 'class="sim-notice"' in html(response), url
        if links.ending:
            endings.setdefault(links.ending["data-step"], []).append(url)
            assert links.player["data-path"], f"ending reached without a path: {url}"
            assert "Your red flags" in html(response)
            assert "How to report a scam" in html(response)  # the report_scam_box
            assert 'data-sim-nav="replay"' in html(response)
    assert set(endings) == ENDINGS


def test_intro_shows_the_situation_and_a_start_link(client, make_scenario):
    page = make_scenario()
    response = client.get(page.url)
    assert response.status_code == 200
    content = html(response)
    assert "Your phone buzzes." in content
    assert "Simulation" in content
    links = parse(response)
    assert links.nav == [("start", f"{page.url}step/first-text/#sim-now")]
    assert "js/scenario-player.js" in content
    assert links.player["data-page"] == str(page.pk)


@pytest.mark.parametrize("path", ["", "step/first-text/", "step/first-text/choice/1/",
                                  "step/money-gone/?p=111"])
def test_every_scenario_screen_carries_the_reach_beacon_before_the_player(client, make_scenario,
                                                                         path):
    page = make_scenario()
    content = html(client.get(page.url + path))
    assert f'data-reach-page="{page.pk}"' in content
    assert content.index("/static/js/reach.js") < content.index("/static/js/scenario-player.js")


def test_a_step_shows_messages_and_choices_as_plain_links(client, make_scenario):
    page = make_scenario()
    response = client.get(f"{page.url}step/first-text/")
    content = html(response)
    assert "Your bank card is frozen. Unfreeze it now:" in content
    assert "bank-help.top/unfreeze" in content and "<a href=\"bank-help" not in content
    assert parse(response).nav == [
        ("choice", f"{page.url}step/first-text/choice/1/#sim-now"),
        ("choice", f"{page.url}step/first-text/choice/2/#sim-now"),
    ]
    assert 'name="robots" content="noindex, follow"' in content
    assert "data-sim-start-step" in content


def test_a_risky_choice_names_the_red_flag_missed_and_offers_a_step_back(
    client, make_scenario
):
    page = make_scenario()
    response = client.get(f"{page.url}step/first-text/choice/1/")
    content = html(response)
    assert "Red flag missed: A link in a text you did not expect" in content
    assert "Why A link in a text you did not expect matters." in content
    assert "The link was not from your bank." in content
    assert 'data-safe="false"' in content and 'data-red-flag="unexpected-link"' in content
    assert dict(parse(response).nav) == {
        "back": f"{page.url}step/first-text/?p=1-#sim-now",
        "continue": f"{page.url}step/fake-page/?p=1#sim-now",
    }


def test_a_safe_choice_says_what_was_spotted_and_only_continues(client, make_scenario):
    page = make_scenario()
    response = client.get(f"{page.url}step/first-text/choice/2/")
    content = html(response)
    assert "Well spotted: A link in a text you did not expect" in content
    assert 'data-safe="true"' in content
    assert parse(response).nav == [("continue", f"{page.url}step/bank-call/?p=2#sim-now")]


def test_stepping_back_returns_to_the_step_and_keeps_the_slip(client, make_scenario):
    page = make_scenario()
    response = client.get(f"{page.url}step/first-text/", {"p": "1-"})
    content = html(response)
    assert "You stepped back" in content
    assert f'href="{page.url}step/first-text/choice/2/?p=1-#sim-now"' in content


def test_a_red_flag_praised_after_a_step_back_is_not_listed_as_missed(client, make_scenario):
    """Risky (link), step back, then the safe choice: the learner was told "Well spotted",
    so the ending lists the flag as spotted (on a second look), never as missed."""
    page = make_scenario()
    praised = html(client.get(f"{page.url}step/first-text/choice/2/", {"p": "1-"}))
    assert "Well spotted: A link in a text you did not expect" in praised
    ending_page = client.get(f"{page.url}step/safe-ending/", {"p": "1-22"})
    content = html(ending_page)
    assert parse(ending_page).ending["data-score"] == "100"
    assert content.count("flag--missed") == 0 and content.count("flag--spotted") == 1
    assert "Spotted on a second look" in content


def test_the_history_of_choices_is_shown_on_later_steps(client, make_scenario):
    page = make_scenario()
    content = html(client.get(f"{page.url}step/code-request/", {"p": "11"}))
    assert content.count('class="sim-action"') == 2
    assert "Tap the link" in content and "Type in my card number" in content
    assert "Your bank card is frozen. Unfreeze it now:" in content  # earlier messages


@pytest.mark.parametrize("path, score, spotted, missed", [
    ("111", "0", 0, 3),
    ("112", "33", 1, 2),
    ("22", "100", 1, 0),
    ("212", "100", 1, 0),  # "ask again" loops once, then reports: the loop has a way out
])
def test_the_ending_scores_the_red_flags(client, make_scenario, path, score, spotted, missed):
    page = make_scenario()
    endings = {"111": "money-gone", "112": "partly-ending", "22": "safe-ending",
               "212": "safe-ending"}
    response = client.get(f"{page.url}step/{endings[path]}/", {"p": path})
    links = parse(response)
    assert links.ending["data-score"] == score
    assert html(response).count("flag--spotted") == spotted
    assert html(response).count("flag--missed") == missed
    assert f"Score: {score}%" in html(response)


def test_an_ending_without_a_path_lists_the_red_flags_without_a_score(client, make_scenario):
    page = make_scenario()
    response = client.get(f"{page.url}step/money-gone/")
    assert response.status_code == 200
    content = html(response)
    assert "Play from the start" in content
    assert parse(response).ending["data-score"] == ""
    assert content.count('class="flag"') == 3


def test_unknown_steps_and_choices_are_404(client, make_scenario):
    page = make_scenario()
    for path in ["step/nope/", "step/FIRST-TEXT/", "step/first-text/choice/3/",
                 "step/first-text/choice/0/", "step/money-gone/choice/1/", "step/",
                 "step/first-text/choice/x/", "step/first-text/extra/"]:
        response = client.get(page.url + path)
        assert response.status_code == 404, path
        assert "We can’t find that page" in html(response)


BAD_PATHS = ["abc", "0", "9", "3", "1--", "-", "1" * 500, "\x00", "%00", "1\n", "11111111",
             "2-", "١", "1 2", "<script>"]


@pytest.mark.parametrize("value", BAD_PATHS)
def test_bad_path_values_are_ignored_never_an_error(client, make_scenario, value):
    page = make_scenario()
    for path in ["step/first-text/", "step/fake-page/", "step/money-gone/",
                 "step/first-text/choice/1/"]:
        response = client.get(page.url + path, {"p": value})
        assert response.status_code == 200, (path, value)
        links = parse(response)
        assert links.player["data-path"] == ""
        assert all("?p=" + value not in href for _kind, href in links.nav)
        assert "<script>" not in html(response).split("<main", 1)[1].split("</main>")[0]


def test_a_well_formed_path_that_leads_elsewhere_is_ignored(client, make_scenario):
    page = make_scenario()
    response = client.get(f"{page.url}step/bank-call/", {"p": "11"})  # 11 leads to code-request
    assert response.status_code == 200
    assert 'class="sim-action"' not in html(response)
    assert parse(response).player["data-path"] == ""


def test_repeated_path_parameters_use_the_last_and_never_fail(client, make_scenario):
    page = make_scenario()
    response = client.get(f"{page.url}step/fake-page/?p=1&p=zzz")
    assert response.status_code == 200


# --------------------------------------------------------------------------- nothing submittable


def test_nothing_a_learner_types_can_be_sent_anywhere(client, make_scenario):
    page = make_scenario()
    pages = crawl(client, page.url)
    saw_simulated_box = False
    for url, (response, links) in pages.items():
        for form in links.forms:
            if form["method"] == "post":
                assert not [f for f in form["fields"] if f["name"]], url
        assert not [f for f in links.fields if f["in_player"]], f"a form field in the player: {url}"
        if "sim-field__box" in html(response):
            saw_simulated_box = True
            assert "you cannot type in it" in html(response)
    assert saw_simulated_box  # the fixture has a "Card number" box, drawn, not an input


def test_the_player_sets_no_cookie(client, make_scenario):
    page = make_scenario()
    for path in ["", "step/first-text/", "step/first-text/choice/1/", "step/money-gone/?p=111"]:
        response = client.get(page.url + path)
        assert not response.cookies, path
        assert "Set-Cookie" not in response


def test_scenario_text_is_escaped(client, make_scenario, red_flags):
    steps = [
        step("start", [message("<script>alert(1)</script>", link="<b>x</b>")],
             [("<i>go</i>", "end", True, red_flags["unexpected-link"], "<img src=x>")]),
        ending("end", "safe", "<u>done</u>"),
    ]
    page = make_scenario(steps=steps)
    for path in ["step/start/", "step/start/choice/1/", "step/end/?p=1"]:
        content = html(client.get(page.url + path))
        main = content.split("<main", 1)[1]
        assert "<script>alert" not in main and "<img src=x>" not in main
        assert "<i>go</i>" not in main and "<u>done</u>" not in main and "<b>x</b>" not in main


# --------------------------------------------------------------------------- query counts


# Routing is 1 query once the route is remembered (page_cache.routing: the scenario itself);
# the intro's graph and the lesson's classification are remembered per cache generation too,
# so the intro adds only its image; a step adds the red flags of the whole scenario, whatever
# the number of steps, choices or the path's length. Each limit allows one more: the cache
# generation is re-read at most once a second, and a slow run can cross that second.
@pytest.mark.parametrize("path, limit", [
    ("", 3),
    ("step/first-text/", 3),
    ("step/code-request/?p=11", 3),
    ("step/code-request/choice/1/?p=11", 3),
    ("step/money-gone/?p=111", 3),
])
def test_scenario_page_query_counts_are_pinned(client, make_scenario, settings,
                                               django_assert_max_num_queries, path, limit):
    settings.PAGE_CACHE_ENABLED = False
    page = make_scenario()
    assert client.get(page.url + path).status_code == 200  # warm: renditions, caches
    with django_assert_max_num_queries(limit):
        assert client.get(page.url + path).status_code == 200


def test_step_queries_do_not_grow_with_the_length_of_the_path(
    client, make_scenario, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_ENABLED = False
    page = make_scenario()
    short, long = f"{page.url}step/bank-call/?p=2", f"{page.url}step/bank-call/?p=2" + "1" * 40
    client.get(short), client.get(long)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(short)
    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(long)
    assert html(response).count('class="sim-action"') == 41


# --------------------------------------------------------------------------- broken graphs


def break_graph(page):
    """Store a broken graph as if it came from an old revision or a bad data fix."""
    steps = frozen_card_steps({f.slug: f for f in RedFlag.objects.all()})
    steps[0]["value"]["choices"][0]["next_step"] = "gone"
    ScamScenario.objects.filter(pk=page.pk).update(steps=steps)
    return ScamScenario.objects.get(pk=page.pk)


def test_a_broken_graph_is_not_available_to_the_public(client, make_scenario):
    page = break_graph(make_scenario())
    for path in ["", "step/first-text/", "step/first-text/choice/1/", "step/money-gone/"]:
        response = client.get(page.url + path)
        assert response.status_code == 404, path
        content = html(response)
        assert "This practice scenario is not available right now" in content
        assert "gone" not in content.split("<main", 1)[1]  # nothing editor-facing leaks


def test_a_broken_graph_explains_itself_to_the_editor_in_preview(make_scenario):
    page = break_graph(make_scenario())
    response = page.make_preview_request()
    assert response.status_code == 200
    content = html(response)
    assert "This scenario cannot be played yet" in content
    assert "Step “first-text”: choice 1 leads to “gone”, but no step has that ID." in content


def test_a_draft_is_judged_on_its_own_steps_while_the_live_one_plays_on(client, make_scenario):
    page = make_scenario()
    assert client.get(page.url).status_code == 200  # the live graph is now remembered
    draft = ScamScenario.objects.get(pk=page.pk)
    steps = frozen_card_steps({f.slug: f for f in RedFlag.objects.all()})
    steps[0]["value"]["choices"][0]["next_step"] = "gone"
    draft.steps = steps
    assert "This scenario cannot be played yet" in html(draft.make_preview_request())
    assert client.get(page.url).status_code == 200


def test_a_broken_graph_cannot_be_published_from_code(make_scenario):
    page = make_scenario(live=False)
    page.steps = frozen_card_steps({f.slug: f for f in RedFlag.objects.all()})[:-1]
    revision = page.save_revision()  # a draft may be unfinished (issue 12)
    with pytest.raises(ValidationError) as error:
        revision.publish()
    assert "closed-safe" in str(error.value)
    revision = page.save_revision(clean=False)  # e.g. written by an old version of the code
    with pytest.raises(ValidationError):
        revision.publish()
    assert not ScamScenario.objects.get(pk=page.pk).live


# --------------------------------------------------------------------------- the admin


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("education", "scamscenario", parent.pk))


def stream_form(raw):
    """Admin form data for raw StreamField data like ``frozen_card_steps``."""
    items = []
    for block in raw:
        value = dict(block["value"])
        value["messages"] = streamfield([
            ("item", {**m, "image": m["image"] or "", "audio": m["audio"] or ""})
            for m in value["messages"]
        ])
        if "choices" in value:
            value["choices"] = streamfield([
                ("item", {**c, "red_flag": c["red_flag"] or "", "safe": "on" if c["safe"] else ""})
                for c in value["choices"]
            ])
        if "debrief" in value:
            value["debrief"] = rich_text(value["debrief"])
        items.append((block["type"], value))
    return streamfield(items)


def scenario_form(raw, action="action-publish", slug="card-frozen"):
    data = nested_form_data({
        "title": "Card frozen",
        "slug": slug,
        "summary": "Practise on a fake text.",
        "channel": "sms",
        "contact_name": "Bank",
        "contact_detail": "",
        "situation": rich_text("<p>Your phone buzzes.</p>"),
        "steps": stream_form(raw),
        "takeaways": streamfield([]),
        "check_questions": streamfield([]),
        "related_links": inline_formset([]),
    })
    data[action] = "1"
    return data


def steps_errors(response):
    """The messages on the steps field, and the stream indexes of the blocks with errors."""
    errors = response.context["form"].errors.as_data().get("steps", [])
    messages, blocks = [], set()
    for error in errors:
        data = error.as_json_data() if hasattr(error, "as_json_data") else {
            "messages": error.messages}
        messages += data.get("messages", [])
        blocks |= {int(index) for index in data.get("blockErrors", {})}
    return messages, blocks


def test_a_good_scenario_is_created_and_published_through_the_admin(admin_client, library,
                                                                     red_flags):
    response = admin_client.post(add_url(library), scenario_form(frozen_card_steps(red_flags)))
    assert response.status_code == 302, steps_errors(response)
    page = ScamScenario.objects.get(slug="card-frozen")
    assert page.live and page.lesson_format == "scenario"
    assert [child.value["step_id"] for child in page.steps][:2] == ["first-text", "fake-page"]
    assert page.steps[0].value["choices"][0]["red_flag"] == red_flags["unexpected-link"]


def broken(red_flags, how):
    raw = frozen_card_steps(red_flags)
    by_id = {block["value"]["step_id"]: block["value"] for block in raw}
    if how == "dangling":
        by_id["first-text"]["choices"][1]["next_step"] = "bank-cal"
    elif how == "unreachable":
        raw.insert(4, step("island", ["Lost at sea"],
                           [("Swim", "safe-ending", True, None, "You swim.")]))
    elif how == "dead-end":
        by_id["code-request"]["choices"] = []
    elif how == "no-safe-ending":
        for block in raw:
            if block["value"].get("outcome") == "safe":
                block["value"]["outcome"] = "partly"
    elif how == "loop":
        by_id["bank-call"]["choices"][1]["next_step"] = "report-loop"
        raw.insert(4, step("report-loop", ["Hold the line"],
                           [("Wait", "bank-call", True, None, "You wait.")]))
    return raw


@pytest.mark.parametrize("how, expected, block", [
    ("dangling", "Step “first-text”: choice 2 leads to “bank-cal”, but no step has that ID.", 0),
    ("unreachable", "Step “island” can never be reached", 4),
    ("dead-end", "Step “code-request” has no choices", 2),
    ("no-safe-ending", "No path from the first step “first-text” reaches a safe ending", 0),
    ("loop", "Step “bank-call” and step “report-loop” form a loop with no way out", 3),
])
@pytest.mark.parametrize("action", ["action-publish", "action-submit"])
def test_the_admin_refuses_a_broken_graph_naming_the_step(admin_client, library, red_flags,
                                                          how, expected, block, action):
    response = admin_client.post(add_url(library),
                                 scenario_form(broken(red_flags, how), action=action))
    assert response.status_code == 200
    assert not ScamScenario.objects.exists()
    messages, blocks = steps_errors(response)
    assert any(expected in message for message in messages), messages
    assert block in blocks
    # The map under the steps shows the same problem, as text, with what was sent.
    assert expected in html(response)
    assert 'class="scenario-map"' in html(response)


def test_publishing_needs_at_least_one_red_flag(admin_client, library, red_flags):
    raw = frozen_card_steps(red_flags)
    for block in raw:
        for choice in block["value"].get("choices", []):
            choice["red_flag"] = None
    response = admin_client.post(add_url(library), scenario_form(raw))
    assert "Link at least one choice to a red flag" in html(response)
    assert not ScamScenario.objects.exists()
    response = admin_client.post(add_url(library), scenario_form(raw, action="draft"))
    assert response.status_code == 302  # a draft may wait for its red flags


def test_the_edit_page_shows_the_scenario_map(admin_client, make_scenario):
    page = make_scenario()
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    content = html(response)
    assert response.status_code == 200
    assert content.count("<rect") == 8  # a box per step and ending
    assert content.count("marker-end=") == 8  # an arrow per choice
    assert "Every step can be reached" in content


def test_red_flags_are_managed_in_the_lesson_library_menu(admin_client, red_flags):
    response = admin_client.get("/admin/snippets/education/redflag/")
    assert response.status_code == 200
    assert "A link in a text you did not expect" in html(response)
    menu = html(admin_client.get("/admin/"))
    assert "/admin/snippets/education/redflag/" in menu


def test_scenarios_can_only_be_created_in_the_library(make_scenario, home):
    library = LessonIndexPage.objects.get()
    assert ScamScenario.can_create_at(library)
    assert not ScamScenario.can_create_at(home)
    assert ScamScenario.allowed_subpage_models() == []


# --------------------------------------------------------------------------- library & audiences


def test_library_format_filter_and_audience_pages_include_scenarios(
    client, taxonomy, make_scenario, make_case
):
    scenario = make_scenario(segments=[taxonomy["seniors"]], tags=[taxonomy["tags"]["refund"]])
    make_case(segments=[taxonomy["seniors"]])
    listed = html(client.get("/en/lessons/", {"format": "scenario"}))
    assert scenario.title in listed and "The invoice that changed bank" not in listed
    assert "1 lesson" in listed
    assert re.search(r'<option value="scenario"[^>]*>Scenario \(1\)</option>', listed)
    audience = html(client.get("/en/audiences/seniors/"))
    assert 'id="group-scenario"' in audience and scenario.title in audience
    search = html(client.get("/en/search/", {"q": "frozen"}))
    assert f'href="{scenario.url}"' in search


def test_search_finds_words_inside_the_steps(client, make_scenario):
    page = make_scenario()
    assert "Unfreeze" in page.body_text and "Read out the code" in page.body_text
    response = client.get("/en/search/", {"q": "unfreeze"})
    assert f'href="{page.url}"' in html(response)


# --------------------------------------------------------------------------- what gave it away


def test_the_feedback_highlights_what_gave_the_scam_away_in_the_message(client, make_scenario):
    page = make_scenario()
    step_page = html(client.get(f"{page.url}step/first-text/"))
    assert "sim-mark" not in step_page  # no answers before the choice
    content = html(client.get(f"{page.url}step/first-text/choice/1/"))
    link = re.search(r'<span class="sim-link__text">(.*?)</span>\s*<span', content, re.S)
    assert link and link.group(1) == (
        '<mark class="sim-mark" id="giveaway"><span class="visually-hidden">What gave it '
        'away: </span>bank-help.top</mark>/unfreeze'
    )
    # The feedback names it too, and links to it in the message.
    assert re.search(r'<a href="#giveaway">What gave it away:</a> <mark class="sim-mark">'
                     r"bank-help.top</mark>", content)
    # Moving on, the mark goes: the conversation shows the message as it was.
    later = html(client.get(f"{page.url}step/fake-page/", {"p": "1"}))
    assert "sim-mark" not in later and "bank-help.top/unfreeze" in later


def test_the_highlight_is_escaped_and_marks_the_text_of_a_message(client, make_scenario, red_flags):
    steps = frozen_card_steps(red_flags)
    first = steps[0]["value"]
    first["messages"][0]["text"] = "Dear <customer>, your card is frozen.\nReply now."
    first["choices"][0]["highlight"] = "<customer>, your card"
    page = make_scenario(steps=steps)
    content = html(client.get(f"{page.url}step/first-text/choice/1/"))
    assert ("Dear <mark class=\"sim-mark\" id=\"giveaway\"><span class=\"visually-hidden\">What "
            "gave it away: </span>&lt;customer&gt;, your card</mark> is frozen.<br>Reply now."
            ) in content
    assert "<customer>" not in content


def test_a_highlight_that_no_longer_matches_shows_no_mark(client, make_scenario, red_flags):
    """A translation whose highlight was not translated to match: the feedback still works."""
    page = make_scenario()
    page.steps[0].value["choices"][0]["highlight"] = "not in the message"
    page.save_revision().publish()
    response = client.get(f"{page.url}step/first-text/choice/1/")
    assert response.status_code == 200
    assert "sim-mark" not in html(response) and "The link was not from your bank." in html(response)


def test_the_admin_refuses_a_highlight_that_is_not_in_the_steps_messages(admin_client, library,
                                                                       red_flags):
    raw = frozen_card_steps(red_flags)
    raw[0]["value"]["choices"][0]["highlight"] = "bank-help.com"  # the message says .top
    response = admin_client.post(add_url(library), scenario_form(raw))
    assert response.status_code == 200
    assert not ScamScenario.objects.filter(slug="card-frozen").exists()
    errors = response.context["form"].errors.as_data()["steps"][0].as_json_data()
    choice_error = errors["blockErrors"][0]["blockErrors"]["choices"]["blockErrors"][0]
    assert choice_error["blockErrors"]["highlight"]["messages"] == [
        "“bank-help.com” is not in this step's messages. Copy the words exactly as they are "
        "written in a message's sender name, subject, text, link, input box or button."
    ]
    raw[0]["value"]["choices"][0]["highlight"] = "bank-help.top"
    response = admin_client.post(add_url(library), scenario_form(raw))
    assert response.status_code == 302
    page = ScamScenario.objects.get(slug="card-frozen")
    assert page.steps[0].value["choices"][0]["highlight"] == "bank-help.top"
