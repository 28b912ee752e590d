"""The demo content in Simplified Chinese, for the translations ``load_demo_content`` makes.

The catalogue ``demo/data/zh_Hans.po`` maps each English source string, exactly as
wagtail-localize extracts it from the demo pages and terms (plain text, or HTML for rich-text
paragraphs), to its Chinese translation; ``ZH`` is that mapping. The loader imports it into
each object's wagtail-localize ``Translation`` with ``Translation.import_po`` (see
``translate``), as an editor uploads a PO file in the translation editor, and refuses to
translate anything the catalogue does not cover, listing the missing source strings. Names
follow the source report (消保记事本, 微课堂, 老年群体, 新市民, 小微企业); the words are plain
and the sentences short, for older readers.

Video transcripts and comic dialogue are not listed: ``dictionary()`` builds them from the
caption lines and the panels' captions, speakers and speech, so they never drift apart.
"""

from __future__ import annotations

import polib

from . import content
from .content import DATA

# Strings that stay as they are in every language (addresses, step ids, numbers): by the last
# part of their wagtail-localize context path.
VERBATIM_FIELDS = ("slug", "step_id", "next_step", "link", "contact_detail", "phone")

CATALOGUE = DATA / "zh_Hans.po"


def read_catalogue(path=CATALOGUE) -> dict[str, str]:
    """English source string → Chinese, from the PO file (entries without a msgstr are gaps)."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


ZH: dict[str, str] = read_catalogue()


def dictionary() -> dict[str, str]:
    """``ZH`` plus the video transcripts and comic dialogue built from it."""
    words = dict(ZH)
    for video in content.VIDEOS:
        for paragraph in video.script:
            if all(line in ZH for line in paragraph):
                words[" ".join(paragraph)] = "".join(ZH[line] for line in paragraph)
    for comic in content.COMICS:
        for panel in comic.panels:
            parts = [panel.caption, *(part for pair in panel.speech for part in pair)]
            if all(part in ZH for part in parts):
                words[panel.dialogue] = "\n".join(
                    [ZH[panel.caption], *(f"{ZH[who]}：{ZH[text]}" for who, text in panel.speech)]
                )
    return words


def cues(lesson: content.VideoLessonData) -> list[content.Cue]:
    """The video's caption cues in Chinese, with the English cues' timings."""
    missing = [text for _start, _end, text in lesson.cues if text not in ZH]
    if missing:
        raise KeyError(f"No Chinese for these caption lines of {lesson.slug}: {missing}")
    return [(start, end, ZH[text]) for start, end, text in lesson.cues]
