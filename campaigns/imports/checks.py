"""Checks on the whole file, before any row is read: its type and size, whether it was
imported already, and its header (personal data, repeated and missing columns)."""

from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from ..models import ImportBatch
from .columns import canonical_header, looks_personal
from .limits import EXTENSIONS, MAX_FILE_BYTES, ImportRefused, blank, file_extension


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
    personal = [str(h).strip() for h in headers if not blank(h) and looks_personal(h)]
    if personal:
        raise ImportRefused(gettext(
            "Row %(row)d (the header) has columns that look like personal data: %(columns)s. "
            "Remove these columns (and their data) from the file and upload it again: "
            "reach figures never need names, phone numbers, ID numbers or addresses. "
            "If a column is not about a person, give it the name the template uses."
        ) % {"row": header_number, "columns": ", ".join(f"“{h}”" for h in personal)})
    positions, ignored, repeated = {}, [], []
    for position, header in enumerate(headers):
        if blank(header):
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
