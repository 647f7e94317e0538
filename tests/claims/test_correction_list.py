"""The correction list names the record each correction corrects, and finds a correction by
that record's words and people."""

import pytest
from django.urls import reverse

from core.partial_dates import PartialDate
from tests import factories

pytestmark = pytest.mark.django_db


def stance_shift():
    person = factories.PersonFactory()
    position = factories.PositionFactory()
    earlier = factories.StatementFactory(
        speaker=person, position=position, said_on=PartialDate(2020)
    )
    later = factories.StatementFactory(speaker=person, position=position, said_on=PartialDate(2025))
    return factories.StanceShiftFactory(earlier=earlier, later=later)


# One record of each kind a correction corrects, with what its name reads (a speaker, a
# rating, a topic).
CORRECTED_RECORDS = [
    factories.PublishedStatementFactory,
    lambda: factories.PublishedStatementFactory(
        speaker=None,
        speaker_organization=factories.OrganizationFactory(),
        subject=factories.PersonFactory(),
    ),
    factories.FactCheckFactory,
    factories.EndorsementFactory,
    stance_shift,
    factories.PublishedPromiseFactory,
    factories.PublishedStatusChangeFactory,
]


def test_each_row_names_the_corrected_record_and_links_to_it(client, editor):
    """A row says which record it corrects, by that record's name, linking to its page."""
    statement = factories.PublishedStatementFactory(
        speaker=factories.PersonFactory(name="Zohran Mamdani"), text="Freeze the rent."
    )
    factories.CorrectionFactory(record=statement)
    client.force_login(editor)

    response = client.get(reverse("admin:claims_correction_changelist"))

    page = response.content.decode()
    assert "Zohran Mamdani: Freeze the rent." in page
    assert reverse("admin:claims_statement_change", args=[statement.pk]) in page


def test_the_list_reads_the_corrected_records_in_a_query_per_kind(
    client, editor, django_assert_max_num_queries
):
    """The corrected records' names cost the same number of queries for 7 rows as for 70."""
    client.force_login(editor)
    built = 0
    for rows in (1, 10):
        while built < rows:
            for build in CORRECTED_RECORDS:
                factories.CorrectionFactory(record=build())
            built += 1
        # Session, user, group permissions, count, unfiltered count, the page of corrections
        # with their content types, the corrected records (one query per kind: 6), the date
        # hierarchy and the content type filter's choices: at most 16, whatever the rows.
        with django_assert_max_num_queries(16):
            response = client.get(reverse("admin:claims_correction_changelist"))
        assert response.status_code == 200
        assert response.context["cl"].result_count == rows * len(CORRECTED_RECORDS)


@pytest.mark.parametrize(
    "words", ["Freeze the rent", "Mamdani", "ZM"], ids=["text", "speaker", "alias"]
)
def test_a_search_finds_a_correction_by_the_corrected_statement(client, editor, words):
    """An editor finds a correction by the corrected statement's words or its speaker."""
    speaker = factories.PersonFactory(name="Zohran Mamdani", aliases="ZM")
    wanted = factories.CorrectionFactory(
        record=factories.PublishedStatementFactory(speaker=speaker, text="Freeze the rent.")
    )
    factories.CorrectionFactory()  # of another statement, which the search leaves out
    client.force_login(editor)

    response = client.get(reverse("admin:claims_correction_changelist"), {"q": words})

    assert [row.pk for row in response.context["cl"].result_list] == [wanted.pk]


def test_a_search_finds_a_correction_by_the_corrected_fact_checks_claim(client, editor):
    """The other kinds are found by what their own list's search finds them by."""
    fact_check = factories.FactCheckFactory(claim_reviewed="Crime fell by half.")
    wanted = factories.CorrectionFactory(record=fact_check)
    factories.CorrectionFactory()
    client.force_login(editor)

    response = client.get(reverse("admin:claims_correction_changelist"), {"q": "fell by half"})

    assert [row.pk for row in response.context["cl"].result_list] == [wanted.pk]
