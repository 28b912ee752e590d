"""Visitor keys without personal data: HMAC-SHA256 of (IP, user agent, site) under a salt
that is destroyed 48 h after it stops being used.

- Unattributed traffic uses the salt of the day (the site's time zone, campaigns.days), used
  until that day's midnight.
- A campaign's traffic uses the campaign's salt for the whole campaign window, so a person
  counts once per campaign; nothing can be linked once that salt is gone. Its lifetime
  follows the campaign's current end date: recomputed when the campaign is saved
  (``follow_campaign_end``) and again when expired salts are destroyed, so extending a running
  campaign keeps its salt and ending it early destroys the salt 48 h after the new end.
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
SALT_MEMORY = dt.timedelta(minutes=10)
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
    # Kept in memory only while the salt is in use, and re-read every few minutes: a campaign
    # ended early has its salt destroyed sooner than the end this worker read.
    remember_until = min(used_until, dt.datetime.now(dt.UTC) + SALT_MEMORY)
    _salt_cache[cache_key] = (secret, remember_until)
    return secret


def daily_salt(day):
    return _get_or_create_salt({"day": day}, _end_of_day(day))


def campaign_salt_lifetime(ends_on):
    """(used until, destroy after) for a campaign ending on ``ends_on``."""
    used_until = _end_of_day(ends_on)
    return used_until, used_until + DESTROY_DELAY


def campaign_salt(campaign):
    return _get_or_create_salt({"campaign_id": campaign.pk}, _end_of_day(campaign.ends_on))


def follow_campaign_end(campaign):
    """Give the campaign's salt (if it has one) the lifetime its current end date gives it."""
    used_until, destroy_after = campaign_salt_lifetime(campaign.ends_on)
    VisitorSalt.objects.filter(campaign_id=campaign.pk).exclude(
        destroy_after=destroy_after, used_until=used_until
    ).update(used_until=used_until, destroy_after=destroy_after)
    _salt_cache.pop((("campaign_id", campaign.pk),), None)


def visitor_key(salt, ip, user_agent, site):
    """A 128-bit keyed hash: stable within the salt's life, meaningless after it."""
    message = "\x1f".join([ip, user_agent, site]).encode("utf-8", "replace")
    return hmac.new(salt, message, hashlib.sha256).hexdigest()[:32]


def destroy_expired_salts(now):
    """Delete salts whose destroy time has passed. Returns how many were destroyed.

    A campaign salt's destroy time is first recomputed from its campaign's end date as it is
    now, whatever changed that date since the campaign was last saved."""
    campaign_salts = VisitorSalt.objects.filter(campaign__isnull=False).values_list(
        "pk", "campaign__ends_on", "destroy_after"
    )
    for pk, ends_on, destroy_after in campaign_salts:
        used_until, due = campaign_salt_lifetime(ends_on)
        if due != destroy_after:
            VisitorSalt.objects.filter(pk=pk).update(used_until=used_until, destroy_after=due)
    deleted, _ = VisitorSalt.objects.filter(destroy_after__lte=now).delete()
    _salt_cache.clear()
    return deleted
