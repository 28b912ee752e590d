"""Preview and commit: every row checked without saving anything (``preview_file``), then
imported all or nothing inside one transaction with its ImportBatch (``commit_file``)."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from ..models import Campaign, ImportBatch
from . import limits
from .checks import check_extension, check_not_imported, check_size, map_columns
from .limits import ImportRefused, blank, too_many_rows
from .reading import read_table


@dataclass
class Preview:
    kind: object  # the ImportKind (campaigns.imports.kinds)
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
    if len(rows) > limits.MAX_ROWS:
        too_many_rows()
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
            slugs = {str(slug).strip() for slug in dataset["campaign"] if not blank(slug)}
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
