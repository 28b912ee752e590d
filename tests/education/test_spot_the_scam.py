"""Spot the scam: the editor's rules (3 to 10 messages, the tell written in the message), the
quiz without JavaScript (GET forms, the feedback route, the result), bad addresses, the
library filter, Chinese, and a translation whose tell no longer matches its message."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail import blocks
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from education import translation_report as report
from education.blocks import SpotMessageBlock, SpotMessagesBlock
from education.models import LessonIndexPage, SpotTheScamLesson
from tests.conftest import spot_message

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


class Quiz(HTMLParser):
    """The quiz's forms (action, hidden fields, buttons) and its links."""

    def __init__(self):
        super().__init__()
        self.forms, self.nav, self.feedback, self.result = [], [], None, None
        self.in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "data-spot-form" in attrs:
            self.forms.append({"method": attrs.get("method"), "action": attrs["action"],
                               "hidden": {}, "buttons": []})
            self.in_form = True
        if tag == "input" and attrs.get("type") == "hidden" and self.in_form:
            self.forms[-1]["hidden"][attrs["name"]] = attrs["value"]
        if tag == "button" and self.in_form:
            self.forms[-1]["buttons"].append((attrs.get("type"), attrs["name"], attrs["value"]))
        if tag == "a" and "data-spot-nav" in attrs:
            self.nav.append((attrs["data-spot-nav"], attrs["href"]))
        if "data-spot-feedback" in attrs:
            self.feedback = attrs
        if "data-spot-result" in attrs:
            self.result = attrs


    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def parse(response):
    quiz = Quiz()
    quiz.feed(html(response))
    return quiz


def submit(client, form, answer):
    """What a browser without JavaScript sends for a press on the button ``answer``."""
    action = form["action"].split("#")[0]
    return client.get(action, {**form["hidden"], "answer": answer})


# --------------------------------------------------------------------------- the editor's rules


def block_error(value):
    try:
        SpotMessageBlock().clean(value)
    except blocks.StructBlockValidationError as error:
        return {name: " ".join(str(m) for m in e.messages)
                for name, e in error.block_errors.items()}
    return {}


def test_the_tell_must_be_written_in_the_message():
    good = spot_message("Pay the fee at parcel-help.top now.", tell="parcel-help.top")["value"]
    assert block_error(good) == {}
    in_sender = spot_message("Your parcel is held.", tell="+44 7700", sender="+44 7700 900")
    assert block_error(in_sender["value"]) == {}
    bad = spot_message("Pay the fee at parcel-help.top now.", tell="parcel-help.com")["value"]
    assert block_error(bad) == {
        "tell": "“parcel-help.com” is not in the sender or the message. Copy the words "
                "exactly as they are written there."
    }


def test_a_subject_counts_only_on_an_e_mail():
    email = spot_message("Please pay.", channel="email", subject="New bank details",
                         tell="New bank details", sender="a@b.example")["value"]
    assert block_error(email) == {}
    text = {**email, "channel": "sms"}
    assert "not in the sender or the message" in block_error(text)["tell"]


@pytest.mark.parametrize("count, ok", [(2, False), (3, True), (10, True), (11, False)])
def test_a_lesson_has_three_to_ten_messages(count, ok):
    stream = SpotMessagesBlock()
    value = stream.to_python([spot_message(f"Message {n}") for n in range(count)])
    if ok:
        assert len(stream.clean(value)) == count
    else:
        with pytest.raises(blocks.StreamBlockValidationError):
            stream.clean(value)


def test_the_editor_sees_a_tell_that_is_not_in_the_message(admin_client, library, taxonomy):
    def message_data(body, tell):
        return {"channel": "sms", "sender": "95588", "subject": "", "body": body,
                "verdict": "scam", "tell": tell, "explanation": "Why."}

    data = nested_form_data({
        "title": "Which text is real?", "slug": "which-text", "summary": "Three texts.",
        "intro": rich_text(""), "takeaways": streamfield([]), "check_questions": streamfield([]),
        "messages": streamfield([
            ("message", message_data("Tap bank-help.top to unfreeze.", "bank-help.top")),
            ("message", message_data("Your card was used at City Market.", "City Market")),
            ("message", message_data("Your parcel is held.", "pay the fee")),
        ]),
        "related_links": inline_formset([]),
    })
    url = reverse("wagtailadmin_pages:add",
                  args=("education", "spotthescamlesson", library.pk))
    response = admin_client.post(url, data)
    assert response.status_code == 200  # the form again, with the error on that message
    (error,) = response.context["form"].errors.as_data()["messages"]
    assert error.as_json_data()["blockErrors"] == {2: {"blockErrors": {"tell": {"messages": [
        "“pay the fee” is not in the sender or the message. Copy the words exactly as they "
        "are written there."]}}}}
    assert not SpotTheScamLesson.objects.exists()

    data["messages-2-value-tell"] = "parcel is held"
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page = SpotTheScamLesson.objects.get()
    assert page.lesson_format == "spot" and page.message_count == 3


def test_the_library_accepts_the_new_page_type(library):
    assert SpotTheScamLesson in LessonIndexPage.allowed_subpage_models()


# --------------------------------------------------------------------------- without JavaScript


def test_the_lesson_page_opens_on_message_one_with_a_get_form(client, make_spot):
    page = make_spot()
    response = client.get(page.url)
    assert response.status_code == 200
    content = html(response)
    assert "Three messages arrived today." in content
    assert "Message 1 of 3" in content and "bank-help.top/unfreeze" in content
    assert "<mark" not in content  # no answer given yet: nothing is highlighted
    assert "js/spot-quiz.js" in content and f'data-reach-page="{page.pk}"' in content
    assert "Open your bank" not in content  # the takeaways are answers: after the quiz
    (form,) = parse(response).forms
    assert form["method"] == "get"
    assert form["action"] == f"{page.url}message/1/#spot-now"
    assert form["hidden"] == {}
    assert form["buttons"] == [("submit", "answer", "safe"), ("submit", "answer", "scam")]
    assert ">It’s safe</button>" in content and ">It’s a scam</button>" in content


def test_playing_through_marks_the_tell_and_counts_the_score(client, make_spot):
    page = make_spot()
    form = parse(client.get(page.url)).forms[0]

    response = submit(client, form, "scam")  # message 1 is a scam: right
    quiz = parse(response)
    assert quiz.feedback["data-message"] == "1" and quiz.feedback["data-right"] == "true"
    content = html(response)
    assert ('<mark class="sim-mark spot-tell" id="spot-tell"><span class="visually-hidden">'
            "This is the tell: </span>bank-help.top/unfreeze</mark>") in content
    assert "This message is a scam" in content and "You marked it as a scam." in content
    assert "Banks never send a link to unfreeze a card." in content
    assert quiz.nav == [("next", f"{page.url}message/2/?r=1#spot-now")]

    response = client.get(quiz.nav[0][1].split("#")[0])
    form = parse(response).forms[0]
    assert "Message 2 of 3" in html(response) and form["hidden"] == {"r": "1"}
    response = submit(client, form, "scam")  # message 2 is genuine: wrong
    quiz = parse(response)
    assert quiz.feedback["data-right"] == "false"
    assert "Not quite" in html(response) and "This message is genuine" in html(response)
    assert ">Call the number on your card</mark>" in html(response)

    form = parse(client.get(quiz.nav[0][1].split("#")[0])).forms[0]
    response = submit(client, form, "scam")  # message 3, an e-mail: the tell in the sender
    content = html(response)
    assert "New bank details" in content  # the subject of an e-mail
    assert "billing@<mark" in content and "See your result" in content
    quiz = parse(response)
    assert quiz.nav == [("next", f"{page.url}result/?r=101#spot-now")]

    response = client.get(quiz.nav[0][1].split("#")[0])
    result = parse(response)
    assert result.result["data-score"] == "2" and "You got 2 of 3 right" in html(response)
    assert "Open your bank" in html(response)  # the takeaways, now
    assert ("replay", f"{page.url}message/1/#spot-now") in result.nav
    assert "How to report a scam" in html(response)


def test_large_text_travels_with_the_quiz(client, make_spot):
    page = make_spot()
    form = parse(client.get(page.url, {"text": "large"})).forms[0]
    assert form["hidden"] == {"text": "large"}
    quiz = parse(submit(client, form, "safe"))
    assert quiz.nav == [("next", f"{page.url}message/2/?r=0&text=large#spot-now")]


@pytest.mark.parametrize("query", ["?answer=maybe", "?answer=", "?answer=SCAM", ""])
def test_an_answer_other_than_safe_or_scam_shows_the_question_again(client, make_spot, query):
    page = make_spot()
    response = client.get(f"{page.url}message/2/{query}")
    assert response.status_code == 200
    quiz = parse(response)
    assert quiz.feedback is None and len(quiz.forms) == 1
    assert "<mark" not in html(response)


@pytest.mark.parametrize("path", ["message/0/", "message/4/", "message/99/?answer=scam",
                                  "message/x/", "results/"])
def test_an_unknown_message_is_not_found(client, make_spot, path):
    page = make_spot()
    assert client.get(page.url + path).status_code == 404


@pytest.mark.parametrize("results", ["2", "1" * 11, "10", "abc", "1%0A"])
def test_a_malformed_score_is_ignored(client, make_spot, results):
    page = make_spot()
    response = client.get(f"{page.url}message/2/?answer=scam&r={results}")
    assert response.status_code == 200
    quiz = parse(response)
    assert quiz.feedback["data-right"] == "false"  # the feedback is still there
    assert quiz.nav == [("next", f"{page.url}message/3/#spot-now")]  # without a score
    response = client.get(f"{page.url}result/?r={results}")
    assert parse(response).result["data-score"] == ""
    assert "Play from the first message to see your score." in html(response)


def test_the_quiz_screens_are_kept_by_the_page_cache(client, make_spot, settings):
    settings.PAGE_CACHE_ENABLED = True
    page = make_spot()
    url = f"{page.url}message/1/?answer=scam"
    first, second = client.get(url), client.get(url)
    assert first.get("X-Page-Cache") == "miss" and second.get("X-Page-Cache") == "hit"
    assert html(first) == html(second)
    other = client.get(f"{page.url}message/1/?answer=safe")
    assert parse(other).feedback["data-right"] == "false"


def test_the_print_view_lists_what_the_scam_messages_give_away(client, make_spot):
    page = make_spot()
    response = client.get(f"{page.url}print/")
    assert response.status_code == 200
    content = html(response)
    assert "Banks never send a link to unfreeze a card." in content
    assert "It asks you to use the number you already have." not in content  # genuine


def test_the_library_filters_spot_the_scam_lessons(client, make_spot, make_case):
    make_spot(title="Which text is real?")
    make_case(title="The invoice that changed bank")
    content = html(client.get("/en/lessons/?format=spot"))
    assert "Which text is real?" in content and "The invoice that changed bank" not in content
    assert 'value="spot"' in content and "Spot the scam" in content


def test_the_audience_page_groups_spot_the_scam_lessons(client, make_spot, taxonomy):
    make_spot(title="Which text is real?", segments=[taxonomy["seniors"]])
    content = html(client.get("/en/audiences/seniors/"))
    assert "Spot the scam" in content and "Which text is real?" in content


def test_search_finds_words_of_the_messages(client, make_spot):
    make_spot(title="Which text is real?")
    content = html(client.get("/en/search/", {"q": "unfreeze"}))
    assert "Which text is real?" in content


# --------------------------------------------------------------------------- Chinese


ZH_MESSAGES = [
    spot_message("您的银行卡已冻结，请点击 bank-help.top/jd 解冻。", tell="bank-help.top/jd",
                 explanation="银行不会发链接让您解冻卡。"),
    spot_message("您在城市超市消费58元。如非本人，请拨打卡背面的电话。", verdict="genuine",
                 tell="请拨打卡背面的电话", explanation="它让您用自己已有的号码。"),
    spot_message("请把货款付到我们的新账户。", channel="email", sender="财务 <pay@supp1ier.co>",
                 subject="银行账户变更", tell="supp1ier.co", explanation="仿冒的地址。"),
]


def test_the_quiz_in_chinese(client, make_spot, zh_site, translate):
    page = make_spot()
    zh_page = translate(page, title="哪条短信是真的？", messages=ZH_MESSAGES)
    response = client.get(zh_page.url)
    assert zh_page.url.startswith("/zh-hans/")
    content = html(response)
    assert '<html lang="zh-hans"' in content
    assert "第 1 条，共 3 条" in content and "这条消息安全吗，还是骗局？" in content
    form = parse(response).forms[0]
    assert form["action"] == f"{zh_page.url}message/1/#spot-now"
    response = submit(client, form, "scam")
    content = html(response)
    assert "这是破绽：" in content
    assert '<span class="visually-hidden">这是破绽： </span>bank-help.top/jd</mark>' in content
    assert "回答正确" in content
    response = client.get(f"{zh_page.url}result/?r=111")
    assert "您答对了 3 题，共 3 题" in html(response)


def test_a_translated_tell_that_is_not_in_its_message_still_plays_without_a_mark(
        client, make_spot, zh_site, translate):
    page = make_spot()
    drifted = [dict(m) for m in ZH_MESSAGES]
    drifted[0] = spot_message("您的银行卡已冻结，请点击链接解冻。", tell="bank-help.top/jd",
                              explanation="银行不会发链接让您解冻卡。")
    zh_page = translate(page, title="哪条短信是真的？", messages=drifted)
    response = client.get(f"{zh_page.url}message/1/?answer=scam")
    assert response.status_code == 200
    content = html(response)
    assert "<mark" not in content  # nothing to mark in the message …
    assert "这是破绽：</strong> “bank-help.top/jd”" in content  # … the tell is quoted instead
    assert "银行不会发链接让您解冻卡。" in content


def test_the_translation_report_flags_a_tell_missing_from_its_message(
        make_spot, zh_site, translate, zh):
    page = make_spot(title="Which text is real?")
    good = make_spot(title="Which e-mail is real?")
    drifted = [dict(m) for m in ZH_MESSAGES]
    drifted[2] = spot_message("请把货款付到我们的新账户。", channel="email", sender="财务",
                              tell="supp1ier.co")
    translate(page, messages=drifted)
    translate(good, messages=ZH_MESSAGES)
    with translation.override("en"):
        rows = {row.title: {c.language: c for c in row.cells} for row in report.lesson_rows()}
    flagged, fine = rows["Which text is real?"]["zh-hans"], rows["Which e-mail is real?"]["zh-hans"]
    assert flagged.missing_tells == [3] and flagged.status == report.OUT_OF_DATE
    assert "the tell of message 3 is not in the translated message" in flagged.details
    assert fine.missing_tells == [] and fine.status == report.UP_TO_DATE
    assert rows["Which text is real?"]["en"].missing_tells == []  # the source is not judged


def test_the_lesson_in_a_chinese_library_is_the_translation(make_spot, zh_site, translate):
    page = make_spot()
    zh_page = translate(page, messages=ZH_MESSAGES)
    assert Page.objects.get(pk=zh_page.pk).specific.quiz[0].tell == "bank-help.top/jd"
    assert re.match(r"^/zh-hans/lessons/[\w-]+/$", zh_page.url)
