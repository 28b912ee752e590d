"""Importing offline events and channel figures from CSV or XLSX files.

Built on django-import-export: one ``ModelResource`` per kind declares the columns, widgets
turn each cell into a value (raising ``ValueError`` with a message for the marketer), and the
models' own ``full_clean`` is the row validation (``clean_model_instances``): an event dated
outside its campaign is refused by the same rule as in the admin form. The preview is
``import_data(dry_run=True)``, rolled back by the library; the commit is
``import_data(dry_run=False)`` inside one ``transaction.atomic`` together with its
``ImportBatch``, rolled back as a whole if any row fails: all or nothing.

What we do around the library, and why:

* Reading the file. ``import_export.formats`` decodes CSV with one fixed encoding and loses
  the spreadsheet row numbers when it skips blank lines. We read the bytes ourselves: CSV as
  UTF-8 (with or without BOM), else GBK (what Excel on a Chinese Windows saves), else refused
  naming the first row that is neither; XLSX with openpyxl (read-only, values not formulas,
  first sheet). Every row keeps the number the marketer sees in their spreadsheet (the
  header is row 1), so each error names a row they can find.
* Refusals before any row is read: files over ``MAX_FILE_BYTES``, more than ``MAX_ROWS``
  rows, a file already imported (same SHA-256 for the same kind: ``ImportBatch``), columns
  that look like personal data, missing required columns.
* Keeping the file between preview and confirm. The client is not trusted with the data: the
  uploaded bytes are stored server-side in the "private" storage under ``imports/`` (on one
  machine PRIVATE_ROOT/imports/, outside MEDIA_ROOT and without a URL; past one machine a
  private bucket of the object store, where a local temp file would not be found by the next
  app server) under a random name. Only a file whose every row is valid is stored, so a file
  with personal-data columns never reaches the disk. The
  user's session maps a random token to that name, the file's SHA-256 and its kind; the
  confirm form sends only the token. Confirming reads the file back, checks the SHA-256 and
  validates everything again (a campaign's dates may have changed since the preview), so
  what is saved is exactly what was previewed or nothing. Re-uploading instead would need
  the marketer to pick the file twice; keeping megabytes in the session would load them on
  every admin request. Files are deleted on confirm or cancel, and any left behind are
  swept after a day.
* Once per row. The file's SHA-256 only stops the very same bytes; each row also has a
  natural key (an event: campaign, date, place, partner; a figure: campaign, channel,
  partner, metric, period). A row already recorded, or repeating an earlier row of the same
  file, is a row error naming the other row or the recorded one.
"""

import csv
import datetime as dt
import hashlib
import io
import re
import secrets
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import openpyxl
import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from education.models import AudienceSegment

from .models import (
    Campaign,
    Channel,
    ChannelFigure,
    FigureMetric,
    ImportBatch,
    OfflineEvent,
    OfflineFormat,
)

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


# --- reading the file -------------------------------------------------------------------------

@dataclass
class Table:
    lines: list  # (row number in the file, [cell values]) of every non-blank row
    encoding: str = ""

    def split(self, column_names):
        """(header number, headers, rows above it, data rows). The header is the first row
        naming one of our columns (a title row above it is skipped), else the first row."""
        index = next(
            (i for i, (_number, values) in enumerate(self.lines[:10])
             if any(not _blank(v) and canonical_header(v) in column_names for v in values)),
            0,
        )
        number, headers = self.lines[index]
        headers = ["" if value is None else str(value) for value in headers]
        return number, headers, [n for n, _v in self.lines[:index]], self.lines[index + 1:]


def _row_of_offset(data, offset):
    return data.count(b"\n", 0, offset) + 1


def decode_csv(data):
    """The text of a CSV file: UTF-8 (a BOM is dropped), else GBK. Returns (text, encoding)."""
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gbk"), "GBK"
        except UnicodeDecodeError:
            raise ImportRefused(gettext(
                "Row %(row)d of the file is neither UTF-8 nor GBK text, so the file cannot be "
                "read. Save it again as “CSV UTF-8” (or as XLSX) and upload it again."
            ) % {"row": _row_of_offset(data, utf8_error.start)}) from None


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def read_csv(data):
    text, encoding = decode_csv(data)
    if "\x00" in text:
        raise ImportRefused(gettext("This is not a CSV text file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines = []
    try:
        for number, record in enumerate(reader, 1):
            if all(_blank(cell) for cell in record):
                continue
            lines.append((number, record))
            if len(lines) > MAX_ROWS + 1:
                _too_many_rows()
    except csv.Error as error:
        raise ImportRefused(gettext("Row %(row)d of the file cannot be read as CSV: %(error)s")
                            % {"row": reader.line_num, "error": error}) from None
    return Table(lines, encoding)


def _cell(value):
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


XLSX_ERRORS = (zipfile.BadZipFile, KeyError, IndexError, ValueError, TypeError, OSError,
               openpyxl.utils.exceptions.InvalidFileException)


def _unreadable_xlsx():
    return ImportRefused(gettext(
        "This is not a readable XLSX file. Save it from your spreadsheet program as "
        "“Excel Workbook (.xlsx)” or as CSV and upload it again."
    ))


def read_xlsx(data):
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except XLSX_ERRORS:
        raise _unreadable_xlsx() from None
    lines = []
    try:
        sheet = book.worksheets[0]
        for number, values in enumerate(
            sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), 1
        ):
            if all(_blank(cell) for cell in values):
                continue
            lines.append((number, [_cell(cell) for cell in values]))
            if len(lines) > MAX_ROWS + 1:
                _too_many_rows()
    except XLSX_ERRORS:
        raise _unreadable_xlsx() from None
    finally:
        book.close()
    return Table(lines, "XLSX")


def _too_many_rows():
    raise ImportRefused(gettext(
        "The file has more than %(max)d rows. Split it into smaller files."
    ) % {"max": MAX_ROWS})


def read_table(data, filename):
    extension = file_extension(filename)
    if extension == "xlsx":
        return read_xlsx(data)
    return read_csv(data)


def file_extension(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


# --- columns --------------------------------------------------------------------------------

def canonical_header(header):
    """'Materials handed out ' -> 'materials_handed_out'."""
    return re.sub(r"[\s\-]+", "_", str(header).strip().lstrip("\ufeff").casefold())


def _squeezed(header):
    return re.sub(r"[\s_\-.·]+", "", str(header).casefold())


def looks_personal(header):
    squeezed = _squeezed(header)
    words = {w for w in re.split(r"[^0-9a-z]+", re.sub(r"([a-z])([A-Z])", r"\1 \2",
                                                        str(header)).casefold()) if w}
    return (
        squeezed in PERSONAL_DATA_TERMS
        or any(part in squeezed for part in PERSONAL_DATA_PARTS)
        or bool(words & {"name", "names", "tel", "phone", "mobile", "email", "address",
                         "card", "iban"})
    )


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    example: str
    value_required: bool = True


@dataclass
class Preview:
    kind: "ImportKind"
    filename: str
    sha256: str
    encoding: str
    columns: list  # canonical names of the known columns present, in the kind's order
    rows: list = field(default_factory=list)  # PreviewRow
    ignored: list = field(default_factory=list)  # headers we do not know (not imported)
    problems: list = field(default_factory=list)  # errors not tied to one row
    above_header: list = field(default_factory=list)  # numbers of title rows, not imported

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]

    @property
    def ok(self):
        return bool(self.rows) and not self.error_rows and not self.problems

    @property
    def errors(self):
        return [(row.number, column, message) for row in self.rows
                for column, message in row.errors]


@dataclass
class PreviewRow:
    number: int
    cells: list  # displayed values, in Preview.columns order
    errors: list = field(default_factory=list)  # (column or "", message)


# --- widgets: one cell to one value, or ValueError with a message for the marketer ----------

class _Required:
    def __init__(self, *args, required=True, **kwargs):
        self.required = required
        super().__init__(*args, **kwargs)

    def check_required(self, value):
        if _blank(value):
            if self.required:
                raise ValueError(gettext("This cell is empty; it needs a value."))
            return True
        return False


class TextWidget(_Required, widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return ""
        if isinstance(value, dt.date):
            value = value.isoformat()
        return str(value).strip()


class SlugWidget(_Required, widgets.ForeignKeyWidget):
    """An object by slug, looked up once per slug in an import."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return None
        slug = str(value).strip()
        if slug not in self.found:
            self.found[slug] = self.model.objects.filter(slug=slug).first()
        if self.found[slug] is None:
            raise ValueError(gettext("No %(model)s has the slug “%(slug)s”.") % {
                "model": self.model._meta.verbose_name, "slug": slug})
        return self.found[slug]


class ChoiceWidget(_Required, widgets.Widget):
    """A choice by its value or its label, in any case ("talk", "Talk")."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.lookup = {}
        for value, label in choices:
            self.lookup[str(value).casefold()] = value
            self.lookup[str(label).casefold()] = value

    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return ""
        key = str(value).strip().casefold()
        if key not in self.lookup:
            raise ValueError(gettext("“%(value)s” is not one of: %(choices)s.") % {
                "value": value, "choices": ", ".join(str(v) for v, _label in self.choices)})
        return self.lookup[key]


class CountWidget(_Required, widgets.IntegerWidget):
    """A whole number of 0 or more ("1,250" is read as 1250)."""

    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return None
        text = str(value).strip().replace(",", "").replace(" ", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(gettext("“%(value)s” is not a whole number.") % {"value": value})
        if number < 0:
            raise ValueError(gettext(
                "“%(value)s” is negative; a count is 0 or more."
            ) % {"value": value})
        if number > 10**15:
            raise ValueError(gettext("“%(value)s” is too large.") % {"value": value})
        return int(number)


class DateWidget(_Required, widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for date_format_ in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, date_format_).date()
            except ValueError:
                continue
        raise ValueError(gettext(
            "“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-15."
        ) % {"value": value})


# --- resources ------------------------------------------------------------------------------

def _squeeze_text(value):
    """'  Riverside   Library ' -> 'riverside library': how two spellings of a place compare."""
    return " ".join(str(value or "").split()).casefold()


class CampaignImportResource(resources.ModelResource):
    """Shared behaviour: only new rows (no id column can touch an existing record), the
    model's own validation for every row, each row once by its natural key (``natural_key``),
    and each saved row tied to its ImportBatch.

    A row whose natural key is already recorded (imported before, or entered in the admin) is
    refused with a row error, never added again nor silently merged: the marketer changes the
    existing record on purpose. A row repeating an earlier row of the same file is a row error
    too. ``file_rows`` maps the dataset's row index (1-based) to the row's number in the file.
    """

    duplicate_in_file_message = ""
    already_recorded_message = ""

    def __init__(self, file_rows=(), **kwargs):
        super().__init__(**kwargs)
        self.file_rows = list(file_rows)
        self.seen = {}  # natural key -> file row number
        self.recorded = {}  # campaign id -> {natural key: existing record}
        self.row_number = None

    @staticmethod
    def natural_key(instance):
        raise NotImplementedError

    def describe(self, instance):
        return str(instance)

    def before_import_row(self, row, **kwargs):
        index = kwargs.get("row_number")
        self.row_number = (self.file_rows[index - 1]
                           if index and index <= len(self.file_rows) else index)

    def recorded_for(self, campaign_id):
        if campaign_id not in self.recorded:
            records = (self._meta.model.objects.filter(campaign_id=campaign_id)
                       .select_related("import_batch"))
            self.recorded[campaign_id] = {self.natural_key(r): r for r in records}
        return self.recorded[campaign_id]

    def duplicate_problem(self, instance):
        key = self.natural_key(instance)
        earlier = self.seen.get(key)
        if earlier is not None:
            return self.duplicate_in_file_message % {"row": earlier}
        self.seen[key] = self.row_number
        existing = self.recorded_for(instance.campaign_id).get(key)
        if existing is None:
            return None
        batch = existing.import_batch
        if batch is not None:
            origin = gettext("imported from “%(file)s” on %(date)s") % {
                "file": batch.filename,
                "date": date_format(timezone.localtime(batch.imported_at), "DATE_FORMAT"),
            }
        else:
            origin = gettext("entered in the admin")
        return self.already_recorded_message % {"record": self.describe(existing),
                                                "origin": origin}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's checks (its ``clean()``), then the natural key: once only."""
        errors = {}
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict({})
        key_fields = set(self.natural_key_fields)
        if instance.campaign_id and not key_fields & set(errors):
            problem = self.duplicate_problem(instance)
            if problem:
                errors.setdefault(NON_FIELD_ERRORS, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.import_batch = kwargs.get("batch")

    class Meta:
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True
        use_bulk = True
        batch_size = 500
        use_transactions = True


def _field(name, widget, **kwargs):
    return fields.Field(attribute=name, column_name=name, widget=widget, **kwargs)


class OfflineEventResource(CampaignImportResource):
    campaign = _field("campaign", SlugWidget(Campaign))
    date = _field("date", DateWidget())
    place = _field("place", TextWidget())
    partner = _field("partner", TextWidget(required=False))
    segment = _field("segment", SlugWidget(AudienceSegment, required=False))
    format = _field("format", ChoiceWidget(OfflineFormat.choices))
    attendance = _field("attendance", CountWidget())
    materials_handed_out = _field("materials_handed_out", CountWidget(required=False),
                                  default=0)
    notes = _field("notes", TextWidget(required=False))

    class Meta:
        model = OfflineEvent
        fields = ("campaign", "date", "place", "partner", "segment", "format", "attendance",
                  "materials_handed_out", "notes")

    # The natural key of an offline event: its campaign, day, place and organiser (partner),
    # places and organisers compared without case or extra spaces.
    natural_key_fields = ("campaign", "date", "place", "partner")
    duplicate_in_file_message = _(
        "This row repeats row %(row)d (same campaign, date, place and partner): each event is "
        "listed once. Remove one of the two rows, or add the two counts up in one row."
    )
    already_recorded_message = _(
        "This event is already recorded: %(record)s, %(origin)s. An event is never imported "
        "twice: change the recorded event in the admin instead, or remove this row."
    )

    @staticmethod
    def natural_key(instance):
        return (instance.campaign_id, instance.date, _squeeze_text(instance.place),
                _squeeze_text(instance.partner))

    def describe(self, instance):
        return gettext("%(date)s at “%(place)s” (%(partner)s), attendance %(attendance)d") % {
            "date": instance.date.isoformat(), "place": instance.place,
            "partner": instance.partner or "—", "attendance": instance.attendance,
        }


class ChannelFigureResource(CampaignImportResource):
    campaign = _field("campaign", SlugWidget(Campaign))
    channel = _field("channel", ChoiceWidget(Channel.choices))
    partner = _field("partner", TextWidget())
    period_start = _field("period_start", DateWidget())
    period_end = _field("period_end", DateWidget())
    metric = _field("metric", ChoiceWidget(FigureMetric.choices))
    value = _field("value", CountWidget())
    source = _field("source", TextWidget())
    method = _field("method", TextWidget())
    evidence_url = _field("evidence_url", TextWidget(required=False))

    class Meta:
        model = ChannelFigure
        fields = ("campaign", "channel", "partner", "period_start", "period_end", "metric",
                  "value", "source", "method", "evidence_url")

    # The natural key of a partner figure: which campaign, channel, partner, metric and period.
    natural_key_fields = ("campaign", "channel", "partner", "metric", "period_start",
                          "period_end")
    duplicate_in_file_message = _(
        "This row repeats row %(row)d (same campaign, channel, partner, metric and period): "
        "each figure is listed once. Remove one of the two rows."
    )
    already_recorded_message = _(
        "This figure is already recorded: %(record)s, %(origin)s. A figure is never imported "
        "twice: change the recorded figure in the admin instead, or remove this row."
    )

    @staticmethod
    def natural_key(instance):
        return (instance.campaign_id, instance.channel, _squeeze_text(instance.partner),
                instance.metric, instance.period_start, instance.period_end)

    def describe(self, instance):
        return gettext("%(partner)s, %(metric)s %(start)s to %(end)s: %(value)d") % {
            "partner": instance.partner, "metric": instance.get_metric_display(),
            "start": instance.period_start.isoformat(), "end": instance.period_end.isoformat(),
            "value": instance.value,
        }


# --- the two kinds --------------------------------------------------------------------------

def _choices_text(choices):
    return ", ".join(str(value) for value, _label in choices)


def _one_of(choices_class):
    return format_lazy(_("One of: {choices}."), choices=_choices_text(choices_class.choices))


@dataclass(frozen=True)
class ImportKind:
    key: str  # ImportBatch.kind
    model: type
    resource_class: type
    columns: tuple
    label: str
    template_filename: str

    @property
    def required_columns(self):
        return [c.name for c in self.columns if c.required]

    @property
    def column_names(self):
        return [c.name for c in self.columns]


OFFLINE_EVENTS = ImportKind(
    key="offline_events", model=OfflineEvent, resource_class=OfflineEventResource,
    label=_("offline events"), template_filename="offline-events-template.csv",
    columns=(
        Column("campaign", True, _("The campaign's slug."), "spring-anti-fraud-week"),
        Column("date", True, _("The day of the event, inside the campaign: YYYY-MM-DD."),
               "2025-03-15"),
        Column("place", True, _("Where it took place."), "Riverside community centre"),
        Column("partner", True, _("The partner organisation; may be left empty."),
               "Riverside residents' committee", value_required=False),
        Column("segment", False, _("The audience's slug, e.g. seniors."), "seniors",
               value_required=False),
        Column("format", True, _one_of(OfflineFormat), "talk"),
        Column("attendance", True, _("People counted at the event: a whole number."), "45"),
        Column("materials_handed_out", False,
               _("Leaflets and cards handed out (reported apart, never added to reach)."),
               "60", value_required=False),
        Column("notes", False, _("Anything else worth knowing; no personal data."), "",
               value_required=False),
    ),
)

CHANNEL_FIGURES = ImportKind(
    key="channel_figures", model=ChannelFigure, resource_class=ChannelFigureResource,
    label=_("channel figures"), template_filename="channel-figures-template.csv",
    columns=(
        Column("campaign", True, _("The campaign's slug."), "safe-banking-month-for-seniors"),
        Column("channel", True, _one_of(Channel), "partner_app"),
        Column("partner", True, _("The partner or platform that reported the figure."),
               "Partner pharmacy app"),
        Column("period_start", True, _("First day counted: YYYY-MM-DD."), "2025-04-01"),
        Column("period_end", True, _("Last day counted: YYYY-MM-DD."), "2025-04-30"),
        Column("metric", True, _one_of(FigureMetric), "reach"),
        Column("value", True, _("The figure: a whole number."), "12800"),
        Column("source", True, _("Who reported it."), "Partner app monthly report"),
        Column("method", True, _("How the partner counted it."),
               "Unique logged-in users who saw the banner"),
        Column("evidence_url", False, _("A link to the partner's report."), "",
               value_required=False),
    ),
)

KINDS = {kind.key: kind for kind in (OFFLINE_EVENTS, CHANNEL_FIGURES)}


def template_csv(kind):
    """The header row of a kind's file, UTF-8 with a BOM so Excel shows Chinese correctly."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(kind.column_names)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- checks on the whole file -------------------------------------------------------------

def check_size(size):
    if size > MAX_FILE_BYTES:
        raise ImportRefused(gettext(
            "The file is %(size)s; the limit is %(limit)s. Split it into smaller files."
        ) % {"size": filesizeformat(size), "limit": filesizeformat(MAX_FILE_BYTES)})


def check_extension(filename):
    if file_extension(filename) not in EXTENSIONS:
        raise ImportRefused(gettext(
            "“%(name)s” is not a CSV or XLSX file. Save it as CSV (UTF-8) or as an Excel "
            "workbook (.xlsx) and upload it again."
        ) % {"name": filename})


def previous_import(kind, sha256):
    return ImportBatch.objects.filter(kind=kind.key, sha256=sha256).first()


def check_not_imported(kind, sha256):
    batch = previous_import(kind, sha256)
    if batch is not None:
        raise ImportRefused(gettext(
            "This file was already imported on %(date)s (“%(name)s”, %(rows)d rows). "
            "Nothing was added."
        ) % {"date": date_format(timezone.localtime(batch.imported_at), "DATE_FORMAT"),
             "name": batch.filename, "rows": batch.rows})


def map_columns(kind, headers, header_number=1):
    """Known columns by canonical name -> position; unknown headers. Refuses the file for
    personal-data columns, repeated columns and missing required columns."""
    personal = [str(h).strip() for h in headers if not _blank(h) and looks_personal(h)]
    if personal:
        raise ImportRefused(gettext(
            "Row %(row)d (the header) has columns that look like personal data: %(columns)s. "
            "Remove these columns (and their data) from the file and upload it again: "
            "reach figures never need names, phone numbers, ID numbers or addresses. "
            "If a column is not about a person, give it the name the template uses."
        ) % {"row": header_number, "columns": ", ".join(f"“{h}”" for h in personal)})
    positions, ignored, repeated = {}, [], []
    for position, header in enumerate(headers):
        if _blank(header):
            continue
        name = canonical_header(header)
        if name in kind.column_names:
            if name in positions:
                repeated.append(name)
            positions[name] = position
        else:
            ignored.append(str(header).strip())
    if repeated:
        raise ImportRefused(gettext(
            "Row %(row)d (the header) has the column %(columns)s more than once."
        ) % {"row": header_number, "columns": ", ".join(f"“{c}”" for c in repeated)})
    missing = [name for name in kind.required_columns if name not in positions]
    if missing:
        raise ImportRefused(gettext(
            "Row %(row)d (the header) is missing the required columns: %(columns)s. "
            "Download the template to see every column."
        ) % {"row": header_number, "columns": ", ".join(f"“{c}”" for c in missing)})
    return positions, ignored


def _display(value):
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


# --- preview and commit ---------------------------------------------------------------------

def _prepare(kind, data, filename):
    check_extension(filename)
    check_size(len(data))
    sha256 = hashlib.sha256(data).hexdigest()
    check_not_imported(kind, sha256)
    table = read_table(data, filename)
    if not table.lines:
        raise ImportRefused(gettext("The file is empty: it has no header row."))
    header_number, headers, above, rows = table.split(kind.column_names)
    positions, ignored = map_columns(kind, headers, header_number)
    if not rows:
        raise ImportRefused(gettext(
            "Row %(row)d is missing: the file has a header but no rows."
        ) % {"row": header_number + 1})
    if len(rows) > MAX_ROWS:
        _too_many_rows()
    columns = [name for name in kind.column_names if name in positions]
    dataset = tablib.Dataset(headers=columns)
    preview = Preview(kind=kind, filename=filename, sha256=sha256, encoding=table.encoding,
                      columns=columns, ignored=ignored, above_header=above)
    for number, values in rows:
        cells = [values[positions[name]] if positions[name] < len(values) else None
                 for name in columns]
        cells = [cell.strip() if isinstance(cell, str) else cell for cell in cells]
        dataset.append(cells)
        preview.rows.append(PreviewRow(number, [_display(cell) for cell in cells]))
    return preview, dataset


def _attach_errors(preview, result):
    """Copy the library's row results onto the preview, by the row's number in the file."""
    for invalid in result.invalid_rows:
        row = preview.rows[invalid.number - 1]
        for column, messages in invalid.error_dict.items():
            name = "" if column == NON_FIELD_ERRORS else column
            row.errors.extend((name, str(message)) for message in messages)
    for error_row in result.error_rows:
        row = preview.rows[error_row.number - 1]
        row.errors.extend(("", str(error.error)) for error in error_row.errors)
    for error in result.base_errors:  # e.g. the database refused a batch of rows
        preview.problems.append(str(error.error))


def preview_file(kind, data, filename):
    """Check the file and every row without saving anything. Raises ImportRefused."""
    preview, dataset = _prepare(kind, data, filename)
    resource = kind.resource_class(file_rows=[row.number for row in preview.rows])
    result = resource.import_data(dataset, dry_run=True, use_transactions=True)
    _attach_errors(preview, result)
    return preview


class _RolledBack(Exception):
    def __init__(self, preview):
        super().__init__("import rolled back")
        self.preview = preview


def commit_file(kind, data, filename, user):
    """Import every row, or none. Returns (ImportBatch or None, Preview); the batch is None
    when a row failed (the preview names the rows). Raises ImportRefused."""
    preview, dataset = _prepare(kind, data, filename)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                kind=kind.key, sha256=preview.sha256, filename=filename[:255],
                rows=len(preview.rows), imported_by=user if user.is_authenticated else None,
            )
            # Two imports confirmed at once must not both pass the natural-key check: lock
            # the campaigns the file names until this one is committed (SQLite's IMMEDIATE
            # transactions already queue writers).
            slugs = {str(slug).strip() for slug in dataset["campaign"] if not _blank(slug)}
            list(Campaign.objects.select_for_update().filter(slug__in=slugs)
                 .order_by("pk").values_list("pk", flat=True))
            resource = kind.resource_class(file_rows=[row.number for row in preview.rows])
            result = resource.import_data(
                dataset, dry_run=False, use_transactions=True,
                rollback_on_validation_errors=True, batch=batch,
            )
            _attach_errors(preview, result)
            if not preview.ok:
                raise _RolledBack(preview)
    except _RolledBack as rolled_back:
        return None, rolled_back.preview
    except IntegrityError:
        check_not_imported(kind, preview.sha256)  # imported by someone else meanwhile
        raise
    return batch, preview


# --- the file kept between preview and confirm ----------------------------------------------

def pending_storage():
    """Where a file waits between preview and confirm: the "private" storage (settings),
    outside MEDIA_ROOT and without a URL, never the public media storage."""
    return storages["private"]


def _pending(request):
    return request.session.get(SESSION_KEY, {})


def keep_for_confirmation(request, kind, preview, data):
    """Store the file server-side; returns the token the confirm form sends back."""
    sweep_stale_files()
    token = secrets.token_urlsafe(24)
    name = pending_storage().save(
        f"{PENDING_DIR}/{secrets.token_hex(16)}.{file_extension(preview.filename)}",
        ContentFile(data),
    )
    pending = _pending(request)
    for old in list(pending)[:-4]:  # at most five previews waiting per session
        forget(request, old)
        pending = _pending(request)
    pending[token] = {"kind": kind.key, "name": name, "sha256": preview.sha256,
                      "filename": preview.filename}
    request.session[SESSION_KEY] = pending
    return token


def take_back(request, kind, token):
    """(data, filename) of the session's pending file for this token, checked; or None."""
    entry = _pending(request).get(str(token))
    if not entry or entry["kind"] != kind.key:
        return None
    try:
        with pending_storage().open(entry["name"], "rb") as stored:
            data = stored.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        return None
    return data, entry["filename"]


def forget(request, token):
    pending = _pending(request)
    entry = pending.pop(str(token), None)
    request.session[SESSION_KEY] = pending
    if entry:
        try:
            pending_storage().delete(entry["name"])
        except OSError:
            pass


def sweep_stale_files(now=None):
    cutoff = (now or timezone.now()) - PENDING_MAX_AGE
    try:
        _dirs, names = pending_storage().listdir(PENDING_DIR)
    except (OSError, NotImplementedError):
        return
    for name in names:
        path = f"{PENDING_DIR}/{name}"
        try:
            if pending_storage().get_modified_time(path) < cutoff:
                pending_storage().delete(path)
        except (OSError, NotImplementedError):
            continue
