"""Visitor keys without personal data: HMAC-SHA256 of (IP, user agent, site) under a salt
that is destroyed 48 h after it stops being used.

- Unattributed traffic uses the salt of the day (the site's time zone, campaigns.days), used
  until that day's midnight.
- A campaign's traffic uses the campaign's salt for the whole campaign window, so a person
  counts once per campaign; nothing can be linked once that salt is gone.
The IP address is read here and never leaves this module: it is not stored or logged.
"""

import datetime as dt
import hashlib
import hmac
import ipaddress
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction

from .days import end_of
from .models import VisitorSalt

DESTROY_DELAY = dt.timedelta(hours=48)
_salt_cache = {}


def client_ip(request):
    """The visitor's IP: REMOTE_ADDR, or X-Forwarded-For only behind a trusted proxy.

    With a trusted proxy in front, the right-most address in X-Forwarded-For that is not
    itself a trusted proxy is the client; anything a client writes further left is ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.REACH_TRUSTED_PROXIES or not _is_trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for candidate in reversed([part for part in forwarded if part]):
        try:
            ipaddress.ip_address(candidate)
        except ValueError:
            return remote
        if not _is_trusted_proxy(candidate):
            return candidate
    return remote


def _is_trusted_proxy(address):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False)
               for net in settings.REACH_TRUSTED_PROXIES)


def _end_of_day(day):
    return end_of(day)  # the site-local midnight after the day


def _get_or_create_salt(lookup, used_until):
    cache_key = tuple(sorted(lookup.items()))
    cached = _salt_cache.get(cache_key)
    if cached is not None and dt.datetime.now(dt.UTC) < cached[1]:
        return cached[0]
    salt = VisitorSalt.objects.filter(**lookup).only("secret").first()
    if salt is None:
        try:
            with transaction.atomic():
                salt = VisitorSalt.objects.create(
                    secret=secrets.token_bytes(32), used_until=used_until,
                    destroy_after=used_until + DESTROY_DELAY, **lookup,
                )
        except IntegrityError:  # another worker made it first
            salt = VisitorSalt.objects.get(**lookup)
    secret = bytes(salt.secret)
    if len(_salt_cache) > 1000:
        _salt_cache.clear()
    # Kept in memory only while the salt is in use, so a worker never outlives it with it.
    _salt_cache[cache_key] = (secret, used_until)
    return secret


def daily_salt(day):
    return _get_or_create_salt({"day": day}, _end_of_day(day))


def campaign_salt(campaign):
    return _get_or_create_salt({"campaign_id": campaign.pk}, _end_of_day(campaign.ends_on))


def visitor_key(salt, ip, user_agent, site):
    """A 128-bit keyed hash: stable within the salt's life, meaningless after it."""
    message = "\x1f".join([ip, user_agent, site]).encode("utf-8", "replace")
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]


def destroy_expired_salts(now):
    """Delete salts whose destroy time has passed. Returns how many were destroyed."""
    deleted, _ = VisitorSalt.objects.filter(destroy_after__lte=now).delete()
    _salt_cache.clear()
    return deleted
