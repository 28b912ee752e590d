"""Widgets: one cell to one value, or ValueError with a message for the marketer."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext
from import_export import widgets

from .limits import DATE_FORMATS, blank


class _Required:
    def __init__(self, *args, required=True, **kwargs):
        self.required = required
        super().__init__(*args, **kwargs)

    def check_required(self, value):
        if blank(value):
            if self.required:
                raise ValueError(gettext("This cell is empty; it needs a value."))
            return True
        return False


class TextWidget(_Required, widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return ""
        if isinstance(value, dt.date):
            value = value.isoformat()
        return str(value).strip()


class SlugWidget(_Required, widgets.ForeignKeyWidget):
    """An object by slug, looked up once per slug in an import."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)
        self.found = {}

    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return None
        slug = str(value).strip()
        if slug not in self.found:
            self.found[slug] = self.model.objects.filter(slug=slug).first()
        if self.found[slug] is None:
            raise ValueError(gettext("No %(model)s has the slug “%(slug)s”.") % {
                "model": self.model._meta.verbose_name, "slug": slug})
        return self.found[slug]


class ChoiceWidget(_Required, widgets.Widget):
    """A choice by its value or its label, in any case ("talk", "Talk")."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.lookup = {}
        for value, label in choices:
            self.lookup[str(value).casefold()] = value
            self.lookup[str(label).casefold()] = value

    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return ""
        key = str(value).strip().casefold()
        if key not in self.lookup:
            raise ValueError(gettext("“%(value)s” is not one of: %(choices)s.") % {
                "value": value, "choices": ", ".join(str(v) for v, _label in self.choices)})
        return self.lookup[key]


class CountWidget(_Required, widgets.IntegerWidget):
    """A whole number of 0 or more ("1,250" is read as 1250)."""

    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return None
        text = str(value).strip().replace(",", "").replace(" ", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number != number.to_integral_value():
            raise ValueError(gettext("“%(value)s” is not a whole number.") % {"value": value})
        if number < 0:
            raise ValueError(gettext(
                "“%(value)s” is negative; a count is 0 or more."
            ) % {"value": value})
        if number > 10**15:
            raise ValueError(gettext("“%(value)s” is too large.") % {"value": value})
        return int(number)


class DateWidget(_Required, widgets.DateWidget):
    def clean(self, value, row=None, **kwargs):
        if self.check_required(value):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for date_format_ in DATE_FORMATS:
            try:
                return dt.datetime.strptime(text, date_format_).date()
            except ValueError:
                continue
        raise ValueError(gettext(
            "“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2025-03-15."
        ) % {"value": value})
