"""The demo media generators: comic panels, posters, videos and captions. No database."""

import io
import re
import subprocess

import imageio_ffmpeg
import pytest
import webvtt as webvtt_py
from PIL import Image

from demo.drawing import SCENES, comic_panel_png, contrast, poster_png
from demo.video import make_video, webvtt

CUES = [
    (1.0, 4.0, "A text says your parcel is stuck at customs."),
    (4.0, 7.5, "Real couriers never ask for card details by SMS."),
    (7.5, 10.0, "收到可疑短信，请先核实！"),
]
SPEECH = [
    ("SMS", "Your parcel is held. Pay the fee: http://parcel.example"),
    ("Mrs Li", "Oh dear, I am waiting for a parcel!"),
]


def _png(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


@pytest.mark.parametrize("scene", [*SCENES, "nowhere-in-particular"])
def test_comic_panel_is_a_png_of_the_requested_size(scene):
    img = _png(comic_panel_png(scene, "Tuesday morning.", SPEECH, size=(640, 480)))
    assert img.size == (640, 480)
    assert len(img.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 20  # drawn, not blank


def test_comic_panel_default_size_and_determinism():
    args = (
        "call",
        "A call from 'the bank'.",
        [("Caller", "Move your money now."), ("Mr Chen", "I'll call my branch first.")],
    )
    first = comic_panel_png(*args, accent="#2a9d8f")
    assert _png(first).size == (800, 600)
    assert comic_panel_png(*args, accent="#2a9d8f") == first
    assert comic_panel_png(*args, accent="#e76f51") != first


def test_comic_panel_copes_with_no_speech_and_long_speech():
    long = "This goes on and on so that the bubbles must wrap and shrink to fit. " * 3
    _png(comic_panel_png("office", "", []))
    img = _png(comic_panel_png("office", long, [("Boss", long), ("Lin", long), ("Boss", "OK")]))
    assert img.size == (800, 600)


def test_poster_is_16_9_png_and_deterministic():
    for icon in ("phone", "sms", "card", "shield", "chat", "email", "money", "house", "warning"):
        data = poster_png(
            "Never share your one-time code", "Not even with 'the bank'.", "#1f6feb", icon
        )
        assert _png(data).size == (1200, 675)
        assert (
            poster_png(
                "Never share your one-time code", "Not even with 'the bank'.", "#1f6feb", icon
            )
            == data
        )


def test_poster_text_colours_meet_wcag_aa():
    from demo.drawing import INK, PAPER, SOFT_INK

    assert contrast(INK, PAPER) >= 4.5
    assert contrast(SOFT_INK, PAPER) >= 4.5


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    data = make_video(CUES, "Fake parcel fee texts", "#1f6feb")
    path = tmp_path_factory.mktemp("video") / "clip.mp4"
    path.write_bytes(data)
    return data, path


def test_video_is_an_mp4(clip):
    data, _ = clip
    assert data[4:8] == b"ftyp"
    assert data.find(b"moov") < data.find(b"mdat")  # +faststart: index before the media
    assert len(data) < 400_000


def test_video_duration_and_codec(clip):
    _, path = clip
    frames, secs = imageio_ffmpeg.count_frames_and_secs(str(path))
    assert secs == pytest.approx(CUES[-1][1] + 0.5, abs=0.2)
    assert frames == pytest.approx(secs * 12, abs=2)
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)],
        capture_output=True,
        text=True,
    )
    assert re.search(r"Video: h264\b", probe.stderr)
    assert "yuv420p" in probe.stderr
    assert "640x360" in probe.stderr


def test_video_rejects_odd_sizes():
    with pytest.raises(ValueError):
        make_video(CUES, "Odd size", "#1f6feb", width=641)


def test_video_failure_raises_with_ffmpeg_message(monkeypatch):
    from demo import video

    real_popen = video.subprocess.Popen

    def broken(cmd, **kwargs):
        return real_popen([c if c != "libx264" else "no-such-encoder" for c in cmd], **kwargs)

    monkeypatch.setattr(video.subprocess, "Popen", broken)
    with pytest.raises(RuntimeError, match="no-such-encoder"):
        make_video(CUES[:1], "Broken", "#1f6feb")


def test_webvtt_parses():
    text = webvtt(CUES + [(10.0, 3725.25, "Tom & Jerry <script> --> done")])
    assert text.startswith("WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n")
    parsed = webvtt_py.from_string(text)
    captions = list(parsed)
    assert len(captions) == 4
    assert captions[0].start == "00:00:01.000"
    assert captions[0].end == "00:00:04.000"
    assert captions[2].text == "收到可疑短信，请先核实！"
    assert captions[3].end == "01:02:05.250"
    assert "-->" not in captions[3].raw_text


# --------------------------------------------------------------------------- no words in pictures


@pytest.fixture
def no_text_drawn(monkeypatch):
    """Fail if anything writes text into a picture (Pillow's ImageDraw.text)."""
    from PIL import ImageDraw

    def refuse(self, *args, **kwargs):
        raise AssertionError(f"text drawn: {args[1] if len(args) > 1 else kwargs}")

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", refuse)


def test_language_neutral_panels_and_posters_draw_no_text(no_text_drawn):
    panel = comic_panel_png("call", "Tuesday morning.", SPEECH, "#2a9d8f", words=False)
    assert _png(panel).size == (800, 600)
    assert comic_panel_png("call", "Tuesday morning.", SPEECH, "#2a9d8f", words=False) == panel
    poster = poster_png("Never share your code", "Not even with the bank.", "#1f6feb", "sms",
                        words=False)
    assert _png(poster).size == (1200, 675)


def test_language_neutral_panel_still_shows_who_speaks():
    with_words = comic_panel_png("call", "Tuesday morning.", SPEECH, "#2a9d8f")
    without = comic_panel_png("call", "Tuesday morning.", SPEECH, "#2a9d8f", words=False)
    assert without != with_words
    assert len(_png(without).getcolors(maxcolors=1 << 16) or range(1 << 16)) > 20


def test_language_neutral_video_draws_no_text(no_text_drawn):
    data = make_video(CUES[:2], "Fake parcel fee texts", "#1f6feb", words=False)
    assert data[4:8] == b"ftyp"


# --------------------------------------------------------------------------- words and fonts


@pytest.fixture
def drawn_text(monkeypatch):
    """Every string written into a picture (Pillow's ImageDraw.text), in order."""
    from PIL import ImageDraw

    drawn = []
    real = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, **kwargs):
        drawn.append(text)
        return real(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    return drawn


def test_speech_bubbles_hold_the_speakers_words(drawn_text):
    comic_panel_png("phone", "Tuesday morning.", SPEECH, "#2a9d8f")
    words = " ".join(drawn_text).split()
    for who, text in SPEECH:
        assert who in drawn_text
        assert all(word in words for word in text.split()), text


def test_chinese_words_are_drawn_with_a_font_the_project_installs():
    """Every Chinese character of the demo has a real glyph (not the .notdef box)."""
    from PIL import ImageDraw

    from demo import content_zh, drawing

    def glyph(ch: str, fnt) -> bytes:
        img = Image.new("L", (40, 40))
        ImageDraw.Draw(img).text((4, 2), ch, font=fnt, fill=255)
        return img.tobytes()

    assert "site-packages" in str(drawing.CJK_FONT) and drawing.CJK_FONT.exists()
    han = {ch for text in content_zh.ZH.values() for ch in text if "\u4e00" <= ch <= "\u9fff"}
    assert len(han) > 500
    for bold in (False, True):
        fnt = drawing.font(28, bold)
        notdef = glyph("\U0010fffd", fnt)  # a code point no font covers: the .notdef box
        blank = bytes(40 * 40)
        missing = sorted(ch for ch in han if glyph(ch, fnt) in (notdef, blank))
        assert not missing, "".join(missing[:40])


def test_close_up_panel_frames_the_same_scene_differently():
    wide = comic_panel_png("call", "Tuesday morning.", SPEECH, "#2a9d8f")
    close = comic_panel_png("call", "Tuesday morning.", SPEECH, "#2a9d8f", close_up=True)
    assert _png(close).size == _png(wide).size and close != wide


def test_narration_is_muxed_as_the_videos_audio_track(tmp_path):
    from demo import speech, video

    if speech.available() is not None:
        pytest.skip(f"no speech engine here: {speech.available()}")
    silent = make_video(CUES[:2], "Fake parcel fee texts", "#1f6feb", words=False)
    wav = speech.narration_wav(CUES[:2], "en", CUES[1][1] + video.TAIL_SECONDS)
    narrated = video.with_narration(silent, wav, "en")
    path = tmp_path / "narrated.mp4"
    path.write_bytes(narrated)
    probe = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)],
        capture_output=True, text=True,
    )
    assert re.search(r"\(eng\): Audio: aac", probe.stderr), probe.stderr
    assert "Video: h264" in probe.stderr
    _frames, secs = imageio_ffmpeg.count_frames_and_secs(str(path))
    assert secs == pytest.approx(CUES[1][1] + video.TAIL_SECONDS, abs=0.2)
    # it speaks: the samples are not all silence, in English and in Chinese
    for language, cues in (("en", CUES[:2]), ("zh-hans", CUES[2:])):
        pcm = speech.narration_wav(cues, language, 11.0)[44:]
        assert max(abs(int.from_bytes(pcm[i:i + 2], "little", signed=True))
                   for i in range(0, len(pcm), 2)) > 3000


def test_without_the_speech_library_narration_says_why(monkeypatch):
    import sys

    from demo import speech

    speech.engine.cache_clear()
    monkeypatch.setitem(sys.modules, "espeakng_loader", None)  # as if it were not installed
    try:
        assert "espeakng-loader is not installed" in speech.available()
        with pytest.raises(speech.SpeechUnavailable):
            speech.narration_wav(CUES, "en", 11.0)
    finally:
        speech.engine.cache_clear()
