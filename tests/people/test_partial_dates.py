"""Partial dates keep their precision, sort as dates, and refuse nonsense."""

import pytest
from django.core.exceptions import ValidationError

from core.partial_dates import PartialDate, PartialDateFormField
from people.models import Role
from tests.factories import RoleFactory


@pytest.mark.parametrize(
    ("text", "shown"),
    [("2020", "2020"), ("2025-06", "June 2025"), ("2025-06-24", "24 June 2025")],
)
def test_it_is_shown_at_its_precision(text, shown):
    assert str(PartialDate.parse(text)) == shown
    assert PartialDate.parse(text).isoformat() == text


@pytest.mark.parametrize(
    "text", ["20", "2020-13", "2025-02-30", "2025-6-1", "June 2025", "1700", "2020-06-"]
)
def test_it_refuses_what_is_not_a_date(text):
    with pytest.raises(ValueError, match="."):
        PartialDate.parse(text)


def test_it_orders_by_earliest_day_then_precision():
    dates = [PartialDate.parse(t) for t in ["2025-06-24", "2020", "2025-06", "2025", "2019-12-31"]]
    assert [d.isoformat() for d in sorted(dates)] == [
        "2019-12-31",
        "2020",
        "2025",
        "2025-06",
        "2025-06-24",
    ]


@pytest.mark.parametrize(
    ("first", "second", "may_precede"),
    [
        ("2020", "2025", True),
        ("2025", "2025", True),
        ("2025-06", "2025", True),  # June lies within 2025
        ("2025", "2025-06", True),
        ("2025-06-24", "2025-06", True),
        ("2025-07", "2025-06", False),
        ("2026", "2025-06-24", False),
    ],
)
def test_a_date_may_precede_another_when_it_sorts_first_or_lies_within_it(
    first, second, may_precede
):
    assert PartialDate.parse(first).may_precede(PartialDate.parse(second)) is may_precede


def test_year_spans_the_whole_year():
    year = PartialDate(2020)
    assert (year.earliest.isoformat(), year.latest.isoformat()) == ("2020-01-01", "2020-12-31")


def test_the_form_field_explains_the_format():
    with pytest.raises(ValidationError, match="YYYY"):
        PartialDateFormField().clean("24/06/2025")


def test_the_database_orders_partial_dates_as_dates(db):
    for text in ["2025-06-24", "2020", "2025"]:
        RoleFactory(start=PartialDate.parse(text))
    assert [role.start.isoformat() for role in Role.objects.order_by("start")] == [
        "2020",
        "2025",
        "2025-06-24",
    ]


def test_a_malformed_value_never_reaches_the_column(db):
    with pytest.raises(ValueError):
        RoleFactory(start="last spring")


def test_a_model_holding_a_partial_date_passes_full_clean(db):
    """Model validation measures the stored text, so a PartialDate passes max_length."""
    role = RoleFactory(start=PartialDate(2025, 6, 24), end=PartialDate(2026))
    role.full_clean()
