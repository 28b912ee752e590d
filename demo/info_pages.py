"""The demo's information pages: About, Privacy and Contact, in English and Chinese.

Each page is a title, an introduction and a body of plain blocks (``("h2" | "p" | "ul",
text or [items])``). The English is the source; ``ZH`` holds the Chinese of every string, as
wagtail-localize extracts them (one string per heading, paragraph and list item), so the
loader translates these pages the way it translates the lessons.

The Privacy page describes what the site really does (see campaigns/privacy.py,
campaigns/ingest.py and the "Reach: definitions" in the design): change one, change both.
"""

from dataclasses import dataclass

from django.utils.html import escape


@dataclass(frozen=True)
class InfoPageData:
    slug: str
    title: str
    intro: str
    blocks: tuple
    seo_title: str = ""


def body_html(blocks) -> str:
    html = []
    for tag, value in blocks:
        if tag == "ul":
            html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>")
        else:
            html.append(f"<{tag}>{escape(value)}</{tag}>")
    return "".join(html)


ABOUT = InfoPageData(
    slug="about",
    title="About ScamSense",
    intro="ScamSense is a free public education service: short lessons that help people "
          "spot a scam before it costs them.",
    blocks=(
        ("h2", "Who runs it"),
        ("p", "ScamSense is run by a consumer-protection education team. We make short "
              "videos, comics, practice scenarios and case analyses for seniors, new "
              "residents and small businesses."),
        ("p", "We do not sell anything, we show no advertising and we never ask you for "
              "money, passwords or codes."),
        ("h2", "Who checks the advice"),
        ("p", "Every lesson is checked by a consumer-protection reviewer before it is "
              "published, and checked again at least once a year. The reviewer is never "
              "the person who wrote the lesson."),
        ("p", "The reviewer goes through eight points:"),
        ("ul", (
            "The claims are accurate and have a source.",
            "The risks are clearly warned about.",
            "Nothing pushes you to borrow, invest or share personal data.",
            "The lesson is fair and respectful to the people it is for.",
            "The language is plain for those people.",
            "Privacy and data security are respected.",
            "Videos have captions, pictures have descriptions, and there is a text "
            "version where needed.",
            "The official reporting numbers and websites are correct.",
        )),
        ("p", "Each lesson shows the date of its last check."),
        ("h2", "Pass it on"),
        ("p", "Every lesson can be shared, printed on one page for a noticeboard or a "
              "community talk, or opened from its QR code."),
    ),
)

PRIVACY = InfoPageData(
    slug="privacy",
    title="Privacy",
    intro="You can use every lesson without an account, without cookies and without "
          "telling us who you are.",
    blocks=(
        ("h2", "What we count"),
        ("p", "To know whether the lessons reach people, the page counts a few things: "
              "that a lesson was opened, that it stayed on screen for 10 seconds, how much "
              "of a video was played, which panels of a comic were read, which choices "
              "were made in a practice scenario, how it ended, and that a lesson was "
              "shared."),
        ("p", "To count people rather than clicks, the server makes a code from your "
              "internet address and your browser's name, mixed with a secret that changes "
              "every day (or, for a campaign, lasts as long as the campaign). The secret is "
              "destroyed 48 hours after its last use; after that nobody, including us, can "
              "link the code back to you or to your other visits."),
        ("h2", "What we never store"),
        ("ul", (
            "Your internet (IP) address or your browser's name.",
            "Cookies: the site sets none for visitors.",
            "Anything you type: the boxes in the practice scenarios are drawings and "
            "collect nothing.",
            "Your name, phone number or e-mail address: we never ask for them.",
        )),
        ("h2", "Do Not Track"),
        ("p", "If your browser sends Do Not Track or Global Privacy Control, nothing is "
              "counted at all."),
        ("h2", "On your own device"),
        ("p", "If you choose larger text, your browser remembers that choice on your device "
              "only. If you came from a campaign link or QR code, the page remembers the "
              "campaign until you close the tab."),
        ("h2", "How long we keep it"),
        ("p", "The counted events are deleted after 13 months. Daily totals, which say "
              "nothing about any one person, are kept for our yearly report."),
    ),
)

CONTACT = InfoPageData(
    slug="contact",
    title="Contact us",
    intro="Questions about a lesson, an idea for a new one, or a mistake we should fix: "
          "we would like to hear from you.",
    blocks=(
        ("h2", "If you think you are being scammed"),
        ("p", "Do not wait for us. Stop paying, call your bank on the number on your card, "
              "and report it: the numbers are in the box \"How to report a scam\" on every "
              "lesson."),
        ("h2", "Write to the team"),
        ("p", "E-mail: hello@scamsense.example"),
        ("p", "We answer within five working days. Please do not send passwords, card "
              "numbers or codes: we will never ask for them."),
        ("h2", "Talks and printed material"),
        ("p", "Community groups, libraries and small-business associations may print and "
              "share any lesson for free. Use \"Print a one-page summary\" on the lesson."),
    ),
)

PAGES = (ABOUT, PRIVACY, CONTACT)

ZH: dict[str, str] = {
    # About
    "About ScamSense": "关于 ScamSense",
    "ScamSense is a free public education service: short lessons that help people spot a "
    "scam before it costs them.":
        "ScamSense 是一项免费的公益教育服务：用简短的课程，帮助大家在受骗之前识破骗局。",
    "Who runs it": "谁在运营",
    "ScamSense is run by a consumer-protection education team. We make short videos, "
    "comics, practice scenarios and case analyses for seniors, new residents and small "
    "businesses.":
        "ScamSense 由一个消费者权益保护教育团队运营。我们为老年群体、新市民和小微企业制作"
        "反诈科普短视频、漫画、模拟诈骗场景和案例剖析。",
    "We do not sell anything, we show no advertising and we never ask you for money, "
    "passwords or codes.":
        "我们不卖任何东西，不展示广告，也绝不会向您索要钱款、密码或验证码。",
    "Who checks the advice": "谁来审核这些建议",
    "Every lesson is checked by a consumer-protection reviewer before it is published, and "
    "checked again at least once a year. The reviewer is never the person who wrote the "
    "lesson.":
        "每一课在发布前都经过消保审核员审核，之后至少每年重新审核一次。审核员绝不是撰写该课的人。",
    "The reviewer goes through eight points:": "审核员逐一核对八项要点：",
    "The claims are accurate and have a source.": "内容准确，并有来源。",
    "The risks are clearly warned about.": "清楚提示了风险。",
    "Nothing pushes you to borrow, invest or share personal data.":
        "没有任何诱导借贷、投资或提供个人信息的内容。",
    "The lesson is fair and respectful to the people it is for.": "对所面向的人群公平、尊重。",
    "The language is plain for those people.": "用语对这些人群来说通俗易懂。",
    "Privacy and data security are respected.": "尊重隐私和数据安全。",
    "Videos have captions, pictures have descriptions, and there is a text version where "
    "needed.":
        "视频有字幕，图片有文字说明，需要时提供文字版。",
    "The official reporting numbers and websites are correct.": "官方举报电话和网站准确无误。",
    "Each lesson shows the date of its last check.": "每一课都会显示最近一次审核的日期。",
    "Pass it on": "转告身边人",
    "Every lesson can be shared, printed on one page for a noticeboard or a community talk, "
    "or opened from its QR code.":
        "每一课都可以分享，可以打印成一页纸贴在公告栏或用于社区讲座，也可以扫二维码打开。",
    # Privacy
    "Privacy": "隐私说明",
    "You can use every lesson without an account, without cookies and without telling us "
    "who you are.":
        "您无需注册账户、无需 Cookie，也无需告诉我们您是谁，就可以使用每一课。",
    "What we count": "我们统计什么",
    "To know whether the lessons reach people, the page counts a few things: that a lesson "
    "was opened, that it stayed on screen for 10 seconds, how much of a video was played, "
    "which panels of a comic were read, which choices were made in a practice scenario, how "
    "it ended, and that a lesson was shared.":
        "为了解课程是否触达了大家，页面会统计几件事：课程被打开、在屏幕上停留了 10 秒、视频播放"
        "了多少、漫画读了哪几格、模拟场景中做了哪些选择以及结局如何，以及课程被分享。",
    "To count people rather than clicks, the server makes a code from your internet address "
    "and your browser's name, mixed with a secret that changes every day (or, for a "
    "campaign, lasts as long as the campaign). The secret is destroyed 48 hours after its "
    "last use; after that nobody, including us, can link the code back to you or to your "
    "other visits.":
        "为了统计人数而不是点击次数，服务器会用您的网络地址和浏览器名称，加上一个每天更换（活动"
        "期间则在整个活动期内有效）的密钥，生成一个代码。密钥在最后一次使用 48 小时后销毁；此后"
        "任何人（包括我们）都无法再把这个代码与您或您的其他访问联系起来。",
    "What we never store": "我们绝不保存什么",
    "Your internet (IP) address or your browser's name.": "您的网络（IP）地址或浏览器名称。",
    "Cookies: the site sets none for visitors.": "Cookie：本站不会给访客设置任何 Cookie。",
    "Anything you type: the boxes in the practice scenarios are drawings and collect "
    "nothing.":
        "您输入的任何内容：模拟场景中的输入框只是图示，不会收集任何信息。",
    "Your name, phone number or e-mail address: we never ask for them.":
        "您的姓名、电话号码或电子邮箱：我们从不索要。",
    "Do Not Track": "“请勿追踪”",
    "If your browser sends Do Not Track or Global Privacy Control, nothing is counted at "
    "all.":
        "如果您的浏览器发送“请勿追踪”（Do Not Track）或“全球隐私控制”（Global Privacy "
        "Control）信号，我们完全不做任何统计。",
    "On your own device": "保存在您自己设备上的内容",
    "If you choose larger text, your browser remembers that choice on your device only. If "
    "you came from a campaign link or QR code, the page remembers the campaign until you "
    "close the tab.":
        "如果您选择了大字号，只有您的浏览器会在您的设备上记住这个选择。如果您是通过活动链接或"
        "二维码进入的，页面会记住该活动，直到您关闭这个标签页。",
    "How long we keep it": "保存多久",
    "The counted events are deleted after 13 months. Daily totals, which say nothing about "
    "any one person, are kept for our yearly report.":
        "统计的事件在 13 个月后删除。每日合计数不涉及任何个人，会保留用于年度报告。",
    # Contact
    "Contact us": "联系我们",
    "Questions about a lesson, an idea for a new one, or a mistake we should fix: we would "
    "like to hear from you.":
        "对课程有疑问、有新课程的想法，或发现了需要更正的错误：欢迎告诉我们。",
    "If you think you are being scammed": "如果您怀疑自己正在被骗",
    "Do not wait for us. Stop paying, call your bank on the number on your card, and report "
    "it: the numbers are in the box \"How to report a scam\" on every lesson.":
        "不要等我们回复。立即停止付款，拨打银行卡背面的电话联系银行，并报案：举报电话见每一课"
        "的“如何举报诈骗”栏。",
    "Write to the team": "给团队写信",
    "E-mail: hello@scamsense.example": "电子邮箱：hello@scamsense.example",
    "We answer within five working days. Please do not send passwords, card numbers or "
    "codes: we will never ask for them.":
        "我们会在五个工作日内回复。请不要发送密码、卡号或验证码：我们绝不会索要这些信息。",
    "Talks and printed material": "讲座和印刷材料",
    "Community groups, libraries and small-business associations may print and share any "
    "lesson for free. Use \"Print a one-page summary\" on the lesson.":
        "社区团体、图书馆和小微企业协会可以免费打印和分享任何一课。请使用课程页上的“打印一页纸"
        "摘要”。",
}
