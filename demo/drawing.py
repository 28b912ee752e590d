"""Flat-illustration drawings for the demo content: comic panels and lesson posters.

Drawn by hand with Pillow primitives rather than shipped as image files so that the demo
loader works offline, every picture can carry its own caption/dialogue (in any language the
font covers), and the output is byte-for-byte reproducible: there is no randomness, the draw
order is fixed and PNGs are written without timestamps.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import manimgx_fonts_cjk
from PIL import Image, ImageColor, ImageDraw, ImageFont

RGB = tuple[int, int, int]

# Noto Sans CJK (SIL Open Font License 1.1) as the pinned PyPI package ``manimgx-fonts-cjk``
# ships it: one variable-weight collection, so every machine that installs requirements-demo.txt
# draws Chinese, and no system font is needed.
CJK_FONT = Path(manimgx_fonts_cjk.__file__).with_name("NotoSansCJK-VF.otf.ttc")
_CJK_SC_INDEX = 2  # "Noto Sans CJK SC" inside the collection
REGULAR_WEIGHT, BOLD_WEIGHT = 400, 700

WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)
INK: RGB = (20, 23, 26)  # body text colour: ~17:1 on white
SOFT_INK: RGB = (61, 67, 73)  # secondary text: ~10:1 on white
PAPER: RGB = (251, 250, 247)
OUTLINE: RGB = (27, 27, 27)

MIN_TEXT_PX = 22
CLOSE_UP_ZOOM = 1.45  # how much closer a close-up panel frames the room
CLOSE_UP_PEOPLE = 1.2  # and how much larger the people are

ICONS = ("phone", "sms", "card", "shield", "chat", "email", "money", "house", "warning")
SCENES = ("phone", "kitchen", "bank", "street", "shop", "office", "call", "laptop", "room")


# --------------------------------------------------------------------------- fonts & text


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Noto Sans CJK SC at `size` px, regular or bold: Latin and Chinese alike."""
    fnt = ImageFont.truetype(str(CJK_FONT), size, index=_CJK_SC_INDEX)
    fnt.set_variation_by_axes([BOLD_WEIGHT if bold else REGULAR_WEIGHT])
    return fnt


# One token per CJK character (they may break anywhere), whole words otherwise.
_CJK = "\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"\s+|[{_CJK}]|[^\s{_CJK}]+")
_NO_LINE_START = set("，。、！？；：）》」』,.!?;:)]}%")


def wrap(text: str, fnt, max_width: float) -> list[str]:
    """Greedy word wrap that also breaks CJK text between characters."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for tok in _TOKEN.findall(para):
            if tok.isspace():
                line = line + " " if line else line
                continue
            if fnt.getlength(line + tok) <= max_width:
                line += tok
                continue
            if tok in _NO_LINE_START and line:
                line += tok  # keep closing punctuation on its line (slight overhang)
                continue
            if line.strip():
                lines.append(line.rstrip())
            while fnt.getlength(tok) > max_width and len(tok) > 1:  # over-long word
                cut = len(tok) - 1
                while cut > 1 and fnt.getlength(tok[:cut]) > max_width:
                    cut -= 1
                lines.append(tok[:cut])
                tok = tok[cut:]
            line = tok
        lines.append(line.rstrip())
    return lines


@dataclass
class TextBlock:
    font: object
    lines: list[str]
    line_h: int

    @property
    def height(self) -> int:
        return self.line_h * len(self.lines)

    @property
    def width(self) -> int:
        return max((round(self.font.getlength(ln)) for ln in self.lines), default=0)

    def draw(
        self,
        d: ImageDraw.ImageDraw,
        x: float,
        y: float,
        fill,
        align: str = "left",
        box_width: float = 0,
    ) -> None:
        for i, ln in enumerate(self.lines):
            cy = y + i * self.line_h + self.line_h / 2
            if align == "center":
                d.text((x + box_width / 2, cy), ln, font=self.font, fill=fill, anchor="mm")
            else:
                d.text((x, cy), ln, font=self.font, fill=fill, anchor="lm")

    def draw_bars(self, d: ImageDraw.ImageDraw, x: float, y: float, fill) -> None:
        """Grey bars where the lines would be: "someone speaks", in no language at all."""
        for i, ln in enumerate(self.lines):
            cy = y + i * self.line_h + self.line_h / 2
            half = max(3, self.line_h * 0.16)
            length = max(2 * half, self.font.getlength(ln))
            d.rounded_rectangle((x, cy - half, x + length, cy + half), radius=half, fill=fill)


def fit(
    text: str, max_width: float, max_height: float, sizes, bold: bool = False, spacing: float = 1.3
) -> TextBlock:
    """Largest size in `sizes` whose wrapped text fits the box (the smallest one otherwise)."""
    block = None
    for size in sizes:
        fnt = font(size, bold)
        block = TextBlock(fnt, wrap(text, fnt, max_width), round(size * spacing))
        if block.height <= max_height:
            return block
    return block


# --------------------------------------------------------------------------- colour


def rgb(color) -> RGB:
    if isinstance(color, tuple):
        return color[:3]
    return ImageColor.getrgb(color)[:3]


def mix(a, b, t: float) -> RGB:
    a, b = rgb(a), rgb(b)
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def luminance(color) -> float:
    def chan(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb(color)
    return 0.2126 * chan(r) + 0.7152 * chan(g) + 0.0722 * chan(b)


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(color, background, ratio: float = 4.5) -> RGB:
    """`color`, darkened just enough to reach `ratio` against `background` (WCAG)."""
    c = rgb(color)
    t = 0.0
    while contrast(c, background) < ratio and t < 1:
        t += 0.05
        c = mix(color, BLACK, t)
    return c


def text_on(background) -> RGB:
    """White or near-black, whichever reads better on `background`."""
    return WHITE if contrast(WHITE, background) >= contrast(INK, background) else INK


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------- icons


def draw_icon(
    d: ImageDraw.ImageDraw, icon: str, cx: float, cy: float, s: float, ink, paper=WHITE
) -> None:
    """A flat pictogram `s` px wide centred on (cx, cy): `ink` shapes, `paper` details."""
    ink, paper = rgb(ink), rgb(paper)
    soft = mix(ink, paper, 0.45)
    w = max(2, round(s * 0.06))

    def box(x0, y0, x1, y1):
        return (cx + x0 * s, cy + y0 * s, cx + x1 * s, cy + y1 * s)

    def pts(*xy):
        return [(cx + x * s, cy + y * s) for x, y in xy]

    if icon == "phone":
        d.rounded_rectangle(box(-0.27, -0.47, 0.27, 0.47), radius=s * 0.09, fill=ink)
        d.rounded_rectangle(box(-0.22, -0.36, 0.22, 0.34), radius=s * 0.03, fill=paper)
        d.rounded_rectangle(box(-0.07, -0.43, 0.07, -0.40), radius=s * 0.02, fill=paper)
        d.ellipse(box(-0.035, 0.375, 0.035, 0.445), fill=paper)
        d.rounded_rectangle(box(-0.16, -0.27, 0.10, -0.12), radius=s * 0.04, fill=soft)
        d.rounded_rectangle(box(-0.06, -0.06, 0.16, 0.07), radius=s * 0.04, fill=ink)
        d.rounded_rectangle(box(-0.16, 0.13, 0.06, 0.25), radius=s * 0.04, fill=soft)
    elif icon == "sms":
        d.polygon(pts((-0.30, 0.15), (-0.36, 0.42), (-0.05, 0.18)), fill=ink)
        d.rounded_rectangle(box(-0.46, -0.36, 0.46, 0.24), radius=s * 0.14, fill=ink)
        for x in (-0.22, 0.0, 0.22):
            d.ellipse(box(x - 0.065, -0.125, x + 0.065, 0.005), fill=paper)
    elif icon == "card":
        d.rounded_rectangle(box(-0.48, -0.31, 0.48, 0.31), radius=s * 0.06, fill=ink)
        d.rectangle(box(-0.48, -0.20, 0.48, -0.08), fill=soft)
        d.rounded_rectangle(box(-0.36, 0.0, -0.16, 0.15), radius=s * 0.03, fill=paper)
        for i in range(3):
            x = -0.06 + i * 0.16
            d.rounded_rectangle(box(x, 0.17, x + 0.12, 0.22), radius=s * 0.02, fill=paper)
    elif icon == "shield":
        d.polygon(
            pts(
                (0, -0.48),
                (0.40, -0.33),
                (0.37, 0.08),
                (0.22, 0.32),
                (0, 0.48),
                (-0.22, 0.32),
                (-0.37, 0.08),
                (-0.40, -0.33),
            ),
            fill=ink,
        )
        d.line(
            pts((-0.19, 0.0), (-0.04, 0.15), (0.21, -0.15)),
            fill=paper,
            width=round(s * 0.09),
            joint="curve",
        )
    elif icon == "chat":
        d.polygon(pts((0.25, 0.05), (0.38, 0.32), (0.08, 0.10)), fill=soft)
        d.rounded_rectangle(box(-0.12, -0.36, 0.48, 0.10), radius=s * 0.11, fill=soft)
        d.polygon(pts((-0.30, 0.22), (-0.40, 0.46), (-0.10, 0.26)), fill=ink)
        d.rounded_rectangle(box(-0.48, -0.15, 0.18, 0.30), radius=s * 0.11, fill=ink)
        for x in (-0.31, -0.15, 0.01):
            d.ellipse(box(x - 0.05, 0.025, x + 0.05, 0.125), fill=paper)
    elif icon == "email":
        d.rounded_rectangle(box(-0.46, -0.31, 0.46, 0.31), radius=s * 0.05, fill=ink)
        d.line(pts((-0.40, -0.24), (0, 0.06), (0.40, -0.24)), fill=paper, width=w, joint="curve")
        d.line(pts((-0.40, 0.25), (-0.12, 0.0)), fill=soft, width=w)
        d.line(pts((0.40, 0.25), (0.12, 0.0)), fill=soft, width=w)
    elif icon == "money":
        d.rounded_rectangle(box(-0.48, -0.34, 0.30, 0.12), radius=s * 0.04, fill=soft)
        d.rounded_rectangle(box(-0.40, -0.26, 0.38, 0.20), radius=s * 0.04, fill=ink)
        d.ellipse(box(-0.12, -0.15, 0.10, 0.09), fill=paper)
        d.ellipse(box(-0.06, -0.09, 0.04, 0.03), fill=ink)
        for i in range(3):
            y = 0.34 - i * 0.09
            d.ellipse(
                box(0.06, y - 0.06, 0.48, y + 0.08), fill=ink, outline=paper, width=max(1, w // 2)
            )
    elif icon == "house":
        d.polygon(pts((0, -0.46), (0.48, -0.02), (-0.48, -0.02)), fill=ink)
        d.rectangle(box(0.20, -0.40, 0.32, -0.14), fill=ink)
        d.rectangle(box(-0.36, -0.06, 0.36, 0.44), fill=ink)
        d.rounded_rectangle(box(-0.10, 0.12, 0.10, 0.44), radius=s * 0.03, fill=paper)
        d.rectangle(box(-0.29, 0.04, -0.16, 0.17), fill=paper)
        d.rectangle(box(0.16, 0.04, 0.29, 0.17), fill=paper)
    else:  # "warning", also the fallback
        d.polygon(pts((0, -0.46), (0.50, 0.40), (-0.50, 0.40)), fill=ink)
        d.line(
            pts((0, -0.46), (0.50, 0.40), (-0.50, 0.40), (0, -0.46)),
            fill=ink,
            width=round(s * 0.08),
            joint="curve",
        )
        d.rounded_rectangle(box(-0.05, -0.20, 0.05, 0.14), radius=s * 0.04, fill=paper)
        d.ellipse(box(-0.055, 0.20, 0.055, 0.31), fill=paper)


# --------------------------------------------------------------------------- posters


def poster_png(
    title: str, subtitle: str, accent: str, icon: str, size=(1200, 675), words: bool = True
) -> bytes:
    """A 16:9 lesson poster: accent band with a pictogram, bold title and subtitle.

    ``words=False`` draws the same poster with no text at all (a pictogram on the accent
    colour), for a lesson shown in several languages: the card's title is real text anyway.
    """
    W, H = size
    acc = rgb(accent)
    img = Image.new("RGB", size, acc)
    d = ImageDraw.Draw(img)
    if not words:
        d.ellipse((-0.12 * W, -0.35 * H, 0.32 * W, 0.5 * H), fill=mix(acc, WHITE, 0.16))
        d.ellipse((0.7 * W, 0.55 * H, 1.15 * W, 1.4 * H), fill=mix(acc, BLACK, 0.12))
        d.ellipse((0.78 * W, -0.2 * H, 0.98 * W, 0.2 * H), fill=mix(acc, WHITE, 0.08))
        R = H * 0.3
        cx, cy = W / 2, H / 2
        d.ellipse((cx - R, cy - R, cx + R, cy + R), fill=WHITE)
        draw_icon(d, icon, cx, cy, R * 1.2, readable(acc, WHITE, 3.0), WHITE)
        return _png(img)
    band = round(W * 0.36)
    # decorative discs in the band, then the paper panel on top of their overspill
    d.ellipse((-0.35 * band, -0.30 * H, 0.55 * band, 0.42 * H), fill=mix(acc, WHITE, 0.16))
    d.ellipse((0.50 * band, 0.68 * H, 1.25 * band, 1.30 * H), fill=mix(acc, BLACK, 0.12))
    d.rectangle((band, 0, W, H), fill=PAPER)
    d.rectangle((band, 0, band + max(4, W // 150), H), fill=mix(acc, BLACK, 0.25))
    R = min(band, H) * 0.31
    cx, cy = band / 2, H / 2
    d.ellipse((cx - R, cy - R, cx + R, cy + R), fill=WHITE)
    draw_icon(d, icon, cx, cy, R * 1.2, readable(acc, WHITE, 3.0), WHITE)

    pad = round(W * 0.055)
    x0 = band + pad
    max_w = W - x0 - pad
    k = H / 675
    title_block = fit(
        title, max_w, H * 0.50, [round(s * k) for s in range(80, 39, -4)], bold=True, spacing=1.18
    )
    sub_block = fit(
        subtitle, max_w, H * 0.24, [max(MIN_TEXT_PX, round(s * k)) for s in (38, 34, 30, 27, 24)]
    )
    rule_h, gap = max(6, round(8 * k)), round(26 * k)
    total = title_block.height + gap + rule_h + gap + sub_block.height
    y = max(pad * 0.6, (H - total) / 2 - H * 0.03)
    title_block.draw(d, x0, y, INK)
    y += title_block.height + gap
    d.rounded_rectangle(
        (x0, y, x0 + 120 * k, y + rule_h), radius=rule_h / 2, fill=readable(acc, PAPER, 3.0)
    )
    y += rule_h + gap
    sub_block.draw(d, x0, y, SOFT_INK)

    brand = font(max(MIN_TEXT_PX, round(26 * k)), bold=True)
    by = H - pad * 0.9
    s = brand.size * 1.1
    draw_icon(d, "shield", x0 + s / 2, by, s, readable(acc, PAPER, 3.0), PAPER)
    d.text((x0 + s * 1.25, by), "ScamSense", font=brand, fill=SOFT_INK, anchor="lm")
    return _png(img)


# --------------------------------------------------------------------------- scenes


class _Canvas:
    """Draw in an 800x600 design space, scaled to the real panel size."""

    def __init__(self, d: ImageDraw.ImageDraw, W: int, H: int):
        self.d, self.sx, self.sy = d, W / 800, H / 600

    def _b(self, xy):
        return [v * (self.sx if i % 2 == 0 else self.sy) for i, v in enumerate(xy)]

    def rect(self, box, fill):
        self.d.rectangle(self._b(box), fill=rgb(fill))

    def rrect(self, box, r, fill, outline=None, width=1):
        self.d.rounded_rectangle(
            self._b(box),
            radius=r * min(self.sx, self.sy),
            fill=rgb(fill),
            outline=outline,
            width=width,
        )

    def ellipse(self, box, fill, outline=None, width=1):
        self.d.ellipse(self._b(box), fill=fill and rgb(fill), outline=outline, width=width)

    def poly(self, pts, fill):
        self.d.polygon([(x * self.sx, y * self.sy) for x, y in pts], fill=rgb(fill))

    def line(self, pts, fill, width):
        self.d.line(
            [(x * self.sx, y * self.sy) for x, y in pts],
            fill=rgb(fill),
            width=max(1, round(width * min(self.sx, self.sy))),
        )


def _floor(c: _Canvas, y: float, color, plank=None) -> None:
    c.rect((0, y, 800, 600), color)
    c.rect((0, y - 8, 800, y + 4), mix(color, WHITE, 0.35))
    if plank:
        for i in range(1, 4):
            c.line([(0, y + i * 45), (800, y + i * 45)], plank, 2)


def _window(c: _Canvas, x0, y0, x1, y1, curtain=None) -> None:
    c.rrect((x0, y0, x1, y1), 6, "#ffffff")
    c.rect((x0 + 12, y0 + 12, x1 - 12, y1 - 12), "#bfe3f5")
    c.ellipse((x0 + 30, y1 - 70, x0 + 110, y1 - 30), "#e3f4fb")
    c.ellipse((x0 + 70, y1 - 90, x0 + 150, y1 - 40), "#e3f4fb")
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    c.line([(mx, y0 + 12), (mx, y1 - 12)], "#ffffff", 8)
    c.line([(x0 + 12, my), (x1 - 12, my)], "#ffffff", 8)
    if curtain:
        c.line([(x0 - 30, y0 - 12), (x1 + 30, y0 - 12)], "#8d6e63", 6)
        c.rrect((x0 - 28, y0 - 12, x0 + 18, y1 + 30), 14, curtain)
        c.rrect((x1 - 18, y0 - 12, x1 + 28, y1 + 30), 14, curtain)


def _picture(c: _Canvas, x0, y0, x1, y1) -> None:
    c.rrect((x0, y0, x1, y1), 4, "#8d6e63")
    c.rect((x0 + 8, y0 + 8, x1 - 8, y1 - 8), "#fdf0d5")
    c.ellipse((x1 - 50, y0 + 18, x1 - 24, y0 + 44), "#f4a261")
    c.poly(
        [
            (x0 + 8, y1 - 8),
            (x0 + 60, y0 + 40),
            (x0 + 100, y1 - 30),
            (x0 + 125, y0 + 55),
            (x1 - 8, y1 - 8),
        ],
        "#81b29a",
    )


def _plant(c: _Canvas, x, floor_y) -> None:
    for dx, dy, w, h in ((-34, -110, 40, 80), (-4, -130, 40, 90), (-22, -150, 44, 70)):
        c.ellipse((x + dx, floor_y + dy, x + dx + w, floor_y + dy + h), "#5a9e6f")
    c.ellipse((x - 10, floor_y - 120, x + 26, floor_y - 60), "#76b78a")
    c.poly(
        [(x - 30, floor_y - 60), (x + 30, floor_y - 60), (x + 22, floor_y), (x - 22, floor_y)],
        "#c9835b",
    )


def _sofa(c: _Canvas, color) -> None:
    dark = mix(color, BLACK, 0.15)
    c.rrect((70, 300, 730, 420), 30, color)
    c.rrect((50, 370, 750, 450), 24, dark)
    c.rrect((40, 340, 110, 450), 26, mix(color, WHITE, 0.1))
    c.rrect((690, 340, 760, 450), 26, mix(color, WHITE, 0.1))
    c.rrect((160, 320, 300, 390), 20, mix(color, WHITE, 0.25))


def _room(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#f4ebe1")
    _floor(c, 440, "#d9b99b", "#c9a585")
    _window(c, 80, 80, 260, 260, curtain=mix(accent, WHITE, 0.65))
    _picture(c, 530, 100, 690, 210)
    _plant(c, 730, 440)


def _phone_bg(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#e6f0ec")
    _floor(c, 450, "#c9ad8f", "#b89b7d")
    _picture(c, 90, 90, 250, 200)
    _picture(c, 290, 120, 380, 200)
    c.line([(730, 120), (730, 450)], "#5c5470", 6)
    c.poly([(690, 70), (770, 70), (790, 130), (670, 130)], "#f6bd60")
    _sofa(c, "#7fa7c4")


def _call_bg(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#f7e8e3")
    _floor(c, 450, "#b7a08a", "#a58f79")
    _window(c, 60, 70, 230, 240, curtain=mix(accent, WHITE, 0.6))
    c.line([(330, 100), (330, 450)], "#5c5470", 6)
    c.poly([(290, 60), (370, 60), (390, 115), (270, 115)], "#f6bd60")
    _sofa(c, "#b5838d")


def _kitchen(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#fbf3e4")
    c.rect((0, 190, 800, 330), "#d7ece6")
    for x in range(0, 801, 40):
        c.line([(x, 190), (x, 330)], "#bfdcd3", 2)
    for y in range(190, 331, 35):
        c.line([(0, y), (800, y)], "#bfdcd3", 2)
    for x0, x1 in ((20, 320), (480, 780)):
        c.rrect((x0, 30, x1, 170), 8, "#8fbc9f")
        mid = (x0 + x1) / 2
        c.line([(mid, 38), (mid, 162)], "#79a88a", 4)
        c.rrect((mid - 24, 120, mid - 14, 150), 4, "#f1faee")
        c.rrect((mid + 14, 120, mid + 24, 150), 4, "#f1faee")
    _window(c, 345, 40, 455, 170)
    c.rrect((0, 318, 800, 342), 4, "#5c5470")
    c.rect((0, 342, 800, 600), "#e0b57f")
    for x in range(0, 801, 200):
        c.rrect((x + 12, 360, x + 188, 590), 8, "#e9c391")
        c.rrect((x + 80, 372, x + 120, 382), 4, "#8d6e63")
    c.ellipse((365, 262, 435, 322), "#e63946")
    c.rrect((387, 250, 413, 266), 4, "#5c5470")
    c.line([(433, 282), (455, 268)], "#e63946", 8)
    c.rrect((260, 278, 340, 320), 8, "#6c757d")
    c.line([(246, 290), (260, 290)], "#6c757d", 6)
    c.line([(340, 290), (354, 290)], "#6c757d", 6)
    c.rrect((480, 270, 540, 320), 6, "#f1faee")
    c.rect((480, 270, 540, 282), "#a8dadc")


def _bank(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#e8eef6")
    c.rect((0, 450, 800, 600), "#cfd8e3")
    for x in range(-600, 801, 80):
        c.line([(x, 600), (x + 150, 450)], "#bcc7d4", 2)
        c.line([(x + 150, 600), (x, 450)], "#bcc7d4", 2)
    for x0 in (20, 720):
        c.rect((x0, 40, x0 + 60, 450), "#f7f9fc")
        c.rect((x0 - 8, 30, x0 + 68, 52), "#dfe6ef")
        for k in (15, 30, 45):
            c.line([(x0 + k, 56), (x0 + k, 446)], "#dfe6ef", 3)
    c.rect((130, 170, 670, 320), "#d3e4f2")
    for x in (130, 310, 490, 670):
        c.line([(x, 170), (x, 320)], "#9db4c8", 6)
    c.line([(130, 170), (670, 170)], "#9db4c8", 6)
    c.line([(170, 200), (220, 250)], "#eef5fb", 6)
    c.line([(530, 200), (580, 250)], "#eef5fb", 6)
    c.rrect((110, 316, 690, 338), 4, "#a8c5da")
    c.rect((120, 338, 680, 450), "#3d5a80")
    for x in (300, 490):
        c.line([(x, 338), (x, 450)], "#33506f", 4)
    c.poly([(395, 352), (445, 374), (345, 374)], "#f1c453")  # bank emblem
    for x in (355, 377, 399, 421):
        c.rect((x + 2, 378, x + 14, 410), "#f1c453")
    c.rect((345, 414, 445, 422), "#f1c453")


def _street(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#cfe8f7")
    c.ellipse((650, 40, 730, 120), "#ffd166")
    c.ellipse((90, 50, 190, 95), "#ffffff")
    c.ellipse((140, 35, 230, 90), "#ffffff")
    buildings = (
        (0, 150, 230, "#a3c4f3"),
        (140, 130, 300, "#cfbaf0"),
        (260, 120, 200, "#fde4cf"),
        (370, 160, 280, "#90dbf4"),
        (520, 120, 220, "#f1c0e8"),
        (630, 170, 260, "#b9e4c9"),
    )
    for x, w, h, col in buildings:
        top = 380 - h
        c.rect((x, top, x + w, 380), col)
        c.rect((x, top, x + w, top + 10), mix(col, BLACK, 0.12))
        for row, y in enumerate(range(top + 28, 360, 46)):
            for col_i, wx in enumerate(range(x + 18, x + w - 30, 38)):
                lit = (row * 3 + col_i * 5 + x) % 4 == 0
                c.rect((wx, y, wx + 22, y + 26), "#fff3b0" if lit else "#f4f8fb")
    c.rect((0, 380, 800, 470), "#e2ddd0")
    for x in range(0, 801, 80):
        c.line([(x, 380), (x - 20, 470)], "#d2ccbd", 2)
    c.rect((0, 466, 800, 478), "#b8b2a3")
    c.rect((0, 478, 800, 600), "#5f6670")
    for x in range(20, 800, 140):
        c.rect((x, 535, x + 70, 545), "#f1f1f1")
    c.line([(470, 160), (470, 420)], "#4a4e69", 8)
    c.rrect((450, 150, 510, 168), 6, "#4a4e69")
    c.ellipse((488, 160, 512, 182), "#ffe08a")
    c.rect((744, 320, 758, 420), "#8d6e63")
    c.ellipse((700, 220, 800, 340), "#5a9e6f")


def _shop(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#fff3e8")
    stripes = ("#e76f51", "#fff3e8")
    for i, x in enumerate(range(0, 800, 50)):
        c.rect((x, 0, x + 50, 42), stripes[i % 2])
    c.rect((30, 70, 520, 440), "#f3dcc6")
    products = ("#e63946", "#2a9d8f", "#f4a261", "#457b9d", "#e9c46a", "#8ecae6", "#b5838d")
    for r, y in enumerate((160, 260, 360)):
        c.rect((30, y, 520, y + 12), "#b08968")
        x, i = 44, 0
        while x < 500:
            w = 26 + ((r * 5 + i * 3) % 4) * 6
            h = 46 + ((r + i * 7) % 3) * 14
            c.rrect((x, y - h, min(x + w, 506), y), 4, products[(r * 3 + i) % len(products)])
            x += w + 8
            i += 1
    c.rect((0, 440, 800, 600), "#eadfd3")
    for x in range(0, 800, 80):
        for y in range(440, 600, 80):
            if (x // 80 + y // 80) % 2 == 0:
                c.rect((x, y, x + 80, y + 80), "#f6efe7")
    c.rrect((560, 300, 790, 470), 6, "#6d597a")
    c.rrect((550, 290, 800, 308), 4, "#8b7a99")
    c.rrect((610, 220, 740, 292), 8, "#adb5bd")
    c.rect((626, 232, 724, 262), mix(accent, WHITE, 0.55))


def _office(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#edf2f4")
    c.rrect((420, 50, 770, 290), 6, "#ffffff")
    c.rect((434, 64, 756, 276), "#d6ecfa")
    for x, w, h in ((434, 60, 120), (500, 50, 170), (556, 70, 100), (632, 46, 150), (684, 72, 130)):
        c.rect((x, 276 - h, x + w, 276), "#9fb7c9")
    c.line([(595, 64), (595, 276)], "#ffffff", 8)
    c.ellipse((280, 120, 350, 190), "#ffffff", outline=rgb("#5c5470"), width=5)
    c.line([(315, 155), (315, 132)], "#5c5470", 4)
    c.line([(315, 155), (333, 162)], "#5c5470", 4)
    c.rect((30, 180, 200, 440), "#b5835a")
    books = ("#e63946", "#457b9d", "#e9c46a", "#2a9d8f", "#f4a261")
    for r, y in enumerate((250, 330, 410)):
        c.rect((30, y, 200, y + 8), "#8d6e63")
        for i in range(6):
            c.rect((42 + i * 25, y - 54 + (i % 2) * 8, 62 + i * 25, y), books[(i + r) % 5])
    _floor(c, 440, "#cbd5e1")
    c.rect((250, 350, 800, 372), "#8d6e63")
    c.rrect((560, 250, 700, 338), 6, "#3d405b")
    c.rect((570, 260, 690, 328), mix(accent, WHITE, 0.5))
    c.rect((620, 338, 640, 350), "#3d405b")
    _plant(c, 740, 350)


def _laptop_bg(c: _Canvas, accent) -> None:
    c.rect((0, 0, 800, 600), "#ece8f8")
    c.rect((50, 130, 330, 142), "#8d6e63")
    books = ("#e76f51", "#2a9d8f", "#e9c46a", "#457b9d", "#b5838d", "#6d597a")
    for i in range(8):
        h = 56 + (i * 7) % 18
        c.rect((64 + i * 28, 130 - h, 86 + i * 28, 130), books[i % len(books)])
    _window(c, 520, 70, 730, 260, curtain=mix(accent, WHITE, 0.6))
    _floor(c, 450, "#c9ad8f")


_BACKGROUNDS = {
    "phone": _phone_bg,
    "call": _call_bg,
    "kitchen": _kitchen,
    "bank": _bank,
    "street": _street,
    "shop": _shop,
    "office": _office,
    "laptop": _laptop_bg,
    "room": _room,
}


# --------------------------------------------------------------------------- characters


@dataclass(frozen=True)
class _Look:
    skin: str
    hair: str
    style: str  # "bun" | "short" | "long"
    shirt: str
    glasses: bool = False


_SENIOR_WOMAN = _Look("#f2c9a0", "#b9b9b9", "bun", "#2a9d8f", glasses=True)
_SENIOR_MAN = _Look("#e8b98e", "#a9a9a9", "sides", "#6d597a", glasses=True)
_LOOKS = (
    _Look("#c68642", "#2b2118", "long", "#e76f51"),
    _Look("#f1c27d", "#4a3728", "short", "#457b9d"),
    _Look("#8d5524", "#1b1b1b", "bob", "#e9c46a"),
    _Look("#ffdbac", "#7b4a2a", "short", "#2a9d8f"),
)
_SENIOR_WOMAN_WORDS = re.compile(
    r"\b(grandma|granny|grandmother|mrs|aunt(ie)?|nan)\b|"
    r"奶奶|外婆|姥姥|阿姨|大妈|婆婆",
    re.I,
)
_SENIOR_MAN_WORDS = re.compile(
    r"\b(grandpa|grandad|grandfather|uncle)\b|爷爷|外公|姥爷|大爷|"
    r"叔",
    re.I,
)


def _looks_for(names: list[str]) -> list[_Look]:
    """A stable look per speaker name; seniors by name, others by a checksum of the name."""
    looks: list[_Look] = []
    for name in names:
        if _SENIOR_WOMAN_WORDS.search(name):
            look = _SENIOR_WOMAN
        elif _SENIOR_MAN_WORDS.search(name):
            look = _SENIOR_MAN
        else:
            look = _LOOKS[zlib.crc32(name.encode()) % len(_LOOKS)]
        while look in looks:  # two people in one panel never look alike
            look = _LOOKS[(_LOOKS.index(look) + 1) % len(_LOOKS)] if look in _LOOKS else _LOOKS[0]
        looks.append(look)
    return looks


_REMOTE_LOOK = _Look("#e0ac69", "#3b2a20", "short", "#3d405b")


def _person(
    d: ImageDraw.ImageDraw, cx, cy, r, look: _Look, facing=1, pose="idle", bottom=0
) -> tuple[float, float]:
    """Head-and-shoulders figure; returns the point speech from a held device comes from."""
    skin, hair, shirt = rgb(look.skin), rgb(look.hair), rgb(look.shirt)
    dark = mix(shirt, BLACK, 0.22)
    f = facing
    sh = cy + 0.95 * r
    bottom = max(bottom, sh + 2 * r)
    if look.style == "long":
        d.rounded_rectangle(
            (cx - 1.12 * r, cy - 0.9 * r, cx + 1.12 * r, cy + 1.55 * r), radius=r * 0.8, fill=hair
        )
    elif look.style == "bob":
        d.rounded_rectangle(
            (cx - 1.16 * r, cy - 0.9 * r, cx + 1.16 * r, cy + 0.62 * r), radius=r * 0.45, fill=hair
        )
    d.rounded_rectangle((cx - 1.4 * r, sh, cx + 1.4 * r, bottom + r), radius=r * 0.85, fill=shirt)
    d.rectangle(
        (cx - 0.3 * r, cy + 0.5 * r, cx + 0.3 * r, sh + 0.15 * r), fill=mix(skin, BLACK, 0.1)
    )
    d.polygon([(cx - 0.42 * r, sh), (cx + 0.42 * r, sh), (cx, sh + 0.55 * r)], fill=skin)
    for side in (-1, 1):  # ears
        d.ellipse(
            (
                cx + side * 0.95 * r - 0.16 * r,
                cy - 0.05 * r,
                cx + side * 0.95 * r + 0.16 * r,
                cy + 0.3 * r,
            ),
            fill=skin,
        )
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=skin)
    if look.style == "bun":
        d.ellipse((cx - 0.38 * r, cy - 1.42 * r, cx + 0.38 * r, cy - 0.7 * r), fill=hair)
        d.chord((cx - 1.04 * r, cy - 1.06 * r, cx + 1.04 * r, cy + 0.75 * r), 180, 360, fill=hair)
    elif look.style == "sides":
        for side in (-1, 1):
            d.ellipse(
                (
                    cx + side * 0.78 * r - 0.3 * r,
                    cy - 0.55 * r,
                    cx + side * 0.78 * r + 0.3 * r,
                    cy + 0.15 * r,
                ),
                fill=hair,
            )
        d.arc(
            (cx - 0.5 * r, cy - 0.85 * r, cx + 0.5 * r, cy - 0.2 * r),
            200,
            340,
            fill=mix(skin, BLACK, 0.15),
            width=max(2, round(r * 0.05)),
        )
    elif look.style == "bob":
        d.chord((cx - 1.07 * r, cy - 1.1 * r, cx + 1.07 * r, cy + 0.45 * r), 180, 360, fill=hair)
    elif look.style == "long":
        d.chord((cx - 1.06 * r, cy - 1.08 * r, cx + 1.06 * r, cy + 0.6 * r), 175, 365, fill=hair)
        d.pieslice(
            (cx - 0.2 * r - f * 0.6 * r, cy - 1.0 * r, cx + 1.0 * r - f * 0.6 * r, cy + 0.1 * r),
            180,
            300,
            fill=hair,
        )
    else:
        d.chord((cx - 1.05 * r, cy - 1.1 * r, cx + 1.05 * r, cy + 0.5 * r), 170, 370, fill=hair)
    ex = cx + f * 0.12 * r
    ey = cy + 0.08 * r
    for side in (-1, 1):
        x = ex + side * 0.34 * r
        d.ellipse((x - 0.09 * r, ey - 0.11 * r, x + 0.09 * r, ey + 0.11 * r), fill=INK)
        bx = x + side * 0.12 * r
        d.ellipse(
            (bx - 0.15 * r, ey + 0.2 * r, bx + 0.15 * r, ey + 0.36 * r),
            fill=mix(skin, "#ff7b7b", 0.3),
        )
    d.arc(
        (ex - 0.3 * r, ey + 0.05 * r, ex + 0.3 * r, ey + 0.5 * r),
        25,
        155,
        fill=INK,
        width=max(2, round(r * 0.08)),
    )
    if look.glasses:
        lw = max(2, round(r * 0.06))
        for side in (-1, 1):
            x = ex + side * 0.34 * r
            d.ellipse(
                (x - 0.24 * r, ey - 0.22 * r, x + 0.24 * r, ey + 0.22 * r), outline=INK, width=lw
            )
        d.line([(ex - 0.1 * r, ey - 0.04 * r), (ex + 0.1 * r, ey - 0.04 * r)], fill=INK, width=lw)

    arm_w = round(r * 0.42)
    if pose == "phone_front":
        hand = (cx + f * 0.95 * r, sh + 1.05 * r)
        d.line(
            [(cx + f * 1.05 * r, sh + 0.4 * r), (cx + f * 1.45 * r, sh + 1.5 * r), hand],
            fill=dark,
            width=arm_w,
            joint="curve",
        )
        px, py = cx + f * 1.0 * r, sh + 0.55 * r
        d.rounded_rectangle(
            (px - 0.3 * r, py - 0.52 * r, px + 0.3 * r, py + 0.52 * r),
            radius=r * 0.1,
            fill="#263238",
        )
        d.rounded_rectangle(
            (px - 0.23 * r, py - 0.42 * r, px + 0.23 * r, py + 0.4 * r),
            radius=r * 0.04,
            fill="#cfe8ff",
        )
        d.rounded_rectangle(
            (px - 0.17 * r, py - 0.3 * r, px + 0.12 * r, py - 0.1 * r),
            radius=r * 0.05,
            fill="#6fcf97",
        )
        d.ellipse(
            (hand[0] - 0.24 * r, hand[1] - 0.2 * r, hand[0] + 0.24 * r, hand[1] + 0.24 * r),
            fill=skin,
        )
        return px, py - 0.5 * r
    if pose == "phone_ear":
        hand = (cx + f * 1.02 * r, cy + 0.45 * r)
        d.line(
            [(cx + f * 1.1 * r, sh + 0.45 * r), (cx + f * 1.75 * r, sh + 0.7 * r), hand],
            fill=dark,
            width=arm_w,
            joint="curve",
        )
        px, py = cx + f * 1.0 * r, cy + 0.05 * r
        d.rounded_rectangle(
            (px - 0.17 * r, py - 0.45 * r, px + 0.17 * r, py + 0.45 * r),
            radius=r * 0.08,
            fill="#263238",
        )
        d.ellipse(
            (hand[0] - 0.24 * r, hand[1] - 0.2 * r, hand[0] + 0.24 * r, hand[1] + 0.24 * r),
            fill=skin,
        )
        return px, py - 0.45 * r
    if pose == "headset":
        lw = max(3, round(r * 0.12))
        d.arc(
            (cx - 1.12 * r, cy - 1.18 * r, cx + 1.12 * r, cy + 0.9 * r),
            190,
            350,
            fill="#263238",
            width=lw,
        )
        for side in (-1, 1):
            x = cx + side * 1.02 * r
            d.rounded_rectangle(
                (x - 0.17 * r, cy - 0.2 * r, x + 0.17 * r, cy + 0.35 * r),
                radius=r * 0.1,
                fill="#263238",
            )
        mic = (cx - f * 0.35 * r, cy + 0.62 * r)
        d.line([(cx - f * 1.0 * r, cy + 0.3 * r), mic], fill="#263238", width=lw)
        d.ellipse(
            (mic[0] - 0.1 * r, mic[1] - 0.1 * r, mic[0] + 0.1 * r, mic[1] + 0.1 * r), fill="#263238"
        )
    for side in (-1, 1):  # arms at rest: a sleeve seam
        x = cx + side * 0.95 * r
        d.line([(x, sh + 0.7 * r), (x, bottom + r)], fill=dark, width=max(2, round(r * 0.06)))
    return cx, cy - r


def _laptop(d: ImageDraw.ImageDraw, x, desk_y, r, accent) -> tuple[float, float]:
    """A laptop seen from behind its lid, with the screen's glow around the edge."""
    h = 1.65 * r
    d.rounded_rectangle(
        (x - 1.55 * r, desk_y - h - 0.08 * r, x + 1.55 * r, desk_y), radius=r * 0.14, fill="#dff3ff"
    )
    d.rounded_rectangle(
        (x - 1.45 * r, desk_y - h, x + 1.45 * r, desk_y), radius=r * 0.12, fill="#b0bec5"
    )
    d.ellipse(
        (x - 0.2 * r, desk_y - 1.0 * r, x + 0.2 * r, desk_y - 0.6 * r), fill=mix(accent, WHITE, 0.3)
    )
    d.rounded_rectangle(
        (x - 1.75 * r, desk_y - 0.08 * r, x + 1.75 * r, desk_y + 0.14 * r),
        radius=r * 0.06,
        fill="#78909c",
    )
    return x, desk_y - h


# --------------------------------------------------------------------------- comic panel

_DEVICE = re.compile(
    r"\b(sms|texts?|messages?|e-?mail|pop-?up|app|website|notification|"
    r"link)\b|短信|邮件|弹窗|网页|链接|通知|消息",
    re.I,
)
_REMOTE = re.compile(
    r"\b(caller|scammer|fraudster|bank|police|officer|agent|support|"
    r"customer service|unknown|voice)\b|来电|骗子|客服|警|银行|陌生",
    re.I,
)


def _cast(scene: str, speech) -> dict[str, tuple[str, int]]:
    """Who each speaker is in the picture: a person, the held device, the remote caller."""
    roles: dict[str, tuple[str, int]] = {}
    persons = 0
    for who, _ in speech:
        if who in roles:
            continue
        has_remote = any(kind == "remote" for kind, _ in roles.values())
        if scene in ("phone", "laptop") and _DEVICE.search(who):
            roles[who] = ("device", 0)
        elif scene == "call" and not has_remote and (_REMOTE.search(who) or persons):
            roles[who] = ("remote", 0)
        elif persons < (1 if scene == "call" else 2):
            roles[who] = ("person", persons)
            persons += 1
        else:
            roles[who] = ("voice", 0)
    return roles


def _bubble_tail(d, base_x, base_y, tip, fill, lw) -> None:
    d.polygon(
        [(base_x - 15, base_y - 2), (base_x + 15, base_y - 2), tip],
        fill=fill,
        outline=OUTLINE,
        width=lw,
    )


def comic_panel_png(
    scene: str,
    caption: str,
    speech: list[tuple[str, str]],
    accent: str = "#1f6feb",
    size=(800, 600),
    words: bool = True,
    close_up: bool = False,
) -> bytes:
    """One comic panel: scene, one or two characters, speech bubbles and a caption box.

    ``close_up=True`` frames the same scene closer (the room cropped, the people larger): for
    the next panel in the same place, so that two panels in a row never look alike.

    ``words=False`` leaves the words out of the picture: no caption box, and grey bars in
    the speech bubbles (shaped by the text, so the panel looks the same). The words then go
    under the panel as real text, which works in every language and for screen readers.
    """
    W, H = size
    acc = rgb(accent)
    zoom = CLOSE_UP_ZOOM if close_up else 1.0
    room = Image.new("RGB", (round(W * zoom), round(H * zoom)), WHITE)
    _BACKGROUNDS.get(scene, _room)(_Canvas(ImageDraw.Draw(room), *room.size), acc)
    # a close-up keeps the room's left part and its floor: where the people stand
    img = room.crop((0, room.height - H, W, room.height)) if close_up else room
    d = ImageDraw.Draw(img)

    k = min(W / 800, H / 600)
    margin = max(14, round(16 * k))
    lw = max(3, round(3 * k))

    # caption box
    cap_bottom = 0
    if caption and words:
        pad = round(12 * k)
        block = fit(
            caption,
            W - 2 * margin - 2 * pad - 14 * k,
            3 * 34 * k,
            [max(MIN_TEXT_PX, round(s * k)) for s in (26, 24, 22)],
            bold=True,
            spacing=1.28,
        )
        cap_bottom = margin + block.height + 2 * pad
        d.rectangle(
            (margin, margin, W - margin, cap_bottom), fill="#fff4c2", outline=OUTLINE, width=lw
        )
        d.rectangle(
            (margin + lw, margin + lw, margin + lw + round(8 * k), cap_bottom - lw + 1),
            fill=readable(acc, "#fff4c2", 3.0),
        )
        block.draw(d, margin + pad + 14 * k, margin + pad, INK)

    roles = _cast(scene, speech)
    kinds = [roles[who][0] for who, _ in speech]
    n_persons = max(1, sum(1 for kind, _ in roles.values() if kind == "person"))
    # A held device sits on the side its first line is read from, so tails do not cross.
    device_first = "device" in kinds and (
        "person" not in kinds or kinds.index("device") < kinds.index("person")
    )
    side = -1 if device_first else 1
    r = 46 * k * (CLOSE_UP_PEOPLE if close_up else 1.0)
    if scene == "call":
        xs, facings = [0.27 * W], [1]
    elif n_persons == 2:
        xs, facings = [0.22 * W, 0.78 * W], [side if scene == "phone" else 1, -1]
    elif scene in ("phone", "laptop"):
        xs, facings = [(0.46 if device_first else 0.3) * W], [side]
    else:
        xs, facings = [0.3 * W if speech else 0.5 * W], [1]
    inset_x0 = 0.56 * W
    remote_x = inset_x0 + (W - margin - inset_x0) * 0.55
    laptop_x = xs[0] + side * 2.5 * r

    def target_x(who: str) -> float | None:
        kind, i = roles[who]
        if kind == "person":
            return xs[i]
        if kind == "device":
            return laptop_x if scene == "laptop" else xs[0] + facings[0] * r
        return remote_x if kind == "remote" else None

    # bubble layout: try sizes/widths until the stack fits above the characters
    top = cap_bottom + round(16 * k)
    head_reach = 1.45 * r  # head centre to top of hair bun
    tail_room = 40 * k
    default_cy, max_cy = (0.66 if scene == "laptop" else 0.6) * H, H - 2.4 * r
    gap = round(12 * k)
    pad_x, pad_y = round(18 * k), round(12 * k)
    half = (W - 2 * margin - gap) / 2

    def bubble(who: str, text: str, size_px: int, max_w: float) -> dict:
        name_font = font(max(MIN_TEXT_PX, round(size_px * 0.85)), bold=True)
        block = fit(text, max_w - 2 * pad_x, 10_000, [size_px], spacing=1.25)
        w = min(max_w, max(block.width, name_font.getlength(who)) + 2 * pad_x)
        h = 2 * pad_y + round(name_font.size * 1.2) + block.height
        return {"who": who, "block": block, "name_font": name_font, "w": w, "h": h}

    def layout(size_px: int, frac: float):
        rows, i = [], 0
        while i < len(speech):
            if i + 1 < len(speech):
                (a, ta), (b, tb) = [(w, target_x(w)) for w, _ in speech[i : i + 2]]
                # targets close together: side by side, else the upper tail hides behind
                if a != b and None not in (ta, tb) and ta <= tb and tb - ta < 0.35 * W:
                    rows.append(
                        [bubble(*speech[i], size_px, half), bubble(*speech[i + 1], size_px, half)]
                    )
                    i += 2
                    continue
            rows.append([bubble(*speech[i], size_px, frac * W)])
            i += 1
        height = sum(max(b["h"] for b in row) for row in rows) + gap * max(0, len(rows) - 1)
        return rows, height

    options = [(26, 0.58), (24, 0.58), (26, 0.72), (24, 0.72), (22, 0.62), (22, 0.76), (22, 0.94)]
    avail = max_cy - head_reach - tail_room - top
    for size_px, frac in options:
        rows, stack_h = layout(max(MIN_TEXT_PX, round(size_px * k)), frac)
        if stack_h <= avail:
            break
    cy = min(max_cy, max(default_cy, top + stack_h + tail_room + head_reach))

    # characters
    targets: dict[tuple[str, int], tuple[float, float]] = {}
    if scene == "call":
        inset = (inset_x0, cy - 1.7 * r, W - margin, H - margin)
        iw, ih = round(inset[2] - inset[0]), round(inset[3] - inset[1])
        sub = Image.new("RGB", (iw, ih), mix(acc, WHITE, 0.78))
        sd = ImageDraw.Draw(sub)
        for i in range(-ih, iw, round(28 * k)):
            sd.line([(i, ih), (i + ih, 0)], fill=mix(acc, WHITE, 0.7), width=round(10 * k))
        ir = r * 0.9
        _person(sd, iw * 0.55, ih * 0.5, ir, _REMOTE_LOOK, facing=-1, pose="headset", bottom=ih)
        mask = Image.new("L", (iw, ih), 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, iw - 1, ih - 1), radius=18 * k, fill=255)
        img.paste(sub, (round(inset[0]), round(inset[1])), mask)
        d.rounded_rectangle(inset, radius=18 * k, outline=OUTLINE, width=lw)
        targets[("remote", 0)] = (remote_x, inset[1] + ih * 0.5 - 1.1 * ir)
    people = [w for w in dict.fromkeys(w for w, _ in speech) if roles[w][0] == "person"]
    looks = _looks_for(people or ["you"])
    for i, (x, facing) in enumerate(zip(xs, facings, strict=True)):
        pose = {"phone": "phone_front" if i == 0 else "idle", "call": "phone_ear"}.get(
            scene, "idle"
        )
        device = _person(d, x, cy, r, looks[i], facing, pose, bottom=H)
        targets[("person", i)] = (x, cy - 1.1 * r)
        if pose == "phone_front":
            targets[("device", 0)] = device
    if scene == "laptop":
        desk = cy + 1.9 * r
        d.rectangle((0, desk, W, H), fill="#c8a27a")
        d.rectangle((0, desk, W, desk + 8 * k), fill="#a9825c")
        targets[("device", 0)] = _laptop(d, laptop_x, desk, r, acc)
        mug_x = 0.85 * W if side < 0 else 0.1 * W
        d.arc(
            (mug_x + 0.35 * r, desk - 0.6 * r, mug_x + 0.8 * r, desk - 0.2 * r),
            270,
            90,
            fill="#e07a3f",
            width=max(3, round(5 * k)),
        )
        d.rounded_rectangle(
            (mug_x, desk - 0.7 * r, mug_x + 0.55 * r, desk), radius=6 * k, fill="#f4a261"
        )
        nx = W * 0.5 if side > 0 else W * 0.12
        d.polygon(
            [
                (nx, desk + 0.5 * r),
                (nx + 2.2 * r, desk + 0.4 * r),
                (nx + 2.4 * r, desk + 1.5 * r),
                (nx + 0.1 * r, desk + 1.6 * r),
            ],
            fill="#f1faee",
        )
        d.line(
            [(nx + 0.4 * r, desk + 0.9 * r), (nx + 1.9 * r, desk + 0.84 * r)],
            fill="#a8dadc",
            width=max(2, round(4 * k)),
        )
        d.line(
            [(nx + 0.45 * r, desk + 1.2 * r), (nx + 1.7 * r, desk + 1.15 * r)],
            fill="#a8dadc",
            width=max(2, round(4 * k)),
        )
    targets.setdefault(("device", 0), targets[("person", 0)])

    # bubbles in reading order, tails pointing at whoever speaks
    y = top
    for row in rows:
        for j, b in enumerate(row):
            who, w, h = b["who"], b["w"], b["h"]
            role = roles[who]
            target = targets.get(role)
            fill = {"device": "#e4f5e9", "voice": "#f1f1f1"}.get(role[0], WHITE)
            if len(row) == 1:
                lo, hi = margin, W - margin
            elif j == 0:
                lo, hi = margin, W / 2 - gap / 2
            else:
                lo, hi = W / 2 + gap / 2, W - margin
            anchor = target[0] if target else W / 2
            x0 = min(max(lo, anchor - w / 2), hi - w)
            x1, y1 = x0 + w, y + h
            if target:
                bx = min(max(target[0], x0 + 34 * k), x1 - 34 * k)
                tx, ty = target
                dist = max(1.0, ((tx - bx) ** 2 + (ty - y1) ** 2) ** 0.5)
                stop = 12 * k if role[0] == "device" else 0.5 * r
                reach = max(18 * k, dist - stop)
                tip = (bx + (tx - bx) * reach / dist, y1 + (ty - y1) * reach / dist)
                _bubble_tail(d, bx, y1, tip, fill, lw)
            d.rounded_rectangle(
                (x0, y, x1, y1), radius=18 * k, fill=fill, outline=OUTLINE, width=lw
            )
            if target:  # erase the bubble outline where the tail joins it
                d.polygon(
                    [
                        (bx - 15 + lw, y1 - lw - 1),
                        (bx + 15 - lw, y1 - lw - 1),
                        (bx + (tip[0] - bx) * 0.3, y1 + (tip[1] - y1) * 0.3),
                    ],
                    fill=fill,
                )
            name_font = b["name_font"]
            name_h = round(name_font.size * 1.2)
            if not words:
                bar = mix(SOFT_INK, fill, 0.55)
                half = max(3, name_h * 0.16)
                nx, ny = x0 + pad_x, y + pad_y + name_h / 2
                d.rounded_rectangle(
                    (nx, ny - half, nx + min(w - 2 * pad_x, 90 * k), ny + half),
                    radius=half, fill=readable(acc, fill, 3.0),
                )
                b["block"].draw_bars(d, x0 + pad_x, y + pad_y + name_h, bar)
                continue
            d.text(
                (x0 + pad_x, y + pad_y + name_h / 2),
                who,
                font=name_font,
                fill=readable(acc, fill),
                anchor="lm",
            )
            b["block"].draw(d, x0 + pad_x, y + pad_y + name_h, INK)
        y += max(b["h"] for b in row) + gap

    d.rectangle((0, 0, W - 1, H - 1), outline=OUTLINE, width=max(4, round(6 * k)))
    return _png(img)
