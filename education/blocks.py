"""StreamField blocks for scam scenarios: steps, the channel messages in them, choices, endings.

Why a StreamField of steps rather than child models (an InlinePanel of steps with nested
choices): a scenario is one document that editors write, reorder and revise as a whole, and
Wagtail keeps the whole graph in each revision, so previews, drafts, scheduled publishing and
"compare revisions" see one consistent graph. Choices refer to steps by an editor-chosen
id (also the step's web address), which survives reordering. The graph rules (no dangling
links, no unreachable steps …) cannot be expressed as per-block validation, so they run over
the whole stream: see ``education.scenario_graph`` and ``education.scenario_rules``.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtailmedia.blocks import AudioChooserBlock

from .scenario_graph import MAX_CHOICES, PARTLY, SAFE, SCAMMED, STEP_ID_MAX_LENGTH, STEP_ID_PATTERN

DEBRIEF_FEATURES = ["bold", "italic", "ol", "ul", "link"]
MAX_CHOICES_PER_STEP = min(6, MAX_CHOICES)
HIGHLIGHT_MAX_LENGTH = 200
# The message fields a choice's "what gave it away" may point at, in the order the player
# looks for it (the first field that holds it is highlighted).
HIGHLIGHT_FIELDS = ("name", "heading", "text", "link", "field_label", "button_label")

step_id_validator = RegexValidator(
    STEP_ID_PATTERN,
    _("Use lower-case letters, numbers and single hyphens, e.g. “first-text”."),
)


def step_id_block(help_text):
    return blocks.CharBlock(
        label=_("Step ID"), max_length=STEP_ID_MAX_LENGTH, validators=[step_id_validator],
        help_text=help_text,
    )


class MessageBlock(blocks.StructBlock):
    """One message on the channel: a text, a caller's line, an e-mail, a web page's text."""

    sender = blocks.ChoiceBlock(
        choices=[
            ("them", _("Them (the caller, sender or website)")),
            ("you", _("You (the learner)")),
            ("notice", _("Phone or app notice")),
        ],
        default="them", label=_("Who it is from"),
    )
    name = blocks.CharBlock(
        required=False, max_length=80, label=_("Sender name"),
        help_text=_("Shown above the message, e.g. “Officer Wang”. Leave empty to use the "
                    "scenario's contact name."),
    )
    heading = blocks.CharBlock(
        required=False, max_length=140, label=_("Subject or page title"),
        help_text=_("For e-mails (the subject line) and web pages or app screens (the title)."),
    )
    text = blocks.TextBlock(max_length=1200, label=_("Text"))
    link = blocks.CharBlock(
        required=False, max_length=120, label=_("Link as shown"),
        help_text=_("A web address as the scammer shows it, e.g. “bank-help.top/verify”. "
                    "It is displayed but never clickable."),
    )
    field_label = blocks.CharBlock(
        required=False, max_length=60, label=_("Simulated input box"),
        help_text=_("e.g. “Card number”. Shown as a box that cannot be typed in: nothing a "
                    "learner types is ever collected."),
    )
    button_label = blocks.CharBlock(
        required=False, max_length=40, label=_("Simulated button"),
        help_text=_("e.g. “Confirm”. Shown as a button look-alike that does nothing."),
    )
    image = ImageChooserBlock(required=False, label=_("Image"))
    image_alt = blocks.CharBlock(
        required=False, max_length=250, label=_("Image alt text"),
        help_text=_("Describe the image for people who cannot see it. Required with an image."),
    )
    audio = AudioChooserBlock(
        required=False, label=_("Audio clip"),
        help_text=_("Optional, e.g. the caller's voice. The text above is its transcript."),
    )

    class Meta:
        icon = "comment"
        label = _("Message")
        form_classname = "scenario-message"

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not (value.get("image_alt") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"image_alt": blocks.BlockValidationError(
                    _("Describe the image for people who cannot see it."))}
            )
        return value


class ScenarioChoiceBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        max_length=140, label=_("What the learner can do"),
        help_text=_("e.g. “Tap the link” or “Call the bank on the number on my card”."),
    )
    next_step = blocks.CharBlock(
        max_length=STEP_ID_MAX_LENGTH, label=_("Leads to step"),
        help_text=_("The Step ID of the step or ending this choice leads to."),
    )
    safe = blocks.BooleanBlock(
        required=False, label=_("This is the safe choice"),
        help_text=_("Tick for a safe choice; leave empty for a risky one."),
    )
    red_flag = SnippetChooserBlock(
        "education.RedFlag", required=False, label=_("Red flag it tests"),
        help_text=_("The warning sign this choice is about (Lesson library → Red flags)."),
    )
    feedback = blocks.TextBlock(
        max_length=800, label=_("Feedback"),
        help_text=_("Shown straight after the choice. Risky: what they missed and why it "
                    "matters. Safe: what they spotted."),
    )
    highlight = blocks.CharBlock(
        required=False, max_length=HIGHLIGHT_MAX_LENGTH, label=_("What gave it away"),
        help_text=_("Optional: the exact words in this step's messages that show the red "
                    "flag (a sender's number, a look-alike address, the link, the request "
                    "for a code), copied as they are written. They are highlighted on the "
                    "simulated screen with the feedback."),
    )

    class Meta:
        icon = "arrow-right"
        label = _("Choice")


def highlight_found_in(messages, highlight):
    """Whether ``highlight`` is written, as it is, in one of ``messages``' visible fields."""
    return any(
        highlight in (message.get(name) or "")
        for message in messages for name in HIGHLIGHT_FIELDS
    )


class StepBlock(blocks.StructBlock):
    step_id = step_id_block(
        _("Short and unique, e.g. “first-text”. Choices use it to lead here, and it is part "
          "of the step's web address.")
    )
    messages = blocks.ListBlock(MessageBlock(), min_num=1, label=_("Messages"))
    question = blocks.CharBlock(
        required=False, max_length=140, label=_("Question"),
        help_text=_("Asked above the choices. Default: “What do you do?”"),
    )
    choices = blocks.ListBlock(
        ScenarioChoiceBlock(), max_num=MAX_CHOICES_PER_STEP, label=_("Choices"),
    )

    class Meta:
        icon = "comment"
        label = _("Step")

    def clean(self, value):
        """A choice's "what gave it away" must be words of this step's messages, so that the
        player can highlight them; the error sits on that choice's field."""
        value = super().clean(value)
        messages = value.get("messages") or ()
        choice_errors = {}
        for index, choice in enumerate(value.get("choices") or ()):
            highlight = (choice.get("highlight") or "").strip()
            if highlight and not highlight_found_in(messages, highlight):
                choice_errors[index] = blocks.StructBlockValidationError(block_errors={
                    "highlight": ValidationError(_(
                        "“%(words)s” is not in this step's messages. Copy the words exactly "
                        "as they are written in a message's sender name, subject, text, "
                        "link, input box or button."
                    ) % {"words": highlight}),
                })
        if choice_errors:
            raise blocks.StructBlockValidationError(block_errors={
                "choices": blocks.ListBlockValidationError(block_errors=choice_errors),
            })
        return value


class EndingBlock(blocks.StructBlock):
    step_id = step_id_block(_("Short and unique, e.g. “money-gone”. Choices use it to lead here."))
    outcome = blocks.ChoiceBlock(
        choices=[
            (SCAMMED, _("Scammed: the learner lost money or data")),
            (PARTLY, _("Partly: some harm, or a narrow escape")),
            (SAFE, _("Safe: the learner stopped the scam")),
        ],
        label=_("Outcome"),
    )
    # default=[]: a new ending starts with no message (a ListBlock's default is one empty
    # item, whose required text would block submitting an ending that needs none).
    messages = blocks.ListBlock(
        MessageBlock(), min_num=0, default=[], label=_("Last messages"),
        help_text=_("Optional, e.g. the bank's text that the money has gone."),
    )
    headline = blocks.CharBlock(
        max_length=140, label=_("Headline"),
        help_text=_("One line that says what happened, e.g. “The scammer emptied your card”."),
    )
    debrief = blocks.RichTextBlock(
        features=DEBRIEF_FEATURES, label=_("Debrief"),
        help_text=_("What happened, why, and what to do in real life. Kind and plain."),
    )

    class Meta:
        icon = "flag"
        label = _("Ending")


class ScenarioStepsBlock(blocks.StreamBlock):
    step = StepBlock()
    ending = EndingBlock()

    class Meta:
        min_num = 1


# --------------------------------------------------------------------------- spot the scam

SPOT_MIN_MESSAGES = 3
SPOT_MAX_MESSAGES = 10
SPOT_SCAM = "scam"
SPOT_GENUINE = "genuine"
TELL_MAX_LENGTH = 200
# The channel skins of the scenario player a spot-the-scam message can wear (the values and
# labels of ``education.models.ScamChannel``, which sits above this module).
SPOT_CHANNELS = [
    ("sms", _("Text message (SMS)")),
    ("call", _("Phone call")),
    ("email", _("E-mail")),
]
# The message fields the tell may be in, in the order the quiz looks for it (the first one
# that holds it is highlighted). The subject counts on e-mails only: it is shown on no other.
TELL_FIELDS = ("sender", "subject", "body")


def tell_fields(value):
    """The visible fields of a spot-the-scam message that the tell may be in."""
    return [name for name in TELL_FIELDS
            if name != "subject" or value.get("channel") == "email"]


def tell_found_in(value, tell):
    """Whether ``tell`` is written, as it is, in the message's sender, subject or body."""
    return bool(tell) and any(tell in (value.get(name) or "") for name in tell_fields(value))


class SpotMessageBlock(blocks.StructBlock):
    """One message of a spot-the-scam lesson: what the learner sees, and the answer."""

    channel = blocks.ChoiceBlock(
        choices=SPOT_CHANNELS, default="sms", label=_("Channel"),
        help_text=_("How the message arrives: it sets the look of the simulated screen."),
    )
    sender = blocks.CharBlock(
        max_length=120, label=_("From"),
        help_text=_("The sender as the screen shows it: a phone number, a caller ID or an "
                    "e-mail address, e.g. “95588” or “Accounts <billing@supplier-pay.co>”."),
    )
    subject = blocks.CharBlock(
        required=False, max_length=140, label=_("Subject (e-mails)"),
        help_text=_("The e-mail's subject line. Not shown for texts and calls."),
    )
    body = blocks.TextBlock(
        max_length=1200, label=_("Message"),
        help_text=_("The text as it arrives, or for a call what the caller says."),
    )
    verdict = blocks.ChoiceBlock(
        choices=[(SPOT_SCAM, _("A scam")), (SPOT_GENUINE, _("Genuine"))],
        default=SPOT_SCAM, label=_("This message is"),
    )
    tell = blocks.CharBlock(
        max_length=TELL_MAX_LENGTH, label=_("The tell"),
        help_text=_("The exact words of this message that give it away as a scam, or show "
                    "that it is genuine (a look-alike address, the link, a request for a "
                    "code, “open your app yourself”), copied as they are written in the "
                    "sender, the subject or the message. They are highlighted in the "
                    "feedback."),
    )
    explanation = blocks.TextBlock(
        max_length=600, label=_("Why"),
        help_text=_("One to three plain sentences shown with the answer: what the tell "
                    "means and what to do."),
    )

    class Meta:
        icon = "comment"
        label = _("Message")
        form_classname = "spot-message"

    def clean(self, value):
        value = super().clean(value)
        tell = (value.get("tell") or "").strip()
        if tell and not tell_found_in(value, tell):
            where = (_("the sender, the subject or the message") if value.get("channel") == "email"
                     else _("the sender or the message"))
            raise blocks.StructBlockValidationError(block_errors={
                "tell": ValidationError(_(
                    "“%(words)s” is not in %(where)s. Copy the words exactly as they are "
                    "written there."
                ) % {"words": tell, "where": where}),
            })
        return value


class SpotMessagesBlock(blocks.StreamBlock):
    message = SpotMessageBlock()

    class Meta:
        min_num = SPOT_MIN_MESSAGES
        max_num = SPOT_MAX_MESSAGES


# --- learning checks ---------------------------------------------------------------------
#
# A lesson may ask 1 to 3 multiple-choice "check" questions before its body ("Check what you
# know") and the same ones after it ("Now try again"). Texts are translated with the page
# (wagtail-localize makes a segment of each CharBlock/TextBlock); which answer is right is a
# BooleanBlock, which wagtail-localize copies from the original, so every language agrees.

MAX_CHECK_QUESTIONS = 3
MIN_CHECK_OPTIONS = 2
MAX_CHECK_OPTIONS = 4


class CheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=140, label=_("Answer"))
    right = blocks.BooleanBlock(
        required=False, label=_("This is the right answer"),
        help_text=_("Tick exactly one answer of the question."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Answer")


class CheckQuestionBlock(blocks.StructBlock):
    """One multiple-choice question: 2 to 4 answers, exactly one of them right, and a short
    explanation shown once the learner has answered."""

    question = blocks.CharBlock(
        max_length=200, label=_("Question"),
        help_text=_("Short and plain, e.g. “Your bank calls and asks for a code sent by SMS. "
                    "What do you do?”"),
    )
    options = blocks.ListBlock(
        CheckOptionBlock(), min_num=MIN_CHECK_OPTIONS, max_num=MAX_CHECK_OPTIONS,
        label=_("Answers"),
        help_text=_("2 to 4 answers; tick the right one."),
    )
    explanation = blocks.TextBlock(
        max_length=400, label=_("Explanation"),
        help_text=_("Shown after answering: why the right answer is right, in a sentence or "
                    "two."),
    )

    class Meta:
        icon = "help"
        label = _("Check question")

    def clean(self, value):
        value = super().clean(value)
        options = list(value.get("options") or ())
        if not MIN_CHECK_OPTIONS <= len(options) <= MAX_CHECK_OPTIONS:
            raise blocks.StructBlockValidationError(block_errors={
                "options": blocks.ListBlockValidationError(
                    non_block_errors=[ValidationError(_("Give 2 to 4 answers."))])
            })
        right = sum(1 for option in options if option.get("right"))
        if right != 1:
            message = (_("Tick the one right answer.") if right == 0 else
                       _("Only one answer can be right: untick all but one."))
            raise blocks.StructBlockValidationError(block_errors={
                "options": blocks.ListBlockValidationError(
                    non_block_errors=[ValidationError(message)])
            })
        return value


def right_option_number(question):
    """The 1-based number of the right answer of a CheckQuestionBlock value (None if none)."""
    for number, option in enumerate(question["options"], start=1):
        if option.get("right"):
            return number
    return None
