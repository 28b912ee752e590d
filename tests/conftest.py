"""Shared fixtures: the site tree, taxonomy and builders for each lesson type."""

import io

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtailmedia.models import get_media_model

from education.models import (
    AudienceSegment,
    CaseStudy,
    ComicLesson,
    ComicPanel,
    HomePage,
    LessonIndexPage,
    ScamType,
    Series,
    VideoCaptionTrack,
    VideoLesson,
)
from staff.roles import ADMINISTRATORS, EDITORS, MARKETING, REVIEWERS

VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.000\nNever share a code sent to your phone.\n"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with empty caches (database rows, and so ids, are rolled back)."""
    from django.core.cache import caches

    from campaigns import privacy
    from page_cache import memo

    for name in ("default", "renditions"):
        caches[name].clear()
    memo._generation.update(value=None, read_at=0.0)
    memo._memo.clear()
    privacy._salt_cache.clear()
    yield
    for name in ("default", "renditions"):
        caches[name].clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request outside the language prefixes (the
    admin, the API) activates the language its Accept-Language asks for in this thread, and
    Django leaves it active after the response."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def library(db):
    return LessonIndexPage.objects.get()


@pytest.fixture
def taxonomy(db):
    seniors = AudienceSegment.objects.create(
        name="Seniors", slug="seniors", tagline="For seniors", large_text_default=True
    )
    residents = AudienceSegment.objects.create(
        name="New residents", slug="new-residents", tagline="For new residents"
    )
    business = AudienceSegment.objects.create(
        name="Small businesses", slug="small-businesses", tagline="For small businesses"
    )
    notebook = Series.objects.create(
        name="Consumer Protection Notebook", slug="consumer-protection-notebook"
    )
    classroom = Series.objects.create(name="Micro Classroom", slug="micro-classroom")
    tags = {
        slug: ScamType.objects.create(name=slug.replace("-", " ").title(), slug=slug)
        for slug in ["phishing", "refund", "fake-loan", "impersonation"]
    }
    return {
        "seniors": seniors, "residents": residents, "business": business,
        "notebook": notebook, "classroom": classroom, "tags": tags,
    }


def png_bytes(size=(64, 36), colour=(30, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def make_image(db):
    def make(title="Poster"):
        return get_image_model().objects.create(
            title=title, file=ImageFile(io.BytesIO(png_bytes()), name=f"{title}.png")
        )
    return make


def _add(library, page, live):
    """Create the page under the library: published, or a draft that never went live."""
    page.live = False
    library.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def _classify(page, segments=(), series=None, tags=()):
    page.segments.set(segments)
    page.series = series
    page.tags.set(tags)


@pytest.fixture
def make_video(library, make_image):
    def make(title="Stop, check, call", slug=None, segments=(), series=None, tags=(),
             summary="A caller says your account is at risk.", transcript="<p>Hang up.</p>",
             live=True, captions=True):
        media = get_media_model().objects.create(
            title=f"{title} video", type="video", duration=65,
            file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="clip.mp4"),
        )
        page = VideoLesson(
            title=title, slug=slug or None, summary=summary, video=media,
            transcript=transcript, listing_image=make_image(title),
        )
        _classify(page, segments, series, tags)
        if captions:
            page.caption_tracks = [
                VideoCaptionTrack(language="en", label="English",
                                  file=ContentFile(VTT.encode(), name="c.vtt"))
            ]
        return _add(library, page, live)
    return make


@pytest.fixture
def make_comic(library, make_image):
    def make(title="The refund that wasn't", slug=None, segments=(), series=None, tags=(),
             summary="A comic about a fake refund call.", panels=3, live=True):
        page = ComicLesson(title=title, slug=slug or None, summary=summary,
                           listing_image=make_image(title))
        _classify(page, segments, series, tags)
        page.panels = [
            ComicPanel(image=make_image(f"{title} panel {n}"), alt_text=f"Panel {n} scene",
                       dialogue=f"Line of dialogue {n}")
            for n in range(1, panels + 1)
        ]
        return _add(library, page, live)
    return make


@pytest.fixture
def make_case(library, make_image):
    def make(title="The invoice that changed bank", slug=None, segments=(), series=None,
             tags=(), summary="A supplier's e-mail asked to pay a new account.",
             story="<p>A shop owner paid an invoice.</p>", live=True):
        page = CaseStudy(
            title=title, slug=slug or None, summary=summary, story=story,
            how_it_worked="<p>The scammer copied the supplier's e-mail.</p>",
            red_flags=[("red_flag", "A new bank account by e-mail")],
            what_to_do="<p>Call the supplier on a number you already have.</p>",
            listing_image=make_image(title),
        )
        _classify(page, segments, series, tags)
        return _add(library, page, live)
    return make


@pytest.fixture
def make_private():
    """Put a page behind a password so it is no longer public."""
    def make(page):
        PageViewRestriction.objects.create(
            page=Page.objects.get(pk=page.pk), restriction_type="password", password="x"
        )
        return page
    return make


# --- scam scenarios -------------------------------------------------------------------------


@pytest.fixture
def red_flags(db):
    from education.models import RedFlag

    return {
        slug: RedFlag.objects.create(name=name, slug=slug, explanation=f"Why {name} matters.")
        for slug, name in [
            ("unexpected-link", "A link in a text you did not expect"),
            ("card-details", "A page asking for your card number"),
            ("one-time-code", "Someone asking for a one-time code"),
        ]
    }


def message(text, sender="them", **extra):
    return {"sender": sender, "name": "", "heading": "", "text": text, "link": "",
            "field_label": "", "button_label": "", "image": None, "image_alt": "",
            "audio": None, **extra}


def step(step_id, messages, choices, question=""):
    """Raw StreamField data for a step: choices are (label, next, safe, red flag, feedback),
    optionally followed by the words that gave it away (the choice's highlight)."""
    return {"type": "step", "value": {
        "step_id": step_id, "question": question,
        "messages": [message(m) if isinstance(m, str) else m for m in messages],
        "choices": [
            {"label": label, "next_step": target, "safe": safe,
             "red_flag": flag.pk if flag else None, "feedback": feedback,
             "highlight": highlight[0] if highlight else ""}
            for label, target, safe, flag, feedback, *highlight in choices
        ],
    }}


def ending(step_id, outcome, headline, messages=(), debrief="<p>What to do next.</p>"):
    return {"type": "ending", "value": {
        "step_id": step_id, "outcome": outcome, "headline": headline, "debrief": debrief,
        "messages": [message(m) if isinstance(m, str) else m for m in messages],
    }}


def frozen_card_steps(flags):
    """A small scenario with four endings, a simulated input box and a loop with a way out."""
    link, card, code = flags["unexpected-link"], flags["card-details"], flags["one-time-code"]
    return [
        step("first-text", [message("Your bank card is frozen. Unfreeze it now:",
                                    link="bank-help.top/unfreeze")], [
            ("Tap the link", "fake-page", False, link, "The link was not from your bank.",
             "bank-help.top"),
            ("Call the number on my card", "bank-call", True, link, "You checked yourself.",
             "bank-help.top"),
        ]),
        step("fake-page", [message("Enter your card number to unfreeze it.",
                                   field_label="Card number", button_label="Confirm")], [
            ("Type in my card number", "code-request", False, card, "Never type it here."),
            ("Close the page", "closed-safe", True, card, "Good: you stopped."),
        ]),
        step("code-request", ["We sent you a code. Tell us the code to finish."], [
            ("Read out the code", "money-gone", False, code, "The code moves your money."),
            ("Hang up and call my bank", "partly-ending", True, code, "Just in time."),
        ]),
        step("bank-call", [message("Bank: your card is fine. Thank you for checking.",
                                   sender="notice")], [
            ("Ask them to check again", "bank-call", True, None, "They check again."),
            ("Report the text", "safe-ending", True, link, "Reporting helps others."),
        ]),
        ending("money-gone", "scammed", "The scammer emptied your card",
               ["Payment of 5,000 yuan made."]),
        ending("partly-ending", "partly", "Your card details were stolen, but not your money"),
        ending("safe-ending", "safe", "You stayed safe and warned others"),
        ending("closed-safe", "safe", "You closed the fake page in time"),
    ]


@pytest.fixture
def make_scenario(library, make_image, red_flags):
    from education.models import ScamScenario

    def make(title="Your bank card is frozen", slug=None, steps=None, segments=(),
             series=None, tags=(), live=True, channel="sms"):
        page = ScamScenario(
            title=title, slug=slug or None, summary="A text says your card is frozen.",
            channel=channel, contact_name="95500", contact_detail="Text message",
            situation="<p>Your phone buzzes.</p>", listing_image=make_image(title),
            steps=steps if steps is not None else frozen_card_steps(red_flags),
            takeaways=[("takeaway", "Call the number on your card.")],
        )
        _classify(page, segments, series, tags)
        return _add(library, page, live)
    return make


# --- spot the scam --------------------------------------------------------------------------


def spot_message(body, verdict="scam", tell=None, channel="sms", sender="95588", subject="",
                 explanation="Why it matters."):
    """Raw StreamField data for one spot-the-scam message (the tell: the body by default)."""
    return {"type": "message", "value": {
        "channel": channel, "sender": sender, "subject": subject, "body": body,
        "verdict": verdict, "tell": body if tell is None else tell, "explanation": explanation,
    }}


def spot_messages():
    """Three messages: a smishing text, a genuine bank text, a fake supplier e-mail."""
    return [
        spot_message("Your card is frozen. Unfreeze it at bank-help.top/unfreeze now.",
                     tell="bank-help.top/unfreeze", sender="+44 7700 900123",
                     explanation="Banks never send a link to unfreeze a card."),
        spot_message("You spent 58.00 at City Market. Not you? Call the number on your card.",
                     verdict="genuine", tell="Call the number on your card",
                     explanation="It asks you to use the number you already have."),
        spot_message("Please pay invoice 2231 to our new account below.", channel="email",
                     sender="Accounts <billing@supp1ier-pay.co>", subject="New bank details",
                     tell="supp1ier-pay.co",
                     explanation="A look-alike address: call the supplier on a number you know."),
    ]


@pytest.fixture
def make_spot(library, make_image):
    from education.models import SpotTheScamLesson

    def make(title="Spot the fake text", slug=None, messages=None, segments=(), series=None,
             tags=(), live=True):
        page = SpotTheScamLesson(
            title=title, slug=slug or None, summary="Which of these texts are real?",
            intro="<p>Three messages arrived today.</p>", listing_image=make_image(title),
            messages=messages if messages is not None else spot_messages(),
            takeaways=[("takeaway", "Open your bank's app yourself.")],
        )
        _classify(page, segments, series, tags)
        return _add(library, page, live)
    return make


# --- Roles (the groups created by the reviews app's migration) -----------------------------


@pytest.fixture
def make_user(db):
    """A user in one of the role groups (staff.roles), with an e-mail address."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(username, group=None, superuser=False):
        user = get_user_model().objects.create_user(
            username, email=f"{username}@example.invalid", password=f"pw-{username}-123",
            first_name=username.title(), is_superuser=superuser, is_staff=superuser,
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return user
    return make


@pytest.fixture
def editor(make_user):
    return make_user("editor", EDITORS)


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer", REVIEWERS)


@pytest.fixture
def second_reviewer(make_user):
    return make_user("reviewer2", REVIEWERS)


@pytest.fixture
def marketer(make_user):
    return make_user("marketer", MARKETING)


@pytest.fixture
def administrator(make_user):
    """A member of the Administrators group (not a superuser)."""
    return make_user("administrator", ADMINISTRATORS)


@pytest.fixture
def client_for():
    """`client_for(user)`: a test client logged in as that user."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user)
        return client
    return make


# --- Languages ------------------------------------------------------------------------------


@pytest.fixture
def zh(db):
    from wagtail.models import Locale

    return Locale.objects.get(language_code="zh-hans")


@pytest.fixture
def translate(zh):
    """A Chinese translation of a page or a term, with the given fields, published."""
    def make(instance, **fields):
        instance = instance.specific if isinstance(instance, Page) else instance
        translated = instance.copy_for_translation(zh)
        for name, value in fields.items():
            setattr(translated, name, value)
        if isinstance(translated, Page):
            translated.save_revision().publish()
            translated.refresh_from_db()
        else:
            translated.save()
        return translated
    return make


@pytest.fixture
def zh_site(home, library, translate):
    """The Chinese home page and library (translations of the English ones)."""
    return {
        "home": translate(home, title="首页", intro="几分钟学会识破骗局。"),
        "library": translate(library, title="全部课程", intro="按人群、形式和骗局类型查找课程。"),
    }
