"""Narration for the demo videos, spoken by eSpeak NG.

The speech engine is the eSpeak NG library and voice data that the pinned PyPI package
``espeakng-loader`` ships (``libespeak-ng.so`` plus ``espeak-ng-data``, English and Mandarin
included), driven here through its documented C API with ``ctypes``: no system package, no
network, no model download. eSpeak is a formant synthesiser, so the voice is robotic but
clear, and the same text always gives the same samples.

``narration_wav`` speaks each caption cue at its start time, in the cue's own slot: a line
that would run past the next cue is spoken faster until it fits. The result is a mono 16-bit
WAV as long as the video, ready for ffmpeg to mux (``video.with_narration``).
"""

from __future__ import annotations

import ctypes
import io
import threading
import wave
from functools import cache
from pathlib import Path

VOICES = {"en": "en-us", "zh-hans": "cmn"}  # our language code → eSpeak voice name
BASE_RATE = 165  # words per minute: unhurried, for older listeners
MAX_RATE = 320

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_RATE = 1  # espeakRATE
_EE_OK = 0

_SYNTH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)
# eSpeak keeps global state: one synthesis at a time in this process.
_lock = threading.Lock()


class SpeechUnavailable(RuntimeError):
    """The speech engine cannot be loaded on this machine (the message says why)."""


class _Engine:
    def __init__(self):
        try:
            import espeakng_loader
        except ImportError as exc:  # requirements-demo.txt pins it; a partial install lacks it
            raise SpeechUnavailable(f"espeakng-loader is not installed ({exc})") from exc
        try:
            lib = ctypes.CDLL(espeakng_loader.get_library_path())
            data = Path(espeakng_loader.get_data_path())
        except (OSError, RuntimeError) as exc:  # e.g. no wheel with the library for this CPU
            raise SpeechUnavailable(f"the eSpeak NG library cannot be loaded ({exc})") from exc
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_SetSynthCallback.argtypes = [_SYNTH_CALLBACK]
        lib.espeak_Synth.argtypes = [
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
            ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        ]
        # The path given is the folder that holds "espeak-ng-data".
        self.sample_rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, 0, str(data.parent).encode(), 0
        )
        if self.sample_rate <= 0:
            raise SpeechUnavailable(f"eSpeak NG found no voice data in {data}")
        self._chunks: list[bytes] = []
        self._callback = _SYNTH_CALLBACK(self._collect)  # kept alive as long as the engine
        lib.espeak_SetSynthCallback(self._callback)
        self.lib = lib

    def _collect(self, wav, samples, _events) -> int:
        if samples > 0:
            self._chunks.append(ctypes.string_at(wav, samples * 2))
        return 0  # go on

    def speak(self, text: str, voice: str, rate: int) -> bytes:
        """16-bit mono PCM samples of `text` spoken by `voice` at `rate` words a minute."""
        with _lock:
            if self.lib.espeak_SetVoiceByName(voice.encode()) != _EE_OK:
                raise SpeechUnavailable(f"eSpeak NG has no voice {voice!r}")
            self.lib.espeak_SetParameter(_RATE, rate, 0)
            self._chunks = []
            data = text.encode("utf-8")
            self.lib.espeak_Synth(
                data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8, None, None
            )
            return b"".join(self._chunks)


@cache
def engine() -> _Engine:
    return _Engine()


def available() -> str | None:
    """None when narration can be made here, else the reason it cannot."""
    try:
        engine()
    except SpeechUnavailable as exc:
        return str(exc)
    return None


def narration_wav(cues, language: str, duration: float) -> bytes:
    """A WAV `duration` seconds long with each cue's text spoken from its start time."""
    eng = engine()
    voice = VOICES[language]
    rate = eng.sample_rate
    total = max(1, round(duration * rate))
    pcm = bytearray(total * 2)
    cues = sorted(cues, key=lambda c: c[0])
    for i, (start, _end, text) in enumerate(cues):
        slot_end = cues[i + 1][0] if i + 1 < len(cues) else duration
        room = max(0.5, slot_end - start - 0.1)
        words_per_minute = BASE_RATE
        samples = eng.speak(text, voice, words_per_minute)
        while len(samples) / 2 / rate > room and words_per_minute < MAX_RATE:
            words_per_minute = min(MAX_RATE, round(words_per_minute * 1.15))
            samples = eng.speak(text, voice, words_per_minute)
        at = round(start * rate) * 2
        samples = samples[: max(0, min(len(samples), round(room * rate) * 2, len(pcm) - at))]
        pcm[at : at + len(samples)] = samples
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(pcm))
    return buf.getvalue()
