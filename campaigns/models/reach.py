"""Campaigns, their tracking links, and the reach they produce.

Raw events are append-only and identified by the id the page script gave them, so a resent
batch never counts twice. Visitors are keyed hashes (see campaigns.privacy): no IP address,
user agent or cookie is stored. Reports read the daily rollups, never the raw table.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.search import index

from education.models import AudienceSegment, LessonPage

from ..embedding import MAX_EMBED_ORIGINS, allowed_origins, validate_embed_origins

CODE_PATTERN = r"^[A-Za-z0-9_-]{3,32}$"
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: codes get typed from posters


def new_link_code(length=7):
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


class EventType(models.TextChoices):
    LINK_OPEN = "link_open", _("Link opened (raw, not confirmed)")
    VIEW = "view", _("View")
    ENGAGED = "engaged", _("Engaged view (10 s visible)")
    PLAY = "play", _("Video play")
    PROGRESS = "progress", _("Progress")
    COMPLETE = "complete", _("Completed")
    SCENARIO_START = "scenario_start", _("Scenario started")
    CHOICE = "choice", _("Scenario choice")
    SCENARIO_END = "scenario_end", _("Scenario ended")
    SHARE = "share", _("Share")
    CHECK = "check", _("Learning check (before and after)")


BEACON_EVENT_TYPES = [t for t in EventType.values if t != EventType.LINK_OPEN]

# The touch channel of a visit attributed by its utm_campaign tag rather than by a tracking
# link. Not a Channel choice: no tracking link can have it.
TAG_CHANNEL = "utm"


class Channel(models.TextChoices):
    POSTER = "poster", _("QR poster")
    SMS = "sms", _("SMS")
    PARTNER_APP = "partner_app", _("Partner app")
    SOCIAL = "social", _("Social post")
    COMMUNITY_TALK = "community_talk", _("Community talk")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Other")


class Campaign(index.Indexed, ClusterableModel):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    objective = models.TextField(_("objective"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    target_segments = ParentalManyToManyField(
        AudienceSegment, verbose_name=_("target audiences"), blank=True, related_name="+"
    )
    lessons = ParentalManyToManyField(
        LessonPage, verbose_name=_("lessons"), blank=True, related_name="campaigns"
    )
    reach_goal = models.PositiveIntegerField(
        _("reach goal"), null=True, blank=True,
        help_text=_("Unique people the campaign aims to reach online."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("objective"),
        FieldRowPanel(
            [FieldPanel("starts_on"), FieldPanel("ends_on")], heading=_("Dates"),
            help_text=format_lazy(
                _("Days in the {zone} time zone: the campaign runs from the start of its first "
                  "day to the end of its last day there."), zone=settings.SITE_TIME_ZONE),
        ),
        FieldPanel("reach_goal"),
        MultiFieldPanel(
            [FieldPanel("target_segments"), FieldPanel("lessons")],
            heading=_("Audience and lessons"),
        ),
        InlinePanel("links", heading=_("Tracking links"), label=_("Tracking link")),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        permissions = [("view_reach_reports", "Can view reach reports")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The campaign cannot end before it starts.")})

    def is_running_on(self, day):
        return self.starts_on <= day <= self.ends_on

    def status_on(self, day):
        """"upcoming", "running" or "ended" on a site-local day, by the campaign's dates."""
        if day < self.starts_on:
            return "upcoming"
        return "running" if day <= self.ends_on else "ended"


class TrackingLink(models.Model):
    """A short link (/go/<code>) and its QR code, pointing at a page of this site."""

    campaign = ParentalKey(Campaign, related_name="links", on_delete=models.CASCADE)
    code = models.CharField(
        _("code"), max_length=32, unique=True, blank=True,
        validators=[RegexValidator(CODE_PATTERN, _("3 to 32 letters, digits, - or _."))],
        help_text=_("Leave empty for a short random code. Letters, digits, - and _ only."),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    label = models.CharField(
        _("label"), max_length=150, blank=True,
        help_text=_("Where it is used, e.g. 'Poster, Riverside community centre'."),
    )
    destination = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("destination"), on_delete=models.PROTECT,
        related_name="+", help_text=_("The page on this site the link opens."),
    )
    embed_origins = models.TextField(
        _("partner sites that may embed the lesson"), blank=True,
        validators=[validate_embed_origins],
        help_text=format_lazy(
            _("One address a line, e.g. https://partner.example (scheme and host, optional "
              "port, no path; https only, http only for localhost). Only these sites may show "
              "the lesson in a frame; empty: nobody may. At most {max}."),
            max=MAX_EMBED_ORIGINS,
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("channel"),
        FieldPanel("label"),
        FieldPanel("destination"),
        FieldPanel("embed_origins"),
    ]

    class Meta:
        ordering = ["campaign", "channel", "label"]
        verbose_name = _("tracking link")
        verbose_name_plural = _("tracking links")

    def __str__(self):
        return f"{self.code} ({self.label or self.get_channel_display()})"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_link_code()
            while TrackingLink.objects.filter(code=self.code).exists():
                self.code = new_link_code()
        super().save(*args, **kwargs)

    @property
    def path(self):
        return f"/go/{self.code}"

    @property
    def embed_path(self):
        return f"/embed/{self.code}/"

    @property
    def embed_origin_list(self):
        """The origins allowed to frame the embed page (campaigns.embedding)."""
        return allowed_origins(self.embed_origins)


class VisitorSalt(models.Model):
    """A secret mixed into visitor keys, destroyed 48 h after it stops being used.

    One per day for unattributed traffic, one per campaign for its whole window, so reach
    is deduplicated within a campaign and nothing can be linked once the salt is gone.
    """

    campaign = models.OneToOneField(
        Campaign, null=True, blank=True, on_delete=models.CASCADE, related_name="salt"
    )
    day = models.DateField(null=True, blank=True, unique=True)
    secret = models.BinaryField(max_length=32)
    used_until = models.DateTimeField(help_text="The salt is used for events before this time.")
    destroy_after = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(campaign__isnull=True) & models.Q(day__isnull=False))
                | (models.Q(campaign__isnull=False) & models.Q(day__isnull=True)),
                name="salt_is_daily_or_per_campaign",
            )
        ]

    def __str__(self):
        return f"salt for {self.campaign or self.day}"


class ReachEvent(models.Model):
    """One raw event, as accepted from the page script or the /go/ redirect. Append-only."""

    event_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    event_type = models.CharField(max_length=20, choices=EventType.choices)
    page_id = models.PositiveIntegerField(db_index=True)
    link = models.ForeignKey(
        TrackingLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    visitor_key = models.CharField(max_length=32)
    qualified = models.BooleanField(
        default=True, help_text="Confirmed by the page script (a link open is not)."
    )
    props = models.JSONField(default=dict, blank=True)
    received_at = models.DateTimeField(db_index=True)
    day = models.DateField(db_index=True)
    # Campaign tags of the landing address and the referring site's host, validated and
    # normalised by the ingest (campaigns.ingest.tags_of): "" when absent or refused.
    utm_source = models.CharField(max_length=64, blank=True, default="", db_default="")
    utm_medium = models.CharField(max_length=64, blank=True, default="", db_default="")
    referrer_host = models.CharField(max_length=253, blank=True, default="", db_default="")

    class Meta:
        indexes = [
            models.Index(fields=["campaign", "day"]),
            # The report's "last 30 minutes" panel: a campaign's events since a moment, read
            # from this index (on PostgreSQL in the one or two partitions of those days).
            models.Index(fields=["campaign", "received_at"], name="event_campaign_received"),
        ]

    def __str__(self):
        return f"{self.event_type} on page {self.page_id} ({self.day})"


class ReachEventId(models.Model):
    """The id of every stored event, across all the monthly partitions of the event table.

    Used on PostgreSQL only, where the event table is partitioned by ``day``
    (campaigns.partitions): a unique key there must include the partition key, so it cannot
    refuse an id stored on another day (a batch the page script resends after midnight). The
    ingest stores an id here first (``ON CONFLICT DO NOTHING``) and the event only if its id
    was new, in one statement. Pruned with the events (same retention). On SQLite the event
    table is not partitioned and its own unique ``event_id`` does this; this table stays empty.
    """

    event_id = models.UUIDField(primary_key=True)
    day = models.DateField(db_index=True)

    def __str__(self):
        return str(self.event_id)


class CampaignVisitor(models.Model):
    """The deduplicated set of visitor keys a campaign reached (online reach = its size)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    visitor_key = models.CharField(max_length=32)
    first_seen = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "visitor_key"], name="one_row_a_visitor")
        ]

    def __str__(self):
        return f"{self.campaign_id}:{self.visitor_key}"


class DailyRollup(models.Model):
    """Events and unique visitors per day × campaign × page × link × event type.

    Rows with ``page_id = 0``, no link and ``event_type = "any"`` hold a campaign's (or the
    unattributed traffic's) unique visitors for the whole day across pages.
    """

    ALL = "any"

    day = models.DateField()
    campaign = models.ForeignKey(Campaign, null=True, on_delete=models.PROTECT, related_name="+")
    page_id = models.PositiveIntegerField()
    link = models.ForeignKey(TrackingLink, null=True, on_delete=models.PROTECT, related_name="+")
    event_type = models.CharField(max_length=20)
    qualified_events = models.PositiveIntegerField(default=0)
    raw_events = models.PositiveIntegerField(default=0)
    unique_visitors = models.PositiveIntegerField(default=0)

    class Meta:
        # The annual report reads MonthlyRollup, not a year of these rows.
        indexes = [models.Index(fields=["campaign", "day"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} {self.campaign_id} {self.page_id} {self.event_type}"


class DroppedEvent(models.Model):
    """How many events were dropped per day and reason (bots, rate limit, bad page …)."""

    day = models.DateField()
    reason = models.CharField(max_length=40)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "reason"], name="one_row_a_day_and_reason")
        ]

    def __str__(self):
        return f"{self.day} {self.reason}: {self.count}"


class RollupState(models.Model):
    """Where the incremental rollup got to (one row)."""

    last_started_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"rollup state {self.last_started_at}"


class CampaignVisitorTouch(models.Model):
    """Which lesson (and through which link and channel) each campaign visitor reached,
    deduplicated, so reach per lesson, link, channel, format and segment is counted without
    reading raw events. The lesson reference has no database constraint: a deleted lesson
    must not take counted reach with it."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    lesson = models.ForeignKey(
        LessonPage, db_column="page_id", db_constraint=False, on_delete=models.DO_NOTHING,
        related_name="+",
    )
    link_id = models.PositiveBigIntegerField(default=0, help_text="0: no link")
    channel = models.CharField(max_length=20, blank=True)
    visitor_key = models.CharField(max_length=32)
    counted = models.BooleanField(
        default=False, db_default=False,
        help_text="Already added to the campaign's reach figures (rollups).",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "lesson", "link_id", "visitor_key"],
                                    name="one_touch_a_visitor_lesson_and_link")
        ]
        indexes = [
            models.Index(fields=["campaign", "visitor_key"], name="touch_campaign_visitor"),
            models.Index(fields=["campaign"], condition=models.Q(counted=False),
                         name="touch_not_yet_counted"),
        ]

    def __str__(self):
        return f"{self.campaign_id}:{self.lesson_id}:{self.link_id}"


class CampaignReachFigure(models.Model):
    """Deduplicated online reach of a campaign, whole and per lesson, link, channel, format,
    audience segment and language (the lesson page's locale); recomputed by the rollup, read
    by every report."""

    class Dimension(models.TextChoices):
        ALL = "all", _("Whole campaign")
        PAGE = "page", _("Lesson")
        LINK = "link", _("Tracking link")
        CHANNEL = "channel", _("Channel")
        FORMAT = "format", _("Format")
        SEGMENT = "segment", _("Audience segment")
        LANGUAGE = "language", _("Language")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    key = models.CharField(max_length=80, blank=True)
    unique_visitors = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "dimension", "key"],
                                    name="one_figure_a_campaign_dimension_key")
        ]

    def __str__(self):
        return f"{self.campaign_id} {self.dimension}:{self.key} = {self.unique_visitors}"


class CampaignReachTally(models.Model):
    """A campaign whose reach figures are kept incrementally (campaigns.rollups).

    Present once the figures were counted in full from the campaign's counted touches; from
    then on each rollup adds only the touches not yet counted. ``keys_discarded_at``: when
    prune deleted the campaign's visitor keys (its salt was destroyed, so no later visit could
    match them); its figures are final for those keys and are never recounted from scratch.
    """

    campaign = models.OneToOneField(
        Campaign, primary_key=True, on_delete=models.PROTECT, related_name="+"
    )
    keys_discarded_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"reach tally of {self.campaign_id}"


class DailyTagRollup(models.Model):
    """Qualified events, views and unique visitors per day × campaign × tag: the utm_source,
    the utm_medium or the referring site's host the events carried ("" for events without
    one, so each dimension's rows add up to the day's qualified events)."""

    class Dimension(models.TextChoices):
        SOURCE = "source", _("Source (utm_source)")
        MEDIUM = "medium", _("Medium (utm_medium)")
        REFERRER = "referrer", _("Referring site")

    day = models.DateField()
    campaign = models.ForeignKey(Campaign, null=True, on_delete=models.PROTECT, related_name="+")
    dimension = models.CharField(max_length=10, choices=Dimension.choices)
    key = models.CharField(max_length=253, blank=True)
    events = models.PositiveIntegerField(default=0)
    views = models.PositiveIntegerField(default=0)
    unique_visitors = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["campaign", "day"], name="tag_rollup_campaign_day"),
                   models.Index(fields=["day"], name="tag_rollup_day")]

    def __str__(self):
        return f"{self.day} {self.campaign_id} {self.dimension}:{self.key}"


class DailyScenarioRollup(models.Model):
    """Scenario learning per day × campaign × lesson: choices at steps testing a red flag
    (and how many were safe), and endings by outcome. ``red_flag`` rows have no outcome;
    ``outcome`` rows have no red flag."""

    day = models.DateField()
    campaign = models.ForeignKey(Campaign, null=True, on_delete=models.PROTECT, related_name="+")
    page_id = models.PositiveIntegerField()
    red_flag = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    choices = models.PositiveIntegerField(default=0)
    safe_choices = models.PositiveIntegerField(default=0)
    endings = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["campaign", "day"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} {self.page_id} {self.red_flag or self.outcome}"


class DailyLearningRollup(models.Model):
    """Learning checks per day × campaign × lesson × kind × item: the 2×2 table of completed
    before/after pairs (``check`` events). ``kind`` is the event's ``of`` ("question",
    "red_flag", "message"), ``item`` the question or message number or the red flag's slug.
    ``right_wrong`` counts pairs right before and wrong after, and so on."""

    day = models.DateField()
    campaign = models.ForeignKey(Campaign, null=True, on_delete=models.PROTECT, related_name="+")
    page_id = models.PositiveIntegerField()
    kind = models.CharField(max_length=10)
    item = models.CharField(max_length=64)
    right_right = models.PositiveIntegerField(default=0)
    right_wrong = models.PositiveIntegerField(default=0)
    wrong_right = models.PositiveIntegerField(default=0)
    wrong_wrong = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["campaign", "day"]), models.Index(fields=["day"])]

    def __str__(self):
        return f"{self.day} {self.page_id} {self.kind}:{self.item}"


class MonthlyRollup(models.Model):
    """DailyRollup summed per calendar month × campaign × page × event type (links summed),
    so a year's report reads a few thousand rows instead of a year of daily ones. Derived only:
    ``campaigns.rollups.refresh_month`` rewrites a month from its daily rows after a rollup
    run's days of that month (``rollup_days``; ``rollup_day`` alone: in its transaction).

    ``month`` is the first day of the month (of the site's time zone, as ``day`` is);
    ``visitor_days`` sums the daily unique visitors (a person once per day and row)."""

    month = models.DateField()
    campaign = models.ForeignKey(Campaign, null=True, on_delete=models.CASCADE,
                                 related_name="+")
    page_id = models.PositiveIntegerField()
    event_type = models.CharField(max_length=20)
    qualified_events = models.PositiveBigIntegerField(default=0)
    raw_events = models.PositiveBigIntegerField(default=0)
    visitor_days = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.campaign_id} {self.page_id} {self.event_type}"


class MonthlyScenarioRollup(models.Model):
    """DailyScenarioRollup summed per calendar month × campaign × lesson × red flag / outcome;
    derived only, rewritten with the daily rows (see MonthlyRollup)."""

    month = models.DateField()
    campaign = models.ForeignKey(Campaign, null=True, on_delete=models.CASCADE,
                                 related_name="+")
    page_id = models.PositiveIntegerField()
    red_flag = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=10, blank=True)
    choices = models.PositiveBigIntegerField(default=0)
    safe_choices = models.PositiveBigIntegerField(default=0)
    endings = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.page_id} {self.red_flag or self.outcome}"
