"""Partial dates: "2020", "June 2025" or "24 June 2025", never more precise than known.

A partial date is stored in one column as a truncated ISO 8601 string
("2020", "2025-06", "2025-06-24"). Those strings sort as the dates they stand
for (earliest day first, then the less precise before the more precise), so
the database orders and compares them without any help.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass
from functools import total_ordering

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

MIN_YEAR = 1800
MAX_YEAR = 2100
FORMAT_HINT = "YYYY, YYYY-MM or YYYY-MM-DD (for example 2020, 2025-06 or 2025-06-24)"
_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# calendar.month_name formats each name with strftime on every access; a stance history
# shows hundreds of dates.
_MONTH_NAMES = tuple(calendar.month_name)


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError("the month must be between 01 and 12")
        if self.day is not None:
            last_day = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last_day:
                raise ValueError(f"{self.isoformat()} is not a day of the calendar")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read "2020", "2025-06" or "2025-06-24"; raise ValueError saying what is allowed."""
        if cls is PartialDate and isinstance(text, str):
            return _parse(text)  # immutable, so one object per distinct text will do
        return cls._parse_uncached(text)

    @classmethod
    def _parse_uncached(cls, text: str) -> PartialDate:
        match = _PATTERN.match(str(text).strip())
        if not match:
            raise ValueError(f"enter a date as {FORMAT_HINT}")
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: datetime.date, precision: str = DatePrecision.DAY) -> PartialDate:
        """Truncate a full date to the given precision."""
        if precision == DatePrecision.YEAR:
            return cls(value.year)
        if precision == DatePrecision.MONTH:
            return cls(value.year, value.month)
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @property
    def earliest(self) -> datetime.date:
        """The first day this date may stand for."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> datetime.date:
        """The last day this date may stand for."""
        if self.day is not None:
            return self.earliest
        month = self.month or 12
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def may_precede(self, other: PartialDate) -> bool:
        """Whether this date may lie on or before the other: it sorts first, or it lies within
        the other's period ("2025-06" may precede "2025", as June may be early in the year)."""
        return self <= other or self.isoformat().startswith(other.isoformat())

    def isoformat(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.day} {_MONTH_NAMES[self.month]} {self.year}"
        if self.month is not None:
            return f"{_MONTH_NAMES[self.month]} {self.year}"
        return str(self.year)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.isoformat() < other.isoformat()


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> PartialDate:
    return PartialDate._parse_uncached(text)


def as_partial_date(value: object) -> PartialDate | None:
    """Coerce a PartialDate, a date or an ISO-prefix string; raise ValueError when it is none."""
    if value is None or value == "":
        return None
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, datetime.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, datetime.date):
        return PartialDate.from_date(value)
    return PartialDate.parse(str(value))


def _as_sentence(error: ValueError) -> str:
    message = str(error)
    return f"{message[:1].upper()}{message[1:]}."


class PartialDateFormField(forms.CharField):
    """A text box for a partial date, with an error that says what to type."""

    def __init__(self, **kwargs):
        # No max_length validator: it would measure the parsed PartialDate, not the text.
        max_length = kwargs.pop("max_length", None) or 10
        kwargs.setdefault("help_text", f"As {FORMAT_HINT}.")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("maxlength", str(max_length))
        self.widget.attrs.setdefault("placeholder", "YYYY or YYYY-MM or YYYY-MM-DD")

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return value.isoformat()
        return value

    def run_validators(self, value):
        # Validators (max_length) measure the text, not the parsed PartialDate.
        super().run_validators(value.isoformat() if isinstance(value, PartialDate) else value)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            raise ValidationError(_as_sentence(error), code="invalid") from None


class PartialDateField(models.CharField):
    """A model field holding a PartialDate in one sortable column."""

    description = "A date known to the year, month or day"

    def __init__(self, *args, **kwargs):
        kwargs["max_length"] = 10
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return PartialDate.parse(value)

    def to_python(self, value):
        try:
            return as_partial_date(value)
        except ValueError as error:
            raise ValidationError(_as_sentence(error), code="invalid") from None

    def get_prep_value(self, value):
        if value is None or value == "":
            return None if self.null else ""
        # Raises ValueError on garbage, so nothing malformed reaches the column.
        return as_partial_date(value).isoformat()

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return value.isoformat() if value else ""

    def run_validators(self, value):
        # The validators (max_length) measure the stored text, "2025-06-24", not the object.
        super().run_validators(value.isoformat() if isinstance(value, PartialDate) else value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PartialDateFormField, **kwargs})


def validate_not_in_the_future(value) -> None:
    """Refuse a date after today in the site's time zone; a partial date by its first day
    ("2026" is fine all through 2026). Nothing is said, published or checked in the future."""
    if value in (None, ""):
        return
    if isinstance(value, datetime.datetime):
        first_day, shown = timezone.localtime(value).date(), None
    elif isinstance(value, datetime.date):
        first_day, shown = value, None
    else:
        try:
            partial = as_partial_date(value)
        except ValueError:
            return  # not a date at all: the field's own error says so
        first_day, shown = partial.earliest, str(partial)
    today = timezone.localdate()
    if first_day > today:
        raise ValidationError(
            "%(date)s is in the future (today is %(today)s): enter when it actually happened.",
            code="future",
            params={
                "date": shown or f"{first_day.day} {first_day:%B %Y}",
                "today": f"{today.day} {today:%B %Y}",
            },
        )
