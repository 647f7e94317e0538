"""A correction corrects a public record readers can see it on; anything else is refused."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import Correction, Statement, Status
from claims.services import TransitionError, publish
from tests.factories import (
    CorrectionFactory,
    OrganizationFactory,
    PublishedStatementFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db


def correction_of(model, object_id: int) -> Correction:
    return Correction(
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id,
        what_changed="The date.",
        reason="It was wrong.",
    )


def test_a_correction_of_a_record_that_does_not_exist_is_refused():
    with pytest.raises(ValidationError, match="There is no statement #99999"):
        correction_of(Statement, 99999).full_clean()


def test_a_correction_of_a_record_readers_never_see_corrected_is_refused():
    history_row = PublishedStatementFactory().history.model

    with pytest.raises(ValidationError, match="A correction is of a statement, fact-check"):
        correction_of(history_row, 1).full_clean()
    with pytest.raises(ValidationError, match="A correction is of a statement, fact-check"):
        correction_of(OrganizationFactory(), 1).full_clean()


def test_a_correction_of_a_public_statement_is_valid():
    statement = PublishedStatementFactory()

    correction_of(Statement, statement.pk).full_clean()


def test_a_correction_of_a_draft_is_not_published(publisher):
    correction = CorrectionFactory(record=StatementFactory())

    with pytest.raises(TransitionError, match="the statement it corrects is not public"):
        publish(record=correction, by=publisher)

    assert Correction.objects.get(pk=correction.pk).status == Status.DRAFT


def test_the_admin_offers_only_the_records_a_correction_can_correct(client, publisher):
    client.force_login(publisher)

    response = client.get(reverse("admin:claims_correction_add"))

    offered = {
        str(label)
        for _, label in response.context["adminform"].form.fields["content_type"].choices
        if label != "---------"
    }
    assert offered == {
        "Endorsement",
        "Fact-check",
        "Promise",
        "Promise status change",
        "Stance shift",
        "Statement",
    }
