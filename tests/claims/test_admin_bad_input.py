"""Bad input in the claims admin: a form error on the field, and nothing saved."""

import pytest
from django.urls import reverse

from claims.models import Endorsement, FactCheck, Rating, Statement
from tests.admin_forms import change_form_data
from tests.factories import (
    FactCheckFactory,
    OrganizationFactory,
    PersonFactory,
    RatingScaleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("said_on", ["2025-06-", "2025-02-30", "2025-13", "24/06/2025"])
def test_a_statement_date_must_be_a_real_partial_date(client, editor, said_on):
    speaker = PersonFactory()
    client.force_login(editor)
    add = reverse("admin:claims_statement_add")
    data = change_form_data(
        client.get(add), speaker=speaker.pk, kind="quote", text="We will.", said_on=said_on
    )
    response = client.post(add, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["said_on"]
    assert not Statement.objects.exists()


@pytest.mark.parametrize("reviewed_on", ["2025-02-30", "2025-07", "30/06/2025"])
def test_a_review_date_must_be_a_day_written_as_the_error_says(client, editor, reviewed_on):
    """The error says what to type, as a partial date's does, not only "Enter a valid date"."""
    fact_check = FactCheckFactory()
    client.force_login(editor)
    change = reverse("admin:claims_factcheck_change", args=[fact_check.pk])
    data = change_form_data(client.get(change), reviewed_on=reviewed_on)

    response = client.post(change, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["reviewed_on"] == [
        "Enter a day of the calendar as YYYY-MM-DD (for example 2025-06-24)."
    ]
    assert FactCheck.objects.get(pk=fact_check.pk).reviewed_on == fact_check.reviewed_on


def test_a_rating_must_lie_within_its_scale(client, editor):
    scale = RatingScaleFactory(best=6, worst=1)
    client.force_login(editor)
    add = reverse("admin:claims_rating_add")
    data = change_form_data(
        client.get(add), scale=scale.pk, name="Beyond true", slug="beyond-true", value="7"
    )
    response = client.post(add, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["value"] == [
        "The value must lie between 1 and 6 on “Truth-O-Meter”."
    ]
    assert not Rating.objects.exists()


def test_a_rating_outside_the_scale_is_refused_in_the_scale_form(client, editor):
    scale = RatingScaleFactory(best=6, worst=1)
    client.force_login(editor)
    change = reverse("admin:claims_ratingscale_change", args=[scale.pk])
    data = change_form_data(
        client.get(change),
        **{"ratings-0-name": "Worse than false", "ratings-0-slug": "worse", "ratings-0-value": "0"},
    )
    response = client.post(change, data)
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["value"]
    assert not Rating.objects.exists()


def test_an_endorsement_has_one_endorser_not_two(client, editor):
    client.force_login(editor)
    add = reverse("admin:claims_endorsement_add")
    data = change_form_data(
        client.get(add),
        endorser_person=PersonFactory().pk,
        endorser_organization=OrganizationFactory().pk,
        endorsed=PersonFactory().pk,
        kind="endorsement",
    )
    response = client.post(add, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "exactly one endorser" in errors["endorser_person"][0]
    assert "exactly one endorser" in errors["endorser_organization"][0]
    assert not Endorsement.objects.exists()


def test_an_empty_subject_becomes_the_speaker(client, editor):
    speaker = PersonFactory()
    client.force_login(editor)
    add = reverse("admin:claims_statement_add")
    data = change_form_data(
        client.get(add), speaker=speaker.pk, kind="quote", text="We will.", said_on="2025-06"
    )
    assert client.post(add, data).status_code == 302
    assert Statement.objects.get().subject == speaker
