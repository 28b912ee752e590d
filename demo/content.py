"""The demo content as plain data: audiences, series, scam types, red flags, fifteen lessons
(twelve plus three practice scenarios) and settings.

Nothing here touches the database; ``manage.py load_demo_content`` turns it into pages,
snippets, images and videos. Text is written for the people each lesson is for: short
sentences, everyday words, today's real scams, and always a calm next step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------------- taxonomy


@dataclass(frozen=True)
class SegmentData:
    name: str
    slug: str
    tagline: str
    description: str
    icon: str
    large_text_default: bool = False
    sort_order: int = 0


@dataclass(frozen=True)
class SeriesData:
    name: str
    slug: str
    description: str


@dataclass(frozen=True)
class ScamTypeData:
    name: str
    slug: str
    description: str


SEGMENTS = [
    SegmentData(
        name="Seniors",
        slug="seniors",
        tagline="For seniors",
        description=(
            "Short lessons in large, clear text about the calls and messages that most often "
            "reach older people. Each one shows a real trick and ends with a simple step to "
            "remember. Watch them with family or friends and talk them over."
        ),
        icon="senior",
        large_text_default=True,
        sort_order=1,
    ),
    SegmentData(
        name="New residents",
        slug="new-residents",
        tagline="For new residents",
        description=(
            "New to the city? Finding a flat, a job or a loan in a new place brings lots of "
            "offers, and a few of them are scams. These lessons show the common ones and how "
            "to check before you pay."
        ),
        icon="home",
        sort_order=2,
    ),
    SegmentData(
        name="Small businesses",
        slug="small-businesses",
        tagline="For small businesses",
        description=(
            "Fake invoices, bogus officials and QR codes swapped at the counter cost small "
            "shops and firms real money. These lessons show how the tricks work and the quick "
            "checks that stop them. Share them with your staff."
        ),
        icon="shop",
        sort_order=3,
    ),
]

SERIES = [
    SeriesData(
        name="Consumer Protection Notebook",
        slug="consumer-protection-notebook",
        description=(
            "Real cases, taken apart step by step: what happened, how the scam worked, and "
            "the one check that would have stopped it."
        ),
    ),
    SeriesData(
        name="Micro Classroom",
        slug="micro-classroom",
        description=(
            "One scam at a time, in a minute or two. Made for a phone screen, and easy to "
            "share with someone who needs it."
        ),
    ),
]

SCAM_TYPES = [
    ScamTypeData(
        "Phishing", "phishing",
        "Fake texts, emails and websites that try to get your passwords, card details or codes.",
    ),
    ScamTypeData(
        "Fake loan", "fake-loan",
        "Quick loans with no checks that ask you to pay a fee before any money arrives.",
    ),
    ScamTypeData(
        "Impersonation", "impersonation",
        "Someone pretending to be the police, a government office, your bank or a shop.",
    ),
    ScamTypeData(
        "Investment", "investment",
        "Promises of high, safe returns, often through chat groups and fake trading apps.",
    ),
    ScamTypeData(
        "Refund", "refund",
        "Calls or messages about a refund that end with you paying, or sharing codes.",
    ),
    ScamTypeData(
        "QR code", "qr-code",
        "Fake QR codes on stickers, posters or messages that send your money to a stranger.",
    ),
    ScamTypeData(
        "Romance", "romance",
        "An online friend or sweetheart who builds trust for weeks, then asks for money.",
    ),
    ScamTypeData(
        "Fake job", "fake-job",
        "Easy online jobs, like 'liking' videos, that later ask you to pay money in.",
    ),
    ScamTypeData(
        "Fake invoice", "fake-invoice",
        "Invoices or 'new bank details' that seem to come from a supplier but do not.",
    ),
    ScamTypeData(
        "Rental", "rental",
        "Flats advertised only to collect a deposit, when the flat is not really for rent.",
    ),
]


# --------------------------------------------------------------------------- lessons


@dataclass(frozen=True)
class Poster:
    """What ``drawing.poster_png`` draws for the lesson card (the title is the lesson's)."""

    subtitle: str
    accent: str
    icon: str


@dataclass(frozen=True, kw_only=True)
class LessonData:
    kind = ""
    title: str
    slug: str
    summary: str
    takeaways: tuple[str, ...]
    tags: tuple[str, ...]
    segments: tuple[str, ...]
    poster: Poster
    series: str | None = None
    related: tuple[str, ...] = ()

    @property
    def accent(self) -> str:
        return self.poster.accent


Cue = tuple[float, float, str]

SECONDS_PER_WORD = 0.34
MIN_CUE_SECONDS = 2.5
CUE_GAP = 0.25
LEAD_IN = 1.5  # the title card shows first


def timed_cues(paragraphs: tuple[tuple[str, ...], ...]) -> list[Cue]:
    """Give each caption line time to be read (about three words a second)."""
    cues, t = [], LEAD_IN
    for paragraph in paragraphs:
        for text in paragraph:
            length = max(MIN_CUE_SECONDS, len(text.split()) * SECONDS_PER_WORD)
            length = round(length * 2) / 2  # half seconds keep the caption file tidy
            cues.append((t, t + length, text))
            t += length + CUE_GAP
    return cues


@dataclass(frozen=True, kw_only=True)
class VideoLessonData(LessonData):
    kind = "video"
    script: tuple[tuple[str, ...], ...]  # paragraphs of caption lines
    completion_threshold: int = 90

    @property
    def cues(self) -> list[Cue]:
        return timed_cues(self.script)

    @property
    def transcript(self) -> str:
        return "".join(f"<p>{' '.join(paragraph)}</p>" for paragraph in self.script)


@dataclass(frozen=True)
class Panel:
    scene: str
    caption: str
    speech: tuple[tuple[str, str], ...]
    alt_text: str

    @property
    def dialogue(self) -> str:
        """The words in the panel as text: the caption box, then who says what."""
        return "\n".join([self.caption, *(f"{who}: {text}" for who, text in self.speech)])


@dataclass(frozen=True, kw_only=True)
class ComicLessonData(LessonData):
    kind = "comic"
    panels: tuple[Panel, ...]
    transcript: str = ""


@dataclass(frozen=True, kw_only=True)
class CaseStudyData(LessonData):
    kind = "case"
    story: str
    how_it_worked: str
    red_flags: tuple[str, ...]
    what_to_do: str


NOTEBOOK = "consumer-protection-notebook"
CLASSROOM = "micro-classroom"

VIDEOS = [
    VideoLessonData(
        title="The refund call: a real shop never asks you to pay",
        slug="refund-call-scam",
        summary=(
            "A caller says your parcel was lost and offers a refund. Then they ask for a code, "
            "an app or a small payment. This short video shows how the refund scam works and "
            "what to do instead."
        ),
        takeaways=(
            "A real refund never needs your codes, your passwords or a payment from you.",
            "Hang up, then check the order in the shop's own app.",
            "Never share your screen with someone who called you.",
        ),
        tags=("refund", "impersonation"),
        segments=("seniors", "new-residents"),
        series=CLASSROOM,
        related=("refund-screen-share", "parcel-text-phishing"),
        poster=Poster("A refund never needs your codes or your money.", "#c2410c", "phone"),
        script=(
            (
                "Your phone rings. The caller says they are from a shop's customer service.",
                "Your parcel was lost, they say, and they want to give you a refund.",
            ),
            (
                "To send the refund, they ask you to install an app or read out a code.",
                "Or they say the refund went wrong, and you must send money back.",
            ),
            (
                "A real shop never needs your codes or your money to refund you.",
                "Hang up. Open the shop's own app and check your order there.",
                "If you shared a code or paid, call your bank now.",
            ),
        ),
    ),
    VideoLessonData(
        title="A text about your parcel? Check the app, not the link",
        slug="parcel-text-phishing",
        summary=(
            "A text says your parcel is held and asks you to tap a link to pay a small fee. "
            "The link leads to a fake page that takes your card details. Here is how to check "
            "safely."
        ),
        takeaways=(
            "Delivery problems show up in the courier's own app. Check there.",
            "Never type the code from your bank's text into a page you reached from a link.",
            "The small fee is the bait. Your card details are what they want.",
        ),
        tags=("phishing",),
        segments=("new-residents", "seniors"),
        series=CLASSROOM,
        poster=Poster("Tap nothing. Open the courier's app yourself.", "#1f6feb", "sms"),
        completion_threshold=80,
        script=(
            (
                "A text message: your parcel is held. Pay a 2 yuan fee to release it.",
                "There is a link. It looks almost like the courier's website.",
            ),
            (
                "The page asks for your card number, then the code your bank sends you.",
                "With that code, the scammer can spend your money.",
            ),
            (
                "Don't tap links in texts you did not expect.",
                "Open the courier's app yourself, and never share a bank code.",
            ),
        ),
    ),
    VideoLessonData(
        title="'Police' on the phone: real officers never ask for money",
        slug="fake-police-call",
        summary=(
            "A caller says he is a police officer and your bank account is linked to a crime. "
            "He tells you to keep it secret and move your money to a 'safe account'. Real "
            "police never do this."
        ),
        takeaways=(
            "There is no 'safe account'. Anyone who asks you to move money to one is a scammer.",
            "Real officials never ask you to keep a call secret from your family.",
            "Hang up, then call 110 yourself to check.",
        ),
        tags=("impersonation",),
        segments=("seniors",),
        series=NOTEBOOK,
        related=("fake-regulator-call",),
        poster=Poster("There is no such thing as a 'safe account'.", "#1d4ed8", "shield"),
        script=(
            (
                "A man calls. He says he is a police officer and gives a name and a badge number.",
                "He says your bank account was used in a crime.",
            ),
            (
                "He tells you not to tell anyone, not even your family.",
                "To clear your name, he says, move your savings to a 'safe account'.",
            ),
            (
                "The police never ask you to move money. There is no safe account.",
                "Hang up and talk to someone you trust. If you are unsure, call 110 yourself.",
            ),
        ),
    ),
    VideoLessonData(
        title="A loan with no checks? The fee is the trap",
        slug="fake-loan-upfront-fee",
        summary=(
            "An app or a caller offers a quick loan with no credit check. But first you must "
            "pay a fee, or 'unfreeze' your account. After you pay, the loan never comes."
        ),
        takeaways=(
            "A lender who wants money before you get the loan is a scammer.",
            "'Your account is frozen, pay to unfreeze it' is always a lie.",
            "Borrow from your bank or a licensed lender you found yourself.",
        ),
        tags=("fake-loan",),
        segments=("new-residents", "small-businesses"),
        series=CLASSROOM,
        poster=Poster("Real lenders never ask you to pay first.", "#15803d", "money"),
        script=(
            (
                "Need money fast? An ad promises a loan in ten minutes, with no credit check.",
                "You fill in the form. Your loan is approved, they say.",
            ),
            (
                "But first you must pay a fee, or pay to 'unfreeze' your account.",
                "After you pay, there is always one more fee. The loan never arrives.",
            ),
            (
                "Real lenders never ask you to pay before you get the loan.",
                "Borrow from your bank or a licensed lender, and check before you sign.",
            ),
        ),
    ),
]

COMICS = [
    ComicLessonData(
        title="The refund that needed a screen share",
        slug="refund-screen-share",
        summary=(
            "Mrs Li gets a friendly call about a refund for a faulty face cream. The caller "
            "asks her to install a meeting app and share her screen. Her granddaughter Mei "
            "spots the trick just in time."
        ),
        takeaways=(
            "A refund never needs your screen, your bank app or your codes.",
            "Check orders in the shop's own app, not with someone who called you.",
            "If you shared a code, call your bank at once.",
        ),
        tags=("refund",),
        segments=("seniors",),
        series=NOTEBOOK,
        related=("refund-call-scam",),
        poster=Poster("Mrs Li's refund call, and the question that saved her savings.",
                      "#b45309", "phone"),
        panels=(
            Panel(
                "call",
                "Mrs Li gets a call on a quiet afternoon.",
                (
                    ("Caller", "Hello, customer service here. Your face cream was faulty. "
                               "We will refund you 300 yuan."),
                    ("Mrs Li", "Oh, how kind of you!"),
                ),
                "In her living room, Mrs Li, an older woman with glasses, holds a phone to "
                "her ear. In a box on the right, a caller wearing a headset talks to her.",
            ),
            Panel(
                "call",
                "The caller makes it sound easy.",
                (
                    ("Caller", "Just install this meeting app and share your screen. "
                               "I will guide you."),
                    ("Mrs Li", "Share my screen? Well, all right."),
                ),
                "Mrs Li is still on the phone in her living room. In the box on the right, "
                "the caller in the headset keeps talking.",
            ),
            Panel(
                "kitchen",
                "Her granddaughter Mei comes home.",
                (
                    ("Mrs Li", "Mei, the shop is giving me a refund! I just need to share my "
                               "screen."),
                    ("Mei", "Grandma, wait. Who called you?"),
                ),
                "In a kitchen, Mrs Li talks with her granddaughter Mei, who has just come "
                "home.",
            ),
            Panel(
                "kitchen",
                "Mei knows this trick.",
                (
                    ("Mrs Li", "He knew what I bought, so he must be real."),
                    ("Mei", "A shop never needs your screen or bank codes to refund you. "
                            "That's a scam."),
                ),
                "Mrs Li and Mei stand facing each other in the kitchen while Mei explains "
                "the trick.",
            ),
            Panel(
                "phone",
                "They check the order together, in the shopping app.",
                (
                    ("Shopping app", "Order delivered. No refund pending."),
                    ("Mrs Li", "So there was no refund at all!"),
                ),
                "In her living room, Mrs Li holds up her phone. A speech bubble from the "
                "phone shows the order status in the shopping app.",
            ),
            Panel(
                "kitchen",
                "Mrs Li never shared her screen, and her money is safe.",
                (
                    ("Mrs Li", "Next time, I'll hang up and check the app myself."),
                    ("Mei", "And you can always call me first."),
                ),
                "Mrs Li and Mei smile at each other in the kitchen.",
            ),
        ),
    ),
    ComicLessonData(
        title="The QR code sticker at the noodle shop",
        slug="qr-code-sticker",
        summary=(
            "Someone stuck a fake QR code over the real one at Mrs Zhou's noodle shop. "
            "Customers paid, but the money went to a stranger. Checking the name on the "
            "payment screen stops this, for shop owners and customers alike."
        ),
        takeaways=(
            "Before you pay by QR code, check that the name on the screen is the shop's.",
            "Shop owners: check your QR code every morning and keep it behind glass.",
            "A sticker on top of a code is a warning sign. Ask before you scan.",
        ),
        tags=("qr-code",),
        segments=("small-businesses", "new-residents"),
        series=CLASSROOM,
        related=("parcel-text-phishing",),
        poster=Poster("Scan, then check the name before you pay.", "#0e7490", "warning"),
        panels=(
            Panel(
                "shop",
                "Lunchtime at Mrs Zhou's noodle shop.",
                (
                    ("Mrs Zhou", "Scan the QR code on the counter, please."),
                    ("Customer", "Done! 28 yuan."),
                ),
                "Inside a small shop with shelves of goods and a counter, Mrs Zhou, an older "
                "woman with glasses, talks to a customer who has just paid.",
            ),
            Panel(
                "shop",
                "That evening, the day's takings look low.",
                (
                    ("Mrs Zhou", "Twenty people paid by QR code today, but only five "
                                 "payments arrived?"),
                ),
                "Mrs Zhou stands alone in her shop at the end of the day.",
            ),
            Panel(
                "shop",
                "She looks at the QR code closely.",
                (("Mrs Zhou", "This is a sticker! Someone put a new code over mine."),),
                "Mrs Zhou stands by the shelves of her shop and speaks about the QR code "
                "sticker she has found.",
            ),
            Panel(
                "phone",
                "Anyone can check: the payment screen shows who gets the money.",
                (
                    ("Payment app", "Pay to: LI W** (personal account)"),
                    ("Mrs Zhou", "My shop's name should be here, not a stranger's."),
                ),
                "Mrs Zhou holds up her phone. A speech bubble from the phone shows the "
                "payment screen, with a stranger's name where the shop's name should be.",
            ),
            Panel(
                "shop",
                "Now everyone checks.",
                (
                    ("Mrs Zhou", "I keep my code behind glass and check it every morning."),
                    ("Customer", "And I check the name before I pay!"),
                ),
                "Mrs Zhou and a customer stand in the shop, smiling.",
            ),
        ),
    ),
    ComicLessonData(
        title="Auntie Wang's online friend",
        slug="online-sweetheart",
        summary=(
            "Auntie Wang meets a kind man online who says he works abroad. After weeks of "
            "sweet messages he asks her to pay a customs fee for a gift. Her friend helps her "
            "see the pattern."
        ),
        takeaways=(
            "Someone you have never met, who always has a reason not to video call, may not "
            "be who they say.",
            "Love and money requests together are the pattern of a romance scam.",
            "Talk to a friend before you send money to anyone you met online.",
        ),
        tags=("romance",),
        segments=("seniors",),
        series=CLASSROOM,
        poster=Poster("Sweet words, no face, then a money problem.", "#be185d", "chat"),
        panels=(
            Panel(
                "phone",
                "Auntie Wang has been chatting with 'Mr Chen' for a month.",
                (
                    ("Chat message", "Good morning, my dear. I dreamed of our walk by the "
                                     "river."),
                    ("Auntie Wang", "He is so thoughtful."),
                ),
                "In her living room, Auntie Wang, an older woman with glasses, holds up her "
                "phone. A speech bubble from the phone shows a loving chat message.",
            ),
            Panel(
                "phone",
                "He says he works abroad, so he can never video call.",
                (
                    ("Chat message", "The signal here is bad, so no video. But I will visit "
                                     "you soon."),
                    ("Auntie Wang", "I can wait."),
                ),
                "At home, Auntie Wang reads another chat message from Mr Chen on her phone.",
            ),
            Panel(
                "phone",
                "Then a problem appears.",
                (
                    ("Chat message", "I sent you a gift, but customs wants 8,000 yuan. Can you "
                                     "pay? I will pay you back."),
                    ("Auntie Wang", "8,000 yuan..."),
                ),
                "Auntie Wang holds her phone. A speech bubble from the phone shows Mr Chen "
                "asking her to pay a customs fee.",
            ),
            Panel(
                "kitchen",
                "She tells her friend Mrs Sun.",
                (
                    ("Auntie Wang", "He only needs help with a customs fee."),
                    ("Mrs Sun", "Have you ever seen his face on a video call?"),
                ),
                "In a kitchen, Auntie Wang talks with her friend Mrs Sun.",
            ),
            Panel(
                "kitchen",
                "They look closer, together.",
                (
                    ("Auntie Wang", "No. He always has an excuse."),
                    ("Mrs Sun", "Sweet words, no face, then money for a problem. That's how "
                                "these scams go."),
                ),
                "Auntie Wang and Mrs Sun stand facing each other in the kitchen while Mrs Sun "
                "explains the pattern.",
            ),
            Panel(
                "kitchen",
                "Auntie Wang keeps her money.",
                (
                    ("Auntie Wang", "I won't pay. I'll report his account and block him."),
                    ("Mrs Sun", "Good. And you can always talk to me first."),
                ),
                "Auntie Wang and Mrs Sun smile at each other in the kitchen.",
            ),
        ),
    ),
    ComicLessonData(
        title="Paid to 'like' videos? The catch comes later",
        slug="like-for-pay-job",
        summary=(
            "Auntie Fang has just moved to the city to help look after her grandson. A message "
            "offers easy pay for liking videos. The first tasks pay out, then a 'group task' "
            "asks her to pay in first."
        ),
        takeaways=(
            "A real job pays you. It never asks you to pay money in.",
            "Small early payments are bait to win your trust.",
            "A rush to act 'in the next ten minutes' is a warning sign.",
        ),
        tags=("fake-job",),
        segments=("new-residents",),
        series=NOTEBOOK,
        poster=Poster("A real job pays you. It never asks you to pay in.", "#7c3aed", "money"),
        panels=(
            Panel(
                "phone",
                "Auntie Fang is new in the city and has free mornings.",
                (
                    ("Text message", "Part-time job! Like videos from home and earn 200 yuan "
                                     "a day."),
                    ("Auntie Fang", "That sounds easy."),
                ),
                "At home, Auntie Fang, an older woman with glasses, holds up her phone. A "
                "speech bubble from the phone shows a text offering a part-time job.",
            ),
            Panel(
                "phone",
                "The first tasks really do pay.",
                (
                    ("Chat message", "Task done! 15 yuan has been sent to you."),
                    ("Auntie Fang", "It worked!"),
                ),
                "Auntie Fang holds her phone. A chat message says 15 yuan has been sent to her.",
            ),
            Panel(
                "phone",
                "Then the tasks change.",
                (
                    ("Chat message", "Group task: pay in 1,000 yuan, get 1,300 back in one "
                                     "hour."),
                    ("Auntie Fang", "Pay in first? Hmm."),
                ),
                "Auntie Fang holds her phone. A chat message asks her to pay in 1,000 yuan for "
                "a 'group task'.",
            ),
            Panel(
                "kitchen",
                "She asks her daughter Lan.",
                (
                    ("Auntie Fang", "They paid me before. Should I do the group task?"),
                    ("Lan", "A real job pays you. It never asks you to pay in. It's a scam."),
                ),
                "In a kitchen, Auntie Fang talks with her daughter Lan.",
            ),
            Panel(
                "phone",
                "Auntie Fang leaves the group.",
                (
                    ("Chat message", "Hurry! The task closes in 10 minutes!"),
                    ("Auntie Fang", "No. I'm not paying. Blocked."),
                ),
                "Auntie Fang holds up her phone. A chat message urges her to hurry, and she "
                "refuses.",
            ),
        ),
    ),
]

CASES = [
    CaseStudyData(
        title="The supplier who 'changed bank accounts'",
        slug="supplier-bank-change",
        summary=(
            "An email from a regular supplier asked a furniture workshop to pay into a new "
            "account. The invoice looked right, so they paid 86,000 yuan, to a scammer. One "
            "phone call would have stopped it."
        ),
        takeaways=(
            "Always confirm new bank details by phone, on a number you already have.",
            "Let two people approve any payment to a new account.",
            "If you have paid, call your bank at once: speed matters.",
        ),
        tags=("fake-invoice", "impersonation"),
        segments=("small-businesses",),
        series=NOTEBOOK,
        related=("fake-regulator-call",),
        poster=Poster("One phone call would have saved 86,000 yuan.", "#a16207", "email"),
        story=(
            "<p>Ms Xu keeps the books for a small furniture workshop. Every month she pays "
            "the timber supplier they have used for years.</p>"
            "<p>One morning an email arrived from the supplier's sales manager. It said the "
            "company was changing banks, and this month's invoice should be paid into a new "
            "account. The email had the usual signature, a real order number and the right "
            "amount.</p>"
            "<p>Ms Xu paid 86,000 yuan. Two weeks later the real supplier called to ask why "
            "the invoice was still unpaid.</p>"
        ),
        how_it_worked=(
            "<p>The scammer had broken into the supplier's email, or sent mail from an "
            "address that differed by a single letter. They read real messages and waited "
            "until an invoice was due.</p>"
            "<p>Because the timing, the order and the amount were all correct, nothing looked "
            "strange. Only the bank account had changed, and the new account belonged to the "
            "scammer.</p>"
        ),
        red_flags=(
            "New bank details arrive by email just before a payment is due.",
            "The sender's address is slightly different from the usual one.",
            "You are asked to pay today, or the order will be delayed.",
            "The new account is in a different name from the company's.",
        ),
        what_to_do=(
            "<ul>"
            "<li>Call the supplier on a number you already have, not one in the email, "
            "before you pay a new account.</li>"
            "<li>Agree with your suppliers that bank details never change by email alone.</li>"
            "<li>Have a second person approve any payment to a new account.</li>"
            "<li>If you have paid, call your bank straight away and ask them to stop the "
            "transfer. Then report it to the police on 110.</li>"
            "</ul>"
        ),
    ),
    CaseStudyData(
        title="The investment group where everyone wins",
        slug="investment-chat-group",
        summary=(
            "A retired teacher was added to a chat group full of 'winning' investors. A "
            "trading app showed her money growing, until she tried to take it out. This case "
            "shows each step of the trap."
        ),
        takeaways=(
            "Invest only through a bank or licensed firm you found yourself.",
            "Profits on a screen are not money in your account.",
            "Never pay a 'fee' or 'tax' to take your own money out.",
        ),
        tags=("investment",),
        segments=("seniors", "small-businesses"),
        series=NOTEBOOK,
        related=("online-sweetheart",),
        poster=Poster("When everyone in the group wins, ask who is really in it.", "#6d28d9",
                      "chat"),
        story=(
            "<p>Ms Huang, a retired teacher, was added to a chat group about shares. Every "
            "day a 'teacher' posted free tips, and other members posted pictures of their "
            "big profits.</p>"
            "<p>After three weeks she was invited to a trading app. She put in 20,000 yuan, "
            "and the app soon showed 35,000 yuan.</p>"
            "<p>When she tried to take her money out, she was told to pay a 20% 'tax' first. "
            "She paid. Then the app stopped working and the group disappeared.</p>"
        ),
        how_it_worked=(
            "<p>Almost everyone in the group worked for the scammers, or was a fake account. "
            "Their profits were made up, to make her feel she was missing out.</p>"
            "<p>The app was not a real trading platform. The growing balance was only a "
            "number on the screen. The 'tax' to withdraw was one last grab for money.</p>"
        ),
        red_flags=(
            "A stranger adds you to a group that promises sure profits.",
            "Everyone in the group seems to win, every single day.",
            "You must install the app from a link, not from an official app store.",
            "You must pay a 'tax' or 'fee' before you can take your money out.",
        ),
        what_to_do=(
            "<ul>"
            "<li>Invest only through your bank or a licensed firm that you found yourself.</li>"
            "<li>Leave any group that promises high, sure returns.</li>"
            "<li>If you have paid, stop paying. No fee will bring the money back.</li>"
            "<li>Keep the chat records and call 110 or the anti-fraud hotline 96110.</li>"
            "<li>Be careful of anyone who later offers to 'recover' your money for a fee: "
            "that is often the same scam again.</li>"
            "</ul>"
        ),
    ),
    CaseStudyData(
        title="A call from the 'market regulator'",
        slug="fake-regulator-call",
        summary=(
            "A bakery owner was told a customer had complained and her licence would be "
            "suspended unless she paid a fine that day. The caller knew her shop's name and "
            "address. A quick check showed there was no case at all."
        ),
        takeaways=(
            "Government offices do not collect fines by phone into a personal account.",
            "Find the office's number yourself and call back to check.",
            "Threats and a deadline of 'today' are tools to stop you thinking.",
        ),
        tags=("impersonation",),
        segments=("small-businesses",),
        series=None,
        poster=Poster("Real officials never collect fines by phone.", "#b91c1c", "warning"),
        story=(
            "<p>Mrs Gao runs a small bakery. One afternoon a man called, saying he was from "
            "the market regulation office. A customer had complained about food safety, he "
            "said, and her business licence would be suspended.</p>"
            "<p>He knew the bakery's name, address and licence number. He sent an 'official "
            "notice' by chat, with a red stamp. To settle the matter quietly, she should pay "
            "a 5,000 yuan fine today, to an account he gave her.</p>"
            "<p>Her nephew saw how worried she was. They looked up the office's number on its "
            "official website and called. There was no complaint and no fine.</p>"
        ),
        how_it_worked=(
            "<p>A business's name, address and licence number are easy to find. The caller "
            "used them to sound official.</p>"
            "<p>He made her afraid of losing her business, gave her a short deadline and told "
            "her to keep it quiet. A fake notice with a stamp made it look real.</p>"
        ),
        red_flags=(
            "An 'official' asks you to pay a fine by phone, today.",
            "The money goes to a personal bank account.",
            "You are told to keep the matter quiet.",
            "A notice arrives by chat app, not as a formal letter.",
        ),
        what_to_do=(
            "<ul>"
            "<li>Hang up. Look up the office's number yourself, on its official website or "
            "a letter you already have, and call to check.</li>"
            "<li>Never pay a fine into a personal account.</li>"
            "<li>Tell a family member or a neighbour before you pay anything.</li>"
            "<li>Report the call to the police on 110, or ask the anti-fraud hotline "
            "96110.</li>"
            "</ul>"
        ),
    ),
    CaseStudyData(
        title="A deposit for a flat that wasn't there",
        slug="rental-deposit-scam",
        summary=(
            "New to the city, Xiao Chen found a bright flat near the metro at a great price. "
            "The 'landlord' was abroad and asked for a deposit before a viewing. She paid "
            "6,000 yuan for a flat that was never for rent."
        ),
        takeaways=(
            "Never pay a deposit before you have seen the flat and met the landlord.",
            "A price far below similar flats is a warning sign.",
            "Sign a contract and pay in a way you can trace.",
        ),
        tags=("rental",),
        segments=("new-residents",),
        series=NOTEBOOK,
        poster=Poster("See the flat first. Pay after.", "#047857", "house"),
        story=(
            "<p>Xiao Chen moved to the city for a new job. Online she found a bright "
            "one-bedroom flat near the metro, for much less than others nearby.</p>"
            "<p>The 'landlord' said he was working abroad and could not show it. He sent "
            "photos of his ID card and the property papers. If she paid a deposit and the "
            "first month's rent, 6,000 yuan, he would post her the keys.</p>"
            "<p>She paid. He then asked for a 'cleaning fee', and after that he stopped "
            "answering. The photos had been copied from an old advert.</p>"
        ),
        how_it_worked=(
            "<p>The low price made her hurry before 'someone else' took the flat. Being "
            "'abroad' was the excuse for no viewing.</p>"
            "<p>Photos of documents are easy to copy or fake. Once she had paid, each new fee "
            "was a test of how much more she would send.</p>"
        ),
        red_flags=(
            "The rent is much lower than for similar flats nearby.",
            "The landlord cannot meet you or show you the flat.",
            "You must pay before a viewing, because 'many people want it'.",
            "Documents are only sent as photos.",
        ),
        what_to_do=(
            "<ul>"
            "<li>See the flat in person and meet the landlord, or use a licensed agent.</li>"
            "<li>Check that the person renting it out really owns it or may rent it out.</li>"
            "<li>Sign a written contract, and pay in a way your bank can trace.</li>"
            "<li>If you have paid, call your bank and report it to the police on 110.</li>"
            "</ul>"
        ),
    ),
]


# --------------------------------------------------------------------------- scenarios


@dataclass(frozen=True)
class RedFlagData:
    name: str
    slug: str
    explanation: str


RED_FLAGS = [
    RedFlagData(
        "A link in a message you did not expect", "unexpected-link",
        "Banks, couriers and officials do not send links to 'unfreeze', 'refund' or 'verify' "
        "things. The link leads to a copy of a real website, made to collect your details.",
    ),
    RedFlagData(
        "A sender you cannot check", "unverified-sender",
        "The name or number at the top of a text, a call or an e-mail proves nothing: it can "
        "be faked, and replying only reaches the scammer. Check with a number you already "
        "trust, such as the one on your card or on an old invoice.",
    ),
    RedFlagData(
        "Pressure to act right now", "urgency",
        "'Within 2 hours', 'today or your card is closed': scammers hurry you so that you do "
        "not stop, think, or ask someone. A real problem can wait for you to check.",
    ),
    RedFlagData(
        "A page asking for your card number or PIN", "card-details",
        "With your card number and PIN, a criminal can spend your money. Your bank already "
        "has your details and never asks you to type them into a page from a message.",
    ),
    RedFlagData(
        "Someone asking for a verification code", "one-time-code",
        "The code your bank texts you is the key to a payment. Read the text: it usually says "
        "what the code is for. No bank, shop or official ever needs you to pass it on.",
    ),
    RedFlagData(
        "Threats from 'police' or 'customs' on the phone", "official-threat",
        "Real officials do not deal with a crime over the phone, do not transfer you to the "
        "police, and do not threaten arrest to make you act. Hang up and call them yourself.",
    ),
    RedFlagData(
        "Being told to keep it secret", "keep-it-secret",
        "Scammers tell you not to talk to family, friends or your bank, because those people "
        "would tell you it is a scam. Nothing genuine has to be kept from your family.",
    ),
    RedFlagData(
        "Being asked to move money to a 'safe account'", "safe-account",
        "There is no such thing as a safe account. Police, courts and banks never ask you to "
        "move your money to check it or keep it safe. Anyone who does is a scammer.",
    ),
    RedFlagData(
        "New bank details by e-mail", "changed-bank-details",
        "A supplier's bank account rarely changes, and never 'urgently' by e-mail. Always "
        "check new bank details by phone, on a number you already have, before you pay.",
    ),
    RedFlagData(
        "An e-mail address that is almost right", "lookalike-address",
        "One extra hyphen or a different ending (.co instead of .com) is enough for a "
        "scammer's address to look familiar. Compare it with an e-mail you know is real.",
    ),
    RedFlagData(
        "Being asked to skip your usual checks", "bypass-checks",
        "'Don't call, I'm in meetings' or 'pay before the end of the day' is meant to stop you "
        "from checking. A genuine contact is happy for you to call and confirm.",
    ),
]


@dataclass(frozen=True)
class Msg:
    """One message in a simulated conversation (see ``education.blocks.MessageBlock``)."""

    text: str
    sender: str = "them"
    name: str = ""
    heading: str = ""
    link: str = ""
    field_label: str = ""
    button_label: str = ""


@dataclass(frozen=True)
class Option:
    """A choice: what the learner can do, where it leads, and the red flag it tests."""

    label: str
    to: str
    safe: bool
    flag: str | None
    feedback: str
    highlight: str = ""  # the words of the step's messages that gave the scam away


@dataclass(frozen=True)
class ScenarioStep:
    id: str
    messages: tuple[Msg, ...]
    choices: tuple[Option, ...]
    question: str = ""


@dataclass(frozen=True)
class ScenarioEnding:
    id: str
    outcome: str  # "safe", "partly" or "scammed"
    headline: str
    debrief: str
    messages: tuple[Msg, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ScenarioData(LessonData):
    kind = "scenario"
    channel: str
    contact_name: str
    contact_detail: str = ""
    situation: str
    steps: tuple[ScenarioStep | ScenarioEnding, ...]


BANK_CALL_ADVICE = (
    "<p><b>In real life:</b> call your bank at once on the number on the back of your card. "
    "Ask them to stop the payment and block the card. Then report it to the police on 110. "
    "Keep the text: it helps them.</p>"
)

SCENARIOS = [
    ScenarioData(
        title="'Your bank card is frozen': a text message to practise on",
        slug="bank-card-frozen-text",
        summary=(
            "Practise on a text that says your card is frozen and a refund is waiting. Choose "
            "what you would do, and see at once which warning signs you spotted."
        ),
        takeaways=(
            "Your bank never sends a link to unfreeze a card or to collect a refund.",
            "Check by calling the number on the back of your card, not one in the message.",
            "Never pass on a verification code: read what the bank's text says it is for.",
        ),
        tags=("refund", "phishing"),
        segments=("seniors",),
        series=CLASSROOM,
        related=("parcel-text-phishing", "refund-call-scam"),
        poster=Poster("Practise: what would you do with this text?", "#0b6e6e", "sms"),
        channel="sms",
        contact_name="Bank Service",
        contact_detail="+86 170 2391 4410",
        situation=(
            "<p>It is a quiet Tuesday morning. You are having tea at home when your phone "
            "buzzes. It is a text message about your bank card.</p>"
        ),
        steps=(
            ScenarioStep(
                "the-text",
                (
                    Msg(
                        "[Bank Service] Dear customer, we found a double charge of 1,280 yuan "
                        "on your card. For your safety your card has been FROZEN. To unfreeze "
                        "it and receive your refund, confirm your details within 2 hours:",
                        link="bank-refund-help.top/card",
                    ),
                ),
                (
                    Option(
                        "Tap the link to sort it out", "fake-page", False, "unexpected-link",
                        "Your bank would never send a link to unfreeze a card. This link "
                        "leads to a copy of a bank website, made by scammers.",
                        highlight='bank-refund-help.top/card',
                    ),
                    Option(
                        "Reply to ask if the message is real", "reply", False,
                        "unverified-sender",
                        "A reply goes straight to the person who sent the text. If it is a "
                        "scammer, they will simply say yes, it is real.",
                        highlight='[Bank Service]',
                    ),
                    Option(
                        "Call the number on the back of my card", "bank-call", True,
                        "unexpected-link",
                        "Well done. You checked with a number you trust instead of the link "
                        "in the message.",
                        highlight='bank-refund-help.top/card',
                    ),
                ),
            ),
            ScenarioStep(
                "reply",
                (
                    Msg("Is this message real?", sender="you"),
                    Msg(
                        "Yes, this is the Bank Service Centre. For your safety please confirm "
                        "through the link within 2 hours, or your card will be cancelled "
                        "and your refund lost.",
                    ),
                ),
                (
                    Option(
                        "They say it is real, so tap the link", "fake-page", False, "urgency",
                        "The sender answered for themselves, then hurried you with a "
                        "deadline. A scammer would say exactly the same.",
                        highlight='within 2 hours',
                    ),
                    Option(
                        "Stop, and call the number on my card", "bank-call", True, "urgency",
                        "Good. The deadline was there to rush you. Your bank can tell you "
                        "the truth in a two-minute call.",
                        highlight='within 2 hours',
                    ),
                ),
            ),
            ScenarioStep(
                "fake-page",
                (
                    Msg(
                        "To unfreeze your card and receive your 1,280 yuan refund, please "
                        "confirm your card.",
                        heading="Card refund centre", field_label="Card number",
                    ),
                    Msg(
                        "Enter your 6-digit PIN to confirm it is you.",
                        field_label="PIN", button_label="Unfreeze my card",
                    ),
                ),
                (
                    Option(
                        "Type in my card number and PIN", "code-text", False, "card-details",
                        "Typing them in hands your card to the scammer: the page sends them "
                        "straight to whoever made it.",
                        highlight='Enter your 6-digit PIN',
                    ),
                    Option(
                        "Close the page and call my bank", "bank-call", True, "card-details",
                        "Well done. You stopped before typing anything. Closing the page "
                        "is always safe.",
                        highlight='Enter your 6-digit PIN',
                    ),
                ),
                question="The link opened this page. What do you do?",
            ),
            ScenarioStep(
                "code-text",
                (
                    Msg("Thank you. You will now get a verification code. Enter it to finish "
                        "your refund.", name="bank-refund-help.top/card",
                        field_label="Verification code", button_label="Submit"),
                    Msg(
                        "[Bank] Your verification code is 482913. It authorises a PAYMENT of "
                        "9,860 yuan to account ****5531. Never share this code with anyone.",
                        sender="notice",
                    ),
                ),
                (
                    Option(
                        "Enter the code to get my refund", "money-gone", False,
                        "one-time-code",
                        "Look at the bank's text again: the code was for a payment of 9,860 "
                        "yuan, not a refund. Entering it sends your money to the scammer.",
                        highlight='It authorises a PAYMENT of 9,860 yuan',
                    ),
                    Option(
                        "Stop: the code is for a payment, not a refund", "card-stolen", True,
                        "one-time-code",
                        "Well read! The bank's own text said what the code was for. Your "
                        "card details are known now, so the next step matters.",
                        highlight='It authorises a PAYMENT of 9,860 yuan',
                    ),
                ),
                question="A code arrives from your bank. What do you do?",
            ),
            ScenarioStep(
                "bank-call",
                (
                    Msg("You call the number printed on the back of your card.",
                        sender="notice"),
                    Msg(
                        "Hello, thank you for calling. I have checked your account: your card "
                        "is not frozen and there is no double charge. That text was not from "
                        "us.",
                        name="Your bank",
                    ),
                ),
                (
                    Option(
                        "Ask what I should do about the text", "report-it", True, None,
                        "Good question. Reporting a scam text helps stop it reaching others.",
                    ),
                    Option(
                        "Say thank you and hang up", "safe-ending", True, None,
                        "You are safe. Next time, you could also report the text.",
                    ),
                ),
            ),
            ScenarioStep(
                "report-it",
                (
                    Msg(
                        "Please do not tap the link. You can report the text to the anti-fraud "
                        "hotline 96110, then delete it. Tell your family about it too.",
                        name="Your bank",
                    ),
                ),
                (
                    Option(
                        "Report it to 96110 and tell my family", "safe-ending", True, None,
                        "That is the best thing to do. Talking about scams protects the "
                        "people you love.",
                    ),
                    Option(
                        "Forward the text to friends as a warning", "safe-ending", False,
                        "unexpected-link",
                        "Warning friends is kind, but a forwarded link can still be tapped. "
                        "Tell them about it instead, or send a picture with the link covered.",
                    ),
                ),
            ),
            ScenarioEnding(
                "money-gone", "scammed", "The scammer took 9,860 yuan from your card",
                "<p>This happens to careful people. The text looked official, the page looked "
                "like a bank's, and the two-hour deadline left no time to think.</p>"
                + BANK_CALL_ADVICE,
                messages=(
                    Msg("[Bank] You have paid 9,860 yuan to account ****5531. Balance: "
                        "312.40 yuan.", sender="notice"),
                ),
            ),
            ScenarioEnding(
                "card-stolen", "partly", "Your money is safe, but your card details are not",
                "<p>You read the bank's text and stopped in time: well done. But the scammers "
                "now have your card number and PIN.</p>"
                "<p><b>In real life:</b> call your bank now on the number on your card and ask "
                "them to block it and send a new one. Change your PIN if you use it "
                "elsewhere, and report the text to 96110.</p>",
            ),
            ScenarioEnding(
                "safe-ending", "safe", "Your money and your card are safe",
                "<p>You checked with a number you trust. That one habit stops most bank "
                "scams: a real bank will always be there when you call it yourself.</p>"
                "<p><b>In real life:</b> never tap links in texts about your card, and "
                "report scam texts to 96110.</p>",
            ),
        ),
    ),
    ScenarioData(
        title="A call from 'customs': practise saying no",
        slug="customs-police-call",
        summary=(
            "A caller says a parcel in your name held fake passports, then 'transfers' you to "
            "the police. Practise the call step by step and learn when to hang up."
        ),
        takeaways=(
            "Customs and police never handle a case by phone or ask you to move money.",
            "There is no 'safe account'. Anyone who asks you to use one is a scammer.",
            "Hang up, then call 110 yourself. Talk to your family: nothing real is secret.",
        ),
        tags=("impersonation",),
        segments=("new-residents",),
        series=NOTEBOOK,
        related=("fake-police-call", "fake-regulator-call"),
        poster=Poster("Practise: a 'customs officer' is on the line.", "#1d4ed8", "phone"),
        channel="call",
        contact_name="Customs Service Centre",
        contact_detail="+86 21 6190 3360",
        situation=(
            "<p>You moved to the city three months ago for a new job. On your lunch break, "
            "your phone rings. The screen says it is the customs service.</p>"
        ),
        steps=(
            ScenarioStep(
                "the-call",
                (
                    Msg(
                        "Hello, this is the customs service centre. A parcel sent in your name "
                        "was stopped at the airport. It contains twelve fake passports and "
                        "bank cards.",
                        name="'Officer Zhao', customs",
                    ),
                    Msg(
                        "If this is not your parcel, someone has stolen your identity. I will "
                        "transfer you to the police now so you can clear your name today.",
                        name="'Officer Zhao', customs",
                    ),
                ),
                (
                    Option(
                        "Stay on the line to clear my name", "police-transfer", False,
                        "official-threat",
                        "It is natural to want to clear your name. But customs do not "
                        "transfer calls to the police: this is how the scam builds trust.",
                        highlight='I will transfer you to the police now',
                    ),
                    Option(
                        "Hang up, and call customs on a number I look up myself",
                        "check-yourself", True, "official-threat",
                        "Well done. A real office will still be there when you call it "
                        "yourself, on a number from its official website.",
                        highlight='I will transfer you to the police now',
                    ),
                ),
            ),
            ScenarioStep(
                "police-transfer",
                (
                    Msg("The line clicks. A new voice.", sender="notice"),
                    Msg(
                        "This is Officer Li, police. An account in your name was used to "
                        "launder money. You are now a suspect. This call is recorded.",
                        name="'Officer Li', police",
                    ),
                    Msg(
                        "This case is secret. Do not tell anyone, not even your family or "
                        "your bank, or you will be arrested for blocking the investigation.",
                        name="'Officer Li', police",
                    ),
                ),
                (
                    Option(
                        "Agree to keep it secret", "warrant", False, "keep-it-secret",
                        "Being told to keep it secret is how scammers cut you off from "
                        "people who would stop them. Real police never ask this.",
                        highlight='This case is secret. Do not tell anyone',
                    ),
                    Option(
                        "Say I want to talk to my family first", "pressure", True,
                        "keep-it-secret",
                        "Good. Talking to someone you trust is the fastest way to see a "
                        "scam for what it is.",
                        highlight='This case is secret. Do not tell anyone',
                    ),
                ),
            ),
            ScenarioStep(
                "pressure",
                (
                    Msg(
                        "If you tell anyone, you will be charged. Stay on this line. This is "
                        "your only chance.",
                        name="'Officer Li', police",
                    ),
                ),
                (
                    Option(
                        "Stay on the line, just in case", "warrant", False, "official-threat",
                        "Threats of arrest are meant to scare you into doing what they say. "
                        "Real police would let you hang up and call them back.",
                        highlight='If you tell anyone, you will be charged.',
                    ),
                    Option(
                        "Hang up and call 110 myself", "real-police", True, "official-threat",
                        "Exactly right. Hanging up is always allowed, and 110 is the real "
                        "police.",
                        highlight='If you tell anyone, you will be charged.',
                    ),
                ),
            ),
            ScenarioStep(
                "warrant",
                (
                    Msg(
                        "I am sending you the arrest warrant. Check it on the official case "
                        "website.",
                        name="'Officer Li', police", link="gov-case-check.cc/warrant",
                    ),
                    Msg("A document opens with your name, your photo and a red official "
                        "stamp.", sender="notice"),
                    Msg(
                        "To prove your money is clean, move your savings to the safe account "
                        "of the investigation. You will get it back in 48 hours.",
                        name="'Officer Li', police",
                    ),
                ),
                (
                    Option(
                        "Move my savings to the 'safe account'", "money-gone", False,
                        "safe-account",
                        "There is no safe account. Police never ask you to move money to "
                        "check it. The money would go straight to the scammers.",
                        highlight='move your savings to the safe account',
                    ),
                    Option(
                        "Send a small amount first, to be careful", "small-loss", False,
                        "safe-account",
                        "Any amount sent to a 'safe account' is lost, and it shows the "
                        "scammers you will pay. They would come back for the rest.",
                        highlight='move your savings to the safe account',
                    ),
                    Option(
                        "Hang up and call 110 myself", "real-police", True, "safe-account",
                        "Well done. Even with a 'warrant' on your screen, you checked "
                        "yourself. Fake documents are easy to make.",
                        highlight='move your savings to the safe account',
                    ),
                ),
            ),
            ScenarioStep(
                "check-yourself",
                (
                    Msg("You hang up and find the customs office's number on its official "
                        "website.", sender="notice"),
                    Msg(
                        "Thank you for checking. We never call people about parcels to ask "
                        "for money or bank details. That was a scam call.",
                        name="Customs office",
                    ),
                ),
                (
                    Option(
                        "Report the call to the anti-fraud hotline 96110", "safe-ending",
                        True, None,
                        "Reporting helps the police warn others who get the same call.",
                    ),
                    Option(
                        "Call the number back to tell them off", "safe-ending", False,
                        "unverified-sender",
                        "Better not: calling back tells them your number is answered, and "
                        "they are skilled at talking people round. Report it instead.",
                    ),
                ),
            ),
            ScenarioStep(
                "real-police",
                (
                    Msg("You hang up and dial 110.", sender="notice"),
                    Msg(
                        "You did the right thing. The police never handle a case by phone, "
                        "never send warrants online and never ask anyone to move money. Did "
                        "you give them any money or bank details?",
                        name="Police, 110",
                    ),
                ),
                (
                    Option(
                        "No, nothing. I hung up in time", "safe-ending", True, None,
                        "Then you are safe. Tell your family and friends about this call.",
                    ),
                ),
            ),
            ScenarioEnding(
                "money-gone", "scammed", "Your savings went to the scammers",
                "<p>This scam uses fear, official-looking papers and secrecy. It catches "
                "clever, careful people, especially when they are new to a place.</p>"
                "<p><b>In real life:</b> call 110 at once and your bank on the number on your "
                "card, and ask the bank to stop the payment. Then tell someone you trust: "
                "you are the victim of a crime, not a suspect.</p>",
                messages=(
                    Msg("[Bank] Transfer of 48,000 yuan completed.", sender="notice"),
                    Msg("The line goes dead. The number no longer answers.", sender="notice"),
                ),
            ),
            ScenarioEnding(
                "small-loss", "partly", "You lost 2,000 yuan, and they will call again",
                "<p>You were careful with most of your money, but any payment to a 'safe "
                "account' is lost. Scammers often call back with a new story.</p>"
                "<p><b>In real life:</b> call your bank now to try to stop the payment, report "
                "it to 110, and do not answer their calls again.</p>",
                messages=(
                    Msg("[Bank] Transfer of 2,000 yuan completed.", sender="notice"),
                ),
            ),
            ScenarioEnding(
                "safe-ending", "safe", "You hung up and kept your money safe",
                "<p>You did not let the fear of a 'case' stop you from checking. Hanging up and "
                "calling the real office yourself beats every version of this scam.</p>"
                "<p><b>In real life:</b> report calls like this to 96110, and warn friends who "
                "are new to the city.</p>",
            ),
        ),
    ),
    ScenarioData(
        title="An invoice with new bank details: practise before you pay",
        slug="supplier-new-bank-email",
        summary=(
            "An e-mail from your usual supplier says their bank account has changed and asks "
            "you to pay today. Practise the checks that stop invoice fraud."
        ),
        takeaways=(
            "Check any change of bank details by phone, on a number you already have.",
            "Compare the sender's address with an e-mail you know is real.",
            "If you have paid a fake account, call your bank at once: speed matters.",
        ),
        tags=("fake-invoice",),
        segments=("small-businesses",),
        series=NOTEBOOK,
        related=("supplier-bank-change",),
        poster=Poster("Practise: a supplier's 'new bank account'.", "#7c3aed", "email"),
        channel="email",
        contact_name="Fresh Valley Foods – Accounts",
        contact_detail="accounts@freshvalley-foods.co",
        situation=(
            "<p>You run a small restaurant. Fresh Valley Foods has delivered your vegetables "
            "for three years, and you pay their invoice every month. It is Friday afternoon "
            "and you are doing the accounts.</p>"
        ),
        steps=(
            ScenarioStep(
                "the-email",
                (
                    Msg(
                        "Hi, please find this month's invoice attached: 18,450 yuan. Please "
                        "note that our bank account has changed because of an audit. Kindly "
                        "pay to the new account below today, as the old one is now closed.\n"
                        "New account: 6214 8800 3312 7781\nThanks, Lucy",
                        name="Lucy Chen, Fresh Valley Foods",
                        heading="Invoice FV-2291: updated payment details",
                    ),
                    Msg("Attachment: Invoice_FV-2291.pdf", sender="notice"),
                ),
                (
                    Option(
                        "Pay the new account today, as asked", "payment-sent", False,
                        "changed-bank-details",
                        "A change of bank details by e-mail is the heart of invoice fraud. "
                        "Once the money is in a scammer's account, it is hard to get back.",
                        highlight='our bank account has changed',
                    ),
                    Option(
                        "Reply to the e-mail to ask if it is genuine", "reply", False,
                        "unverified-sender",
                        "Your reply goes to whoever sent the e-mail. If that is a scammer, "
                        "they will happily confirm it.",
                        highlight='Lucy Chen, Fresh Valley Foods',
                    ),
                    Option(
                        "Look closely at the sender's address first", "look-closer", True,
                        "lookalike-address",
                        "Good habit. Scammers use addresses that look almost the same as the "
                        "real one.",
                    ),
                ),
            ),
            ScenarioStep(
                "reply",
                (
                    Msg("Hi Lucy, is this change genuine?", sender="you",
                        heading="Re: Invoice FV-2291"),
                    Msg(
                        "Hi, yes it is genuine. I am in meetings all day so please don't call, "
                        "but payment must be made today to avoid a late fee and a stop on your "
                        "deliveries. Thanks, Lucy",
                        name="Lucy Chen, Fresh Valley Foods",
                        heading="Re: Invoice FV-2291",
                    ),
                ),
                (
                    Option(
                        "Pay now so the deliveries don't stop", "payment-sent", False,
                        "bypass-checks",
                        "'Please don't call' and a same-day deadline are there to stop you "
                        "from checking. A real supplier is happy for you to call.",
                        highlight="please don't call",
                    ),
                    Option(
                        "Call Fresh Valley on the number I already have", "call-supplier",
                        True, "bypass-checks",
                        "Well done. You checked in a way the scammer cannot control.",
                        highlight="please don't call",
                    ),
                ),
            ),
            ScenarioStep(
                "look-closer",
                (
                    Msg(
                        "The e-mail came from accounts@freshvalley-foods.co. Your old invoices "
                        "came from accounts@freshvalleyfoods.com.",
                        sender="notice",
                    ),
                ),
                (
                    Option(
                        "It is close enough: pay it", "payment-sent", False,
                        "lookalike-address",
                        "A hyphen and a missing 'm' make it a different address, owned by "
                        "someone else. 'Almost right' means wrong.",
                        highlight='accounts@freshvalley-foods.co',
                    ),
                    Option(
                        "Call Fresh Valley on the number I already have", "call-supplier",
                        True, "changed-bank-details",
                        "Exactly right: you check bank details on a number you already "
                        "trust, never one from the e-mail.",
                    ),
                ),
                question="You compare the addresses. What do you do?",
            ),
            ScenarioStep(
                "payment-sent",
                (
                    Msg("Your bank app: 18,450 yuan sent to account ending 7781.",
                        sender="notice"),
                    Msg(
                        "Hi, a reminder that invoice FV-2291 (18,450 yuan) is now overdue. Our "
                        "usual bank details are on the invoice. Best wishes, Lucy",
                        name="Lucy Chen <accounts@freshvalleyfoods.com>",
                        heading="Reminder: invoice FV-2291",
                    ),
                ),
                (
                    Option(
                        "Call my bank right away and ask them to recall the payment",
                        "partly-recovered", True, None,
                        "Well done for acting fast. The sooner the bank knows, the better the "
                        "chance of stopping the money.",
                    ),
                    Option(
                        "Wait and see: it may be a mix-up", "money-lost", False, None,
                        "Every hour counts: scammers move money on quickly. Waiting makes it "
                        "almost impossible to get back.",
                    ),
                ),
                question="On Monday, this e-mail arrives. What do you do?",
            ),
            ScenarioStep(
                "call-supplier",
                (
                    Msg("You call Fresh Valley on the number from your old invoices.",
                        sender="notice"),
                    Msg(
                        "Oh no, that was not me! Our bank details have not changed. Please "
                        "don't pay that account. Could you forward the e-mail to me?",
                        name="Lucy Chen, on the phone",
                    ),
                ),
                (
                    Option(
                        "Forward it to Lucy and pay the usual account", "report-fake", True,
                        None,
                        "Good. Your supplier can warn their other customers too.",
                    ),
                ),
            ),
            ScenarioStep(
                "report-fake",
                (
                    Msg(
                        "Thank you. We will warn our customers. Someone must have got into "
                        "one of our e-mail accounts.",
                        name="Lucy Chen <accounts@freshvalleyfoods.com>",
                        heading="Re: Fake invoice",
                    ),
                ),
                (
                    Option(
                        "Report it to the police and tell my staff who pays the bills",
                        "safe-ending", True, None,
                        "That is the way to stop the next attempt: your staff will know "
                        "what to look for.",
                    ),
                    Option(
                        "Delete the fake e-mail and forget about it", "safe-ending", False,
                        None,
                        "Deleting it throws away the evidence. Keep it, report it, and tell "
                        "your staff: scammers often try the same business again.",
                    ),
                ),
            ),
            ScenarioEnding(
                "money-lost", "scammed", "The 18,450 yuan is gone",
                "<p>Invoice fraud catches busy, honest businesses. The e-mail used your "
                "supplier's name, a real invoice number and a reason that sounded official.</p>"
                "<p><b>In real life:</b> call your bank at once, report it to the police on "
                "110, and tell your supplier. From now on, check any new bank details by "
                "phone before paying.</p>",
                messages=(
                    Msg("Your bank: the receiving account was emptied and closed on Saturday.",
                        sender="notice"),
                ),
            ),
            ScenarioEnding(
                "partly-recovered", "partly", "Your bank got back part of the money",
                "<p>Because you called quickly, your bank stopped 11,000 yuan before the "
                "scammers could move it. The rest was gone.</p>"
                "<p><b>In real life:</b> report it to the police on 110 and keep every e-mail. "
                "Agree with your staff that bank details are only ever changed after a phone "
                "call.</p>",
            ),
            ScenarioEnding(
                "safe-ending", "safe", "You paid the real supplier and stopped the fraud",
                "<p>A quick phone call on a number you already had stopped an 18,450 yuan "
                "loss. Make it a rule for everyone who pays your bills.</p>"
                "<p><b>In real life:</b> report fake invoices to the police and warn your "
                "supplier, so they can secure their e-mail.</p>",
            ),
        ),
    ),
]


LESSONS: list[LessonData] = [*VIDEOS, *COMICS, *CASES, *SCENARIOS]


# --------------------------------------------------------------------------- site-wide

HOME_INTRO = (
    "Short videos, comics, practice scenarios and real cases that show how today's scams "
    "work, and the simple checks that stop them. Choose who you are, or start with one of "
    "these."
)
# Only used when the library page is missing (migration 0002 normally creates it).
LIBRARY_TITLE = "Lessons"
LIBRARY_INTRO = (
    "Videos, comics, practice scenarios and real cases. Pick who you are and what worries you."
)
FEATURED_LESSONS = [
    "refund-call-scam",
    "qr-code-sticker",
    "bank-card-frozen-text",
    "supplier-bank-change",
]


@dataclass(frozen=True)
class ReportChannel:
    name: str
    phone: str = ""
    url: str = ""
    note: str = ""

    def as_block(self) -> dict:
        return {
            "type": "channel",
            "value": {"name": self.name, "phone": self.phone, "url": self.url,
                      "note": self.note},
        }


@dataclass(frozen=True)
class ReportSettingsData:
    heading: str
    advice: str
    channels: tuple[ReportChannel, ...] = field(default_factory=tuple)


REPORT_SCAM = ReportSettingsData(
    heading="How to report a scam",
    advice=(
        "<ol>"
        "<li><b>Stop.</b> Do not pay, and do not share any code, password or card number.</li>"
        "<li><b>Call your bank</b> if you have paid or shared card details. Ask them to stop "
        "the payment and freeze the card.</li>"
        "<li><b>Report it.</b> Keep the messages, phone numbers and receipts, and call the "
        "police.</li>"
        "</ol>"
    ),
    channels=(
        ReportChannel(
            "Police emergency", phone="110",
            note="Call now if you have just paid a scammer or feel in danger.",
        ),
        ReportChannel(
            "National anti-fraud hotline", phone="96110",
            note="Ask whether something is a scam, or report one. If 96110 calls you, "
                 "answer: it is a real warning.",
        ),
        ReportChannel(
            "Banking and insurance consumer hotline", phone="12378",
            note="Complaints about a bank, an insurer or a financial product.",
        ),
        ReportChannel(
            "Your bank",
            note="Call the number printed on the back of your card.",
        ),
    ),
)
