"""Check questions on lessons: what editors may enter, what learners see before and after the
lesson (with and without JavaScript, in both languages), and that the answer pages are never
kept by the page cache."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError

from education.blocks import CheckQuestionBlock
from education.models import LessonPage

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {"question": "Your bank texts a link to unfreeze your card. What do you do?",
     "options": [("Tap the link", False), ("Call the number on the back of my card", True),
                 ("Reply with my card number", False)],
     "explanation": "Banks never ask you to act through a link in a text."},
    {"question": "Who may ask for a one-time code?",
     "options": [("Nobody", True), ("The bank's fraud team", False)],
     "explanation": "A one-time code is for you alone."},
]


def question_value(question, options, explanation):
    return {"question": question, "explanation": explanation,
            "options": [{"text": text, "right": right} for text, right in options]}


def with_questions(page, questions=QUESTIONS):
    """Give a live page check questions and publish it as an editor would."""
    page = page.specific
    page.check_questions = [("question", question_value(**q)) for q in questions]
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def case(make_case):
    return with_questions(make_case(title="The parcel fee text"))


def clean_block(options):
    block = CheckQuestionBlock()
    value = block.to_python(question_value("A question?", options, "Because."))
    return block.clean(value)


# --- editors ---------------------------------------------------------------------------------


def test_a_question_with_one_right_answer_is_accepted():
    value = clean_block([("Yes", False), ("No", True)])
    assert [option["right"] for option in value["options"]] == [False, True]


@pytest.mark.parametrize("options, message", [
    ([("Yes", False), ("No", False)], "Tick the one right answer."),
    ([("Yes", True), ("No", True), ("Maybe", False)],
     "Only one answer can be right: untick all but one."),
])
def test_exactly_one_right_answer_is_required_with_a_clear_message(options, message):
    with pytest.raises(StructBlockValidationError) as raised:
        clean_block(options)
    errors = raised.value.block_errors["options"]
    assert [e.message for e in errors.non_block_errors.as_data()] == [message]


@pytest.mark.parametrize("count", [1, 5])
def test_two_to_four_answers(count):
    options = [(f"Answer {n}", n == 1) for n in range(1, count + 1)]
    with pytest.raises(ValidationError):
        clean_block(options)


def test_at_most_three_questions():
    field = LessonPage._meta.get_field("check_questions")
    four = field.stream_block.to_python(
        [{"type": "question", "value": question_value(**QUESTIONS[1])}] * 4
    )
    with pytest.raises(StreamBlockValidationError):
        field.stream_block.clean(four)
    three = field.stream_block.to_python(
        [{"type": "question", "value": question_value(**QUESTIONS[1])}] * 3
    )
    assert len(field.stream_block.clean(three)) == 3


def test_every_format_offers_check_questions_in_the_editor(make_video, make_scenario, make_comic,
                                                           make_case):
    for page in (make_video(), make_scenario(), make_comic(), make_case()):
        fields = page.specific.get_edit_handler().get_form_class()._meta.fields
        assert "check_questions" in fields, type(page.specific).__name__


# --- learners --------------------------------------------------------------------------------


def test_the_lesson_asks_before_and_after_with_a_skip_link(client, case):
    html = client.get(case.url).content.decode()
    before, after = html.index('id="check-before"'), html.index('id="check-after"')
    body = html.index('id="lesson-body"')
    story = html.index("What happened")
    assert before < body < story < after
    assert "Check what you know" in html and "Now try again" in html
    assert '<a class="check__skip" href="#lesson-body">Skip' in html
    # radio groups in fieldsets with legends, one name per question and box
    assert html.count("<fieldset") == 4
    assert html.count('name="q1"') == 3 * 2 and html.count('name="q2"') == 2 * 2
    assert 'aria-live="polite"' in html
    assert "js/check-questions.js" in html
    # explanations wait for an answer
    assert 'data-check-feedback hidden' in html


def test_a_lesson_without_questions_has_no_box_and_no_script(client, make_case):
    html = client.get(make_case().url).content.decode()
    assert "check-before" not in html and "check-questions.js" not in html


def test_without_javascript_the_form_shows_which_answers_were_right(client, case):
    response = client.get(f"{case.url}check/", {"box": "before", "q1": "1", "q2": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "What you knew before the lesson" in html
    assert "You got 1 of 2 right." in html
    assert "Your answer: “Tap the link”." in html
    assert "The right answer is: “Call the number on the back of my card”." in html
    assert "Banks never ask you to act through a link in a text." in html
    assert f'href="{case.url}#lesson-body"' in html  # on to the lesson


def test_the_after_box_leads_back_and_unanswered_questions_say_so(client, case):
    html = client.get(f"{case.url}check/", {"box": "after", "q2": "1"}).content.decode()
    assert "Your answers after the lesson" in html
    assert "You did not answer this one." in html
    assert "Back to the lesson" in html


@pytest.mark.parametrize("query", [
    {"box": "before", "q1": "9"}, {"box": "before", "q1": "x"}, {"box": "nonsense"},
    {"q1": "<script>"}, {"q1": "²"}, {"q1": "٢"}, {"q1": "02"}, {"q1": " 2"}, {"q1": "-1"},
])
def test_nonsense_answers_count_as_unanswered(client, case, query):
    response = client.get(f"{case.url}check/", query)
    assert response.status_code == 200
    assert "You got 0 of 2 right." in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_answer_pages_are_never_cached(client, case, settings):
    settings.PAGE_CACHE_ENABLED = True
    for _ in range(2):
        response = client.get(f"{case.url}check/", {"box": "after", "q1": "2"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
    assert client.get(case.url)["X-Page-Cache"] == "miss"  # the lesson itself is


def test_large_text_carries_into_the_answers(client, case):
    html = client.get(case.url, {"text": "large"}).content.decode()
    assert '<input type="hidden" name="text" value="large">' in html
    answers = client.get(f"{case.url}check/", {"box": "before", "text": "large"})
    assert f'href="{case.url}?text=large#lesson-body"' in answers.content.decode()


def test_a_lesson_without_questions_has_no_answer_page(client, make_case):
    assert client.get(f"{make_case().url}check/").status_code == 404


def test_a_scenario_asks_too_and_answers_without_javascript(client, make_scenario):
    scenario = with_questions(make_scenario(), QUESTIONS[1:])
    html = client.get(scenario.url).content.decode()
    assert 'id="check-before"' in html and 'id="check-after"' in html
    answers = client.get(f"{scenario.url}check/", {"box": "after", "q1": "1"})
    assert "You got 1 of 1 right." in answers.content.decode()


def test_in_chinese(client, case, zh_site, translate):
    zh_case = translate(case)
    zh_case = zh_case.specific
    value = zh_case.check_questions.raw_data
    value[0]["value"]["question"] = "银行发短信给你一个链接。你怎么做？"
    value[0]["value"]["options"][1]["value"]["text"] = "打卡背面的电话"
    zh_case.check_questions = zh_case.check_questions.stream_block.to_python(value)
    zh_case.save_revision().publish()
    html = client.get(zh_case.url).content.decode()
    assert "检查一下你知道多少" in html and "再试一次" in html
    assert "银行发短信给你一个链接。你怎么做？" in html
    answers = client.get(f"{zh_case.url}check/", {"box": "before", "q1": "2"})
    text = answers.content.decode()
    assert "答对" in text and "打卡背面的电话" in text


# --- the editor's form -------------------------------------------------------------------------


def check_questions_form(questions):
    """Admin form data for check questions, as the StreamField widget posts them."""
    from wagtail.test.utils.form_data import streamfield

    return streamfield([
        ("question", {
            "question": q["question"], "explanation": q["explanation"],
            "options": streamfield([("item", {"text": text, "right": "on" if right else ""})
                                    for text, right in q["options"]]),
        })
        for q in questions
    ])


@pytest.mark.parametrize("rights, message", [
    ((False, False), "Tick the one right answer."),
    ((True, True), "Only one answer can be right: untick all but one."),
])
def test_the_editor_is_told_to_tick_exactly_one_answer(client_for, administrator, make_case,
                                                       rights, message):
    from tests.reviews.helpers import case_form, edit_url

    page = make_case()
    questions = [{**QUESTIONS[1], "options": [("Nobody", rights[0]),
                                              ("The bank's fraud team", rights[1])]}]
    response = client_for(administrator).post(
        edit_url(page), case_form(page, check_questions=check_questions_form(questions)))
    assert response.status_code == 200  # the form again, with the error
    assert message in response.content.decode()
    assert not page.specific.__class__.objects.get(pk=page.pk).check_questions


def test_the_editor_saves_check_questions_through_the_admin(client_for, administrator,
                                                            make_case):
    from tests.reviews.helpers import case_form, edit_url

    page = make_case()
    response = client_for(administrator).post(
        edit_url(page), case_form(page, check_questions=check_questions_form(QUESTIONS)))
    assert response.status_code == 302
    saved = page.specific.__class__.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert [item["right"] for item in saved.check_items()] == [2, 1]
