"""The documentation's links lead somewhere: every relative link in README.md and docs/*.md
names a file of the repository, and a link to a heading (``page.md#heading``) names a heading
that page has (GitHub's anchor spelling)."""

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")


def _prose_lines(path):
    """The lines of a Markdown file outside fenced code blocks."""
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            inside = not inside
            continue
        if not inside:
            yield line


def _anchor(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = heading.strip().lower()
    text = "".join(
        char for char in text
        if char in " -_" or unicodedata.category(char)[0] in ("L", "N")
    )
    return text.replace(" ", "-")


def _anchors(path):
    found, seen = set(), {}
    for line in _prose_lines(path):
        match = HEADING.match(line)
        if match:
            anchor = _anchor(match.group(1))
            count = seen.get(anchor, 0)
            found.add(anchor if count == 0 else f"{anchor}-{count}")
            seen[anchor] = count + 1
    return found


def _relative_links():
    for document in DOCUMENTS:
        for line in _prose_lines(document):
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, mailto: …
                    continue
                yield document, target


LINKS = list(_relative_links())


def test_the_documents_exist_and_link_to_each_other():
    names = {path.name for path in DOCUMENTS}
    assert {"architecture.md", "public-contract.md", "reach-definitions.md",
            "privacy.md", "README.md"} <= names
    readme_targets = {target for document, target in LINKS if document == ROOT / "README.md"}
    assert "docs/README.md" in readme_targets


@pytest.mark.parametrize(
    "document, target", LINKS, ids=[f"{d.relative_to(ROOT)}->{t}" for d, t in LINKS]
)
def test_every_relative_link_leads_to_a_file_and_heading(document, target):
    file_part, _hash, anchor = target.partition("#")
    path = (document.parent / file_part).resolve() if file_part else document
    assert path.exists(), f"{document.relative_to(ROOT)} links to a missing {file_part}"
    if anchor and path.suffix == ".md":
        assert anchor in _anchors(path), (
            f"{document.relative_to(ROOT)} links to #{anchor}, which {path.name} lacks"
        )
