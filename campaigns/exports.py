"""CSV and XLSX exports of the report tables (campaigns.figures.ReportTable), built on Wagtail's
spreadsheet export (SpreadsheetExportMixin) so they behave like the admin's other exports.

Two things are added to it:
- CSV is safe against formula injection: a text cell starting with = + - @, a tab or a
  carriage return gets a leading apostrophe, so a spreadsheet shows it as text instead of
  running it. Numbers are written as numbers (a negative number is not text).
- A CSV file of one table ends with how its figures are counted (after a blank row, the
  heading "How it is counted" and one row per figure: label, how it is counted, from which
  data), as the XLSX workbook's "About" sheet does: a figure never travels without it.
- One XLSX workbook can hold several tables (one sheet each) after an "About" sheet with the
  report's scope and the definitions of its figures. XLSX cells keep their types (numbers stay
  numbers, dates stay dates); Wagtail's writer already stores text that looks like a formula
  as text, and characters XLSX cannot hold are dropped.
"""

import csv
import datetime as dt
import re
from io import BytesIO

from django.http import FileResponse
from django.utils.encoding import force_str
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import Echo, ExcelDateFormatter, SpreadsheetExportMixin

from .figures import DEFINITIONS, ReportTable

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise_csv(value):
    """Text that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_value(value):
    value = force_str(value, strings_only=True)
    if isinstance(value, dt.date):
        value = value.isoformat()
    return "" if value is None else neutralise_csv(value)


def _xlsx_value(value):
    value = force_str(value, strings_only=True)
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


class TableExport(SpreadsheetExportMixin):
    """Wagtail's spreadsheet export for one report table (its rows are plain dicts)."""

    def __init__(self, table: ReportTable, filename: str):
        self.table = table
        self.list_export = [column.key for column in table.columns]
        self.export_headings = {column.key: force_str(column.heading) for column in table.columns}
        self.export_filename = filename

    def get_preprocess_function(self, field, value, export_format):
        return _csv_value if export_format == self.FORMAT_CSV else _xlsx_value

    def get_heading(self, queryset, field):
        return self.export_headings[field]

    def stream_csv(self, queryset):
        """Wagtail's rows, then the definitions of the table's figures."""
        yield from super().stream_csv(queryset)
        keys = self.table.definitions()
        if not keys:
            return
        writer = csv.writer(Echo())
        yield writer.writerow([])
        yield writer.writerow([gettext("How it is counted")])
        yield writer.writerow([gettext("Figure"), gettext("How it is counted"),
                               gettext("From which data")])
        for key in keys:
            entry = DEFINITIONS[key]
            yield writer.writerow([_csv_value(entry["label"]), _csv_value(entry["counted"]),
                                   _csv_value(entry["source"])])

    def response(self, export_format):
        return self.as_spreadsheet(self.table.rows, export_format)


def _sheet_title(text, used):
    title = _SHEET_TITLE_FORBIDDEN.sub(" ", force_str(text)).strip()[:31] or "Sheet"
    base, n = title, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


def write_workbook(tables, about, output, definitions=()):
    """An XLSX workbook: an "About" sheet (rows of [label, value], then the definitions of
    the figures: those named in ``definitions`` and the tables' own) and a sheet per table."""
    workbook = Workbook(write_only=True, iso_dates=True)
    used = set()
    sheet = workbook.create_sheet(title=_sheet_title(gettext("About"), used))
    for row in about:
        sheet.append([_xlsx_value(value) for value in row])
    keys = list(dict.fromkeys(
        [*definitions, *(key for table in tables for key in table.definitions())]
    ))
    if keys:
        sheet.append([])
        sheet.append([gettext("Figure"), gettext("How it is counted"),
                      gettext("From which data")])
        for key in keys:
            entry = DEFINITIONS[key]
            sheet.append([_xlsx_value(entry["label"]), _xlsx_value(entry["counted"]),
                          _xlsx_value(entry["source"])])
    date_format = ExcelDateFormatter().get()
    for table in tables:
        export = TableExport(table, "")
        sheet = workbook.create_sheet(title=_sheet_title(table.title, used))
        sheet.append(export.export_headings[key] for key in export.list_export)
        for item in table.rows:
            sheet.append(export.generate_xlsx_row(sheet, export.to_row_dict(item),
                                                  date_format=date_format))
    workbook.save(output)


def workbook_response(tables, about, filename, definitions=()):
    output = BytesIO()
    write_workbook(tables, about, output, definitions)
    output.seek(0)
    return FileResponse(output, as_attachment=True, content_type=XLSX_TYPE,
                        filename=f"{filename}.xlsx")
