"""What an import accepts, and the refusal of a whole file: sizes, row and column limits,
file types, date formats and the header words that mean personal data."""

import datetime as dt

from django.utils.translation import gettext

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
PENDING_DIR = "imports"
PENDING_MAX_AGE = dt.timedelta(days=1)
SESSION_KEY = "campaigns_pending_imports"
EXTENSIONS = ("csv", "xlsx")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d")

# Header words that mean a column holds personal data. Compared case-insensitively with
# spaces, underscores, hyphens and dots removed ("Full_Name", "E-mail", "ID number").
PERSONAL_DATA_TERMS = (
    "name", "fullname", "firstname", "lastname", "surname", "phone", "phonenumber",
    "telephone", "mobile", "tel", "idnumber", "idcard", "idno", "passport", "email",
    "address", "card", "cardno", "pan", "iban", "身份证", "姓名", "电话", "手机", "邮箱",
    "地址", "证件号", "联系方式", "卡号", "银行卡", "账号", "帐号", "名字", "联系人",
)
# Found anywhere in a header ("contact phone", "手机号码", "home address", "bank card",
# "card_number", "银行卡号", "account no").
PERSONAL_DATA_PARTS = (
    "phone", "mobile", "email", "address", "idnumber", "idcard", "fullname", "passport",
    "cardnumber", "cardno", "bankcard", "creditcard", "debitcard", "accountnumber",
    "accountno", "bankaccount", "cvv", "身份证", "姓名", "电话", "手机", "邮箱", "地址",
    "证件号", "联系方式", "卡号", "银行卡", "信用卡", "储蓄卡", "借记卡", "账号", "帐号",
    "账户", "帐户",
)


class ImportRefused(Exception):
    """The whole file is refused: nothing was imported."""

    def __init__(self, *messages):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]


def too_many_rows():
    raise ImportRefused(gettext(
        "The file has more than %(max)d rows. Split it into smaller files."
    ) % {"max": MAX_ROWS})


def blank(value):
    """An empty cell: None, or text of spaces only."""
    return value is None or (isinstance(value, str) and not value.strip())


def file_extension(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
