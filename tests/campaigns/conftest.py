"""Fixtures for the reach tests: a running campaign with a link to a live lesson."""

import datetime as dt
import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from campaigns.days import today as site_today
from campaigns.models import Campaign, TrackingLink

BROWSER_UA = (
    "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
VISITOR_IP = "203.0.113.77"
# User agents that must never count, on the beacon or /go/
BOTS_AND_SCANNERS = [
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "facebookexternalhit/1.1", "python-requests/2.31", "curl/8.0", "",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36 BingPreview/1.0b",
    # mail and document link scanners the crawler list lacks
    "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
    "Microsoft Office Existence Discovery",
    "Barracuda Sentinel (EE)",
]


@pytest.fixture
def lesson(make_case):
    return make_case(title="Courier fee scam")


@pytest.fixture
def campaign(db):
    today = site_today()  # reach days are days in SITE_TIME_ZONE
    return Campaign.objects.create(
        name="Spring safety week", slug="spring-safety-week",
        starts_on=today - dt.timedelta(days=10), ends_on=today + dt.timedelta(days=10),
        reach_goal=1000,
    )


@pytest.fixture
def link(campaign, lesson):
    return TrackingLink.objects.create(
        campaign=campaign, code="poster1", channel="poster", label="Library notice board",
        destination=lesson,
    )


def event(page, type_="view", link=None, props=None, event_id=None):
    body = {"id": str(event_id or uuid.uuid4()), "type": type_, "page": page.pk
            if hasattr(page, "pk") else page, "link": link, "props": props or {}}
    return body


@pytest.fixture
def beacon(client):
    """POST a batch as the page script does; returns the response."""
    def send(events, *, content_type="application/json", ua=BROWSER_UA, ip=VISITOR_IP,
             raw=None, **headers):
        body = raw if raw is not None else json.dumps({"events": events})
        return client.post(
            "/api/reach/events", data=body, content_type=content_type,
            HTTP_USER_AGENT=ua, REMOTE_ADDR=ip, **headers,
        )
    return send


def campaign_user(username, codenames=(), admin_access=True):
    """A user with admin access (unless told otherwise) and the given campaigns permissions."""
    user = get_user_model().objects.create_user(username, password=f"pw-{username}-123")
    perms = list(Permission.objects.filter(
        content_type__app_label="campaigns", codename__in=codenames
    ))
    assert len(perms) == len(codenames)
    if admin_access:
        perms.append(Permission.objects.get(codename="access_admin"))
    user.user_permissions.add(*perms)
    return user


@pytest.fixture
def admin_only(client):
    """Logged in with admin access and no campaigns permission."""
    client.force_login(campaign_user("reader"))
    return client
