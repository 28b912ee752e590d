"""The page-cache generation and what is remembered until it moves on.

Every anonymous page-cache key (``page_cache.middleware``) and every memo here contains a
generation number stored in the database (``PageCacheGeneration``); publishing, unpublishing
or moving a page, or changing a site, locale or view restriction, bumps it (``purge``, called
by ``page_cache.signal_handlers`` and by the apps for their own models). App servers re-read
it at most once per GENERATION_TTL seconds, so a purge reaches every server quickly without a
shared cache.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F

from .models import PageCacheGeneration

GENERATION_TTL = 1.0

_generation = {"value": None, "read_at": 0.0}


def _read_generation():
    try:
        value = PageCacheGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    except DatabaseError:
        return None
    return value or 0


def current_generation():
    now = time.monotonic()
    if _generation["value"] is None or now - _generation["read_at"] > GENERATION_TTL:
        _generation["value"] = _read_generation()
        _generation["read_at"] = now
    return _generation["value"]


def purge():
    """Retire every cached page (on this server at once, on others within GENERATION_TTL)."""

    def bump():
        updated = PageCacheGeneration.objects.filter(pk=1).update(value=F("value") + 1)
        if not updated:
            PageCacheGeneration.objects.get_or_create(pk=1, defaults={"value": 1})
        _generation["value"] = _read_generation()
        _generation["read_at"] = time.monotonic()

    transaction.on_commit(bump)


def generation_cached(name, build, timeout=None):
    """``build()``'s value, kept in the cache until the next purge (or ``timeout``).

    For data every public page needs and only publishing changes (restricted sections,
    rendered site-wide boxes): one cache read instead of queries on each request.
    """
    generation = current_generation()
    if generation is None:
        return build()
    key = f"gencache:{generation}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout or settings.PAGE_CACHE_TIMEOUT)
    return value


_memo = {}  # {generation: {name: value}}, the current generation only
_MISSING = object()


def generation_memo(name, build):
    """``build()``'s value kept in this process's memory until the next purge.

    For small maps read many times per request (locales, translated terms): no cache
    round-trip or unpickling at all. Dropped as a whole when the generation moves on. Safe
    with threaded workers: a thread keeps the dict it fetched even if another one clears.
    """
    generation = current_generation()
    if generation is None:
        return build()
    values = _memo.get(generation)
    if values is None:
        _memo.clear()
        values = _memo.setdefault(generation, {})
    value = values.get(name, _MISSING)
    if value is _MISSING:
        value = values[name] = build()
    return value


class LruMemo:
    """At most ``maxsize`` values by key, the least recently used dropped first.

    For memos whose keys come from input rather than from published content (previews'
    drafts, sub-URLs): a flood of distinct keys cannot grow memory. Thread-safe.
    """

    def __init__(self, maxsize):
        self.maxsize = maxsize
        self._values = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, build):
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
        value = build()  # outside the lock: building may query or take time
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.maxsize:
                self._values.popitem(last=False)
        return value

    def __len__(self):
        return len(self._values)


def generation_lru(name, key, build, maxsize):
    """``build()``'s value for ``key``, kept in a bounded LRU (``LruMemo``) that is dropped
    when the generation moves on."""
    return generation_memo(name, lambda: LruMemo(maxsize)).get(key, build)
