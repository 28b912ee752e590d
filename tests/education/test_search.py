"""Site search finds live, public pages only; long or odd queries are handled calmly."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_search_finds_words_in_lesson_bodies(client, make_case):
    make_case(title="Courier fee", story="<p>A text asked for a customs clearance fee.</p>")
    html = client.get(reverse("search"), {"q": "customs"}).content.decode()
    assert "1 result for “customs”" in html
    assert "Courier fee" in html


def test_search_finds_comic_dialogue_and_video_transcripts(client, make_comic, make_video):
    make_comic(title="Panel talk")
    make_video(title="Talking video", transcript="<p>Never read out the verification code.</p>")
    assert "Panel talk" in client.get(reverse("search"), {"q": "dialogue"}).content.decode()
    assert "Talking video" in client.get(reverse("search"), {"q": "verification"}).content.decode()


def test_a_drafts_words_are_not_found(client, make_case):
    make_case(title="Unpublished", story="<p>zebracrossingword</p>", live=False)
    html = client.get(reverse("search"), {"q": "zebracrossingword"}).content.decode()
    assert "0 results" in html
    assert "Unpublished" not in html


def test_unpublished_changes_to_a_live_lesson_are_not_found(client, make_case):
    page = make_case(title="Live case", story="<p>Original words.</p>")
    page.story = "<p>secretdraftword</p>"
    page.save_revision()  # a draft revision, not published
    html = client.get(reverse("search"), {"q": "secretdraftword"}).content.decode()
    assert "0 results" in html


def test_a_private_pages_words_are_not_found(client, make_case, make_private):
    make_private(make_case(title="Members only", story="<p>privatelessonword</p>"))
    html = client.get(reverse("search"), {"q": "privatelessonword"}).content.decode()
    assert "0 results" in html
    assert "Members only" not in html


def test_an_unpublished_lesson_disappears_from_search(client, make_case):
    page = make_case(title="Withdrawn", story="<p>withdrawnword</p>")
    assert "1 result" in client.get(reverse("search"), {"q": "withdrawnword"}).content.decode()
    page.unpublish()
    assert "0 results" in client.get(reverse("search"), {"q": "withdrawnword"}).content.decode()


@pytest.mark.parametrize(
    "query",
    ["x" * 10_000, "\x00", "'; DROP TABLE wagtailcore_page; --", "<script>alert(1)</script>",
     "\"unbalanced", "AND OR NOT", "*", "诈骗"],
)
def test_odd_queries_never_break(client, make_case, query):
    make_case()
    response = client.get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_very_long_query_says_it_was_cut(client):
    html = client.get(reverse("search"), {"q": "refund " * 2000}).content.decode()
    assert "first 200 characters" in html


@pytest.mark.parametrize("page", ["abc", "-1", "999999"])
def test_bad_page_numbers_never_break(client, make_case, page):
    make_case()
    assert client.get(reverse("search"), {"q": "invoice", "page": page}).status_code == 200


def test_empty_search_shows_the_form(client):
    html = client.get(reverse("search")).content.decode()
    assert 'name="q"' in html and "result" not in html.split("</form>")[1]


# --- Chinese (education.cjk): words inside unspaced runs of Han characters -----------------

ELDER_REFUND = "冒充客服以退款为由诈骗老人"


@pytest.fixture
def chinese_lessons(make_case, make_video):
    """A Chinese case study, a Chinese video and an English case, each with its own words."""
    case = make_case(
        title="冒充客服的退款骗局", slug="fake-service-refund", summary=ELDER_REFUND,
        story="<p>骗子让老人打开屏幕共享，转账5000元。He asked for a refund fee.</p>",
    )
    video = make_video(
        title="陌生来电要验证码", slug="code-call", summary="接到陌生电话要求提供短信验证码。",
        transcript="<p>挂断电话，拨打银行官方客服热线核实。</p>",
    )
    english = make_case(title="Courier fee", slug="courier-fee",
                        story="<p>A text asked for a customs clearance fee.</p>")
    return {"case": case, "video": video, "english": english}


def ranked(query, model=None):
    from education.models import LessonPage
    from education.search import search_page_ids

    return search_page_ids(query, model or LessonPage)


def found(query, model=None):
    return set(ranked(query, model))


@pytest.mark.parametrize("word", ["诈骗", "退款", "老人"])
def test_a_two_character_word_inside_a_run_is_found(chinese_lessons, word):
    assert found(word) == {chinese_lessons["case"].pk}


def test_a_word_in_two_lessons_finds_both(chinese_lessons):
    assert found("客服") == {chinese_lessons["case"].pk, chinese_lessons["video"].pk}


@pytest.mark.parametrize("phrase", ["退款为由", "诈骗老人", ELDER_REFUND])
def test_a_longer_phrase_inside_a_run_is_found(chinese_lessons, phrase):
    assert found(phrase) == {chinese_lessons["case"].pk}


def test_a_phrase_typed_without_spaces_finds_what_its_words_with_spaces_find(chinese_lessons):
    # 老人 and 退款 are in the case, 人退 is not: most of the query is, so it is found.
    assert found("老人退款") == found("老人 退款") == {chinese_lessons["case"].pk}
    assert found("屏幕退款") == found("屏幕 退款")  # 幕退 is nowhere


def test_lessons_holding_more_of_the_query_rank_first(make_case):
    whole = make_case(title="银行卡被冻结", slug="whole", story="<p>您的银行卡已被冻结。</p>")
    part = make_case(title="银行的电话", slug="part", story="<p>打银行的电话。</p>")
    make_case(title="无关", slug="unrelated", story="<p>面馆的二维码。</p>")
    # 银行卡冻结 → 银行 行卡 卡冻 冻结: "whole" holds three, "part" one (less than half of
    # three), the unrelated lesson none.
    assert ranked("银行卡冻结") == [whole.pk]
    assert ranked("银行 冻结") == [whole.pk, part.pk]  # both words first, then one of two


def test_words_in_titles_bodies_and_transcripts_are_found(chinese_lessons):
    assert found("骗局") == {chinese_lessons["case"].pk}  # title
    assert found("屏幕共享") == {chinese_lessons["case"].pk}  # story
    assert found("验证码") == {chinese_lessons["video"].pk}  # title and summary
    assert found("官方客服") == {chinese_lessons["video"].pk}  # transcript


def test_several_words_rank_the_lesson_holding_most_of_them_first(chinese_lessons):
    video, case = chinese_lessons["video"].pk, chinese_lessons["case"].pk
    assert ranked("验证码 电话") == [video]
    # 验证 证码 in the video, 退款 in the case: the video holds more of the query.
    assert ranked("验证码 退款") == [video, case]


def test_a_single_character_is_found(client, chinese_lessons):
    assert found("骗") == {chinese_lessons["case"].pk}
    assert found("码") == {chinese_lessons["video"].pk}
    assert client.get(reverse("search"), {"q": "骗"}).status_code == 200


def test_chinese_and_english_in_one_query(chinese_lessons):
    case = chinese_lessons["case"].pk
    assert found("诈骗 refund") == {case}
    assert found("refund诈骗") == {case}  # no space between the two
    assert ranked("诈骗 customs") and found("诈骗 customs") == {
        case, chinese_lessons["english"].pk}  # one word each: both, neither ahead by words
    assert found("5000") == {case}  # digits written against Han characters: 转账5000元
    assert found("5000元") == {case}


def test_chinese_punctuation_in_a_query_is_ignored(chinese_lessons):
    assert found("诈骗，老人？") == {chinese_lessons["case"].pk}
    assert found("“退款” - 诈骗") == {chinese_lessons["case"].pk}
    assert found("，。？") == set()


def test_english_search_is_unchanged(chinese_lessons):
    assert found("customs") == {chinese_lessons["english"].pk}
    assert found("customs clearance") == {chinese_lessons["english"].pk}
    assert found("fee") == {chinese_lessons["case"].pk, chinese_lessons["english"].pk}
    # Not all-or-nothing: a lesson with one of two words is found too, after one with both.
    assert found("customs refund") == {chinese_lessons["case"].pk, chinese_lessons["english"].pk}
    assert ranked("customs fee")[0] == chinese_lessons["english"].pk


def test_english_words_are_stemmed_on_postgresql(chinese_lessons):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite FTS5's unicode61 tokenizer does not stem")
    assert found("clearances") == {chinese_lessons["english"].pk}


def test_chinese_scam_type_names_are_found(make_case):
    from education.models import ScamType

    tag = ScamType.objects.create(name="退款诈骗", slug="refund-zh")
    page = make_case(title="A refund call", slug="refund-call", tags=[tag])
    assert found("退款") == {page.pk}


def test_a_chinese_scenario_is_found_by_its_steps(make_scenario, red_flags):
    from tests.conftest import ending, step

    steps = [
        step("start", ["您的银行卡已被冻结，请点击链接解冻。"], [
            ("点击链接", "end", False, red_flags["unexpected-link"], "这不是银行的链接。"),
        ]),
        ending("end", "safe", "您保护了自己的账户"),
    ]
    page = make_scenario(title="银行卡被冻结", slug="card-frozen-zh", steps=steps)
    assert found("冻结") == {page.pk}
    assert found("解冻") == {page.pk}  # in a step's message only


def test_the_search_page_finds_chinese_lessons(client, chinese_lessons):
    html = client.get(reverse("search"), {"q": "诈骗"}).content.decode()
    assert "冒充客服的退款骗局" in html
    assert "陌生来电要验证码" not in html and "Courier fee" not in html


def test_the_library_search_finds_chinese_lessons(client, library, chinese_lessons):
    html = client.get(library.url, {"q": "验证码"}).content.decode()
    assert "陌生来电要验证码" in html
    assert "冒充客服的退款骗局" not in html


def test_drafts_are_not_found_in_chinese_either(chinese_lessons):
    page = chinese_lessons["case"]
    page.summary = "草稿里的新说法"
    page.save_revision()
    assert found("新说法") == set()
    assert found("诈骗") == {page.pk}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("诈骗老人", "诈骗 骗老 老人 诈 骗 老 人"),
        ("骗", "骗"),
        ("a 骗 b", "骗"),
        ("转账5000元", "转账 转 账 元 5000"),
        ("no chinese here", ""),
        ("", ""),
    ],
)
def test_index_terms(text, expected):
    from education.cjk import index_terms

    assert index_terms(text) == expected


@pytest.mark.parametrize(
    "query, expected",
    [
        ("诈骗", "诈骗"),
        ("退款诈骗", "退款 款诈 诈骗"),
        ("骗", "骗"),
        ("哈哈哈", "哈哈"),
        ("refund诈骗老人 scam", "refund 诈骗 骗老 老人 scam"),
        ("A股", "A 股"),
        ("refund scams", "refund scams"),
    ],
)
def test_query_terms(query, expected):
    from education.cjk import query_terms

    assert query_terms(query) == expected


def test_search_terms_drop_words_without_letters_or_digits():
    from education.search import search_terms

    assert search_terms("诈骗，老人？") == "诈骗 老人"
    assert search_terms("refund - scam") == "refund scam"
    assert search_terms("- ，") == ""


# --- What is indexed besides the body: takeaways, red flags, scenario screens -----------------


def test_key_takeaways_are_found_once_published(make_case, django_capture_on_commit_callbacks):
    page = make_case(title="Takeaway case", slug="takeaway-case")
    assert found("kumquatword") == set() and found("金桔提醒") == set()
    page.takeaways = [("takeaway", "Remember the kumquatword."), ("takeaway", "记住金桔提醒。")]
    revision = page.save_revision()
    assert found("kumquatword") == set()  # a draft's takeaways are not searched
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert found("kumquatword") == {page.pk}
    assert found("金桔提醒") == {page.pk}


def test_a_scenarios_red_flags_and_screen_words_are_found(make_scenario, red_flags):
    from tests.conftest import ending, message, step

    flag = red_flags["unexpected-link"]
    flag.name, flag.explanation = "短信里的陌生链接", "银行从不发链接让您解冻。"
    flag.save()
    steps = [
        step("start", [message("请点击链接。", field_label="取款密码")], [
            ("点击链接", "end", False, flag, "这不是银行的链接。"),
        ], question="您会怎么做？"),
        ending("end", "safe", "您保护了自己的账户"),
    ]
    page = make_scenario(title="一条短信", slug="one-text-zh", steps=steps)
    assert found("陌生链接") == {page.pk}  # the red flag's name
    assert found("从不发链接") == {page.pk}  # why it matters
    assert found("怎么做") == {page.pk}  # the question
    assert found("取款密码") == {page.pk}  # a simulated input box
