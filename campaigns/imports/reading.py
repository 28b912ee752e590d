"""Reading an uploaded file into numbered rows: CSV as UTF-8 (with or without BOM), else GBK;
XLSX with openpyxl (read-only, values not formulas, first sheet). Every row keeps the number the
marketer sees in their spreadsheet (the header is row 1), so each error names a row they can
find."""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import openpyxl
from django.utils.translation import gettext

from . import limits
from .columns import canonical_header
from .limits import ImportRefused, blank, file_extension, too_many_rows


@dataclass
class UploadedRows:
    """The non-blank rows of an uploaded file, each with its number in the file."""

    lines: list  # (row number in the file, [cell values]) of every non-blank row
    encoding: str = ""

    def split(self, column_names):
        """(header number, headers, rows above it, data rows). The header is the first row
        naming one of our columns (a title row above it is skipped), else the first row."""
        index = next(
            (i for i, (_number, values) in enumerate(self.lines[:10])
             if any(not blank(v) and canonical_header(v) in column_names for v in values)),
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
            if all(blank(cell) for cell in record):
                continue
            lines.append((number, record))
            if len(lines) > limits.MAX_ROWS + 1:
                too_many_rows()
    except csv.Error as error:
        raise ImportRefused(gettext("Row %(row)d of the file cannot be read as CSV: %(error)s")
                            % {"row": reader.line_num, "error": error}) from None
    return UploadedRows(lines, encoding)


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
            sheet.iter_rows(max_col=limits.MAX_COLUMNS, values_only=True), 1
        ):
            if all(blank(cell) for cell in values):
                continue
            lines.append((number, [_cell(cell) for cell in values]))
            if len(lines) > limits.MAX_ROWS + 1:
                too_many_rows()
    except XLSX_ERRORS:
        raise _unreadable_xlsx() from None
    finally:
        book.close()
    return UploadedRows(lines, "XLSX")


def read_table(data, filename):
    extension = file_extension(filename)
    if extension == "xlsx":
        return read_xlsx(data)
    return read_csv(data)
