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

The package's API is what this module imports below (``__all__``); callers write
``from campaigns import imports`` and use ``imports.preview_file(…)``. Its modules, each
importing only the ones listed before it: ``limits`` (what is accepted, ImportRefused),
``columns``, ``reading`` (the file to numbered rows), ``widgets`` (a cell to a value),
``resources`` (the django-import-export resources), ``kinds`` (offline events, channel
figures), ``checks`` (the whole file), ``preview`` (preview and commit) and ``pending`` (the
file kept between preview and confirm).
"""

from .checks import check_extension, check_size, map_columns
from .columns import ImportColumn, canonical_header, looks_personal
from .kinds import CHANNEL_FIGURES, KINDS, OFFLINE_EVENTS, ImportKind, template_csv
from .limits import MAX_FILE_BYTES, MAX_ROWS, PENDING_DIR, SESSION_KEY, ImportRefused
from .pending import forget, keep_for_confirmation, pending_storage, sweep_stale_files, take_back
from .preview import Preview, PreviewRow, commit_file, preview_file
from .reading import read_table

__all__ = [
    "CHANNEL_FIGURES", "KINDS", "MAX_FILE_BYTES", "MAX_ROWS", "OFFLINE_EVENTS", "PENDING_DIR",
    "SESSION_KEY", "ImportColumn", "ImportKind", "ImportRefused", "Preview", "PreviewRow",
    "canonical_header", "check_extension", "check_size", "commit_file", "forget",
    "keep_for_confirmation", "looks_personal", "map_columns", "pending_storage", "preview_file",
    "read_table", "sweep_stale_files", "take_back", "template_csv",
]
