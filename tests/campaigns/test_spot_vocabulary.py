"""What a spot-the-scam lesson may send to the beacon: the common three, and a ``check`` of
``message`` whose item is one of its message numbers (docs/public-contract.md)."""

import pytest

from campaigns.vocabulary import fits, page_vocabularies
from tests.conftest import spot_message, spot_messages

pytestmark = pytest.mark.django_db


def check(item, of="message", before=True, after=False):
    return {"of": of, "item": item, "before": before, "after": after}


def test_a_spot_lesson_accepts_checks_of_its_own_message_numbers(make_spot):
    page = make_spot()
    vocabulary = page_vocabularies()[page.pk]
    assert vocabulary.types == {"view", "engaged", "share", "check"}
    assert vocabulary.check_items == {"message": frozenset({"1", "2", "3"})}
    for item in ("1", "2", "3"):
        assert fits(vocabulary, "check", check(item))
    assert fits(vocabulary, "view", {})


@pytest.mark.parametrize("props", [
    check("0"), check("4"), check("01"), check(" 1"), check("one"), check(""),
    check("1", of="question"), check("1", of="red_flag"), check("1", of="scenario"),
])
def test_a_check_outside_the_lesson_s_messages_is_refused(make_spot, props):
    page = make_spot()
    vocabulary = page_vocabularies()[page.pk]
    assert not fits(vocabulary, "check", props)


def test_the_items_follow_the_live_message_count(make_spot):
    ten = make_spot(messages=[spot_message(f"Message {n}") for n in range(10)])
    assert page_vocabularies()[ten.pk].check_items["message"] == {str(n) for n in range(1, 11)}


def test_other_formats_send_no_message_checks(make_spot, make_case):
    case, spot = make_case(), make_spot(messages=spot_messages())
    vocabularies = page_vocabularies()
    assert "check" not in vocabularies[case.pk].types
    assert not fits(vocabularies[case.pk], "check", check("1"))
    assert fits(vocabularies[spot.pk], "check", check("1"))
    assert {"play", "progress", "complete", "choice"}.isdisjoint(vocabularies[spot.pk].types)


def test_a_draft_spot_lesson_is_unknown_to_the_beacon(make_spot):
    draft = make_spot(live=False)
    assert draft.pk not in page_vocabularies()
