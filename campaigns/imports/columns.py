"""The columns of an import file: a header's canonical name, headers that look like personal
data, and what the template and the upload page say about each column."""

import re
from dataclasses import dataclass

from .limits import PERSONAL_DATA_PARTS, PERSONAL_DATA_TERMS


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
class ImportColumn:
    """A column of an import file, as the template and the upload page describe it."""

    name: str
    required: bool
    description: str
    example: str
    value_required: bool = True
