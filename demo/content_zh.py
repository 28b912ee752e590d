"""The demo content in Simplified Chinese, for the translations ``load_demo_content`` makes.

``ZH`` maps each English source string, exactly as wagtail-localize extracts it from the demo
pages and terms (plain text, or HTML for rich-text paragraphs), to its Chinese translation.
The loader turns each entry into a wagtail-localize ``StringTranslation``, as if an editor had
typed it in the translation editor, and refuses to translate anything that is not covered here,
listing the missing source strings. Names follow the source report (消保记事本, 微课堂, 老年群体,
新市民, 小微企业); the words are plain and the sentences short, for older readers.

Video transcripts and comic dialogue are not listed: ``dictionary()`` builds them from the
caption lines and the panels' captions, speakers and speech, so they never drift apart.
"""

from __future__ import annotations

from . import content

# Strings that stay as they are in every language (addresses, step ids, numbers): by the last
# part of their wagtail-localize context path.
VERBATIM_FIELDS = ("slug", "step_id", "next_step", "link", "contact_detail", "phone")

ZH: dict[str, str] = {
    # Scenario choices: what gave the scam away (highlighted in the step's messages)
    '[Bank Service]': '【银行客服】',
    'within 2 hours': '请在2小时内',
    'Enter your 6-digit PIN': '请输入6位取款密码',
    'It authorises a PAYMENT of 9,860 yuan': '用于向尾号5531的账户付款9860元',
    'I will transfer you to the police now': '我现在把电话转给公安',
    'This case is secret. Do not tell anyone': '这个案子要保密。谁都不能告诉',
    'If you tell anyone, you will be charged.': '您要是告诉别人，就会被起诉。',
    'move your savings to the safe account': '把存款转到专案组的安全账户',
    'our bank account has changed': '我司银行账户已变更',
    "please don't call": '请不要打电话',
    'accounts@freshvalley-foods.co': 'accounts@freshvalley-foods.co',

    # Audience segment: seniors
    "Seniors": "老年群体",
    "For seniors": "老年朋友看这里",
    (
        "Short lessons in large, clear text about the calls and messages that most often reach "
        "older people. Each one shows a real trick and ends with a simple step to remember. "
        "Watch them with family or friends and talk them over."
    ): (
        "大字号、讲清楚：专讲老年人最常接到的诈骗电话和短信。每一课讲一个真实骗局，最后记住一个简"
        "单的做法。可以和家人朋友一起看，一起聊聊。"
    ),
    # Audience segment: new-residents
    "New residents": "新市民",
    "For new residents": "新市民看这里",
    (
        "New to the city? Finding a flat, a job or a loan in a new place brings lots of offers, "
        "and a few of them are scams. These lessons show the common ones and how to check before "
        "you pay."
    ): (
        "刚到一座新城市？租房、找工作、借钱，各种“好机会”找上门，其中就藏着骗局。这些课程讲最常见"
        "的几种，教您在付钱之前先核实。"
    ),
    # Audience segment: small-businesses
    "Small businesses": "小微企业",
    "For small businesses": "小微企业看这里",
    (
        "Fake invoices, bogus officials and QR codes swapped at the counter cost small shops and "
        "firms real money. These lessons show how the tricks work and the quick checks that stop "
        "them. Share them with your staff."
    ): (
        "假发票、假官员、收银台上被偷换的收款码，都会让小店和小公司真金白银地受损失。这些课程讲清"
        "骗术怎么得逞，以及几招能拦住它的快速核实。也请转给您的员工看看。"
    ),
    # Series: consumer-protection-notebook
    "Consumer Protection Notebook": "消保记事本",
    (
        "Real cases, taken apart step by step: what happened, how the scam worked, and the one "
        "check that would have stopped it."
    ): (
        "真实案例，一步步拆开来讲：发生了什么、骗局怎么得逞，以及本来能拦住它的那一步核实。"
    ),
    # Series: micro-classroom
    "Micro Classroom": "微课堂",
    (
        "One scam at a time, in a minute or two. Made for a phone screen, and easy to share with "
        "someone who needs it."
    ): (
        "一次讲一种骗局，一两分钟看完。适合在手机上看，也方便转给需要的人。"
    ),
    # Scam type: fake-invoice
    "Fake invoice": "虚假发票",
    "Invoices or 'new bank details' that seem to come from a supplier but do not.": (
        "看似来自供应商的发票或“新银行账户”，其实是骗子发来的。"
    ),
    # Scam type: fake-job
    "Fake job": "虚假兼职",
    "Easy online jobs, like 'liking' videos, that later ask you to pay money in.": (
        "“点赞视频”之类的轻松网上兼职，做着做着就让您往里垫钱。"
    ),
    # Scam type: fake-loan
    "Fake loan": "虚假贷款",
    "Quick loans with no checks that ask you to pay a fee before any money arrives.": (
        "号称不查征信、马上放款，却要您先交各种费用，钱却始终不到账。"
    ),
    # Scam type: impersonation
    "Impersonation": "冒充身份",
    "Someone pretending to be the police, a government office, your bank or a shop.": (
        "冒充公安、政府部门、银行或商家的人。"
    ),
    # Scam type: investment
    "Investment": "投资理财",
    "Promises of high, safe returns, often through chat groups and fake trading apps.": (
        "许诺高收益、零风险，常借聊天群和假炒股App行骗。"
    ),
    # Scam type: phishing
    "Phishing": "钓鱼诈骗",
    "Fake texts, emails and websites that try to get your passwords, card details or codes.": (
        "假短信、假邮件、假网站，想骗走您的密码、银行卡信息或验证码。"
    ),
    # Scam type: qr-code
    "QR code": "扫码诈骗",
    "Fake QR codes on stickers, posters or messages that send your money to a stranger.": (
        "贴纸、海报或消息里的假二维码，让您的钱转给了陌生人。"
    ),
    # Scam type: refund
    "Refund": "退款诈骗",
    "Calls or messages about a refund that end with you paying, or sharing codes.": (
        "以退款为由打电话或发消息，最后却让您付钱或说出验证码。"
    ),
    # Scam type: rental
    "Rental": "租房诈骗",
    "Flats advertised only to collect a deposit, when the flat is not really for rent.": (
        "发布出租房源只为骗押金，房子根本不出租。"
    ),
    # Scam type: romance
    "Romance": "婚恋交友",
    "An online friend or sweetheart who builds trust for weeks, then asks for money.": (
        "网上认识的“朋友”或“恋人”，用几个星期赢得信任，然后开口要钱。"
    ),
    # Red flag: unexpected-link
    "A link in a message you did not expect": "意外收到的消息里带链接",
    (
        "Banks, couriers and officials do not send links to 'unfreeze', 'refund' or 'verify' "
        "things. The link leads to a copy of a real website, made to collect your details."
    ): (
        "银行、快递和政府部门不会发链接让您“解冻”“退款”或“验证”。这种链接通往仿冒的假网站，专门用"
        "来骗取您的信息。"
    ),
    # Red flag: card-details
    "A page asking for your card number or PIN": "网页让您输入银行卡号或密码",
    (
        "With your card number and PIN, a criminal can spend your money. Your bank already has "
        "your details and never asks you to type them into a page from a message."
    ): (
        "骗子拿到您的卡号和密码，就能花掉您的钱。银行本来就有您的资料，绝不会让您在消息里的网页上"
        "填写这些信息。"
    ),
    # Red flag: unverified-sender
    "A sender you cannot check": "无法核实的发送人",
    (
        "The name or number at the top of a text, a call or an e-mail proves nothing: it can be "
        "faked, and replying only reaches the scammer. Check with a number you already trust, "
        "such as the one on your card or on an old invoice."
    ): (
        "短信、来电或邮件上显示的名字和号码说明不了什么：这些都能伪造，您回复也只会回到骗子那里。"
        "请用您信得过的号码核实，比如银行卡背面的电话，或旧发票上的电话。"
    ),
    # Red flag: lookalike-address
    "An e-mail address that is almost right": "几乎一样的邮箱地址",
    (
        "One extra hyphen or a different ending (.co instead of .com) is enough for a scammer's "
        "address to look familiar. Compare it with an e-mail you know is real."
    ): (
        "多一个短横线，或者结尾换一下（.co 而不是 .com），骗子的邮箱看起来就很眼熟。请和您确定是真"
        "的邮件对照一下。"
    ),
    # Red flag: safe-account
    "Being asked to move money to a 'safe account'": "要您把钱转到“安全账户”",
    (
        "There is no such thing as a safe account. Police, courts and banks never ask you to "
        "move your money to check it or keep it safe. Anyone who does is a scammer."
    ): (
        "根本没有什么“安全账户”。公安、法院和银行绝不会让您转账来“核查”或“保管”资金。这样要求的，"
        "都是骗子。"
    ),
    # Red flag: bypass-checks
    "Being asked to skip your usual checks": "要您跳过平时的核实步骤",
    (
        "'Don't call, I'm in meetings' or 'pay before the end of the day' is meant to stop you "
        "from checking. A genuine contact is happy for you to call and confirm."
    ): (
        "“别打电话，我在开会”“今天下班前必须付款”，这些话就是为了不让您核实。真正的合作方很乐意您"
        "打电话确认。"
    ),
    # Red flag: keep-it-secret
    "Being told to keep it secret": "要您保密",
    (
        "Scammers tell you not to talk to family, friends or your bank, because those people "
        "would tell you it is a scam. Nothing genuine has to be kept from your family."
    ): (
"骗子会叫您别告诉家人、朋友和银行，因为他们一听就知道是骗局。真正正当的事情，不需要瞒着家人。"
    ),
    # Red flag: changed-bank-details
    "New bank details by e-mail": "邮件通知更换银行账户",
    (
        "A supplier's bank account rarely changes, and never 'urgently' by e-mail. Always check "
        "new bank details by phone, on a number you already have, before you pay."
    ): (
        "供应商很少更换银行账户，更不会通过邮件“紧急”通知。付款前，一定要用您原来就有的电话号码打"
        "过去核实新账户。"
    ),
    # Red flag: urgency
    "Pressure to act right now": "催您马上行动",
    (
        "'Within 2 hours', 'today or your card is closed': scammers hurry you so that you do not "
        "stop, think, or ask someone. A real problem can wait for you to check."
    ): (
        "“两小时内”“今天不处理就销卡”：骗子催您，是为了让您来不及停下来想一想、问一问。真有问题，"
        "也等得起您去核实。"
    ),
    # Red flag: one-time-code
    "Someone asking for a verification code": "有人向您要验证码",
    (
        "The code your bank texts you is the key to a payment. Read the text: it usually says "
        "what the code is for. No bank, shop or official ever needs you to pass it on."
    ): (
        "银行发来的验证码就是付款的钥匙。请看清短信内容：它通常会写明验证码的用途。任何银行、商家"
        "或部门都不需要您把验证码告诉别人。"
    ),
    # Red flag: official-threat
    "Threats from 'police' or 'customs' on the phone": "电话里“公安”“海关”的威胁",
    (
        "Real officials do not deal with a crime over the phone, do not transfer you to the "
        "police, and do not threaten arrest to make you act. Hang up and call them yourself."
    ): (
        "真正的执法人员不会在电话里办案，不会把电话转给公安，也不会用抓人来吓唬您。请先挂断电话，"
        "再自己打官方号码核实。"
    ),
    # Home page: home
    "ScamSense": "ScamSense 防骗课堂",
    (
        "Short videos, comics, practice scenarios and real cases that show how today's scams "
        "work, and the simple checks that stop them. Choose who you are, or start with one of "
        "these."
    ): (
        "短视频、漫画、模拟练习和真实案例，讲清当下的骗局怎么得逞，以及能拦住它们的简单核实办法。"
        "选择您的身份，或者从下面这几课开始。"
    ),
    # Lesson library: lessons
    "Lessons": "课程",
    "Videos, comics, practice scenarios and real cases. Pick who you are and what worries you.": (
        "视频、漫画、模拟练习和真实案例。选一选您是谁，担心的是哪种骗局。"
    ),
    # Video: refund-call-scam
    "The refund call: a real shop never asks you to pay": "退款电话：正规商家从不让您付钱",
    (
        "A caller says your parcel was lost and offers a refund. Then they ask for a code, an "
        "app or a small payment. This short video shows how the refund scam works and what to do "
        "instead."
    ): (
        "有人来电说您的包裹丢了，要给您退款。接着就让您报验证码、装App，或者先付一小笔钱。这段短视"
        "频讲清冒充客服以退款为由诈骗的套路，以及正确的做法。"
    ),
    "A real refund never needs your codes, your passwords or a payment from you.": (
        "真正的退款，从来不需要您的验证码、密码，也不需要您付钱。"
    ),
    "Hang up, then check the order in the shop's own app.": (
        "先挂断电话，再到商家自己的App里查订单。"
    ),
    "Never share your screen with someone who called you.": "绝不要和打电话给您的人共享手机屏幕。",
    # Video: parcel-text-phishing
    "A text about your parcel? Check the app, not the link": "收到包裹短信？去App里查，别点链接",
    (
        "A text says your parcel is held and asks you to tap a link to pay a small fee. The link "
        "leads to a fake page that takes your card details. Here is how to check safely."
    ): (
        "短信说您的包裹被扣，让您点链接交一笔小额费用。链接打开的是假网页，会骗走您的银行卡信息。"
        "看看怎样安全地核实。"
    ),
    "Delivery problems show up in the courier's own app. Check there.": (
        "快递有问题，快递公司自己的App里会显示。去那里查。"
    ),
    "Never type the code from your bank's text into a page you reached from a link.": (
        "银行短信里的验证码，绝不要填进通过链接打开的网页。"
    ),
    "The small fee is the bait. Your card details are what they want.": (
        "小额费用只是诱饵，骗子真正想要的是您的银行卡信息。"
    ),
    # Video: fake-police-call
    "'Police' on the phone: real officers never ask for money": (
        "电话里的“警察”：真警察从不让您转钱"
    ),
    (
        "A caller says he is a police officer and your bank account is linked to a crime. He "
        "tells you to keep it secret and move your money to a 'safe account'. Real police never "
        "do this."
    ): (
        "有人来电自称是警察，说您的银行账户涉嫌犯罪。他让您保密，还让您把钱转到“安全账户”。真警察"
        "绝不会这样做。"
    ),
    "There is no 'safe account'. Anyone who asks you to move money to one is a scammer.": (
        "根本没有“安全账户”。让您往里转钱的，都是骗子。"
    ),
    "Real officials never ask you to keep a call secret from your family.": (
        "真正的执法人员，绝不会让您瞒着家人接电话。"
    ),
    "Hang up, then call 110 yourself to check.": "先挂断电话，再自己拨打110核实。",
    # Video: fake-loan-upfront-fee
    "A loan with no checks? The fee is the trap": "不查征信就放款？先交的费用就是陷阱",
    (
        "An app or a caller offers a quick loan with no credit check. But first you must pay a "
        "fee, or 'unfreeze' your account. After you pay, the loan never comes."
    ): (
        "某个App或来电说能快速放款、不查征信。但要先交一笔费用，或者先交钱给账户“解冻”。钱交了，贷"
        "款却永远不会到账。"
    ),
    "A lender who wants money before you get the loan is a scammer.": (
        "放款前就要您先交钱的，都是骗子。"
    ),
    "'Your account is frozen, pay to unfreeze it' is always a lie.": (
        "“您的账户被冻结了，交钱才能解冻”，这句话永远是假的。"
    ),
    "Borrow from your bank or a licensed lender you found yourself.": (
        "要借钱，请找银行，或您自己查到的持牌放贷机构。"
    ),
    # Comic: refund-screen-share
    "The refund that needed a screen share": "要共享屏幕的退款",
    (
        "Mrs Li gets a friendly call about a refund for a faulty face cream. The caller asks her "
        "to install a meeting app and share her screen. Her granddaughter Mei spots the trick "
        "just in time."
    ): (
        "李奶奶接到一个热情的电话，说她买的面霜有质量问题，要给她退款。对方让她装一个会议App，再共"
        "享手机屏幕。孙女小美及时识破了骗局。"
    ),
    "A refund never needs your screen, your bank app or your codes.": (
        "退款从来不需要您共享屏幕、打开银行App，也不需要验证码。"
    ),
    "Check orders in the shop's own app, not with someone who called you.": (
        "到商家自己的App里查订单，别听打电话来的人安排。"
    ),
    "If you shared a code, call your bank at once.": "如果已经说出了验证码，马上给银行打电话。",
    (
        "In her living room, Mrs Li, an older woman with glasses, holds a phone to her ear. In a "
        "box on the right, a caller wearing a headset talks to her."
    ): (
        "李奶奶戴着眼镜，在客厅里把手机贴在耳边。右边的小框里，一个戴耳麦的来电人正在跟她说话。"
    ),
    (
        "Mrs Li is still on the phone in her living room. In the box on the right, the caller in "
        "the headset keeps talking."
    ): (
        "李奶奶还在客厅里打电话。右边的小框里，戴耳麦的来电人还在不停地说。"
    ),
    "In a kitchen, Mrs Li talks with her granddaughter Mei, who has just come home.": (
        "在厨房里，李奶奶和刚回家的孙女小美说话。"
    ),
    "Mrs Li and Mei stand facing each other in the kitchen while Mei explains the trick.": (
        "在厨房里，李奶奶和小美面对面站着，小美正在给奶奶讲这个骗局。"
    ),
    (
        "In her living room, Mrs Li holds up her phone. A speech bubble from the phone shows the "
        "order status in the shopping app."
    ): (
        "李奶奶在客厅里举着手机。手机上的对话框显示购物App里的订单状态。"
    ),
    "Mrs Li and Mei smile at each other in the kitchen.": "在厨房里，李奶奶和小美相视而笑。",
    # Comic: qr-code-sticker
    "The QR code sticker at the noodle shop": "面馆里的二维码贴纸",
    (
        "Someone stuck a fake QR code over the real one at Mrs Zhou's noodle shop. Customers "
        "paid, but the money went to a stranger. Checking the name on the payment screen stops "
        "this, for shop owners and customers alike."
    ): (
        "有人在周阿姨面馆的收款码上，盖贴了一张假二维码。顾客付了钱，钱却进了陌生人的账户。付款前"
        "看一眼收款方的名字，店主和顾客都能防住这一招。"
    ),
    "Before you pay by QR code, check that the name on the screen is the shop's.": (
        "扫码付款前，先看屏幕上的收款方是不是这家店。"
    ),
    "Shop owners: check your QR code every morning and keep it behind glass.": (
        "店主请注意：每天早上检查一下收款码，最好放在玻璃或亚克力板后面。"
    ),
    "A sticker on top of a code is a warning sign. Ask before you scan.": (
        "二维码上面又贴了一层贴纸，这就是危险信号。扫码前先问一问。"
    ),
    (
        "Inside a small shop with shelves of goods and a counter, Mrs Zhou, an older woman with "
        "glasses, talks to a customer who has just paid."
    ): (
        "小店里有货架和收银台，戴眼镜的周阿姨正在和刚付完钱的顾客说话。"
    ),
    "Mrs Zhou stands alone in her shop at the end of the day.": (
        "一天快结束了，周阿姨一个人站在店里。"
    ),
    (
        "Mrs Zhou stands by the shelves of her shop and speaks about the QR code sticker she has "
        "found."
    ): (
        "周阿姨站在店里的货架旁，说起她发现的那张二维码贴纸。"
    ),
    (
        "Mrs Zhou holds up her phone. A speech bubble from the phone shows the payment screen, "
        "with a stranger's name where the shop's name should be."
    ): (
        "周阿姨举着手机。手机上的对话框显示付款页面，本该是店名的地方，却是一个陌生人的名字。"
    ),
    "Mrs Zhou and a customer stand in the shop, smiling.": (
        "周阿姨和一位顾客站在店里，脸上都带着笑。"
    ),
    # Comic: online-sweetheart
    "Auntie Wang's online friend": "王阿姨的网友",
    (
        "Auntie Wang meets a kind man online who says he works abroad. After weeks of sweet "
        "messages he asks her to pay a customs fee for a gift. Her friend helps her see the "
        "pattern."
    ): (
        "王阿姨在网上认识了一位和气的男士，他说自己在国外工作。几个星期甜言蜜语之后，他让王阿姨替"
        "他交一笔礼物的“关税”。她的朋友帮她看清了这个套路。"
    ),
    (
        "Someone you have never met, who always has a reason not to video call, may not be who "
        "they say."
    ): (
        "从没见过面、又总有理由不肯视频的人，可能根本不是他说的那个人。"
    ),
    "Love and money requests together are the pattern of a romance scam.": (
        "谈感情又谈钱，就是婚恋交友诈骗的套路。"
    ),
    "Talk to a friend before you send money to anyone you met online.": (
        "给网上认识的人转钱之前，先和朋友商量一下。"
    ),
    (
        "In her living room, Auntie Wang, an older woman with glasses, holds up her phone. A "
        "speech bubble from the phone shows a loving chat message."
    ): (
        "王阿姨戴着眼镜，在客厅里举着手机。手机上的对话框显示一条甜蜜的聊天消息。"
    ),
    "At home, Auntie Wang reads another chat message from Mr Chen on her phone.": (
        "王阿姨在家里，用手机看陈先生发来的又一条消息。"
    ),
    (
        "Auntie Wang holds her phone. A speech bubble from the phone shows Mr Chen asking her to "
        "pay a customs fee."
    ): (
        "王阿姨拿着手机。手机上的对话框显示，陈先生要她交一笔关税。"
    ),
    "In a kitchen, Auntie Wang talks with her friend Mrs Sun.": (
        "在厨房里，王阿姨和朋友孙阿姨说话。"
    ),
    (
        "Auntie Wang and Mrs Sun stand facing each other in the kitchen while Mrs Sun explains "
        "the pattern."
    ): (
        "在厨房里，王阿姨和孙阿姨面对面站着，孙阿姨正在讲这种骗局的套路。"
    ),
    "Auntie Wang and Mrs Sun smile at each other in the kitchen.": (
        "在厨房里，王阿姨和孙阿姨相视而笑。"
    ),
    # Comic: like-for-pay-job
    "Paid to 'like' videos? The catch comes later": "点赞视频就能赚钱？圈套在后头",
    (
        "Auntie Fang has just moved to the city to help look after her grandson. A message "
        "offers easy pay for liking videos. The first tasks pay out, then a 'group task' asks "
        "her to pay in first."
    ): (
        "方阿姨刚来城里帮忙带外孙。一条消息说点赞视频就能轻松赚钱。头几单真的给了钱，接着一个“团队"
        "任务”却要她先往里垫钱。"
    ),
    "A real job pays you. It never asks you to pay money in.": (
        "真正的工作是给您发工资，绝不会让您往里交钱。"
    ),
    "Small early payments are bait to win your trust.": "开头给的小甜头，是为了骗取您的信任。",
    "A rush to act 'in the next ten minutes' is a warning sign.": (
        "催您“十分钟内必须完成”，就是危险信号。"
    ),
    (
        "At home, Auntie Fang, an older woman with glasses, holds up her phone. A speech bubble "
        "from the phone shows a text offering a part-time job."
    ): (
        "方阿姨戴着眼镜，在家里举着手机。手机上的对话框显示一条招兼职的短信。"
    ),
    "Auntie Fang holds her phone. A chat message says 15 yuan has been sent to her.": (
        "方阿姨拿着手机。聊天消息说已经给她转了15元。"
    ),
    (
        "Auntie Fang holds her phone. A chat message asks her to pay in 1,000 yuan for a 'group "
        "task'."
    ): (
        "方阿姨拿着手机。聊天消息要她先垫付1000元做“团队任务”。"
    ),
    "In a kitchen, Auntie Fang talks with her daughter Lan.": "在厨房里，方阿姨和女儿小兰说话。",
    "Auntie Fang holds up her phone. A chat message urges her to hurry, and she refuses.": (
        "方阿姨举着手机。聊天消息催她快点，她拒绝了。"
    ),
    # Case study: supplier-bank-change
    "The supplier who 'changed bank accounts'": "供应商“换了银行账户”",
    (
        "An email from a regular supplier asked a furniture workshop to pay into a new account. "
        "The invoice looked right, so they paid 86,000 yuan, to a scammer. One phone call would "
        "have stopped it."
    ): (
        "一家家具作坊收到老供应商的邮件，让他们把货款付到新账户。发票看着没问题，他们就付了86000元"
        "，结果钱进了骗子的账户。其实一个电话就能避免。"
    ),
    "Always confirm new bank details by phone, on a number you already have.": (
        "新的银行账户，一定要用您原来就有的号码打电话确认。"
    ),
    "Let two people approve any payment to a new account.": "凡是付款到新账户，都要两个人审批。",
    "If you have paid, call your bank at once: speed matters.": (
        "如果已经付了款，马上给银行打电话：越快越好。"
    ),
    (
        "Ms Xu keeps the books for a small furniture workshop. Every month she pays the timber "
        "supplier they have used for years."
    ): (
        "徐女士在一家小家具作坊管账。每个月，她都给合作多年的木材供应商付货款。"
    ),
    (
        "One morning an email arrived from the supplier's sales manager. It said the company was "
        "changing banks, and this month's invoice should be paid into a new account. The email "
        "had the usual signature, a real order number and the right amount."
    ): (
        "一天早上，一封邮件从供应商的销售经理那里发来。邮件说公司要换开户银行，这个月的货款请付到"
        "新账户。邮件里有平常的签名、真实的订单号，金额也对得上。"
    ),
    (
        "Ms Xu paid 86,000 yuan. Two weeks later the real supplier called to ask why the invoice "
        "was still unpaid."
    ): (
        "徐女士付了86000元。两个星期后，真正的供应商打来电话，问这张发票怎么还没付。"
    ),
    (
        "The scammer had broken into the supplier's email, or sent mail from an address that "
        "differed by a single letter. They read real messages and waited until an invoice was "
        "due."
    ): (
        "骗子要么盗用了供应商的邮箱，要么用只差一个字母的地址发邮件。他们看过双方真实的往来邮件，"
        "专等一张发票快到期的时候下手。"
    ),
    (
        "Because the timing, the order and the amount were all correct, nothing looked strange. "
        "Only the bank account had changed, and the new account belonged to the scammer."
    ): (
        "时间、订单、金额全都对，所以什么都看不出异常。只有银行账户变了，而新账户是骗子的。"
    ),
    "New bank details arrive by email just before a payment is due.": (
        "临近付款时，突然用邮件通知更换银行账户。"
    ),
    "The sender's address is slightly different from the usual one.": (
        "发件人的邮箱地址和平时的略有不同。"
    ),
    "You are asked to pay today, or the order will be delayed.": (
        "要求今天就付款，不然就耽误发货。"
    ),
    "The new account is in a different name from the company's.": "新账户的户名和公司名称对不上。",
    (
        "Call the supplier on a number you already have, not one in the email, before you pay a "
        "new account."
    ): (
        "付款到新账户之前，用您原来就有的号码（不是邮件里的号码）给供应商打电话核实。"
    ),
    "Agree with your suppliers that bank details never change by email alone.": (
        "和供应商事先约定：银行账户变更，绝不能只凭一封邮件。"
    ),
    "Have a second person approve any payment to a new account.": (
        "凡是付款到新账户，都请第二个人审批。"
    ),
    (
        "If you have paid, call your bank straight away and ask them to stop the transfer. Then "
        "report it to the police on 110."
    ): (
        "如果已经付了款，马上给银行打电话，请银行拦截这笔转账。然后拨打110报警。"
    ),
    # Case study: investment-chat-group
    "The investment group where everyone wins": "人人都赚钱的投资群",
    (
        "A retired teacher was added to a chat group full of 'winning' investors. A trading app "
        "showed her money growing, until she tried to take it out. This case shows each step of "
        "the trap."
    ): (
        "一位退休教师被拉进一个聊天群，群里全是“赚了大钱”的投资者。一个炒股App显示她的钱越来越多，"
        "直到她想把钱取出来。这个案例一步步拆解这个圈套。"
    ),
    "Invest only through a bank or licensed firm you found yourself.": (
        "投资理财，只通过银行或您自己查到的持牌机构。"
    ),
    "Profits on a screen are not money in your account.": "屏幕上的收益，不等于您账户里的钱。",
    "Never pay a 'fee' or 'tax' to take your own money out.": (
        "想取回自己的钱却要先交“手续费”或“税费”，千万别交。"
    ),
    (
        "Ms Huang, a retired teacher, was added to a chat group about shares. Every day a "
        "'teacher' posted free tips, and other members posted pictures of their big profits."
    ): (
        "黄老师退休了，她被拉进一个炒股聊天群。每天都有一位“老师”免费荐股，其他群员天天晒自己赚钱"
        "的截图。"
    ),
    (
        "After three weeks she was invited to a trading app. She put in 20,000 yuan, and the app "
        "soon showed 35,000 yuan."
    ): (
        "三个星期后，有人邀请她下载一个炒股App。她投了20000元，App上很快就显示35000元。"
    ),
    (
        "When she tried to take her money out, she was told to pay a 20% 'tax' first. She paid. "
        "Then the app stopped working and the group disappeared."
    ): (
        "她想把钱取出来，却被告知要先交20%的“税”。她交了。随后App打不开了，聊天群也解散了。"
    ),
    (
        "Almost everyone in the group worked for the scammers, or was a fake account. Their "
        "profits were made up, to make her feel she was missing out."
    ): (
        "群里几乎所有人都是骗子的同伙，或者是假账号。他们晒的收益都是编的，为的是让她觉得自己再不"
        "投就吃亏了。"
    ),
    (
        "The app was not a real trading platform. The growing balance was only a number on the "
        "screen. The 'tax' to withdraw was one last grab for money."
    ): (
        "这个App根本不是真正的交易平台。不断上涨的余额，只是屏幕上的一个数字。取钱要交的“税”，是骗"
        "子最后再捞一笔。"
    ),
    "A stranger adds you to a group that promises sure profits.": (
        "陌生人把您拉进一个保证赚钱的群。"
    ),
    "Everyone in the group seems to win, every single day.": "群里人人都赚钱，而且天天都赚。",
    "You must install the app from a link, not from an official app store.": (
        "App要通过链接下载，而不是从正规应用商店下载。"
    ),
    "You must pay a 'tax' or 'fee' before you can take your money out.": (
        "要先交“税费”或“手续费”，才能把钱取出来。"
    ),
    "Invest only through your bank or a licensed firm that you found yourself.": (
        "投资理财，只通过您的开户银行或您自己查到的持牌机构。"
    ),
    "Leave any group that promises high, sure returns.": (
        "凡是承诺高收益、稳赚不赔的群，马上退出。"
    ),
    "If you have paid, stop paying. No fee will bring the money back.": (
        "如果已经付了钱，不要再付了。交多少“费用”，钱也回不来。"
    ),
    "Keep the chat records and call 110 or the anti-fraud hotline 96110.": (
        "保留聊天记录，拨打110或反诈专线96110。"
    ),
    (
        "Be careful of anyone who later offers to 'recover' your money for a fee: that is often "
        "the same scam again."
    ): (
        "小心事后说能帮您“追回损失”、但要先收费的人：那往往是同一个骗局的第二轮。"
    ),
    # Case study: fake-regulator-call
    "A call from the 'market regulator'": "“市场监管局”打来的电话",
    (
        "A bakery owner was told a customer had complained and her licence would be suspended "
        "unless she paid a fine that day. The caller knew her shop's name and address. A quick "
        "check showed there was no case at all."
    ): (
        "一位面包店老板接到电话，说有顾客投诉，如果当天不交罚款就吊销她的营业执照。来电人知道她店"
        "铺的名称和地址。简单核实一下就发现，根本没有这回事。"
    ),
    "Government offices do not collect fines by phone into a personal account.": (
        "政府部门不会在电话里收罚款，更不会让您转到个人账户。"
    ),
    "Find the office's number yourself and call back to check.": (
        "自己查到该部门的电话，打回去核实。"
    ),
    "Threats and a deadline of 'today' are tools to stop you thinking.": (
        "威胁加上“今天必须办”的期限，就是为了不让您多想。"
    ),
    (
        "Mrs Gao runs a small bakery. One afternoon a man called, saying he was from the market "
        "regulation office. A customer had complained about food safety, he said, and her "
        "business licence would be suspended."
    ): (
        "高女士开了一家小面包店。一天下午，一名男子打来电话，自称是市场监管局的，说有顾客投诉她的"
        "食品安全问题，她的营业执照要被暂停。"
    ),
    (
        "He knew the bakery's name, address and licence number. He sent an 'official notice' by "
        "chat, with a red stamp. To settle the matter quietly, she should pay a 5,000 yuan fine "
        "today, to an account he gave her."
    ): (
        "他知道面包店的名称、地址和营业执照号码。他还通过聊天软件发来一份盖着红章的“官方通知”，说"
        "想低调了结这件事，她今天就得交5000元罚款，转到他给的账户。"
    ),
    (
        "Her nephew saw how worried she was. They looked up the office's number on its official "
        "website and called. There was no complaint and no fine."
    ): (
        "她的侄子看她急成那样，就和她一起在官方网站上查到了市场监管局的电话，打过去一问：根本没有"
        "投诉，也没有罚款。"
    ),
    (
        "A business's name, address and licence number are easy to find. The caller used them to "
        "sound official."
    ): (
        "店铺的名称、地址和营业执照号码都很容易查到。来电人就是靠这些信息，让自己听起来像官方的人。"
    ),
    (
        "He made her afraid of losing her business, gave her a short deadline and told her to "
        "keep it quiet. A fake notice with a stamp made it look real."
    ): (
        "他让她害怕失去生意，给她定了很短的期限，还让她别声张。一份盖着章的假通知，让这一切看起来"
        "像真的。"
    ),
    "An 'official' asks you to pay a fine by phone, today.": (
        "自称“官方”的人让您今天就在电话里交罚款。"
    ),
    "The money goes to a personal bank account.": "钱要转到个人银行账户。",
    "You are told to keep the matter quiet.": "对方让您别声张。",
    "A notice arrives by chat app, not as a formal letter.": (
        "通知是通过聊天软件发来的，不是正式的书面文件。"
    ),
    (
        "Hang up. Look up the office's number yourself, on its official website or a letter you "
        "already have, and call to check."
    ): (
        "先挂断电话。自己在官方网站或您手上已有的公函里查到该部门的电话，打过去核实。"
    ),
    "Never pay a fine into a personal account.": "绝不把罚款转到个人账户。",
    "Tell a family member or a neighbour before you pay anything.": (
        "付任何钱之前，先告诉家人或邻居。"
    ),
    "Report the call to the police on 110, or ask the anti-fraud hotline 96110.": (
        "拨打110报警，或向反诈专线96110咨询。"
    ),
    # Case study: rental-deposit-scam
    "A deposit for a flat that wasn't there": "押金交了，房子却不存在",
    (
        "New to the city, Xiao Chen found a bright flat near the metro at a great price. The "
        "'landlord' was abroad and asked for a deposit before a viewing. She paid 6,000 yuan for "
        "a flat that was never for rent."
    ): (
        "小陈刚来城里，在网上看到一套离地铁近、采光好、价格很便宜的房子。“房东”说人在国外，要先交"
        "押金才能看房。她付了6000元，可那套房子从来就没出租过。"
    ),
    "Never pay a deposit before you have seen the flat and met the landlord.": (
        "没看过房、没见过房东，绝不要交押金。"
    ),
    "A price far below similar flats is a warning sign.": (
        "租金比周边同类房子低很多，就是危险信号。"
    ),
    "Sign a contract and pay in a way you can trace.": "签好合同，用能查到记录的方式付款。",
    (
        "Xiao Chen moved to the city for a new job. Online she found a bright one-bedroom flat "
        "near the metro, for much less than others nearby."
    ): (
        "小陈为了新工作来到这座城市。她在网上找到一套离地铁很近、采光很好的一居室，租金比附近的房"
        "子便宜很多。"
    ),
    (
        "The 'landlord' said he was working abroad and could not show it. He sent photos of his "
        "ID card and the property papers. If she paid a deposit and the first month's rent, "
        "6,000 yuan, he would post her the keys."
    ): (
        "“房东”说自己在国外工作，没法带她看房。他发来了身份证照片和房产证照片，说只要她先付押金和"
        "第一个月房租，一共6000元，就把钥匙寄给她。"
    ),
    (
        "She paid. He then asked for a 'cleaning fee', and after that he stopped answering. The "
        "photos had been copied from an old advert."
    ): (
"她付了钱。对方又要她交“保洁费”，之后就再也不回消息了。那些照片都是从一条旧房源广告里抄来的。"
    ),
    (
        "The low price made her hurry before 'someone else' took the flat. Being 'abroad' was "
        "the excuse for no viewing."
    ): (
        "价格便宜，让她急着在“别人”抢先之前定下来。人在“国外”，就是不能看房的借口。"
    ),
    (
        "Photos of documents are easy to copy or fake. Once she had paid, each new fee was a "
        "test of how much more she would send."
    ): (
        "证件照片很容易复制或伪造。她一旦付了钱，后面每一笔新费用，都是在试探她还肯再付多少。"
    ),
    "The rent is much lower than for similar flats nearby.": "租金比附近同类房子低很多。",
    "The landlord cannot meet you or show you the flat.": "房东不能和您见面，也不能带您看房。",
    "You must pay before a viewing, because 'many people want it'.": (
        "对方说“好多人想租”，要您看房前先付钱。"
    ),
    "Documents are only sent as photos.": "证件只发照片过来。",
    "See the flat in person and meet the landlord, or use a licensed agent.": (
        "亲自去看房、和房东见面，或者找正规的房产中介。"
    ),
    "Check that the person renting it out really owns it or may rent it out.": (
        "核实出租的人是不是真正的房主，或者有没有权利出租。"
    ),
    "Sign a written contract, and pay in a way your bank can trace.": (
        "签书面合同，并且用银行能查到记录的方式付款。"
    ),
    "If you have paid, call your bank and report it to the police on 110.": (
        "如果已经付了钱，给银行打电话，并拨打110报警。"
    ),
    # Scenario: bank-card-frozen-text
    "'Your bank card is frozen': a text message to practise on": (
        "“您的银行卡被冻结了”：一条练手的诈骗短信"
    ),
    (
        "Practise on a text that says your card is frozen and a refund is waiting. Choose what "
        "you would do, and see at once which warning signs you spotted."
    ): (
        "拿一条短信来练练手：短信说您的卡被冻结了，还有一笔退款等着您领。选一选您会怎么做，马上就"
        "能看到自己识破了哪些危险信号。"
    ),
    "Your bank never sends a link to unfreeze a card or to collect a refund.": (
        "银行从来不会发链接让您解冻银行卡或领取退款。"
    ),
    "Check by calling the number on the back of your card, not one in the message.": (
        "核实时，打银行卡背面的电话，不要打短信里的号码。"
    ),
    "Never pass on a verification code: read what the bank's text says it is for.": (
        "验证码绝不告诉任何人：看清银行短信里写的验证码用途。"
    ),
    "Bank Service": "银行客服",
    (
        "It is a quiet Tuesday morning. You are having tea at home when your phone buzzes. It is "
        "a text message about your bank card."
    ): (
        "一个安静的星期二上午，您正在家里喝茶，手机忽然震了一下。是一条关于您银行卡的短信。"
    ),
    (
        "[Bank Service] Dear customer, we found a double charge of 1,280 yuan on your card. For "
        "your safety your card has been FROZEN. To unfreeze it and receive your refund, confirm "
        "your details within 2 hours:"
    ): (
        "【银行客服】尊敬的客户，您的银行卡被重复扣款1280元。为保障您的资金安全，您的卡已被冻结。"
        "如需解冻并领取退款，请在2小时内确认您的信息："
    ),
    "Tap the link to sort it out": "点开链接处理一下",
    (
        "Your bank would never send a link to unfreeze a card. This link leads to a copy of a "
        "bank website, made by scammers."
    ): (
        "银行绝不会发链接让您解冻银行卡。这个链接打开的是骗子仿冒的银行网站。"
    ),
    "Reply to ask if the message is real": "回复短信，问问是不是真的",
    (
        "A reply goes straight to the person who sent the text. If it is a scammer, they will "
        "simply say yes, it is real."
    ): (
        "您的回复会直接发给发短信的人。如果对方是骗子，他只会说：是真的。"
    ),
    "Call the number on the back of my card": "打银行卡背面的电话",
    "Well done. You checked with a number you trust instead of the link in the message.": (
        "做得好。您没有点短信里的链接，而是用自己信得过的号码核实。"
    ),
    "Is this message real?": "这条短信是真的吗？",
    (
        "Yes, this is the Bank Service Centre. For your safety please confirm through the link "
        "within 2 hours, or your card will be cancelled and your refund lost."
    ): (
        "是的，这里是银行客服中心。为了您的资金安全，请在2小时内通过链接确认，否则您的卡将被注销，"
        "退款也会作废。"
    ),
    "They say it is real, so tap the link": "对方说是真的，那就点链接",
    (
        "The sender answered for themselves, then hurried you with a deadline. A scammer would "
        "say exactly the same."
    ): (
        "发短信的人自己给自己作证，接着又用期限催您。骗子也会说一模一样的话。"
    ),
    "Stop, and call the number on my card": "先停下，打银行卡上的电话",
    (
        "Good. The deadline was there to rush you. Your bank can tell you the truth in a "
        "two-minute call."
    ): (
        "很好。那个期限就是为了催您。打个两分钟的电话，银行就能告诉您实情。"
    ),
    "Card refund centre": "银行卡退款中心",
    "To unfreeze your card and receive your 1,280 yuan refund, please confirm your card.": (
        "为解冻您的银行卡并领取1280元退款，请确认您的银行卡信息。"
    ),
    "Card number": "银行卡号",
    "Enter your 6-digit PIN to confirm it is you.": "请输入6位取款密码，确认是您本人。",
    "PIN": "取款密码",
    "Unfreeze my card": "解冻我的银行卡",
    "The link opened this page. What do you do?": "链接打开了这个网页。您会怎么做？",
    "Type in my card number and PIN": "输入我的卡号和密码",
    (
        "Typing them in hands your card to the scammer: the page sends them straight to whoever "
        "made it."
    ): (
        "一输入，就等于把银行卡交给了骗子：这个网页会把信息直接发给做网页的人。"
    ),
    "Close the page and call my bank": "关掉网页，给银行打电话",
    "Well done. You stopped before typing anything. Closing the page is always safe.": (
        "做得好。您什么都没输入就停下了。关掉网页，永远是安全的。"
    ),
    "bank-refund-help.top/card": "bank-refund-help.top/card",
    "Thank you. You will now get a verification code. Enter it to finish your refund.": (
        "谢谢。您马上会收到一条验证码，输入后即可完成退款。"
    ),
    "Verification code": "验证码",
    "Submit": "提交",
    (
        "[Bank] Your verification code is 482913. It authorises a PAYMENT of 9,860 yuan to "
        "account ****5531. Never share this code with anyone."
    ): (
        "【银行】您的验证码为482913，用于向尾号5531的账户付款9860元。请勿将验证码告诉任何人。"
    ),
    "A code arrives from your bank. What do you do?": "银行发来了一条验证码。您会怎么做？",
    "Enter the code to get my refund": "输入验证码，领取退款",
    (
        "Look at the bank's text again: the code was for a payment of 9,860 yuan, not a refund. "
        "Entering it sends your money to the scammer."
    ): (
        "再看一遍银行的短信：这个验证码是用来付款9860元的，不是退款。一输入，钱就转给了骗子。"
    ),
    "Stop: the code is for a payment, not a refund": "先停下：这是付款验证码，不是退款",
    (
        "Well read! The bank's own text said what the code was for. Your card details are known "
        "now, so the next step matters."
    ): (
        "看得真仔细！银行自己的短信写明了验证码的用途。不过您的卡号和密码已经泄露了，所以下一步很"
        "关键。"
    ),
    "You call the number printed on the back of your card.": "您拨打了银行卡背面印着的电话。",
    "Your bank": "您的银行",
    (
        "Hello, thank you for calling. I have checked your account: your card is not frozen and "
        "there is no double charge. That text was not from us."
    ): (
        "您好，感谢来电。我查了您的账户：您的卡没有被冻结，也没有重复扣款。那条短信不是我们发的。"
    ),
    "Ask what I should do about the text": "问问这条短信该怎么处理",
    "Good question. Reporting a scam text helps stop it reaching others.": (
        "问得好。举报诈骗短信，可以让更少的人收到它。"
    ),
    "Say thank you and hang up": "说声谢谢，挂断电话",
    "You are safe. Next time, you could also report the text.": (
        "您是安全的。下次还可以顺手举报这条短信。"
    ),
    (
        "Please do not tap the link. You can report the text to the anti-fraud hotline 96110, "
        "then delete it. Tell your family about it too."
    ): (
        "请不要点那个链接。您可以向反诈专线96110举报这条短信，然后删掉它。也跟家里人说一说。"
    ),
    "Report it to 96110 and tell my family": "向96110举报，再告诉家人",
    "That is the best thing to do. Talking about scams protects the people you love.": (
        "这是最好的做法。多聊聊骗局，就是保护您爱的人。"
    ),
    "Forward the text to friends as a warning": "把短信转发给朋友，提醒他们",
    (
        "Warning friends is kind, but a forwarded link can still be tapped. Tell them about it "
        "instead, or send a picture with the link covered."
    ): (
"提醒朋友是好心，可转发出去的链接还是可能被人点开。不如直接告诉他们，或者把链接遮住再发截图。"
    ),
    "[Bank] You have paid 9,860 yuan to account ****5531. Balance: 312.40 yuan.": (
        "【银行】您已向尾号5531的账户付款9860元，余额312.40元。"
    ),
    "The scammer took 9,860 yuan from your card": "骗子从您的卡里转走了9860元",
    (
        "This happens to careful people. The text looked official, the page looked like a "
        "bank's, and the two-hour deadline left no time to think."
    ): (
        "细心的人也会上当。短信像是官方发的，网页像是银行的，两小时的期限又不给人思考的时间。"
    ),
    (
        "<b>In real life:</b> call your bank at once on the number on the back of your card. Ask "
        "them to stop the payment and block the card. Then report it to the police on 110. Keep "
        "the text: it helps them."
    ): (
        "<b>现实中：</b>请马上拨打银行卡背面的电话，请银行止付并冻结这张卡，然后拨打110报警。保留"
        "好这条短信，它对警方有帮助。"
    ),
    "Your money is safe, but your card details are not": "您的钱保住了，但银行卡信息泄露了",
    (
        "You read the bank's text and stopped in time: well done. But the scammers now have your "
        "card number and PIN."
    ): (
        "您看清了银行短信，及时停了下来，做得好。可是骗子已经拿到了您的卡号和密码。"
    ),
    (
        "<b>In real life:</b> call your bank now on the number on your card and ask them to "
        "block it and send a new one. Change your PIN if you use it elsewhere, and report the "
        "text to 96110."
    ): (
        "<b>现实中：</b>请马上拨打银行卡上的电话，请银行冻结这张卡并补办新卡。如果别处也用了同一个"
        "密码，也要改掉，并向96110举报这条短信。"
    ),
    "Your money and your card are safe": "您的钱和银行卡都安全",
    (
        "You checked with a number you trust. That one habit stops most bank scams: a real bank "
        "will always be there when you call it yourself."
    ): (
        "您用信得过的号码做了核实。单这一个习惯，就能拦住大多数银行类骗局：您自己打电话过去，真正"
        "的银行总会接听。"
    ),
    (
        "<b>In real life:</b> never tap links in texts about your card, and report scam texts to "
        "96110."
    ): (
        "<b>现实中：</b>关于银行卡的短信，里面的链接一律不点；收到诈骗短信，向96110举报。"
    ),
    # Scenario: customs-police-call
    "A call from 'customs': practise saying no": "“海关”来电：练习说“不”",
    (
        "A caller says a parcel in your name held fake passports, then 'transfers' you to the "
        "police. Practise the call step by step and learn when to hang up."
    ): (
        "有人来电说，一个以您名义寄出的包裹里查出了假护照，接着又把电话“转接”给警察。一步步练习应"
        "对这通电话，学会什么时候该挂断。"
    ),
    "Customs and police never handle a case by phone or ask you to move money.": (
        "海关和公安绝不会在电话里办案，也不会让您转钱。"
    ),
    "There is no 'safe account'. Anyone who asks you to use one is a scammer.": (
        "根本没有“安全账户”。让您往里转钱的，都是骗子。"
    ),
    "Hang up, then call 110 yourself. Talk to your family: nothing real is secret.": (
        "先挂断电话，再自己拨打110。和家人商量：正当的事情没什么要保密的。"
    ),
    "Customs Service Centre": "海关服务中心",
    (
        "You moved to the city three months ago for a new job. On your lunch break, your phone "
        "rings. The screen says it is the customs service."
    ): (
        "您三个月前为了新工作搬到这座城市。午休时，手机响了，屏幕上显示是海关服务中心。"
    ),
    "'Officer Zhao', customs": "“赵警官”，海关",
    (
        "Hello, this is the customs service centre. A parcel sent in your name was stopped at "
        "the airport. It contains twelve fake passports and bank cards."
    ): (
        "您好，这里是海关服务中心。一个以您名义寄出的包裹在机场被扣了，里面有十二本假护照和一些银"
        "行卡。"
    ),
    (
        "If this is not your parcel, someone has stolen your identity. I will transfer you to "
        "the police now so you can clear your name today."
    ): (
        "如果这不是您的包裹，那就是有人盗用了您的身份。我现在把电话转给公安，您今天就能洗清嫌疑。"
    ),
    "Stay on the line to clear my name": "不挂电话，先洗清嫌疑",
    (
        "It is natural to want to clear your name. But customs do not transfer calls to the "
        "police: this is how the scam builds trust."
    ): (
        "想洗清嫌疑是人之常情。可是海关不会把电话转给公安：骗局就是这样一步步骗取您信任的。"
    ),
    "Hang up, and call customs on a number I look up myself": "挂断电话，自己查海关的电话打过去",
    (
        "Well done. A real office will still be there when you call it yourself, on a number "
        "from its official website."
    ): (
        "做得好。您自己打过去时，真正的部门一样在那里。号码请从官方网站上查。"
    ),
    "The line clicks. A new voice.": "电话里“咔嗒”一声，换了一个人说话。",
    "'Officer Li', police": "“李警官”，公安",
    (
        "This is Officer Li, police. An account in your name was used to launder money. You are "
        "now a suspect. This call is recorded."
    ): (
        "我是公安局的李警官。有人用您名下的账户洗钱，您现在是犯罪嫌疑人。这通电话正在录音。"
    ),
    (
        "This case is secret. Do not tell anyone, not even your family or your bank, or you will "
        "be arrested for blocking the investigation."
    ): (
        "这个案子要保密。谁都不能告诉，包括您的家人和银行，否则就以妨碍调查为由抓您。"
    ),
    "Agree to keep it secret": "答应对方保密",
    (
        "Being told to keep it secret is how scammers cut you off from people who would stop "
        "them. Real police never ask this."
    ): (
        "让您保密，是骗子把您和能拦住他们的人隔开的办法。真警察从来不会这样要求。"
    ),
    "Say I want to talk to my family first": "说我要先和家人商量",
    "Good. Talking to someone you trust is the fastest way to see a scam for what it is.": (
        "很好。和信得过的人聊一聊，是识破骗局最快的办法。"
    ),
    "If you tell anyone, you will be charged. Stay on this line. This is your only chance.": (
        "您要是告诉别人，就会被起诉。不要挂电话，这是您唯一的机会。"
    ),
    "Stay on the line, just in case": "不挂电话，以防万一",
    (
        "Threats of arrest are meant to scare you into doing what they say. Real police would "
        "let you hang up and call them back."
    ): (
        "用抓人来威胁，就是想吓得您乖乖听话。真警察会让您挂断电话，再打回去核实。"
    ),
    "Hang up and call 110 myself": "挂断电话，自己拨打110",
    "Exactly right. Hanging up is always allowed, and 110 is the real police.": (
        "完全正确。挂断电话永远是可以的，110才是真正的警察。"
    ),
    "I am sending you the arrest warrant. Check it on the official case website.": (
        "我现在把逮捕令发给您。您可以在官方案件网站上查看。"
    ),
    "A document opens with your name, your photo and a red official stamp.": (
        "打开的文件上有您的名字、您的照片，还盖着红色的公章。"
    ),
    (
        "To prove your money is clean, move your savings to the safe account of the "
        "investigation. You will get it back in 48 hours."
    ): (
        "为了证明您的钱是干净的，请把存款转到专案组的安全账户。48小时后就会退还给您。"
    ),
    "Move my savings to the 'safe account'": "把存款转到“安全账户”",
    (
        "There is no safe account. Police never ask you to move money to check it. The money "
        "would go straight to the scammers."
    ): (
        "根本没有安全账户。警察绝不会让您转钱来“核查”。这笔钱会直接进骗子的口袋。"
    ),
    "Send a small amount first, to be careful": "先转一小笔，稳妥一点",
    (
        "Any amount sent to a 'safe account' is lost, and it shows the scammers you will pay. "
        "They would come back for the rest."
    ): (
        "转到“安全账户”的钱，多少都回不来，还等于告诉骗子您肯付钱。他们会回头来要剩下的。"
    ),
    (
        "Well done. Even with a 'warrant' on your screen, you checked yourself. Fake documents "
        "are easy to make."
    ): (
        "做得好。就算屏幕上摆着“逮捕令”，您还是自己去核实了。假文件很容易做。"
    ),
    "You hang up and find the customs office's number on its official website.": (
        "您挂断电话，在海关的官方网站上查到了电话号码。"
    ),
    "Customs office": "海关（官方电话）",
    (
        "Thank you for checking. We never call people about parcels to ask for money or bank "
        "details. That was a scam call."
    ): (
        "谢谢您打来核实。我们从来不会因为包裹的事打电话找人要钱或要银行卡信息。那是诈骗电话。"
    ),
    "Report the call to the anti-fraud hotline 96110": "向反诈专线96110举报这通电话",
    "Reporting helps the police warn others who get the same call.": (
        "举报能帮助警方提醒接到同样电话的其他人。"
    ),
    "Call the number back to tell them off": "打回去骂他们一顿",
    (
        "Better not: calling back tells them your number is answered, and they are skilled at "
        "talking people round. Report it instead."
    ): (
        "最好不要：打回去等于告诉他们这个号码有人接，而他们很会说服人。还是举报吧。"
    ),
    "You hang up and dial 110.": "您挂断电话，拨打了110。",
    "Police, 110": "110报警台",
    (
        "You did the right thing. The police never handle a case by phone, never send warrants "
        "online and never ask anyone to move money. Did you give them any money or bank details?"
    ): (
        "您做得对。警察绝不会在电话里办案，绝不会在网上发逮捕令，也绝不会让任何人转钱。您有没有给"
        "过他们钱或银行卡信息？"
    ),
    "No, nothing. I hung up in time": "没有，什么都没给。我及时挂断了",
    "Then you are safe. Tell your family and friends about this call.": (
        "那您就是安全的。把这通电话的事告诉家人和朋友吧。"
    ),
    "[Bank] Transfer of 48,000 yuan completed.": "【银行】转账48000元已完成。",
    "The line goes dead. The number no longer answers.": "电话断了。那个号码再也打不通了。",
    "Your savings went to the scammers": "您的存款落入了骗子手中",
    (
        "This scam uses fear, official-looking papers and secrecy. It catches clever, careful "
        "people, especially when they are new to a place."
    ): (
        "这个骗局靠的是恐吓、看似官方的文件和保密。聪明、谨慎的人也会上当，尤其是刚到一个新地方的"
        "时候。"
    ),
    (
        "<b>In real life:</b> call 110 at once and your bank on the number on your card, and ask "
        "the bank to stop the payment. Then tell someone you trust: you are the victim of a "
        "crime, not a suspect."
    ): (
        "<b>现实中：</b>请马上拨打110，并拨打银行卡上的电话，请银行止付。然后告诉一个您信得过的人"
        "：您是犯罪的受害者，不是嫌疑人。"
    ),
    "[Bank] Transfer of 2,000 yuan completed.": "【银行】转账2000元已完成。",
    "You lost 2,000 yuan, and they will call again": "您损失了2000元，而且他们还会再打来",
    (
        "You were careful with most of your money, but any payment to a 'safe account' is lost. "
        "Scammers often call back with a new story."
    ): (
        "大部分钱您都守住了，但转到“安全账户”的钱就回不来了。骗子常常换个说法再打过来。"
    ),
    (
        "<b>In real life:</b> call your bank now to try to stop the payment, report it to 110, "
        "and do not answer their calls again."
    ): (
        "<b>现实中：</b>马上给银行打电话，争取拦截这笔转账，拨打110报警，以后不再接他们的电话。"
    ),
    "You hung up and kept your money safe": "您挂断了电话，守住了自己的钱",
    (
        "You did not let the fear of a 'case' stop you from checking. Hanging up and calling the "
        "real office yourself beats every version of this scam."
    ): (
        "您没有被“案子”吓住，还是去核实了。挂断电话、自己打给真正的部门，这个骗局怎么变花样都骗不"
        "到您。"
    ),
    (
        "<b>In real life:</b> report calls like this to 96110, and warn friends who are new to "
        "the city."
    ): (
        "<b>现实中：</b>接到这类电话，向96110举报，也提醒刚来城里的朋友。"
    ),
    # Scenario: supplier-new-bank-email
    "An invoice with new bank details: practise before you pay": (
        "换了银行账户的发票：付款前先练一练"
    ),
    (
        "An e-mail from your usual supplier says their bank account has changed and asks you to "
        "pay today. Practise the checks that stop invoice fraud."
    ): (
        "老供应商发来邮件，说他们的银行账户换了，要您今天就付款。练一练能拦住发票诈骗的几步核实。"
    ),
    "Check any change of bank details by phone, on a number you already have.": (
        "银行账户有任何变更，都用您原来就有的号码打电话核实。"
    ),
    "Compare the sender's address with an e-mail you know is real.": (
        "把发件人的地址和您确定是真的邮件对照一下。"
    ),
    "If you have paid a fake account, call your bank at once: speed matters.": (
        "如果钱已经付到假账户，马上给银行打电话：越快越好。"
    ),
    "Fresh Valley Foods – Accounts": "鲜谷食品 – 财务部",
    (
        "You run a small restaurant. Fresh Valley Foods has delivered your vegetables for three "
        "years, and you pay their invoice every month. It is Friday afternoon and you are doing "
        "the accounts."
    ): (
        "您开了一家小餐馆。鲜谷食品给您送了三年蔬菜，您每个月都付他们的货款。今天是星期五下午，您"
        "正在做账。"
    ),
    "Lucy Chen, Fresh Valley Foods": "陈露，鲜谷食品",
    "Invoice FV-2291: updated payment details": "发票 FV-2291：付款信息更新",
    (
        "Hi, please find this month's invoice attached: 18,450 yuan. Please note that our bank "
        "account has changed because of an audit. Kindly pay to the new account below today, as "
        "the old one is now closed.\nNew account: 6214 8800 3312 7781\nThanks, Lucy"
    ): (
        "您好，附件是本月发票，金额18450元。请注意，因审计原因，我司银行账户已变更。原账户已经关闭"
        "，请于今天将货款付至以下新账户。\n新账户：6214 8800 3312 7781\n谢谢！陈露"
    ),
    "Attachment: Invoice_FV-2291.pdf": "附件：Invoice_FV-2291.pdf",
    "Pay the new account today, as asked": "照对方说的，今天就付到新账户",
    (
        "A change of bank details by e-mail is the heart of invoice fraud. Once the money is in "
        "a scammer's account, it is hard to get back."
    ): (
        "用邮件通知更换银行账户，正是发票诈骗的核心。钱一旦进了骗子的账户，就很难追回。"
    ),
    "Reply to the e-mail to ask if it is genuine": "回复邮件，问问是不是真的",
    (
        "Your reply goes to whoever sent the e-mail. If that is a scammer, they will happily "
        "confirm it."
    ): (
        "您的回复会发给发邮件的人。如果那是骗子，他一定会很乐意地说“是真的”。"
    ),
    "Look closely at the sender's address first": "先仔细看看发件人的地址",
    "Good habit. Scammers use addresses that look almost the same as the real one.": (
        "好习惯。骗子用的邮箱地址，和真的几乎一模一样。"
    ),
    "Re: Invoice FV-2291": "回复：发票 FV-2291",
    "Hi Lucy, is this change genuine?": "陈露您好，这次变更是真的吗？",
    (
        "Hi, yes it is genuine. I am in meetings all day so please don't call, but payment must "
        "be made today to avoid a late fee and a stop on your deliveries. Thanks, Lucy"
    ): (
        "您好，是真的。我今天一整天都在开会，请不要打电话，但今天必须付款，否则会产生滞纳金，还会"
        "停止给您供货。谢谢！陈露"
    ),
    "Pay now so the deliveries don't stop": "马上付款，免得断货",
    (
        "'Please don't call' and a same-day deadline are there to stop you from checking. A real "
        "supplier is happy for you to call."
    ): (
        "“请不要打电话”加上当天截止，就是为了不让您核实。真正的供应商很乐意您打电话过来。"
    ),
    "Call Fresh Valley on the number I already have": "用我原来存的号码给鲜谷食品打电话",
    "Well done. You checked in a way the scammer cannot control.": (
        "做得好。您用的核实方法，是骗子控制不了的。"
    ),
    (
        "The e-mail came from accounts@freshvalley-foods.co. Your old invoices came from "
        "accounts@freshvalleyfoods.com."
    ): (
        "这封邮件来自 accounts@freshvalley-foods.co。您以前的发票邮件来自 "
        "accounts@freshvalleyfoods.com。"
    ),
    "You compare the addresses. What do you do?": "您对照了两个地址。您会怎么做？",
    "It is close enough: pay it": "差不多嘛，付了吧",
    (
        "A hyphen and a missing 'm' make it a different address, owned by someone else. 'Almost "
        "right' means wrong."
    ): (
        "多一个短横线、少一个“m”，就是另一个地址，属于别人。“差不多”就是不对。"
    ),
    (
        "Exactly right: you check bank details on a number you already trust, never one from the "
        "e-mail."
    ): (
        "完全正确：核实银行账户，要打您原来就信得过的号码，绝不能打邮件里的号码。"
    ),
    "Your bank app: 18,450 yuan sent to account ending 7781.": (
        "您的银行App：已向尾号7781的账户转账18450元。"
    ),
    "Lucy Chen <accounts@freshvalleyfoods.com>": "陈露 <accounts@freshvalleyfoods.com>",
    "Reminder: invoice FV-2291": "提醒：发票 FV-2291",
    (
        "Hi, a reminder that invoice FV-2291 (18,450 yuan) is now overdue. Our usual bank "
        "details are on the invoice. Best wishes, Lucy"
    ): (
        "您好，提醒您发票 FV-2291（18450元）已经逾期。我们的常用银行账户信息见发票。祝好！陈露"
    ),
    "On Monday, this e-mail arrives. What do you do?": "星期一，收到了这封邮件。您会怎么做？",
    "Call my bank right away and ask them to recall the payment": (
        "马上给银行打电话，请银行追回这笔付款"
    ),
    (
        "Well done for acting fast. The sooner the bank knows, the better the chance of stopping "
        "the money."
    ): (
        "反应很快，做得好。银行越早知道，拦住这笔钱的机会就越大。"
    ),
    "Wait and see: it may be a mix-up": "先等等看，可能是弄错了",
    (
        "Every hour counts: scammers move money on quickly. Waiting makes it almost impossible "
        "to get back."
    ): (
        "每一小时都很关键：骗子转移资金非常快。等下去，钱就几乎不可能追回了。"
    ),
    "You call Fresh Valley on the number from your old invoices.": (
        "您用以前发票上的号码给鲜谷食品打了电话。"
    ),
    "Lucy Chen, on the phone": "陈露（电话中）",
    (
        "Oh no, that was not me! Our bank details have not changed. Please don't pay that "
        "account. Could you forward the e-mail to me?"
    ): (
        "哎呀，那不是我发的！我们的银行账户没有变。千万别往那个账户付款。您能把那封邮件转给我吗？"
    ),
    "Forward it to Lucy and pay the usual account": "把邮件转给陈露，货款照常付到原账户",
    "Good. Your supplier can warn their other customers too.": (
        "很好。这样供应商也能提醒他们的其他客户。"
    ),
    "Re: Fake invoice": "回复：假发票",
    (
        "Thank you. We will warn our customers. Someone must have got into one of our e-mail "
        "accounts."
    ): (
        "谢谢您。我们会提醒客户的。一定是有人盗用了我们的某个邮箱。"
    ),
    "Report it to the police and tell my staff who pays the bills": "报警，并告诉负责付款的员工",
    "That is the way to stop the next attempt: your staff will know what to look for.": (
        "这样才能拦住下一次：您的员工会知道该注意什么。"
    ),
    "Delete the fake e-mail and forget about it": "删掉假邮件，不再理会",
    (
        "Deleting it throws away the evidence. Keep it, report it, and tell your staff: scammers "
        "often try the same business again."
    ): (
        "删掉邮件，就等于扔掉了证据。请保留邮件、报警，并告诉员工：骗子常常会再次找上同一家店。"
    ),
    "Your bank: the receiving account was emptied and closed on Saturday.": (
        "您的银行：收款账户已在星期六被取空并注销。"
    ),
    "The 18,450 yuan is gone": "18450元没了",
    (
        "Invoice fraud catches busy, honest businesses. The e-mail used your supplier's name, a "
        "real invoice number and a reason that sounded official."
    ): (
        "发票诈骗专骗忙碌又老实的生意人。这封邮件用了供应商的名字、真实的发票号，还有一个听起来很"
        "正式的理由。"
    ),
    (
        "<b>In real life:</b> call your bank at once, report it to the police on 110, and tell "
        "your supplier. From now on, check any new bank details by phone before paying."
    ): (
        "<b>现实中：</b>马上给银行打电话，拨打110报警，并告诉您的供应商。从今往后，任何新的银行账"
        "户，付款前都先打电话核实。"
    ),
    "Your bank got back part of the money": "银行追回了一部分钱",
    (
        "Because you called quickly, your bank stopped 11,000 yuan before the scammers could "
        "move it. The rest was gone."
    ): (
        "因为您打电话很及时，银行在骗子转走之前拦下了11000元。其余的钱没能追回。"
    ),
    (
        "<b>In real life:</b> report it to the police on 110 and keep every e-mail. Agree with "
        "your staff that bank details are only ever changed after a phone call."
    ): (
        "<b>现实中：</b>拨打110报警，保留每一封邮件。和员工约定：银行账户只有在电话确认后才能更改。"
    ),
    "You paid the real supplier and stopped the fraud": "您付给了真正的供应商，也拦住了诈骗",
    (
        "A quick phone call on a number you already had stopped an 18,450 yuan loss. Make it a "
        "rule for everyone who pays your bills."
    ): (
        "用原来就有的号码打一个电话，就避免了18450元的损失。请把这一条定为所有负责付款的人都要遵守"
        "的规矩。"
    ),
    (
        "<b>In real life:</b> report fake invoices to the police and warn your supplier, so they "
        "can secure their e-mail."
    ): (
        "<b>现实中：</b>收到假发票，向警方举报，并提醒您的供应商，让他们加强邮箱安全。"
    ),
    # Video caption lines (the transcripts are built from them)
    "Your phone rings. The caller says they are from a shop's customer service.": (
        "手机响了。来电的人说，他是某家网店的客服。"
    ),
    "Your parcel was lost, they say, and they want to give you a refund.": (
        "他说您的包裹丢了，要给您退款。"
    ),
    "To send the refund, they ask you to install an app or read out a code.": (
        "为了给您退款，他让您装一个App，或者把验证码念给他听。"
    ),
    "Or they say the refund went wrong, and you must send money back.": (
        "要么就说退款出了错，让您把钱转回去。"
    ),
    "A real shop never needs your codes or your money to refund you.": (
        "正规商家给您退款，从来不需要您的验证码，也不需要您的钱。"
    ),
    "Hang up. Open the shop's own app and check your order there.": (
        "先挂断电话。打开商家自己的App，在里面查订单。"
    ),
    "If you shared a code or paid, call your bank now.": (
        "如果已经说了验证码或者付了钱，马上给银行打电话。"
    ),
    "A text message: your parcel is held. Pay a 2 yuan fee to release it.": (
        "一条短信：您的包裹被扣留，需支付2元费用才能放行。"
    ),
    "There is a link. It looks almost like the courier's website.": (
        "短信里有个链接，看起来和快递公司的网站几乎一样。"
    ),
    "The page asks for your card number, then the code your bank sends you.": (
        "网页让您填银行卡号，接着再填银行发给您的验证码。"
    ),
    "With that code, the scammer can spend your money.": "有了这个验证码，骗子就能花您的钱。",
    "Don't tap links in texts you did not expect.": "意外收到的短信，里面的链接不要点。",
    "Open the courier's app yourself, and never share a bank code.": (
        "自己打开快递公司的App查，银行验证码绝不告诉别人。"
    ),
    "A man calls. He says he is a police officer and gives a name and a badge number.": (
        "一个男人打来电话，自称是警察，还报出了姓名和警号。"
    ),
    "He says your bank account was used in a crime.": "他说您的银行账户被用来犯罪了。",
    "He tells you not to tell anyone, not even your family.": "他让您谁都别告诉，连家里人也不行。",
    "To clear your name, he says, move your savings to a 'safe account'.": (
        "他说，要想洗清嫌疑，就把存款转到一个“安全账户”。"
    ),
    "The police never ask you to move money. There is no safe account.": (
        "警察从来不会让您转钱。根本没有什么安全账户。"
    ),
    "Hang up and talk to someone you trust. If you are unsure, call 110 yourself.": (
        "挂断电话，和您信得过的人商量。拿不准的话，自己拨打110。"
    ),
    "Need money fast? An ad promises a loan in ten minutes, with no credit check.": (
        "急着用钱？一条广告说十分钟放款，不查征信。"
    ),
    "You fill in the form. Your loan is approved, they say.": (
        "您填好了表。对方说：您的贷款已经批下来了。"
    ),
    "But first you must pay a fee, or pay to 'unfreeze' your account.": (
        "可是要先交一笔费用，或者先交钱给账户“解冻”。"
    ),
    "After you pay, there is always one more fee. The loan never arrives.": (
        "交了这笔，总还有下一笔。贷款永远不会到账。"
    ),
    "Real lenders never ask you to pay before you get the loan.": (
        "正规放贷机构绝不会在放款前让您先交钱。"
    ),
    "Borrow from your bank or a licensed lender, and check before you sign.": (
        "要借钱，请找银行或持牌放贷机构，签字前先核实。"
    ),
    # Comic captions, speakers and speech (the panels' dialogue is built from them)
    # refund-screen-share
    "Mrs Li gets a call on a quiet afternoon.": "一个安静的下午，李奶奶接到一个电话。",
    "Caller": "来电人",
    "Hello, customer service here. Your face cream was faulty. We will refund you 300 yuan.": (
        "您好，我是客服。您买的面霜有质量问题，我们给您退款300元。"
    ),
    "Mrs Li": "李奶奶",
    "Oh, how kind of you!": "哎呀，你们真周到！",
    "The caller makes it sound easy.": "来电人说得轻轻松松。",
    "Just install this meeting app and share your screen. I will guide you.": (
        "您只要装上这个会议App，再共享一下屏幕，我一步步教您。"
    ),
    "Share my screen? Well, all right.": "共享屏幕？嗯，那好吧。",
    "Her granddaughter Mei comes home.": "孙女小美回家了。",
    "Mei, the shop is giving me a refund! I just need to share my screen.": (
        "小美，商店要给我退款呢！我只要共享一下屏幕就行。"
    ),
    "Mei": "小美",
    "Grandma, wait. Who called you?": "奶奶，等一下。是谁给您打的电话？",
    "Mei knows this trick.": "小美知道这个骗局。",
    "He knew what I bought, so he must be real.": "他知道我买了什么，肯定是真的。",
    "A shop never needs your screen or bank codes to refund you. That's a scam.": (
        "商店退款，从来不需要您共享屏幕，也不需要银行验证码。这是骗局。"
    ),
    "They check the order together, in the shopping app.": "祖孙俩一起在购物App里查订单。",
    "Shopping app": "购物App",
    "Order delivered. No refund pending.": "订单已签收。没有待处理的退款。",
    "So there was no refund at all!": "原来根本就没有退款这回事！",
    "Mrs Li never shared her screen, and her money is safe.": "李奶奶没有共享屏幕，钱也保住了。",
    "Next time, I'll hang up and check the app myself.": "下回我先挂断电话，自己到App里查。",
    "And you can always call me first.": "您也可以随时先给我打个电话。",
    # qr-code-sticker
    "Lunchtime at Mrs Zhou's noodle shop.": "周阿姨的面馆，正是午饭时间。",
    "Mrs Zhou": "周阿姨",
    "Scan the QR code on the counter, please.": "请扫柜台上的二维码付款。",
    "Customer": "顾客",
    "Done! 28 yuan.": "好了！28元。",
    "That evening, the day's takings look low.": "到了晚上，今天的营业额少得不对劲。",
    "Twenty people paid by QR code today, but only five payments arrived?": (
        "今天二十个人扫码付款，怎么只到账了五笔？"
    ),
    "She looks at the QR code closely.": "她凑近仔细看那张二维码。",
    "This is a sticker! Someone put a new code over mine.": (
        "这是一张贴纸！有人在我的码上面又贴了一张。"
    ),
    "Anyone can check: the payment screen shows who gets the money.": (
        "谁都能查：付款页面上会显示钱付给了谁。"
    ),
    "Payment app": "付款页面",
    "Pay to: LI W** (personal account)": "收款方：李**（个人账户）",
    "My shop's name should be here, not a stranger's.": "这里应该是我店的名字，不是陌生人的名字。",
    "Now everyone checks.": "现在大家都会看一眼了。",
    "I keep my code behind glass and check it every morning.": (
        "我把收款码放在玻璃后面，每天早上都检查一遍。"
    ),
    "And I check the name before I pay!": "我付钱前也会先看一眼名字！",
    # online-sweetheart
    "Auntie Wang has been chatting with 'Mr Chen' for a month.": (
        "王阿姨和“陈先生”已经聊了一个月。"
    ),
    "Chat message": "聊天消息",
    "Good morning, my dear. I dreamed of our walk by the river.": (
        "早上好，亲爱的。我梦见我们一起在河边散步。"
    ),
    "Auntie Wang": "王阿姨",
    "He is so thoughtful.": "他真体贴。",
    "He says he works abroad, so he can never video call.": (
        "他说自己在国外工作，所以一直没法视频。"
    ),
    "The signal here is bad, so no video. But I will visit you soon.": (
        "这边信号不好，视频不了。不过我很快就会来看你。"
    ),
    "I can wait.": "我可以等。",
    "Then a problem appears.": "接着，麻烦来了。",
    "I sent you a gift, but customs wants 8,000 yuan. Can you pay? I will pay you back.": (
        "我给你寄了一份礼物，可是海关要收8000元。你能先帮我交一下吗？我会还给你的。"
    ),
    "8,000 yuan...": "8000元……",
    "She tells her friend Mrs Sun.": "她把这件事告诉了朋友孙阿姨。",
    "He only needs help with a customs fee.": "他只是需要我帮忙交一笔关税。",
    "Mrs Sun": "孙阿姨",
    "Have you ever seen his face on a video call?": "你在视频里见过他的脸吗？",
    "They look closer, together.": "两个人一起仔细看了看。",
    "No. He always has an excuse.": "没有。他总有借口。",
    "Sweet words, no face, then money for a problem. That's how these scams go.": (
        "先说甜言蜜语，从不露脸，然后出了事要钱。这类骗局都是这个套路。"
    ),
    "Auntie Wang keeps her money.": "王阿姨的钱保住了。",
    "I won't pay. I'll report his account and block him.": (
        "我不给钱。我要举报他的账号，把他拉黑。"
    ),
    "Good. And you can always talk to me first.": "对。以后有事，随时先找我商量。",
    # like-for-pay-job
    "Auntie Fang is new in the city and has free mornings.": "方阿姨刚来城里，上午有空闲。",
    "Text message": "短信",
    "Part-time job! Like videos from home and earn 200 yuan a day.": (
        "招兼职！在家给视频点赞，一天能赚200元。"
    ),
    "Auntie Fang": "方阿姨",
    "That sounds easy.": "听起来挺简单的。",
    "The first tasks really do pay.": "头几单真的给了钱。",
    "Task done! 15 yuan has been sent to you.": "任务完成！已给您转账15元。",
    "It worked!": "真的到账了！",
    "Then the tasks change.": "后来，任务变了。",
    "Group task: pay in 1,000 yuan, get 1,300 back in one hour.": (
        "团队任务：先垫付1000元，一小时后返还1300元。"
    ),
    "Pay in first? Hmm.": "要先垫钱？嗯……",
    "She asks her daughter Lan.": "她去问女儿小兰。",
    "They paid me before. Should I do the group task?": (
        "他们之前给过我钱。这个团队任务我要不要做？"
    ),
    "Lan": "小兰",
    "A real job pays you. It never asks you to pay in. It's a scam.": (
        "真正的工作是给您发工资，从来不会让您往里交钱。这是骗局。"
    ),
    "Auntie Fang leaves the group.": "方阿姨退出了那个群。",
    "Hurry! The task closes in 10 minutes!": "快点！任务十分钟后就截止了！",
    "No. I'm not paying. Blocked.": "不，我不交钱。拉黑。",
    # How to report a scam (the box on every lesson)
    "How to report a scam": "如何举报诈骗",
    "<b>Stop.</b> Do not pay, and do not share any code, password or card number.": (
        "<b>先停下。</b>不要付钱，也不要把验证码、密码或银行卡号告诉任何人。"
    ),
    (
        "<b>Call your bank</b> if you have paid or shared card details. Ask them to stop the "
        "payment and freeze the card."
    ): "<b>给银行打电话：</b>如果已经付了钱或说出了银行卡信息，请银行止付并冻结银行卡。",
    (
        "<b>Report it.</b> Keep the messages, phone numbers and receipts, and call the police."
    ): "<b>报警。</b>保留短信、聊天记录、电话号码和付款凭证，然后报警。",
    "Police emergency": "报警电话",
    "Call now if you have just paid a scammer or feel in danger.": (
        "刚把钱转给骗子，或者感到有危险时，马上拨打。"
    ),
    "National anti-fraud hotline": "国家反诈专线",
    (
        "Ask whether something is a scam, or report one. If 96110 calls you, answer: it is a "
        "real warning."
    ): (
        "拿不准是不是骗局，或者要举报骗局，都可以打。如果96110给您打电话，请一定接听：那是真正的预警。"
    ),
    "Banking and insurance consumer hotline": "银行保险消费者投诉热线",
    "Complaints about a bank, an insurer or a financial product.": (
        "投诉银行、保险公司或金融产品。"
    ),
    "Call the number printed on the back of your card.": "拨打银行卡背面印的客服电话。",
}


def dictionary() -> dict[str, str]:
    """``ZH`` plus the video transcripts and comic dialogue built from it."""
    words = dict(ZH)
    for video in content.VIDEOS:
        for paragraph in video.script:
            if all(line in ZH for line in paragraph):
                words[" ".join(paragraph)] = "".join(ZH[line] for line in paragraph)
    for comic in content.COMICS:
        for panel in comic.panels:
            parts = [panel.caption, *(part for pair in panel.speech for part in pair)]
            if all(part in ZH for part in parts):
                words[panel.dialogue] = "\n".join(
                    [ZH[panel.caption], *(f"{ZH[who]}：{ZH[text]}" for who, text in panel.speech)]
                )
    return words


def cues(lesson: content.VideoLessonData) -> list[content.Cue]:
    """The video's caption cues in Chinese, with the English cues' timings."""
    missing = [text for _start, _end, text in lesson.cues if text not in ZH]
    if missing:
        raise KeyError(f"No Chinese for these caption lines of {lesson.slug}: {missing}")
    return [(start, end, ZH[text]) for start, end, text in lesson.cues]
