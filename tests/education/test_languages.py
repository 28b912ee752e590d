"""The site in Simplified Chinese and English: negotiation, switcher, alternates, no English
UI text on the Chinese pages."""

import html as html_lib
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def text(response):
    return response.content.decode()


@pytest.fixture
def bilingual(taxonomy, red_flags, zh_site, translate, make_video, make_comic, make_case,
              make_scenario):
    """English lessons of every format, each translated into Chinese, and Chinese terms."""
    t = taxonomy
    terms = {
        t["seniors"]: {"name": "老年人", "tagline": "老年人专区",
                       "description": "写给长辈的防骗课。"},
        t["residents"]: {"name": "新市民", "tagline": "新市民专区"},
        t["business"]: {"name": "小微企业", "tagline": "小微企业专区"},
        t["notebook"]: {"name": "消保记事本"},
        t["classroom"]: {"name": "微课堂"},
        t["tags"]["refund"]: {"name": "退款诈骗"},
        t["tags"]["phishing"]: {"name": "钓鱼短信"},
        t["tags"]["fake-loan"]: {"name": "虚假贷款"},
        t["tags"]["impersonation"]: {"name": "冒充身份"},
    }
    for term, fields in terms.items():
        translate(term, **fields)
    flag_names = ["陌生短信里的链接", "要你填银行卡号的网页", "索要验证码"]
    for flag, name in zip(red_flags.values(), flag_names, strict=True):
        translate(flag, name=name, explanation="这是骗子常用的手法。")
    video = make_video(segments=[t["seniors"]], series=t["notebook"], tags=[t["tags"]["refund"]])
    comic = make_comic(segments=[t["residents"]], tags=[t["tags"]["refund"]], panels=2)
    case = make_case(segments=[t["business"]], series=t["classroom"],
                     tags=[t["tags"]["phishing"]])
    scenario = make_scenario(segments=[t["seniors"]], tags=[t["tags"]["phishing"]])
    zh_video = translate(video, title="退款电话是骗局", summary="真正的商家不会让你先付钱。",
                         transcript="<p>先挂断电话。</p>")
    zh_comic = translate(comic, title="没有到账的退款", summary="一个关于假退款的漫画。")
    for number, panel in enumerate(zh_comic.panels.all(), start=1):
        panel.alt_text, panel.dialogue = f"第{number}格画面", f"第{number}句对白"
        panel.save()
    zh_case = translate(case, title="换了账户的发票", summary="供应商的邮件要求付款到新账户。",
                        story="<p>店主付了一张发票。</p>", how_it_worked="<p>骗子冒充供应商。</p>",
                        red_flags=[("red_flag", "邮件里给了新的银行账户")],
                        what_to_do="<p>打已知的号码问供应商。</p>")
    zh_scenario = translate(scenario, title="银行卡被冻结了？", summary="短信说你的卡被冻结。",
                            situation="<p>你的手机响了。</p>", contact_detail="短信",
                            takeaways=[("takeaway", "打银行卡背面的电话核实。")])
    untranslated = make_case(title="Only in English", slug="only-in-english")
    return {
        "en": {"video": video, "comic": comic, "case": case, "scenario": scenario},
        "zh": {"video": zh_video, "comic": zh_comic, "case": zh_case, "scenario": zh_scenario},
        "untranslated": untranslated,
        **zh_site,
    }


@pytest.mark.parametrize("accept, expected", [
    ("zh-CN,zh;q=0.9,en;q=0.8", "/zh-hans/"),
    ("zh", "/zh-hans/"),
    ("zh-Hans-CN", "/zh-hans/"),
    ("en-GB,en;q=0.9", "/en/"),
    ("fr-FR", "/en/"),
    ("", "/en/"),
])
def test_the_front_door_goes_to_the_language_the_browser_prefers(client, accept, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_old_addresses_without_a_language_still_lead_to_the_page(client, bilingual):
    response = client.get("/lessons/", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 302 and response["Location"] == "/zh-hans/lessons/"


def test_pages_say_their_language_and_list_their_translations(client, bilingual):
    zh_video, en_video = bilingual["zh"]["video"], bilingual["en"]["video"]
    assert zh_video.url.startswith("/zh-hans/") and en_video.url.startswith("/en/")
    page = text(client.get(zh_video.url))
    assert '<html lang="zh-hans"' in page
    assert f'hreflang="zh-Hans" href="http://testserver{zh_video.url}"' in page
    assert f'hreflang="en" href="http://testserver{en_video.url}"' in page
    english = text(client.get(en_video.url))
    assert '<html lang="en"' in english
    # The switcher on the English page leads to the same lesson in Chinese.
    assert re.search(
        rf'<a href="{re.escape(zh_video.url)}" hreflang="zh-Hans"><span lang="zh-hans">简体中文',
        english,
    )


def test_a_lesson_without_a_translation_says_so_instead_of_a_broken_link(client, bilingual):
    page = text(client.get(bilingual["untranslated"].url))
    link = re.search(r'<a href="([^"]+)" hreflang="zh-Hans">.*?</a>', page, re.S)
    assert link and link.group(1) == "/zh-hans/lessons/?untranslated=1"
    assert "hreflang=\"zh-Hans\" href=" not in page  # no alternate for a missing translation
    library = text(client.get(link.group(1)))
    assert 'role="status"' in library
    assert bilingual["untranslated"].title not in library


def test_each_language_lists_only_its_own_lessons(client, bilingual):
    zh_library = text(client.get("/zh-hans/lessons/"))
    assert "退款电话是骗局" in zh_library and bilingual["en"]["video"].title not in zh_library
    en_library = text(client.get("/en/lessons/"))
    assert bilingual["en"]["video"].title in en_library and "退款电话是骗局" not in en_library


def test_filters_keep_working_in_chinese_with_translated_names(client, bilingual):
    page = text(client.get("/zh-hans/lessons/?audience=seniors&topic=refund"))
    assert "退款电话是骗局" in page and "没有到账的退款" not in page
    assert "老年人" in page and "退款诈骗" in page
    # The switcher keeps the filters: slugs are the same in every language.
    assert 'href="/en/lessons/?audience=seniors&amp;topic=refund"' in page


def test_audience_page_in_chinese(client, bilingual):
    page = text(client.get("/zh-hans/audiences/seniors/"))
    assert "老年人专区" in page and "退款电话是骗局" in page
    assert bilingual["en"]["video"].title not in page


def _catalog_sources():
    """English UI strings that have a Chinese translation (long enough to be unambiguous)."""
    return {
        entry.msgid for entry in polib.pofile(str(CATALOG))
        if entry.msgstr and entry.msgstr != entry.msgid and len(entry.msgid) >= 4
        and re.search(r"[A-Za-z]{3}", entry.msgid) and "%(" not in entry.msgid
        and "{" not in entry.msgid
    } - {name for _code, name in settings.LANGUAGES} - {"English"}  # language names


def _visible_text(page):
    """What a reader (or a screen reader) gets: text nodes and the text attributes."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    attributes = [  # addresses (og:url …) are not text
        value for value in
        re.findall(r'\b(?:alt|title|aria-label|placeholder|content)="([^"]*)"', page)
        if not value.startswith(("http", "/"))
    ]
    body = re.sub(r"<[^>]+>", "\n", page)
    return "\n".join(html_lib.unescape(part) for part in [body, *attributes])


def chinese_pages(bilingual):
    zh = bilingual["zh"]
    return {
        "home": "/zh-hans/",
        "library": "/zh-hans/lessons/",
        "library filtered": "/zh-hans/lessons/?audience=seniors&format=video",
        "library empty": "/zh-hans/lessons/?q=zzzz",
        "audience": "/zh-hans/audiences/seniors/",
        "search": "/zh-hans/search/?q=退款",
        "search empty": "/zh-hans/search/",
        "video": zh["video"].url,
        "comic": zh["comic"].url,
        "comic panel": zh["comic"].url + "?panel=2",
        "case": zh["case"].url,
        "scenario": zh["scenario"].url,
        "not found": "/zh-hans/no-such-page/",
    }


def test_every_chinese_page_type_renders_without_english_ui_text(client, bilingual):
    sources = _catalog_sources()
    assert len(sources) > 100  # the catalog is really there
    for name, url in chinese_pages(bilingual).items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name
        visible = _visible_text(text(response))
        leaks = sorted(
            source for source in sources
            if re.search(rf"(?<![A-Za-z]){re.escape(source)}(?![A-Za-z])", visible)
        )
        assert not leaks, f"{name} ({url}) shows English UI text: {leaks}"


def test_chosen_related_and_featured_lessons_follow_the_reader_language(
    client, zh_site, translate, make_case, home,
):
    from education.models import HomeFeaturedLesson, RelatedLesson

    chosen = make_case(title="The chosen one", slug="chosen")
    zh_chosen = translate(chosen, title="编辑精选的课程")
    lesson = make_case(title="Lesson with a choice", slug="with-choice")
    RelatedLesson.objects.create(page=lesson, lesson=chosen)
    zh_lesson = translate(lesson, title="有推荐的课程")
    HomeFeaturedLesson.objects.create(page=zh_site["home"], lesson=chosen)
    # Newer lessons that would take the places if the choice were lost.
    for number in range(6):
        translate(make_case(title=f"Newer {number}", slug=f"newer-{number}"),
                  title=f"较新的课程{number}")

    related = text(client.get(zh_lesson.url)).split('class="related', 1)[-1]
    assert zh_chosen.title in related and chosen.title not in related
    featured = text(client.get("/zh-hans/"))
    assert zh_chosen.title in featured and chosen.title not in featured


@pytest.mark.parametrize("place", ["step/first-text/", "step/first-text/choice/1/",
                                   "step/fake-page/?p=1"])
def test_switching_language_on_a_scenario_step_keeps_the_place(client, bilingual, place):
    en_scenario, zh_scenario = bilingual["en"]["scenario"], bilingual["zh"]["scenario"]
    english = text(client.get(en_scenario.url + place))
    switch = re.search(r'<a href="([^"]+)" hreflang="zh-Hans">', english)
    assert switch and html_lib.unescape(switch.group(1)) == zh_scenario.url + place
    chinese = client.get(zh_scenario.url + place)
    assert chinese.status_code == 200
    back = re.search(r'<a href="([^"]+)" hreflang="en">', text(chinese))
    assert back and html_lib.unescape(back.group(1)) == en_scenario.url + place


def test_a_scenario_shows_its_key_takeaways_after_playing_not_before(client, make_scenario):
    page = make_scenario()
    assert "Call the number on your card." not in text(client.get(page.url))
    ending = text(client.get(f"{page.url}step/safe-ending/", {"p": "22"}))
    assert "Remember" in ending and "Call the number on your card." in ending
