"""What the read API answers, as DRF serializers over the plain data of campaigns.figures.

The figures package returns ReportTables (key, title, columns, rows) and small dicts; these
serializers only rename and filter, never compute. The OpenAPI schema is generated from them,
so the schema and the answers cannot drift apart.

Adding an endpoint for another figures function takes a view and, when its rows are a
ReportTable, nothing here: ``ReportTableSerializer`` writes any table.
"""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

# Identifiers a table row may carry beside its columns (campaigns.figures.tables): stable keys
# for analysts' joins, in every language the same.
ROW_IDENTIFIERS = (
    "page_id", "link_id", "code", "slug", "segment_slug", "channel_code", "format_code",
    "language", "language_code", "kind_code",
)


@extend_schema_field({"type": "number", "nullable": True})
class NumberField(serializers.Field):
    """A figure as the report has it: a whole number (count), a number with one decimal (per
    cent), or null (nothing to divide by, not available)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return value


class DefinitionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The figure's id in DEFINITIONS; never translated.")
    label = serializers.CharField()
    counted = serializers.CharField(help_text="How it is counted (docs/reach-definitions.md).")
    source = serializers.CharField(help_text="From which data.")


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The row key holding this column's values.")
    label = serializers.CharField(source="heading")
    kind = serializers.ChoiceField(choices=["text", "int", "pct", "date"],
                                   help_text="pct: per cent, one decimal; date: YYYY-MM-DD.")
    definition = serializers.CharField(allow_null=True,
                                       help_text="The DEFINITIONS key of what it counts.")


class RowsField(serializers.ListField):
    """A table's rows: each column's value under the column's key, plus the row's identifiers
    (ROW_IDENTIFIERS) where it has them. Nothing else a row may hold is written."""

    child = serializers.DictField()

    def get_attribute(self, instance):
        return instance

    def to_representation(self, table):
        keys = [column.key for column in table.columns]
        return [
            {**{key: row.get(key) for key in keys},
             **{key: row[key] for key in ROW_IDENTIFIERS if key in row and key not in keys}}
            for row in table.rows
        ]


class ReportTableSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    definition = serializers.CharField(allow_null=True)
    note = serializers.CharField(allow_blank=True)
    columns = ColumnSerializer(many=True)
    rows = RowsField()


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = NumberField(help_text="A count (whole number) or a per cent; null: none.")


class CampaignSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    status = serializers.ChoiceField(
        choices=["upcoming", "running", "ended"],
        help_text="On today's date in the site's time zone.")
    reach_goal = serializers.IntegerField(allow_null=True)
    online_reach = serializers.IntegerField(help_text="People, over the whole campaign.")
    goal_progress = NumberField(help_text="Per cent of the reach goal; null without a goal.")
    url = serializers.URLField(help_text="This campaign's figures.")


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    whole_campaign = serializers.BooleanField()


class CampaignFiguresSerializer(serializers.Serializer):
    campaign = CampaignSerializer()
    period = PeriodSerializer()
    time_zone = serializers.CharField()
    headline = FigureSerializer(many=True)
    tables = ReportTableSerializer(many=True)
    definitions = DefinitionSerializer(many=True)


class CampaignTableSerializer(serializers.Serializer):
    campaign = CampaignSerializer()
    period = PeriodSerializer()
    time_zone = serializers.CharField()
    table = ReportTableSerializer()
    definitions = DefinitionSerializer(many=True)


class AnnualFigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField(source="figure")
    value = NumberField()
    kind = serializers.CharField(help_text="What is counted: people, visitor-days, contacts …")
    parts = serializers.SerializerMethodField()

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "label": {"type": "string"},
        # a number, or a text for a part that is a range (the learning gain's interval)
        "value": {"oneOf": [{"type": "number"}, {"type": "string"}], "nullable": True}}}})
    def get_parts(self, item):
        return [{"label": str(label), "value": value} for label, value in item["parts"]]


class AnnualReportSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    time_zone = serializers.CharField()
    summary = AnnualFigureSerializer(many=True)
    tables = ReportTableSerializer(many=True)
    definitions = DefinitionSerializer(many=True)


class YearsSerializer(serializers.Serializer):
    years = serializers.ListField(child=serializers.IntegerField())
