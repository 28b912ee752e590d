"""/embed/<code>/: a tracking link's lesson in a partner's <iframe>, framed only by the origins
recorded on that link, counted for that link, with no cookie and never shared through a cache."""

import re

import pytest
from django.core.exceptions import ValidationError

from campaigns.embedding import MAX_EMBED_ORIGINS, allowed_origins, parse_embed_origins
from campaigns.models import ReachEvent, TrackingLink
from tests.campaigns.conftest import BROWSER_UA, event
from tests.education.test_check_questions import with_questions

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
PARTNER = "https://partner.example"
OTHER = "https://council.example:8443"


def directives(response, header=CSP):
    return {part.split()[0]: part.split()[1:] for part in response[header].split(";")
            if part.strip()}


def frame_ancestors(response):
    return directives(response)["frame-ancestors"]


def get(client, path, **headers):
    return client.get(path, HTTP_USER_AGENT=BROWSER_UA, **headers)


def add_link(campaign, destination, code, origins=""):
    return TrackingLink.objects.create(
        campaign=campaign, code=code, channel="partner_app", label=f"Partner {code}",
        destination=destination, embed_origins=origins,
    )


@pytest.fixture
def partner_link(campaign, lesson):
    return add_link(campaign, lesson, "partner-a", PARTNER)


# --- the page ------------------------------------------------------------------------------


def test_the_embed_shows_the_links_lesson_without_the_site_chrome(client, partner_link, lesson):
    response = get(client, "/embed/partner-a/")
    assert response.status_code == 200
    html = response.content.decode()
    assert lesson.title in html
    assert 'class="site-header"' not in html and 'class="site-footer"' not in html
    assert 'class="breadcrumb"' not in html
    # the page names its link for the page script, and everything opens the full site
    assert f'data-reach-page="{lesson.pk}" data-reach-link="partner-a"' in html
    assert '<base target="_blank">' in html
    assert f'href="http://localhost{lesson.url}" target="_blank" rel="noopener"' in html
    assert "From ScamSense — open on the full site" in html


@pytest.mark.parametrize("maker", ["make_video", "make_comic", "make_case", "make_scenario",
                                   "make_spot"])
def test_every_lesson_format_can_be_embedded(client, campaign, request, maker):
    lesson = request.getfixturevalue(maker)(title=f"Embedded {maker}")
    add_link(campaign, lesson, "fmt-link", PARTNER)
    response = get(client, "/embed/fmt-link/")
    assert response.status_code == 200
    assert f"Embedded {maker}" in response.content.decode()
    assert frame_ancestors(response) == [PARTNER]


def test_a_scenario_is_played_inside_the_frame(client, campaign, make_scenario):
    scenario = make_scenario()
    add_link(campaign, scenario, "play-here", PARTNER)
    intro = get(client, "/embed/play-here/").content.decode()
    assert ('href="/embed/play-here/step/first-text/#sim-now" data-sim-nav="start" '
            'target="_self"') in intro
    step = get(client, "/embed/play-here/step/first-text/")
    assert step.status_code == 200 and frame_ancestors(step) == [PARTNER]
    html = step.content.decode()
    assert 'href="/embed/play-here/step/first-text/choice/1/#sim-now"' in html
    assert 'data-reach-link="play-here"' in html and 'class="site-header"' not in html
    choice = get(client, "/embed/play-here/step/first-text/choice/1/")
    assert choice.status_code == 200
    continue_link = re.search(r'href="([^"]*)" data-sim-nav="continue" target="_self"',
                              choice.content.decode())
    assert continue_link and continue_link[1].startswith("/embed/play-here/step/fake-page/")
    # the print view, unknown steps and other sub-addresses are not shown in a frame
    for path in ("print/", "step/nowhere/", "step/first-text/choice/9/", "whatever/"):
        assert get(client, f"/embed/play-here/{path}").status_code == 404, path


def test_a_spot_the_scam_quiz_is_played_inside_the_frame(client, campaign, make_spot):
    quiz = make_spot()
    add_link(campaign, quiz, "spot-here", PARTNER)
    intro = get(client, "/embed/spot-here/").content.decode()
    assert 'action="/embed/spot-here/message/1/#spot-now" data-spot-form target="_self"' in intro
    answer = get(client, "/embed/spot-here/message/1/?answer=scam")
    assert answer.status_code == 200 and frame_ancestors(answer) == [PARTNER]
    html = answer.content.decode()
    assert 'data-reach-link="spot-here"' in html and 'class="site-header"' not in html
    assert ('href="/embed/spot-here/message/2/?r=1#spot-now" data-spot-nav="next" '
            'target="_self"') in html
    result = get(client, "/embed/spot-here/result/?r=101")
    assert result.status_code == 200 and "You got 2 of 3 right" in result.content.decode()
    assert get(client, "/embed/spot-here/print/").status_code == 404


@pytest.mark.parametrize("maker", ["make_case", "make_scenario"])
def test_check_questions_are_answered_inside_the_frame(client, campaign, request, maker):
    """Without JavaScript the check form's answers open in the frame, not the full site."""
    lesson = with_questions(request.getfixturevalue(maker)(title="Checked in a frame"))
    add_link(campaign, lesson, "check-here", PARTNER)
    html = get(client, "/embed/check-here/").content.decode()
    assert 'action="/embed/check-here/check/" data-check-form target="_self"' in html
    assert 'href="#lesson-body" target="_self"' in html
    answers = get(client, "/embed/check-here/check/?box=before&q1=2&q2=1")
    assert answers.status_code == 200 and frame_ancestors(answers) == [PARTNER]
    body = answers.content.decode()
    assert "You got 2 of 2 right." in body and 'class="site-header"' not in body
    assert 'href="/embed/check-here/#lesson-body" target="_self"' in body
    assert not answers.cookies


def test_a_comic_is_read_panel_by_panel_inside_the_frame(client, campaign, make_comic):
    comic = make_comic()
    add_link(campaign, comic, "comic-here", PARTNER)
    html = get(client, "/embed/comic-here/?panel=1").content.decode()
    assert 'href="/embed/comic-here/?panel=2#panel-2" target="_self"' in html


def test_other_lessons_have_no_sub_addresses_in_the_frame(client, partner_link):
    assert get(client, "/embed/partner-a/print/").status_code == 404


def test_the_lesson_is_in_its_own_language(client, campaign, lesson, translate, zh_site):
    chinese = translate(lesson, title="快递费骗局")
    add_link(campaign, chinese, "zh-link", PARTNER)
    html = get(client, "/embed/zh-link/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-hans"' in html and "快递费骗局" in html
    assert '<html lang="zh-hans"' in get(client, "/embed/zh-link/").content.decode()
    add_link(campaign, lesson, "en-link", PARTNER)
    response = get(client, "/embed/en-link/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert '<html lang="en"' in response.content.decode()
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize("path", ["/embed/nope-nope/", "/embed/ab/", "/embed/%5Cevil/",
                                  "/embed/" + "x" * 40 + "/"])
def test_unknown_links_are_404_and_not_redirected(client, partner_link, path):
    response = get(client, path)
    assert response.status_code == 404
    assert "Location" not in response


def test_a_link_to_a_page_that_is_not_a_live_public_lesson_is_404(
        client, campaign, lesson, library, make_case, make_private):
    add_link(campaign, library, "library-link", PARTNER)
    draft = make_case(title="Not yet")
    add_link(campaign, draft, "draft-link", PARTNER)
    draft.unpublish()
    private = make_private(make_case(title="Members only"))
    add_link(campaign, private, "private-link", PARTNER)
    for code in ("library-link", "draft-link", "private-link"):
        assert get(client, f"/embed/{code}/").status_code == 404, code


def test_only_get_and_head(client, partner_link):
    assert client.head("/embed/partner-a/", HTTP_USER_AGENT=BROWSER_UA).status_code == 200
    assert client.post("/embed/partner-a/").status_code == 405


# --- who may frame it ----------------------------------------------------------------------


def test_frame_ancestors_lists_exactly_the_links_origins(client, campaign, lesson):
    add_link(campaign, lesson, "two-sites", f"{PARTNER}\n{OTHER}\n")
    response = get(client, "/embed/two-sites/")
    assert frame_ancestors(response) == [PARTNER, OTHER]
    assert "X-Frame-Options" not in response  # DENY would refuse every partner
    # the rest of the strict public policy is unchanged
    policy = directives(response)
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]


def test_a_link_without_origins_may_not_be_framed_at_all(client, campaign, lesson):
    add_link(campaign, lesson, "no-sites")
    response = get(client, "/embed/no-sites/")
    assert response.status_code == 200
    assert frame_ancestors(response) == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_no_other_page_may_be_framed(client, partner_link, lesson):
    get(client, "/embed/partner-a/")
    for path in (lesson.url, "/en/", "/healthz", "/go/partner-a"):
        response = get(client, path)
        assert PARTNER not in response[CSP], path
        assert frame_ancestors(response) == ["'none'"], path
    assert get(client, lesson.url)["X-Frame-Options"] == "DENY"


def test_the_admin_may_frame_its_own_previews(admin_client, lesson):
    response = admin_client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert frame_ancestors(response) == ["'self'"]


def test_two_links_never_get_each_others_header(client, campaign, lesson, partner_link,
                                                settings):
    settings.PAGE_CACHE_ENABLED = True
    add_link(campaign, lesson, "partner-b", OTHER)
    add_link(campaign, lesson, "partner-c")
    for _ in range(2):  # the second round would be served from a cache if one kept them
        a, b, c = (get(client, f"/embed/{code}/") for code in ("partner-a", "partner-b",
                                                                 "partner-c"))
        assert frame_ancestors(a) == [PARTNER]
        assert frame_ancestors(b) == [OTHER]
        assert frame_ancestors(c) == ["'none'"]
        for response in (a, b, c):
            assert "X-Page-Cache" not in response
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
            assert "public" not in response["Cache-Control"]  # no CDN keeps it either
    # a public page cached in between changes nothing for the embed, and the other way round
    assert get(client, lesson.url)["X-Page-Cache"] == "miss"
    assert get(client, lesson.url)["X-Page-Cache"] == "hit"
    assert frame_ancestors(get(client, "/embed/partner-b/")) == [OTHER]
    assert frame_ancestors(get(client, lesson.url)) == ["'none'"]


def test_attribution_parameters_never_make_an_embed_cacheable(client, partner_link, settings):
    settings.PAGE_CACHE_ENABLED = True
    for query in ("", "?via=partner-b", "?utm_source=x"):
        response = get(client, f"/embed/partner-a/{query}")
        assert "X-Page-Cache" not in response
        assert frame_ancestors(response) == [PARTNER]


def test_a_changed_origin_list_applies_at_once(client, partner_link):
    assert frame_ancestors(get(client, "/embed/partner-a/")) == [PARTNER]
    partner_link.embed_origins = OTHER
    partner_link.save()
    assert frame_ancestors(get(client, "/embed/partner-a/")) == [OTHER]


def test_a_report_only_policy_gets_the_same_ancestors(client, partner_link, settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {
        "DIRECTIVES": {"default-src": ["'self'"], "frame-ancestors": ["'self'"]},
    }
    response = get(client, "/embed/partner-a/")
    ro = directives(response, "Content-Security-Policy-Report-Only")
    assert ro["frame-ancestors"] == [PARTNER]


def test_a_stored_value_that_bypassed_validation_never_reaches_the_header(
        client, campaign, lesson):
    link = add_link(campaign, lesson, "raw-value")
    TrackingLink.objects.filter(pk=link.pk).update(
        embed_origins=f"{PARTNER}; script-src *\n*\nhttps://ok.example"
    )
    assert frame_ancestors(get(client, "/embed/raw-value/")) == ["https://ok.example"]


# --- no cookie, the same beacon rules, attribution -----------------------------------------


def test_no_cookie_is_set(client, campaign, make_scenario, partner_link):
    scenario = make_scenario()
    add_link(campaign, scenario, "cookie-free", PARTNER)
    client.cookies.load({"django_language": "zh-hans"})
    for path in ("/embed/partner-a/", "/embed/cookie-free/",
                 "/embed/cookie-free/step/first-text/",
                 "/embed/cookie-free/step/first-text/choice/1/"):
        response = get(client, path)
        assert response.status_code == 200
        assert not response.cookies, path
        assert "Set-Cookie" not in response, path


def test_a_view_in_the_frame_counts_for_the_link_and_its_campaign(
        client, partner_link, lesson, campaign, beacon):
    html = get(client, "/embed/partner-a/").content.decode()
    assert 'data-reach-link="partner-a"' in html
    # The frame's document is on this site, so the browser's Origin is this host.
    response = beacon([event(lesson, link="partner-a")], HTTP_ORIGIN="http://testserver")
    assert response.status_code == 202 and response.json() == {"accepted": 1, "dropped": 0}
    stored = ReachEvent.objects.get()
    assert stored.link == partner_link and stored.campaign == campaign
    assert stored.event_type == "view" and stored.qualified


def test_the_partners_origin_cannot_send_events(partner_link, lesson, beacon):
    response = beacon([event(lesson, link="partner-a")], HTTP_ORIGIN=PARTNER)
    assert response.status_code == 400
    assert not ReachEvent.objects.exists()


def test_the_page_script_prefers_the_link_the_page_names():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "site/static/js/reach.js").read_text()
    assert 'root.getAttribute("data-reach-link")' in script


# --- recording the origins -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("https://Partner.Example", ["https://partner.example"]),
    ("https://partner.example/", ["https://partner.example"]),
    ("https://partner.example:443", ["https://partner.example"]),
    ("https://partner.example:8443", ["https://partner.example:8443"]),
    ("  https://a.example  \n\nhttps://b.example\nhttps://a.example", ["https://a.example",
                                                                     "https://b.example"]),
    ("https://bücher.example", ["https://xn--bcher-kva.example"]),
    ("http://localhost:8000", ["http://localhost:8000"]),
    ("http://127.0.0.1:9000", ["http://127.0.0.1:9000"]),
    ("http://[::1]:9000", ["http://[::1]:9000"]),
    ("https://203.0.113.5", ["https://203.0.113.5"]),
    ("", []),
])
def test_origins_are_normalised(text, expected):
    assert parse_embed_origins(text) == expected


@pytest.mark.parametrize(("text", "message"), [
    ("partner.example", "is not an origin"),
    ("https://partner.example/lessons/", "is not an origin"),
    ("https://partner.example?x=1", "is not an origin"),
    ("https://partner.example#top", "is not an origin"),
    ("https://user@partner.example", "is not an origin"),
    ("https://*.partner.example", "wildcards are not allowed"),
    ("*", "wildcards are not allowed"),
    ("http://partner.example", "must use https://"),
    ("ftp://partner.example", "must use https://"),
    ("javascript://partner.example", "must use https://"),
    ("https://partner.example:0", "the port must be"),
    ("https://partner.example:70000", "the port must be"),
    ("https://partner.example:08443", "the port must be"),
    ("https://-bad-.example", "the host name is not valid"),
    ("https://999.1.1.1", "the host name is not valid"),
    ("'self'", "is not an origin"),
    ("https://a.example; script-src x", "is not an origin"),
    ("https://a.example https://b.example", "is not an origin"),
])
def test_invalid_origins_are_refused_with_a_clear_message(text, message):
    with pytest.raises(ValidationError) as raised:
        parse_embed_origins(f"https://fine.example\n{text}")
    messages = raised.value.messages
    assert len(messages) == 1 and message in messages[0]
    assert allowed_origins(f"https://fine.example\n{text}") == ["https://fine.example"]


def test_at_most_so_many_origins():
    many = "\n".join(f"https://p{n}.example" for n in range(MAX_EMBED_ORIGINS + 1))
    with pytest.raises(ValidationError, match=f"at most {MAX_EMBED_ORIGINS}"):
        parse_embed_origins(many)
    assert len(parse_embed_origins("\n".join(many.splitlines()[:-1]))) == MAX_EMBED_ORIGINS


def test_the_model_refuses_an_invalid_list(campaign, lesson):
    link = TrackingLink(campaign=campaign, code="bad-list", channel="partner_app",
                        destination=lesson, embed_origins="https://partner.example/path")
    with pytest.raises(ValidationError) as raised:
        link.full_clean()
    assert "embed_origins" in raised.value.message_dict


def test_the_varnish_configuration_passes_embeds():
    """The VCL we ship must not cache /embed/ (its header depends on the link), and the app's
    own lists agree."""
    from pathlib import Path

    from page_cache.cdn import PRIVATE_PREFIXES
    from page_cache.middleware import BYPASS_PREFIXES

    vcl = (Path(__file__).resolve().parents[2] / "docs/varnish/scamsense.vcl").read_text()
    passed = re.search(r'req\.url ~ "\^/\(([^)]*)\)\(/\|\$\|\\\?\)"', vcl)
    assert passed and "embed" in passed[1].split("|")
    assert "/embed/" in PRIVATE_PREFIXES and "/embed/" in BYPASS_PREFIXES
