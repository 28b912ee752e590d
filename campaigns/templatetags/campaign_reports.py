"""Template helpers for the reach reports: how a figure is written, and table rows."""

import datetime as dt

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def report_value(value):
    """A figure as shown on screen: grouped integers, per cents with one decimal, ISO dates;
    an empty figure (nothing to divide by, or not available) as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, float):
        return f"{formats.number_format(value, 1, force_grouping=True)} %"
    if isinstance(value, int):
        return formats.number_format(value, 0, force_grouping=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


NUMERIC_KINDS = ("int", "pct", "pp")


@register.filter
def points_value(value):
    """A difference in percentage points: signed, one decimal ("+12.3"); a dash when empty."""
    if isinstance(value, float):
        return formats.number_format(value, 1, force_grouping=True) if value < 0 else (
            "+" + formats.number_format(value, 1, force_grouping=True))
    return report_value(value)


def _cell(column, row, first):
    value = row.get(column.key)
    text = points_value(value) if column.kind == "pp" else report_value(value)
    if first:
        return format_html('<th scope="row" class="reach-rowhead reach-rowhead--{}">{}</th>',
                           column.kind, text)
    if column.kind in NUMERIC_KINDS:
        return format_html('<td class="reach-num">{}</td>', text)
    return format_html("<td>{}</td>", text)


def table_rows_html(table):
    """The <tr>s of a report table's body. Built here rather than in a template loop: a
    report has a thousand cells or more, and template tags per cell cost more than the
    queries behind the whole report."""
    columns = table.columns
    return format_html_join(
        "\n", "<tr>{}</tr>",
        ((mark_safe("".join(_cell(column, row, n == 0) for n, column in enumerate(columns))),)
         for row in table.rows),
    )
