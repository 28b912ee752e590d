"""The reach beacon's ingest: validate strictly, drop what must not count, store once.

The page script sends ``{"events": [...]}`` (see docs/public-contract.md). Every event
is validated with pydantic; the server never trusts a client-sent IP, user agent or time.
Events from bots and link scanners, for unknown pages or links, from visitors asking not to be
tracked (Do-Not-Track, Global Privacy Control), or that their page could not have sent (the
closed vocabulary of ``campaigns.vocabulary``: "invalid_prop") are dropped and counted by
reason, never stored. Stored events are unique on their client-made id, so a batch
sent twice counts once; a write that does not commit is reported as an error (the caller
answers 503 and the page script retries later with the same ids).

Campaign tags (``utm``: utm_source, utm_medium, utm_campaign) and the referring site's host
(``ref``) are checked for shape by the schema (400) and then kept only as tokens of a bounded
form (``tags_of``); any other value is left out and the event kept. A ``utm_campaign`` equal
to a running campaign's slug attributes a link-less event to that campaign.
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
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import F
from django.db.models.functions import Lower
from django.http.request import split_domain_port
from pydantic import (
    UUID4,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    create_model,
    model_validator,
)

from .days import day_of
from .models import (
    BEACON_EVENT_TYPES,
    CODE_PATTERN,
    TAG_CHANNEL,
    Campaign,
    CampaignVisitor,
    CampaignVisitorTouch,
    DroppedEvent,
    EventType,
    ReachEvent,
    ReachEventId,
    TrackingLink,
)
from .privacy import campaign_salt, daily_salt, visitor_key
from .vocabulary import fits, page_vocabularies

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
    # one completed before/after pair of a learning check: only whether each answer was right
    "check": {"of": Literal["question", "red_flag", "message"], "item": ShortText,
              "before": StrictBool, "after": StrictBool},
}
REQUIRED_PROPS = {"progress": {"percent"}, "choice": {"step", "choice"},
                  "scenario_end": {"outcome"}, "check": {"of", "item", "before", "after"}}
_PROPS_MODELS = {}


class BadBatch(Exception):
    """The batch is malformed; the message says what to fix (answered with 400)."""


class RateLimited(Exception):
    def __init__(self, retry_after):
        super().__init__(f"Too many events; retry after {retry_after} s.")
        self.retry_after = retry_after


def _props_model(event_type):
    if event_type not in _PROPS_MODELS:
        fields = {
            name: (kind, ... if name in REQUIRED_PROPS.get(event_type, ()) else None)
            for name, kind in PROPS_BY_TYPE[event_type].items()
        }
        _PROPS_MODELS[event_type] = create_model(
            f"{event_type}_props", __config__=ConfigDict(extra="forbid"), **fields
        )
    return _PROPS_MODELS[event_type]


# Campaign tags and the referring host (see tags_of): the schema checks their shape only
# (400 otherwise); their values are then normalised and kept only when they are tokens.
TagText = Annotated[StrictStr, Field(max_length=80)]
MAX_HOST = 253
TAG = re.compile(r"[a-z0-9._-]{1,64}")
CAMPAIGN_TAG = re.compile(r"[a-z0-9._-]{1,80}")  # a campaign's slug is at most 80
DIGIT_RUN = re.compile(r"[0-9]{6}")  # a phone, card, ID or order number: never kept
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
HOST = re.compile(rf"(?:{_LABEL}\.)+(?:[a-z]{{2,63}}|xn--[a-z0-9-]{{1,59}})")


class TagsIn(BaseModel):
    """``utm``: the landing address's utm_source, utm_medium and utm_campaign."""

    model_config = ConfigDict(extra="forbid")

    source: TagText | None = None
    medium: TagText | None = None
    campaign: TagText | None = None


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: UUID4
    type: Literal[tuple(BEACON_EVENT_TYPES)]  # type: ignore[valid-type]
    page: Annotated[StrictInt, Field(ge=1, le=2**31 - 1)]
    link: Annotated[StrictStr, Field(pattern=CODE_PATTERN)] | None = None
    props: dict = Field(default_factory=dict)
    utm: TagsIn | None = None
    ref: Annotated[StrictStr, Field(max_length=MAX_HOST)] | None = None

    @model_validator(mode="after")
    def check_props(self):
        try:
            validated = _props_model(self.type).model_validate(self.props)
        except ValidationError as exc:
            # A plain ValueError: pydantic would otherwise word the inner error with a
            # repr of the input (what the visitor typed) in it.
            raise ValueError(f"props.{_short_reason(exc)}") from None
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
    except RecursionError as exc:  # the decoder's own depth guard (about 1,000 levels)
        raise BadBatch("The body is nested too deeply.") from exc
    except ValueError as exc:  # an integer longer than Python converts (4,300 digits)
        raise BadBatch("The body holds a number too long to read.") from exc
    # Strict JSON cannot carry a raw control character inside a string and valid UTF-8 cannot
    # carry a lone surrogate, so without an escape (\\) or a raw DEL there is nothing to find.
    if ("\\" in text or "\x7f" in text) and _has_forbidden_text(data):
        raise BadBatch("Text may not contain control characters or lone surrogates.")
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise BadBatch('The body must be an object with an "events" list.')
    if len(data["events"]) > MAX_EVENTS:
        raise BadBatch(f"A batch holds at most {MAX_EVENTS} events.")
    try:
        return BatchIn.model_validate(data)
    except ValidationError as exc:
        raise BadBatch(_short_reason(exc)) from exc
    except RecursionError as exc:  # pydantic's depth guard, for structures the decoder let in
        raise BadBatch("The body is nested too deeply.") from exc


def _short_reason(exc):
    """Where the first problem is and what it is, without echoing what the visitor sent."""
    first = exc.errors(include_url=False, include_context=False, include_input=False)[0]
    where = ".".join(str(part) for part in first["loc"])[:80]
    message = first["msg"].removeprefix("Value error, ")[:120]
    if message.startswith("props."):  # from check_props: it names the prop itself
        return f"{where}.{message}" if where else message
    return f"{where}: {message}"


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


# Mail and document link scanners the maintained crawler list lacks: they fetch every link in
# a message or file before (or without) anyone clicking it. Office's link check sends
# "Mozilla/4.0 (compatible; ms-office; MSOffice 16)"; Office's existence and protocol
# discovery name themselves; Barracuda ("Barracuda Sentinel (EE)"), Mimecast and Proofpoint
# name their products. No browser's user agent contains any of these.
LINK_SCANNERS = re.compile(
    r"ms-office|msoffice|microsoft office (?:existence|protocol) discovery|barracuda|mimecast"
    r"|proofpoint",
    re.IGNORECASE,
)


@lru_cache(maxsize=4096)
def is_bot(user_agent):
    """Bots, crawlers and link scanners: the maintained crawler-user-agents list, and the
    link scanners it lacks (``LINK_SCANNERS``). The one test for every path that records."""
    if not user_agent.strip():
        return True
    return bool(LINK_SCANNERS.search(user_agent)) or crawleruseragents.is_crawler(user_agent)


def refusal(visit):
    """Why nothing of this visit may be recorded ("do_not_track", "bot"), or None. Every
    path that records (the beacon, /go/) asks this first."""
    if settings.REACH_HONOUR_DO_NOT_TRACK and visit.do_not_track:
        return "do_not_track"
    if is_bot(visit.user_agent):
        return "bot"
    return None


def _cached_lookup(prefix, keys, read):
    """{key: row} for the known ``keys``, each kept in the cache for LINK_CACHE_SECONDS (an
    unknown key too, as ``()``, so a flood of made-up codes costs one query a minute);
    ``read(missing keys)`` gives {key: row} from the database."""
    found, missing = {}, []
    for key in keys:
        cached = cache.get(f"{prefix}:{key}")
        if cached is None:
            missing.append(key)
        elif cached:
            found[key] = cached
    if missing:
        known = read(missing)
        for key in missing:
            cache.set(f"{prefix}:{key}", known.get(key, ()), LINK_CACHE_SECONDS)
            if key in known:
                found[key] = known[key]
    return found


def _links_by_code(codes):
    """{code: (link_id, campaign_id, starts_on, ends_on, channel)} for known codes, briefly
    cached."""
    def read(missing):
        rows = TrackingLink.objects.filter(code__in=missing).values_list(
            "code", "pk", "campaign_id", "campaign__starts_on", "campaign__ends_on", "channel"
        )
        return {row[0]: row[1:] for row in rows}
    return _cached_lookup("reach:link", codes, read)


@dataclass(frozen=True)
class Tags:
    source: str = ""
    medium: str = ""
    campaign: str = ""
    referrer: str = ""


NO_TAGS = Tags()


def tag_value(value, pattern=TAG, stored=True):
    """A utm value lower-cased, or "" when it is not a token of ``pattern`` (letters a-z,
    digits, ".", "_", "-") or, for a value that is ``stored``, holds a run of six digits
    (utm_campaign is not stored: it only names a campaign's slug, which may hold a date)."""
    if not value:
        return ""
    value = value.lower()
    if not pattern.fullmatch(value) or (stored and DIGIT_RUN.search(value)):
        return ""
    return value


def host_value(value, own_host):
    """A referring host lower-cased (a trailing dot dropped), or "" when it is not a domain
    name of ASCII labels (an IDN in its xn-- form) with an alphabetic or xn-- top label (no
    IP address, no port, no path), or it is this site's own host."""
    if not value:
        return ""
    value = value.lower().removesuffix(".")
    if len(value) > MAX_HOST or not HOST.fullmatch(value) or value == own_host:
        return ""
    return value


def tags_of(event, own_host):
    """The event's campaign tags and referring host, each normalised or "" (refused)."""
    if event.utm is None and not event.ref:
        return NO_TAGS
    utm = event.utm or TagsIn()
    return Tags(
        source=tag_value(utm.source), medium=tag_value(utm.medium),
        campaign=tag_value(utm.campaign, CAMPAIGN_TAG, stored=False),
        referrer=host_value(event.ref, own_host),
    )


def _campaigns_by_slug(slugs):
    """{slug: (campaign_id, starts_on, ends_on)} for the campaigns whose slug (lower-cased) is
    one of ``slugs``, briefly cached like the links."""
    def read(missing):
        rows = (
            Campaign.objects.annotate(tag=Lower("slug")).filter(tag__in=missing)
            .order_by("pk").values_list("tag", "pk", "starts_on", "ends_on")
        )
        known = {}
        for row in rows:
            known.setdefault(row[0], row[1:])
        return known
    return _cached_lookup("reach:campaign-slug", slugs, read)


class _CampaignRef:
    def __init__(self, pk, ends_on):
        self.pk = pk
        self.ends_on = ends_on


def _visitor_key_for(visit, campaign_ref, day):
    salt = campaign_salt(campaign_ref) if campaign_ref else daily_salt(day)
    return visitor_key(salt, visit.ip, visit.user_agent, visit.site)


def _check_rate(keys_and_counts, received_at):
    """Per-visitor-key limit over the current minute; fails open if the cache is down.

    Down means either an exception or, from django-redis ignoring its connection errors
    (production's IGNORE_EXCEPTIONS), ``None`` for both ``add`` and ``incr``.
    """
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
        if total is None:  # the cache is down and its client said nothing: never block
            continue
        if total > limit:
            raise RateLimited(retry_after=60 - received_at.second)


def ingest(batch: BatchIn, visit: Visit, received_at: dt.datetime) -> Outcome:
    """Store a validated batch. Raises RateLimited, or DatabaseError when nothing committed."""
    outcome = Outcome()
    events = batch.events
    refused = refusal(visit)
    if refused:
        outcome.drop(refused, len(events))
        return _record_drops(outcome, received_at)

    day = day_of(received_at)  # the site's day
    # Live lesson pages and what each can send, kept in memory per cache generation: an
    # unpublished page stops counting everywhere within about a second (GENERATION_TTL).
    pages = page_vocabularies()
    links = _links_by_code({event.link for event in events if event.link})
    own_host = split_domain_port(visit.site)[0]
    tags = [tags_of(event, own_host) for event in events]
    # A link wins over a utm_campaign tag: look up the tags of link-less events only.
    tagged = _campaigns_by_slug(
        {t.campaign for t, event in zip(tags, events, strict=True) if t.campaign and not event.link}
    )
    rows, visitors, touches, per_key, keys = [], {}, {}, {}, {}
    for event, tag in zip(events, tags, strict=True):
        vocabulary = pages.get(event.page)
        if vocabulary is None:
            outcome.drop("unknown_page")
            continue
        if not fits(vocabulary, event.type, event.props):
            outcome.drop("invalid_prop")
            continue
        if event.link and event.link not in links:
            outcome.drop("unknown_link")
            continue
        link_id = campaign_id = campaign_ref = None
        channel = ""
        if event.link:
            link_id, campaign_id, starts_on, ends_on, channel = links[event.link]
        elif tag.campaign in tagged:
            campaign_id, starts_on, ends_on = tagged[tag.campaign]
            channel = TAG_CHANNEL
        if campaign_id:
            if not starts_on <= day <= ends_on:
                campaign_id = None  # outside the campaign's window: counted, unattributed
            else:
                campaign_ref = _CampaignRef(campaign_id, ends_on)
        # One visit has one key per salt (the day's, or a campaign's): hash it once per batch.
        key = keys.get(campaign_id)
        if key is None:
            key = keys[campaign_id] = _visitor_key_for(visit, campaign_ref, day)
        per_key[key] = per_key.get(key, 0) + 1
        # In _EVENT_COLUMNS order; received_at, day and True are shared by every row.
        rows.append((
            event.id, event.type, event.page, link_id, campaign_id, key, True, event.props,
            received_at, day, tag.source, tag.medium, tag.referrer,
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
    # Events newly stored: a batch sent again (its answer was lost) says 0, not 20.
    outcome.accepted = _store_once_more(
        rows, [*visitors.values(), *touches.values()], outcome, received_at
    )
    return outcome


def record_link_open(link, visit: Visit, received_at: dt.datetime):
    """A /go/ redirect: a raw, unconfirmed open (confirmed views come from the page)."""
    refused = refusal(visit)
    if refused:
        return _record_drops(Outcome(dropped={refused: 1}), received_at)
    day = day_of(received_at)  # the site's day
    campaign = link.campaign
    running = campaign.is_running_on(day)
    key = _visitor_key_for(visit, campaign if running else None, day)
    row = (
        uuid.uuid4(), EventType.LINK_OPEN, link.destination_id, link.pk,
        campaign.pk if running else None, key, False, {}, received_at, day, "", "", "",
    )
    _store([row], [], Outcome(), received_at)


# The columns the beacon writes, in the order ingest() builds its row tuples.
_EVENT_COLUMNS = (
    "event_id", "event_type", "page_id", "link_id", "campaign_id", "visitor_key", "qualified",
    "props", "received_at", "day", "utm_source", "utm_medium", "referrer_host",
)
_event_sql = {}
# psycopg caches the parsing of statements with at most 50 parameters (13 per row here).
_VALUES_MAX_ROWS = 3


def _event_fields():
    fields = [ReachEvent._meta.get_field(name) for name in _EVENT_COLUMNS]
    assert {f.attname for f in fields} == {
        f.attname for f in ReachEvent._meta.concrete_fields if not f.primary_key
    }, "a ReachEvent column is missing from _EVENT_COLUMNS"
    return fields


def _prepared_columns(fields, rows):
    """Each column's values as the database takes them, prepared by the field's own
    ``get_db_prep_save`` (types adapted exactly as the ORM would). A value every row shares
    (the same object: the receive time, the day, one visitor key) is prepared once."""
    columns = []
    for index, model_field in enumerate(fields):
        prepare = model_field.get_db_prep_save
        values = [row[index] for row in rows]
        first = values[0]
        if all(value is first for value in values):
            columns.append([prepare(first, connection)] * len(values))
        else:
            columns.append([prepare(value, connection) for value in values])
    return columns


def _insert_events(rows):
    """Store event rows with one ``INSERT … ON CONFLICT DO NOTHING`` (an id already stored is
    skipped, so a batch sent twice counts once); returns how many rows were new (the
    statement's row count, which skipped rows are not part of on SQLite and PostgreSQL).

    Written out because this one statement is the ingest's hot path: Django's bulk_create
    compiles per field and row and wraps the insert in BEGIN/COMMIT even when it stands alone.
    On PostgreSQL, more than a few rows go as one array per column through ``unnest``: the
    statement's text is then the same for 5 or 20 events and psycopg parses it once per
    process (it re-parses a VALUES list of more than 50 parameters on every call, which cost
    a 20-event request more than the insert). A few rows go as VALUES, whose parameters are
    cheaper to send than arrays.
    """
    vendor = connection.vendor
    arrays = vendor == "postgresql" and len(rows) > _VALUES_MAX_ROWS
    sql_key = (vendor, 0 if arrays else len(rows))
    if sql_key not in _event_sql:
        fields = _event_fields()
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        head = f"INSERT INTO {quote(ReachEvent._meta.db_table)} ({columns}) "
        if vendor == "postgresql":
            sql = _insert_once_across_partitions(fields, head, columns, len(rows), arrays)
        else:
            row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
            sql = f"{head}VALUES {', '.join([row_sql] * len(rows))} ON CONFLICT DO NOTHING"
        _event_sql[sql_key] = (fields, sql)
    fields, sql = _event_sql[sql_key]
    columns = _prepared_columns(fields, rows)
    if arrays:
        params = columns
    else:
        params = [value for row in zip(*columns, strict=True) for value in row]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _insert_once_across_partitions(fields, head, columns, count, arrays):
    """PostgreSQL's event insert: the ids go into ``ReachEventId`` first (``ON CONFLICT DO
    NOTHING ... RETURNING``) and only the events whose id was new go into the event table,
    in one statement. The event table is partitioned by day (campaigns.partitions), so its
    own unique key (event_id, day) cannot refuse an id stored on another day; this one can,
    and two requests racing with the same id wait on its unique index like before."""
    casts = [f"::{f.cast_db_type(connection)}" for f in fields]
    if arrays:
        source = f"SELECT * FROM unnest({', '.join(f'%s{cast}[]' for cast in casts)})"
    else:
        row_sql = "(" + ", ".join(f"%s{cast}" for cast in casts) + ")"
        source = f"VALUES {', '.join([row_sql] * count)}"
    ids_table = connection.ops.quote_name(ReachEventId._meta.db_table)
    return (
        f"WITH batch ({columns}) AS ({source}), "
        f"new AS (INSERT INTO {ids_table} (event_id, day) SELECT event_id, day FROM batch "
        "ON CONFLICT DO NOTHING RETURNING event_id) "
        f"{head}SELECT {columns} FROM batch WHERE event_id IN (SELECT event_id FROM new) "
        "ON CONFLICT DO NOTHING"  # one id twice in a batch: its second row
    )


def _skip_connection_health_check():
    """Let the store go out without Django's ``SELECT 1`` health check; True if skipped.

    With CONN_HEALTH_CHECKS (production), Django sends ``SELECT 1`` before the first query of
    each request on a kept connection: a second database round trip on every beacon, whose
    only query is usually the insert. The beacon instead finds a dead connection by its store
    failing and stores again on a new one (``_store_once_more``). When an earlier query of
    this request (the salt, the live pages) already ran the check, nothing is skipped.
    """
    if (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
    ):
        connection.health_check_done = True
        return True
    return False


def _connection_is_dead():
    return connection.connection is None or not connection.is_usable()


def _store_once_more(rows, sets, outcome, received_at):
    """``_store``, retried once on a new connection when a kept connection turned out dead
    (the database restarted or closed it while idle). Nothing can count twice: events and
    visitor sets are ``ON CONFLICT DO NOTHING``, and the drop counts (the only increments)
    live in the same transaction as the events; a transaction that failed at COMMIT itself
    is not retried (its outcome is unknown), it is answered 503 like any other failure."""
    unchecked = not connection.in_atomic_block and _skip_connection_health_check()
    try:
        return _store(rows, sets, outcome, received_at)
    except (InterfaceError, OperationalError) as exc:
        single_statement = rows and not sets and not outcome.dropped
        at_commit = getattr(exc, "_ingest_at_commit", False)
        if not unchecked or (at_commit and not single_statement) or not _connection_is_dead():
            raise
        connection.close()
        return _store(rows, sets, outcome, received_at)


def _store(rows, sets, outcome, received_at):
    """The events, the campaign visitor sets they add to and the drop counts, all or none;
    returns how many events were new.

    Unattributed events without drops need a single statement, which commits on its own.
    """
    if rows and not sets and not outcome.dropped:
        return _insert_events(rows)
    body_done = False
    stored = 0
    try:
        with transaction.atomic():
            if rows:
                stored = _insert_events(rows)
            for model in (CampaignVisitor, CampaignVisitorTouch):
                members = [item for item in sets if isinstance(item, model)]
                if members:
                    model.objects.bulk_create(members, ignore_conflicts=True)
            _record_drops(outcome, received_at, in_transaction=True)
            body_done = True
    except (InterfaceError, OperationalError) as exc:
        exc._ingest_at_commit = body_done
        raise
    return stored


def _record_drops(outcome, received_at, in_transaction=False):
    if not outcome.dropped:
        return outcome
    day = day_of(received_at)  # the site's day

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
