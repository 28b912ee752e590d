"""Short captioned demo videos: Pillow draws the frames, ffmpeg (libx264) encodes them.

The ffmpeg binary is the one bundled with imageio-ffmpeg, so no system ffmpeg is needed.
Frames are piped as raw RGB; every slide is drawn once and only the progress bar changes
per frame, which keeps a 20 s clip to well under a second of drawing.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import imageio_ffmpeg
from PIL import Image, ImageDraw

from .drawing import (
    INK,
    PAPER,
    SOFT_INK,
    WHITE,
    draw_icon,
    fit,
    font,
    mix,
    readable,
    rgb,
    text_on,
)

Cue = tuple[float, float, str]

TAIL_SECONDS = 0.5
FADE_FRAMES = 3

# Which pictogram illustrates a cue: first keyword match wins, else cycle through a set.
_ICON_WORDS = (
    ("sms", r"\b(sms|text|message)|短信|消息"),
    ("email", r"e-?mail|邮件"),
    ("card", r"\b(card|bank|account|pin)\b|银行|卡|账户"),
    ("money", r"\b(money|pay|paid|transfer|refund|fee|invest)|钱|转账|付款|退款|投资"),
    ("phone", r"\b(call|phone|ring)|电话|来电"),
    ("chat", r"\b(chat|whatsapp|wechat|friend)|微信|聊天"),
    ("house", r"\b(home|family|house|rent)|家|房"),
    ("warning", r"\b(never|don't|do not|stop|urgent|warning)|不要|别|紧急|警惕"),
    ("shield", r"\b(safe|protect|verify|check|report)|安全|核实|举报"),
)
_CYCLE = ("shield", "warning", "chat", "phone")


def _icon_for(text: str, index: int) -> str:
    for icon, pattern in _ICON_WORDS:
        if re.search(pattern, text, re.I):
            return icon
    return _CYCLE[index % len(_CYCLE)]


def _title_card(title: str, accent, width: int, height: int, words=True) -> Image.Image:
    k = height / 360
    img = Image.new("RGB", (width, height), accent)
    d = ImageDraw.Draw(img)
    d.ellipse(
        (-0.15 * width, -0.5 * height, 0.35 * width, 0.45 * height), fill=mix(accent, WHITE, 0.15)
    )
    d.ellipse(
        (0.7 * width, 0.55 * height, 1.2 * width, 1.5 * height), fill=mix(accent, (0, 0, 0), 0.12)
    )
    fg = text_on(accent)
    R = 46 * k if words else 80 * k
    cy = height * 0.3 if words else height * 0.5
    d.ellipse((width / 2 - R, cy - R, width / 2 + R, cy + R), fill=WHITE)
    draw_icon(d, "shield", width / 2, cy, R * 1.15, readable(accent, WHITE, 3.0), WHITE)
    if not words:
        return img
    block = fit(
        title,
        width * 0.84,
        height * 0.36,
        [round(s * k) for s in (40, 36, 32, 28, 24)],
        bold=True,
        spacing=1.2,
    )
    block.draw(d, width * 0.08, height * 0.5, fg, align="center", box_width=width * 0.84)
    d.text(
        (width / 2, height - 40 * k),
        "ScamSense",
        font=font(round(20 * k), bold=True),
        fill=fg,
        anchor="mm",
    )
    return img


def _slide(
    title: str, text: str, icon: str, accent, width: int, height: int, words=True
) -> Image.Image:
    k = height / 360
    img = Image.new("RGB", (width, height), PAPER)
    d = ImageDraw.Draw(img)
    bar = round(44 * k)
    d.rectangle((0, 0, width, bar), fill=accent)
    if not words:  # the pictogram alone, large: the captions track carries the words
        R = 110 * k
        cx, cy = width / 2, (bar + height) / 2 - 8 * k
        d.ellipse((cx - R, cy - R, cx + R, cy + R), fill=mix(accent, WHITE, 0.82))
        draw_icon(d, icon, cx, cy, R * 1.2, readable(accent, PAPER, 3.0), PAPER)
        return img
    head = fit(title, width - 32 * k, bar, [round(20 * k)], bold=True)
    d.text(
        (16 * k, bar / 2),
        head.lines[0] if len(head.lines) == 1 else head.lines[0] + "…",
        font=head.font,
        fill=text_on(accent),
        anchor="lm",
    )
    R = 74 * k
    cx, cy = 118 * k, (bar + height) / 2 - 6 * k
    d.ellipse((cx - R, cy - R, cx + R, cy + R), fill=mix(accent, WHITE, 0.82))
    draw_icon(d, icon, cx, cy, R * 1.2, readable(accent, PAPER, 3.0), PAPER)
    x0, x1 = 226 * k, width - 24 * k
    top, bottom = bar + 16 * k, height - 30 * k
    block = fit(
        text,
        x1 - x0,
        bottom - top,
        [round(s * k) for s in (36, 32, 30, 28, 26, 24)],
        bold=True,
        spacing=1.22,
    )
    block.draw(d, x0, top + max(0, (bottom - top - block.height) / 2), INK)
    return img


def _progress(img: Image.Image, fraction: float, accent) -> bytes:
    frame = img.copy()
    d = ImageDraw.Draw(frame)
    w, h = frame.size
    k = h / 360
    y0, y1 = h - 12 * k, h - 6 * k
    x0, x1 = 16 * k, w - 16 * k
    d.rounded_rectangle((x0, y0, x1, y1), radius=3 * k, fill=mix(SOFT_INK, WHITE, 0.8))
    d.rounded_rectangle(
        (x0, y0, x0 + max(6 * k, (x1 - x0) * fraction), y1),
        radius=3 * k,
        fill=readable(accent, PAPER, 3.0),
    )
    return frame.tobytes()


def make_video(
    cues: list[tuple[float, float, str]],
    title: str,
    accent: str,
    width=640,
    height=360,
    fps=12,
    words: bool = True,
) -> bytes:
    """An H.264/yuv420p MP4 (+faststart): a title card, then one illustrated slide per cue.

    ``words=False`` makes the same video with no text in the picture (a pictogram per cue),
    for a lesson shown in several languages: each language's captions track has the words.
    """
    if width % 2 or height % 2:
        raise ValueError("width and height must be even for yuv420p")
    acc = rgb(accent)
    cues = sorted(cues, key=lambda c: c[0])
    total = (cues[-1][1] if cues else 0.0) + TAIL_SECONDS
    n_frames = max(1, round(total * fps))

    card = _title_card(title, acc, width, height, words)
    slides = [
        _slide(title, text, _icon_for(text, i), acc, width, height, words)
        for i, (_, _, text) in enumerate(cues)
    ]

    def picture(t: float) -> int:
        """Index into slides, or -1 for the title card (before, between, after the cues)."""
        for i, (start, end, _) in enumerate(cues):
            if start <= t < end:
                return i
        return -1

    ffmpeg = _ffmpeg_exe()
    with tempfile.TemporaryDirectory(prefix="scamsense-video-") as tmp:
        out = Path(tmp) / "video.mp4"
        log = Path(tmp) / "ffmpeg.log"
        cmd = [
            ffmpeg,
            "-hide_banner",
            "-loglevel",
            "error",
            "-y",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-s",
            f"{width}x{height}",
            "-framerate",
            str(fps),
            "-i",
            "-",
            "-an",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "30",
            "-tune",
            "stillimage",
            "-g",
            str(fps * 4),
            "-pix_fmt",
            "yuv420p",
            "-movflags",
            "+faststart",
            "-f",
            "mp4",
            str(out),
        ]
        with log.open("wb") as err:
            # stderr goes to a file, not a pipe: a chatty ffmpeg can never block the writer
            proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=err
            )
            try:
                prev, fade_from, since, current = None, None, 0, card
                for n in range(n_frames):
                    t = n / fps
                    which = picture(t)
                    base = card if which < 0 else slides[which]
                    if which != prev:
                        fade_from = None if prev is None else current
                        prev, since = which, 0
                    current = base
                    if fade_from is not None and since < FADE_FRAMES:
                        current = Image.blend(fade_from, base, (since + 1) / (FADE_FRAMES + 1))
                    since += 1
                    proc.stdin.write(_progress(current, (n + 1) / n_frames, acc))
                proc.stdin.close()
            except BrokenPipeError:
                pass  # ffmpeg died; its log says why
            finally:
                code = proc.wait()
        if code != 0:
            raise RuntimeError(
                f"ffmpeg failed (exit {code}): {log.read_text(errors='replace').strip()}"
            )
        return out.read_bytes()


def _ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


def _timestamp(seconds: float) -> str:
    ms = round(max(0.0, seconds) * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _cue_text(text: str) -> str:
    """Cue payload: entities escaped, no blank lines (they end a cue), no '-->'."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return "\n".join(lines) or "…"


def webvtt(cues) -> str:
    """A WebVTT document: header, blank line, numbered cues."""
    parts = ["WEBVTT", ""]
    for i, (start, end, text) in enumerate(sorted(cues, key=lambda c: c[0]), start=1):
        parts += [str(i), f"{_timestamp(start)} --> {_timestamp(end)}", _cue_text(text), ""]
    return "\n".join(parts)


# ISO 639-2 codes for the MP4 audio track's language tag
_ISO639_2 = {"en": "eng", "zh-hans": "chi"}


def with_narration(mp4: bytes, wav: bytes, language: str) -> bytes:
    """`mp4` with `wav` muxed in as its AAC audio track; the picture is copied, not re-encoded.

    One silent encode can so carry each language's narration (``speech.narration_wav``).
    """
    with tempfile.TemporaryDirectory(prefix="scamsense-narration-") as tmp:
        video_in, audio_in, out = (Path(tmp) / n for n in ("in.mp4", "in.wav", "out.mp4"))
        video_in.write_bytes(mp4)
        audio_in.write_bytes(wav)
        cmd = [
            _ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
            "-i", str(video_in), "-i", str(audio_in),
            "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy",
            "-c:a", "aac", "-b:a", "32k", "-ac", "1",
            "-metadata:s:a:0", f"language={_ISO639_2.get(language, 'und')}",
            "-shortest", "-movflags", "+faststart", "-f", "mp4", str(out),
        ]
        proc = subprocess.run(cmd, capture_output=True)
        if proc.returncode != 0:
            raise RuntimeError(
                f"ffmpeg failed (exit {proc.returncode}): "
                f"{proc.stderr.decode(errors='replace').strip()}"
            )
        return out.read_bytes()
