"""The reach beacon's ingest: validate strictly, drop what must not count, store once.

The page script sends ``{"events": [...]}`` (see DESIGN.md, "Public contract"). Every event
is validated with pydantic; the server never trusts a client-sent IP, user agent or time.
Events from bots, for unknown pages or links, or from visitors asking not to be tracked are
dropped and counted by reason. Stored events are unique on their client-made id, so a batch
sent twice counts once; a write that does not commit is reported as an error (the caller
answers 503 and the page script retries later with the same ids).
"""

import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Literal

import crawleruseragents
from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from pydantic import (
    UUID4,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)
from wagtail.models import Page

from education.page_cache import generation_cached

from .models import (
    BEACON_EVENT_TYPES,
    CODE_PATTERN,
    CampaignVisitor,
    CampaignVisitorTouch,
    DroppedEvent,
    EventType,
    ReachEvent,
    TrackingLink,
)
from .privacy import campaign_salt, daily_salt, visitor_key

MAX_BODY_BYTES = 16 * 1024
MAX_EVENTS = 20
LINK_CACHE_SECONDS = 60
_FORBIDDEN_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")

ShortText = Annotated[StrictStr, Field(max_length=64)]
Percent = Annotated[StrictInt, Field(ge=0, le=100)]

# Which props each event type may carry, and their types (anything else is a 400).
PROPS_BY_TYPE = {
    "view": {},
    "engaged": {},
    "play": {},
    "share": {"method": ShortText},
    "progress": {"percent": Percent},
    "complete": {"percent": Percent},
    "scenario_start": {},
    "choice": {"step": ShortText, "choice": ShortText, "safe": StrictBool,
               "red_flag": ShortText | None},
    # score is null when the learner met no red flag on the way (nothing to score)
    "scenario_end": {"outcome": Literal["scammed", "safe", "partly"], "score": Percent | None},
}
REQUIRED_PROPS = {"progress": {"percent"}, "choice": {"step", "choice"},
                  "scenario_end": {"outcome"}}
_PROPS_MODELS = {}


class BadBatch(Exception):
    """The batch is malformed; the message says what to fix (answered with 400)."""


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(f"Too many events; retry after {retry_after} s.")
        self.retry_after = retry_after


def _props_model(event_type):
    if event_type not in _PROPS_MODELS:
        from pydantic import create_model

        fields = {
            name: (kind, ... if name in REQUIRED_PROPS.get(event_type, ()) else None)
            for name, kind in PROPS_BY_TYPE[event_type].items()
        }
        _PROPS_MODELS[event_type] = create_model(
            f"{event_type}_props", __config__=ConfigDict(extra="forbid"), **fields
        )
    return _PROPS_MODELS[event_type]


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: UUID4
    type: Literal[tuple(BEACON_EVENT_TYPES)]  # type: ignore[valid-type]
    page: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]
    link: Annotated[StrictStr, Field(pattern=CODE_PATTERN)] | None = None
    props: dict = Field(default_factory=dict)

    @model_validator(mode="after")
    def check_props(self):
        validated = _props_model(self.type).model_validate(self.props)
        self.props = validated.model_dump(exclude_none=True)
        return self


class BatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: Annotated[list[EventIn], Field(min_length=1, max_length=MAX_EVENTS)]


def _reject_constant(name):
    raise BadBatch(f"{name} is not a number JSON allows.")


def _has_forbidden_text(value, depth=0):
    if depth > 8:
        return False  # deeper structures are refused by the schema anyway
    if isinstance(value, str):
        return bool(_FORBIDDEN_CHARS.search(value))
    if isinstance(value, dict):
        return any(_has_forbidden_text(k, depth + 1) or _has_forbidden_text(v, depth + 1)
                   for k, v in value.items())
    if isinstance(value, list):
        return any(_has_forbidden_text(item, depth + 1) for item in value)
    return False


def parse_batch(body: bytes) -> BatchIn:
    """Decode and validate a beacon body; raise BadBatch with a readable message."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadBatch("The body must be UTF-8 JSON.") from exc
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise BadBatch(f"The body is not valid JSON ({exc.msg}).") from exc
    if _has_forbidden_text(data):
        raise BadBatch("Text may not contain control characters or lone surrogates.")
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise BadBatch('The body must be an object with an "events" list.')
    if len(data["events"]) > MAX_EVENTS:
        raise BadBatch(f"A batch holds at most {MAX_EVENTS} events.")
    try:
        return BatchIn.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise BadBatch(f"{where}: {first['msg']}") from exc


@dataclass
class Visit:
    """What the server itself knows about the request (never what the client claims)."""

    ip: str
    user_agent: str
    site: str
    do_not_track: bool = False


@dataclass
class Outcome:
    accepted: int = 0
    dropped: dict = field(default_factory=dict)

    def drop(self, reason, count=1):
        self.dropped[reason] = self.dropped.get(reason, 0) + count

    @property
    def dropped_total(self):
        return sum(self.dropped.values())


@lru_cache(maxsize=4096)
def is_bot(user_agent):
    """Bots, crawlers and link scanners, from the maintained crawler-user-agents list."""
    if not user_agent.strip():
        return True
    return crawleruseragents.is_crawler(user_agent)


def live_page_ids():
    return generation_cached(
        "live-page-ids", lambda: set(Page.objects.live().values_list("pk", flat=True))
    )


def _links_by_code(codes):
    """{code: (link_id, campaign_id, starts_on, ends_on, channel)} for known codes, briefly
    cached."""
    found = {}
    missing = []
    for code in codes:
        cached = cache.get(f"reach:link:{code}")
        if cached is None:
            missing.append(code)
        elif cached:
            found[code] = cached
    if missing:
        rows = TrackingLink.objects.filter(code__in=missing).values_list(
            "code", "pk", "campaign_id", "campaign__starts_on", "campaign__ends_on", "channel"
        )
        known = {row[0]: row[1:] for row in rows}
        for code in missing:
            cache.set(f"reach:link:{code}", known.get(code, ()), LINK_CACHE_SECONDS)
            if code in known:
                found[code] = known[code]
    return found


class _CampaignRef:
    def __init__(self, pk, ends_on):
        self.pk = pk
        self.ends_on = ends_on


def _visitor_key_for(visit, campaign_ref, day):
    salt = campaign_salt(campaign_ref) if campaign_ref else daily_salt(day)
    return visitor_key(salt, visit.ip, visit.user_agent, visit.site)


def _check_rate(keys_and_counts, received_at):
    """Per-visitor-key limit over the current minute; fails open if the cache is down."""
    limit = settings.REACH_RATE_LIMIT
    minute = received_at.strftime("%Y%m%d%H%M")
    for key, count in keys_and_counts.items():
        cache_key = f"reach:rate:{key}:{minute}"
        try:
            if cache.add(cache_key, count, 90):
                total = count
            else:
                total = cache.incr(cache_key, count)
        except Exception:  # the cache is down or evicted the key: never block counting
            continue
        if total > limit:
            raise RateLimited(retry_after=60 - received_at.second)


def ingest(batch: BatchIn, visit: Visit, received_at: dt.datetime) -> Outcome:
    """Store a validated batch. Raises RateLimited, or DatabaseError when nothing committed."""
    outcome = Outcome()
    events = batch.events
    if settings.REACH_HONOUR_DO_NOT_TRACK and visit.do_not_track:
        outcome.drop("do_not_track", len(events))
        return _record_drops(outcome, received_at)
    if is_bot(visit.user_agent):
        outcome.drop("bot", len(events))
        return _record_drops(outcome, received_at)

    day = received_at.astimezone(dt.UTC).date()
    pages = live_page_ids()
    links = _links_by_code({event.link for event in events if event.link})
    rows, visitors, touches, per_key = [], {}, {}, {}
    for event in events:
        if event.page not in pages:
            outcome.drop("unknown_page")
            continue
        if event.link and event.link not in links:
            outcome.drop("unknown_link")
            continue
        link_id = campaign_id = campaign_ref = None
        channel = ""
        if event.link:
            link_id, campaign_id, starts_on, ends_on, channel = links[event.link]
            if not starts_on <= day <= ends_on:
                campaign_id = None  # outside the campaign's window: counted, unattributed
            else:
                campaign_ref = _CampaignRef(campaign_id, ends_on)
        key = _visitor_key_for(visit, campaign_ref, day)
        per_key[key] = per_key.get(key, 0) + 1
        rows.append(ReachEvent(
            event_id=event.id, event_type=event.type, page_id=event.page, link_id=link_id,
            campaign_id=campaign_id, visitor_key=key, qualified=True, props=event.props,
            received_at=received_at, day=day,
        ))
        if campaign_id:
            visitors[(campaign_id, key)] = CampaignVisitor(
                campaign_id=campaign_id, visitor_key=key, first_seen=day
            )
            touches[(campaign_id, event.page, link_id, key)] = CampaignVisitorTouch(
                campaign_id=campaign_id, lesson_id=event.page, link_id=link_id or 0,
                channel=channel, visitor_key=key,
            )
    _check_rate(per_key, received_at)
    _store(rows, [*visitors.values(), *touches.values()], outcome, received_at)
    outcome.accepted = len(rows)
    return outcome


def record_link_open(link, visit: Visit, received_at: dt.datetime):
    """A /go/ redirect: a raw, unconfirmed open (confirmed views come from the page)."""
    if is_bot(visit.user_agent):
        return _record_drops(Outcome(dropped={"bot": 1}), received_at)
    day = received_at.astimezone(dt.UTC).date()
    campaign = link.campaign
    running = campaign.is_running_on(day)
    key = _visitor_key_for(visit, campaign if running else None, day)
    row = ReachEvent(
        event_id=uuid.uuid4(), event_type=EventType.LINK_OPEN, page_id=link.destination_id,
        link_id=link.pk, campaign_id=campaign.pk if running else None, visitor_key=key,
        qualified=False, props={}, received_at=received_at, day=day,
    )
    _store([row], [], Outcome(), received_at)


def _insert_ignoring_duplicates(model, objects):
    """One multi-row ``INSERT … ON CONFLICT DO NOTHING`` (PostgreSQL and SQLite ≥ 3.24).

    Written out because the ingest's hot path is this one statement: Django's bulk_create
    compiles per field and row and wraps the insert in BEGIN/COMMIT even when it stands alone,
    which tripled the cost of a one-event request. Values are still prepared by each field's
    own ``get_db_prep_save``, so types are adapted exactly as the ORM would.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in fields)}) VALUES "
        + ", ".join([row_sql] * len(objects))
        + " ON CONFLICT DO NOTHING"
    )
    params = [
        f.get_db_prep_save(getattr(obj, f.attname), connection)
        for obj in objects for f in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _store(rows, sets, outcome, received_at):
    """The events, the campaign visitor sets they add to and the drop counts, all or none.

    Unattributed events without drops need a single statement, which commits on its own.
    """
    if rows and not sets and not outcome.dropped:
        _insert_ignoring_duplicates(ReachEvent, rows)
        return
    with transaction.atomic():
        if rows:
            _insert_ignoring_duplicates(ReachEvent, rows)
        for model in (CampaignVisitor, CampaignVisitorTouch):
            members = [item for item in sets if isinstance(item, model)]
            if members:
                model.objects.bulk_create(members, ignore_conflicts=True)
        _record_drops(outcome, received_at, in_transaction=True)


def _record_drops(outcome, received_at, in_transaction=False):
    if not outcome.dropped:
        return outcome
    day = received_at.astimezone(dt.UTC).date()

    def write():
        for reason, count in outcome.dropped.items():
            updated = DroppedEvent.objects.filter(day=day, reason=reason).update(
                count=F("count") + count
            )
            if not updated:
                try:
                    with transaction.atomic():
                        DroppedEvent.objects.create(day=day, reason=reason, count=count)
                except IntegrityError:  # created meanwhile by another request
                    DroppedEvent.objects.filter(day=day, reason=reason).update(
                        count=F("count") + count
                    )

    if in_transaction:
        write()
    else:
        with transaction.atomic():
            write()
    return outcome
