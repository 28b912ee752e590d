"""The django-import-export resources: one per kind of record, each row validated by the
model's own ``full_clean`` and checked once by its natural key."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources

from education.models import AudienceSegment

from ..models import Campaign, Channel, ChannelFigure, FigureMetric, OfflineEvent, OfflineFormat
from .widgets import ChoiceWidget, CountWidget, DateWidget, SlugWidget, TextWidget


def _squeeze_text(value):
    """'  Riverside   Library ' -> 'riverside library': how two spellings of a place compare."""
    return " ".join(str(value or "").split()).casefold()


class CampaignImportResource(resources.ModelResource):
    """Shared behaviour: only new rows (no id column can touch an existing record), the
    model's own validation for every row, each row once by its natural key (``natural_key``),
    and each saved row tied to its ImportBatch.

    A row whose natural key is already recorded (imported before, or entered in the admin) is
    refused with a row error, never added again nor silently merged: the marketer changes the
    existing record on purpose. A row repeating an earlier row of the same file is a row error
    too. ``file_rows`` maps the dataset's row index (1-based) to the row's number in the file.
    """

    duplicate_in_file_message = ""
    already_recorded_message = ""

    def __init__(self, file_rows=(), **kwargs):
        super().__init__(**kwargs)
        self.file_rows = list(file_rows)
        self.seen = {}  # natural key -> file row number
        self.recorded = {}  # campaign id -> {natural key: existing record}
        self.row_number = None

    @staticmethod
    def natural_key(instance):
        raise NotImplementedError

    def describe(self, instance):
        return str(instance)

    def before_import_row(self, row, **kwargs):
        index = kwargs.get("row_number")
        self.row_number = (self.file_rows[index - 1]
                           if index and index <= len(self.file_rows) else index)

    def recorded_for(self, campaign_id):
        if campaign_id not in self.recorded:
            records = (self._meta.model.objects.filter(campaign_id=campaign_id)
                       .select_related("import_batch"))
            self.recorded[campaign_id] = {self.natural_key(r): r for r in records}
        return self.recorded[campaign_id]

    def duplicate_problem(self, instance):
        key = self.natural_key(instance)
        earlier = self.seen.get(key)
        if earlier is not None:
            return self.duplicate_in_file_message % {"row": earlier}
        self.seen[key] = self.row_number
        existing = self.recorded_for(instance.campaign_id).get(key)
        if existing is None:
            return None
        batch = existing.import_batch
        if batch is not None:
            origin = gettext("imported from “%(file)s” on %(date)s") % {
                "file": batch.filename,
                "date": date_format(timezone.localtime(batch.imported_at), "DATE_FORMAT"),
            }
        else:
            origin = gettext("entered in the admin")
        return self.already_recorded_message % {"record": self.describe(existing),
                                                "origin": origin}

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's checks (its ``clean()``), then the natural key: once only."""
        errors = {}
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict({})
        key_fields = set(self.natural_key_fields)
        if instance.campaign_id and not key_fields & set(errors):
            problem = self.duplicate_problem(instance)
            if problem:
                errors.setdefault(NON_FIELD_ERRORS, []).append(problem)
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        instance.import_batch = kwargs.get("batch")

    class Meta:
        import_id_fields = ()
        force_init_instance = True
        clean_model_instances = True
        skip_diff = True
        use_bulk = True
        batch_size = 500
        use_transactions = True


def _field(name, widget, **kwargs):
    return fields.Field(attribute=name, column_name=name, widget=widget, **kwargs)


class OfflineEventResource(CampaignImportResource):
    campaign = _field("campaign", SlugWidget(Campaign))
    date = _field("date", DateWidget())
    place = _field("place", TextWidget())
    partner = _field("partner", TextWidget(required=False))
    segment = _field("segment", SlugWidget(AudienceSegment, required=False))
    format = _field("format", ChoiceWidget(OfflineFormat.choices))
    attendance = _field("attendance", CountWidget())
    materials_handed_out = _field("materials_handed_out", CountWidget(required=False),
                                  default=0)
    notes = _field("notes", TextWidget(required=False))

    class Meta:
        model = OfflineEvent
        fields = ("campaign", "date", "place", "partner", "segment", "format", "attendance",
                  "materials_handed_out", "notes")

    # The natural key of an offline event: its campaign, day, place and organiser (partner),
    # places and organisers compared without case or extra spaces.
    natural_key_fields = ("campaign", "date", "place", "partner")
    duplicate_in_file_message = _(
        "This row repeats row %(row)d (same campaign, date, place and partner): each event is "
        "listed once. Remove one of the two rows, or add the two counts up in one row."
    )
    already_recorded_message = _(
        "This event is already recorded: %(record)s, %(origin)s. An event is never imported "
        "twice: change the recorded event in the admin instead, or remove this row."
    )

    @staticmethod
    def natural_key(instance):
        return (instance.campaign_id, instance.date, _squeeze_text(instance.place),
                _squeeze_text(instance.partner))

    def describe(self, instance):
        return gettext("%(date)s at “%(place)s” (%(partner)s), attendance %(attendance)d") % {
            "date": instance.date.isoformat(), "place": instance.place,
            "partner": instance.partner or "—", "attendance": instance.attendance,
        }


class ChannelFigureResource(CampaignImportResource):
    campaign = _field("campaign", SlugWidget(Campaign))
    channel = _field("channel", ChoiceWidget(Channel.choices))
    partner = _field("partner", TextWidget())
    period_start = _field("period_start", DateWidget())
    period_end = _field("period_end", DateWidget())
    metric = _field("metric", ChoiceWidget(FigureMetric.choices))
    value = _field("value", CountWidget())
    source = _field("source", TextWidget())
    method = _field("method", TextWidget())
    evidence_url = _field("evidence_url", TextWidget(required=False))

    class Meta:
        model = ChannelFigure
        fields = ("campaign", "channel", "partner", "period_start", "period_end", "metric",
                  "value", "source", "method", "evidence_url")

    # The natural key of a partner figure: which campaign, channel, partner, metric and period.
    natural_key_fields = ("campaign", "channel", "partner", "metric", "period_start",
                          "period_end")
    duplicate_in_file_message = _(
        "This row repeats row %(row)d (same campaign, channel, partner, metric and period): "
        "each figure is listed once. Remove one of the two rows."
    )
    already_recorded_message = _(
        "This figure is already recorded: %(record)s, %(origin)s. A figure is never imported "
        "twice: change the recorded figure in the admin instead, or remove this row."
    )

    @staticmethod
    def natural_key(instance):
        return (instance.campaign_id, instance.channel, _squeeze_text(instance.partner),
                instance.metric, instance.period_start, instance.period_end)

    def describe(self, instance):
        return gettext("%(partner)s, %(metric)s %(start)s to %(end)s: %(value)d") % {
            "partner": instance.partner, "metric": instance.get_metric_display(),
            "start": instance.period_start.isoformat(), "end": instance.period_end.isoformat(),
            "value": instance.value,
        }
