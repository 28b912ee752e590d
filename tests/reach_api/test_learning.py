"""The learning figures through the read API: the campaign report's "learning" table, with
numbers as numbers (a hidden figure is null, never a text), stable keys, and never a draft's
title."""

import pytest
from django.urls import reverse

from campaigns.figures import learning

pytestmark = pytest.mark.django_db


def learning_table(api, campaign):
    response = api(reverse("api-campaign-table", args=(campaign.pk, "learning")))
    assert response.status_code == 200, response.content
    return response.json()["table"]


def test_the_learning_table_has_numbers_keys_and_hidden_figures_as_null(learned, api):
    table = learning_table(api, learned["campaign"])
    kinds = {column["key"]: column["kind"] for column in table["columns"]}
    assert kinds["n"] == "int" and kinds["before"] == kinds["after"] == "pct"
    rows = {(r["page_id"], r["language_code"], r["segment_slug"], r["kind_code"]): r
            for r in table["rows"]}
    quiz, zh_quiz = learned["quiz"], learned["zh_quiz"]
    shown = rows[(quiz.pk, "en", "seniors", "question")]
    expected = {(r.lesson_id, r.language, r.audience, r.kind): r.figure
                for r in learning.learning_rows(learned["campaign"])}
    figure = expected[(quiz.pk, "en", "seniors", "question")]
    assert not figure.suppressed
    assert (shown["n"], shown["before"], shown["after"], shown["change"]) == (
        figure.n, figure.before, figure.after, figure.difference)
    assert shown["note"] == ""
    hidden = rows[(zh_quiz.pk, "zh-hans", "seniors", "question")]
    assert hidden["n"] == 5 and hidden["note"] == "Too few answers"
    assert hidden["before"] is None and hidden["after"] is None and hidden["change"] is None
    assert hidden["before_interval"] == hidden["change_interval"] == ""


def test_an_unpublished_lessons_draft_title_never_reaches_the_api(learned, api):
    quiz = learned["quiz"]
    quiz.title = "Draft title nobody approved"
    quiz.save_revision()
    quiz.unpublish()
    rows = learning_table(api, learned["campaign"])["rows"]
    labels = {row["label"] for row in rows if row["page_id"] == quiz.pk}
    assert labels == {f"Unpublished page #{quiz.pk}"}
