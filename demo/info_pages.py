"""The demo's information pages: About, Privacy and Contact (``demo/data/info_pages/``).

Each page is a title, an introduction and a body of plain blocks (``("h2" | "p" | "ul",
text or [items])``; in the file, one ``[[blocks]]`` table each). The English is the source;
the Chinese of every string, as wagtail-localize extracts them (one string per heading,
paragraph and list item), is in ``demo/data/zh_Hans.po`` with the rest of the demo's, so the
loader translates these pages the way it translates the lessons.

The Privacy page describes what the site really does (see campaigns/privacy.py,
campaigns/ingest.py, docs/privacy.md and docs/reach-definitions.md): change one, change both.
"""

from dataclasses import dataclass

from django.utils.html import escape

from .content import DATA, INFO_PAGES, read_toml


@dataclass(frozen=True)
class InfoPageData:
    slug: str
    title: str
    intro: str
    blocks: tuple
    seo_title: str = ""


def body_html(blocks) -> str:
    html = []
    for tag, value in blocks:
        if tag == "ul":
            html.append("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>")
        else:
            html.append(f"<{tag}>{escape(value)}</{tag}>")
    return "".join(html)


def read_page(slug: str) -> InfoPageData:
    data = read_toml(DATA / "info_pages" / f"{slug}.toml")
    blocks = []
    for block in data.pop("blocks"):
        ((tag, value),) = block.items()  # one tag per block: {"p": "..."}
        blocks.append((tag, tuple(value) if tag == "ul" else value))
    return InfoPageData(**data, blocks=tuple(blocks))


PAGES = tuple(read_page(slug) for slug in INFO_PAGES)
