"""What a stranger needs to trust and pass on a lesson (issue 14, parts 1-5), server side:
each player link opens at what is new, large text carries from an audience into its lessons,
the share box works without JS (link, e-mail, QR code), every lesson prints on one page, and
About / Privacy / Contact pages and the "checked by review" line say who stands behind it.
The browser checks at 375 px are in tests/e2e/test_public_trust.py.
"""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import escape

from education.models import InfoPage
from page_cache import memo
from reviews.models import ReviewSchedule

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def hrefs(content, cls):
    return re.findall(rf'<a[^>]*class="{cls}"[^>]*href="([^"]+)"', content) or re.findall(
        rf'<a[^>]*href="([^"]+)"[^>]*class="{cls}"', content
    )


# --------------------------------------------------------------------------- 1. stay in place


def test_every_player_link_opens_the_next_screen_at_what_is_new(client, make_scenario):
    page = make_scenario()
    screens = {
        "step": f"{page.url}step/first-text/",
        "feedback": f"{page.url}step/first-text/choice/1/",
        "stepped back": f"{page.url}step/first-text/?p=1-",
        "ending": f"{page.url}step/money-gone/?p=111",
    }
    for name, url in screens.items():
        content = html(client.get(url))
        assert content.count('id="sim-now"') == 1, name  # one target on every screen
        links = re.findall(r'href="([^"]+)"[^>]*data-sim-nav', content)
        assert links and all(link.endswith("#sim-now") for link in links), (name, links)
    feedback = html(client.get(screens["feedback"]))
    assert re.search(r'<li class="sim-action" data-sim-new id="sim-now"', feedback)
    step = html(client.get(screens["step"]))
    assert re.search(r'<li class="sim-msg sim-msg--them"[^>]* data-sim-new id="sim-now"', step)


def test_comic_panel_links_open_at_the_panel(client, make_comic):
    comic = make_comic(panels=3)
    strip = html(client.get(comic.url))
    assert f'href="{comic.url}?panel=1#panel-1"' in strip
    second = html(client.get(comic.url + "?panel=2"))
    assert 'id="panel-2"' in second
    assert f'href="{comic.url}?panel=1#panel-1"' in second  # previous
    assert f'href="{comic.url}?panel=3#panel-3"' in second  # next
    assert f'href="{comic.url}#panel-2"' in second  # back to the strip, at the same panel


# --------------------------------------------------------------------------- 2. large text


def test_an_audience_that_prefers_large_text_carries_it_into_its_lessons(
    client, taxonomy, make_comic, make_scenario
):
    comic = make_comic(segments=[taxonomy["seniors"]], panels=2)
    scenario = make_scenario(segments=[taxonomy["seniors"]])
    audience = html(client.get("/en/audiences/seniors/"))
    assert 'class="text-large-default"' in audience
    assert f'href="{comic.url}?text=large"' in audience
    assert f'href="{scenario.url}?text=large"' in audience

    lesson = html(client.get(comic.url + "?text=large"))
    assert '<html lang="en" class="text-large-default">' in lesson
    assert f'href="{comic.url}?panel=1&amp;text=large#panel-1"' in lesson  # kept in the lesson
    intro = html(client.get(scenario.url + "?text=large"))
    assert f'href="{scenario.url}step/first-text/?text=large#sim-now"' in intro
    step = html(client.get(f"{scenario.url}step/first-text/?text=large"))
    assert '<html lang="en" class="text-large-default">' in step
    assert f"{scenario.url}step/first-text/choice/1/?text=large#sim-now" in step


def test_other_audiences_and_plain_addresses_keep_the_normal_size(client, taxonomy, make_case):
    case = make_case(segments=[taxonomy["business"]])
    audience = html(client.get("/en/audiences/small-businesses/"))
    assert "text-large-default" not in audience and "?text=large" not in audience
    for query in ("", "?text=huge", "?text=LARGE"):
        assert "text-large-default" not in html(client.get(case.url + query)), query


# --------------------------------------------------------------------------- 3. share, no JS


def test_the_share_box_offers_the_link_email_and_a_qr_code_without_js(client, make_case):
    case = make_case()
    content = html(client.get(case.url))
    box = content.split('<section class="share"', 1)[1].split("</section>", 1)[0]
    full_url = f"http://localhost{case.url}"
    assert "data-share-box" in box
    assert f'value="{full_url}" readonly' in box  # the link to copy
    assert "mailto:?subject=" in box and "body=http%3A//localhost" in box
    svg = re.search(r"<svg [^>]*>", box).group(0)
    assert 'role="img"' in svg and 'aria-label="QR code of this lesson' in svg
    # Only the JS button waits for JS; the rest is shown as is.
    assert re.search(r'<p class="share__native" data-share-native hidden>', box)
    assert box.count(" hidden") == 1


def test_the_qr_code_encodes_the_public_address(client, make_case, settings):
    settings.PUBLIC_BASE_URL = "https://scamsense.example.org/"
    case = make_case()
    content = html(client.get(case.url))
    assert f'value="https://scamsense.example.org{case.url}"' in content


# --------------------------------------------------------------------------- 4. print


@pytest.mark.parametrize("kind", ["video", "comic", "case", "scenario"])
def test_every_lesson_has_a_one_page_print_view(client, kind, make_video, make_comic,
                                                 make_case, make_scenario):
    lesson = {"video": make_video, "comic": make_comic, "case": make_case,
              "scenario": make_scenario}[kind]()
    content = html(client.get(lesson.url))
    assert f'href="{lesson.url}print/"' in content
    response = client.get(lesson.url + "print/")
    assert response.status_code == 200
    page = html(response)
    assert escape(lesson.title) in page
    assert "How to report a scam" in page  # the report box, with its numbers
    assert 'class="qr-code"' in page and f"http://localhost{lesson.url}" in page
    assert 'name="robots" content="noindex, follow"' in page
    assert "data-reach-page" not in page  # a printout is not a view of the lesson


def test_the_print_view_lists_a_case_studys_red_flags_and_what_to_do(client, make_case):
    case = make_case()
    page = html(client.get(case.url + "print/"))
    assert "Red flags to watch for" in page and "What to do" in page
    for block in case.red_flags:
        assert str(block.value) in page


def test_the_print_view_lists_a_scenarios_red_flags(client, make_scenario):
    page = html(client.get(make_scenario().url + "print/"))
    assert "A link in a text you did not expect" in page


def test_only_print_is_a_sub_address_of_a_lesson(client, make_case):
    case = make_case()
    for path in ("print/x/", "printx/", "print/print/"):
        assert client.get(case.url + path).status_code == 404, path


# --------------------------------------------------------------------------- 5. who stands behind


@pytest.fixture
def info_pages(home, zh_site, translate):
    pages = {}
    for slug, title in (("about", "About us"), ("privacy", "Privacy"), ("contact", "Contact")):
        page = InfoPage(title=title, slug=slug, body=f"<p>{title} text.</p>", show_in_menus=True)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages[slug] = page
    translate(pages["about"], title="关于我们", body="<p>关于我们。</p>")
    translate(pages["privacy"], title="隐私说明", body="<p>隐私。</p>")
    return pages  # the contact page has no Chinese yet


def test_info_pages_are_linked_from_the_footer_in_the_readers_language(client, info_pages):
    footer = html(client.get("/en/")).split('<footer', 1)[1]
    for slug, title in (("about", "About us"), ("privacy", "Privacy"), ("contact", "Contact")):
        assert f'<a href="/en/{slug}/">{title}</a>' in footer
    zh_footer = html(client.get("/zh-hans/")).split('<footer', 1)[1]
    assert '<a href="/zh-hans/about/">关于我们</a>' in zh_footer
    assert '<a href="/zh-hans/privacy/">隐私说明</a>' in zh_footer
    assert '<a href="/en/contact/" lang="en">Contact</a>' in zh_footer  # not translated yet
    response = client.get("/zh-hans/privacy/")
    assert response.status_code == 200 and "隐私。" in html(response)


def test_a_page_left_out_of_menus_is_not_in_the_footer(client, info_pages):
    about = info_pages["about"]
    about.show_in_menus = False
    about.save_revision().publish()
    assert 'href="/en/about/"' not in html(client.get("/en/")).split("<footer", 1)[1]


@pytest.fixture
def approve(django_capture_on_commit_callbacks):
    """Record an approval of ``page`` as the review workflow does (its commit purges)."""
    def make(page, days_ago=3, due_in_days=300):
        reviewed = timezone.now() - datetime.timedelta(days=days_ago)
        with django_capture_on_commit_callbacks(execute=True):
            return ReviewSchedule.objects.create(
                page=page, last_reviewed_at=reviewed,
                review_due=timezone.localdate() + datetime.timedelta(days=due_in_days),
            )
    return make


def test_a_lesson_says_when_consumer_protection_review_checked_it(client, make_case, approve):
    case = make_case()
    assert "Checked by consumer-protection review" not in html(client.get(case.url))
    schedule = approve(case)
    reviewed = timezone.localdate(schedule.last_reviewed_at)
    content = html(client.get(case.url))
    assert (f'Checked by consumer-protection review on <time datetime="{reviewed:%Y-%m-%d}">'
            in content)
    assert "next review due" not in content  # the public never sees the schedule
    assert "Checked by consumer-protection review" in html(client.get(case.url + "print/"))


def test_editors_also_see_the_next_review_date(client, make_case, editor, approve):
    case = make_case()
    schedule = approve(case)
    client.force_login(editor)
    content = html(client.get(case.url))
    assert f'next review due <time datetime="{schedule.review_due:%Y-%m-%d}">' in content


def test_a_new_approval_shows_at_once_through_the_page_cache(client, make_case, settings,
                                                             approve):
    settings.PAGE_CACHE_ENABLED = True
    case = make_case()
    assert "Checked by" not in html(client.get(case.url))
    assert client.get(case.url)["X-Page-Cache"] == "hit"
    approve(case)
    memo._generation.update(read_at=0.0)  # another server re-reads within a second
    assert "Checked by consumer-protection review" in html(client.get(case.url))


def test_the_review_date_is_in_chinese_on_a_chinese_lesson(client, make_case, zh_site,
                                                           translate, approve):
    zh_case = translate(make_case(), title="案例")
    schedule = approve(zh_case)
    reviewed = timezone.localdate(schedule.last_reviewed_at)
    content = html(client.get(zh_case.url))
    assert f"已于 <time datetime=\"{reviewed:%Y-%m-%d}\">{reviewed.year}年" in content


@pytest.mark.parametrize("key, limit", [("case", 3), ("comic", 6)])
def test_a_reviewed_lesson_costs_no_extra_query(client, make_case, make_comic, settings, approve,
                                                django_assert_max_num_queries, key, limit):
    settings.PAGE_CACHE_ENABLED = False
    lesson = {"case": make_case, "comic": make_comic}[key]()
    approve(lesson)
    assert client.get(lesson.url).status_code == 200  # warm, as test_public_pages does
    with django_assert_max_num_queries(limit):
        assert "Checked by" in html(client.get(lesson.url))
