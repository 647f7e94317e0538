"""Every admin list loads for editors and publishers in a bounded number of queries."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from claims.models import Correction
from claims.models.corrections import CORRECTABLE_MODELS
from core.partial_dates import PartialDate
from tests import factories

pytestmark = pytest.mark.django_db


def stance_shift(number):
    return stance_shift_of(factories.PersonFactory())


def citation_of_a_statement_or_an_endorsement(number):
    if number % 2:
        endorsement = factories.EndorsementFactory(
            endorser_person=None, endorser_organization=factories.OrganizationFactory()
        )
        return factories.CitationFactory(statement=None, endorsement=endorsement)
    return factories.CitationFactory()


def correction(number):
    statement = factories.PublishedStatementFactory()
    # Content types are cached per process, as in production: the list asks those of every
    # kind of record a correction corrects, to name the corrected records.
    ContentType.objects.get_for_models(
        *(apps.get_model("claims", name) for name in CORRECTABLE_MODELS)
    )
    return Correction.objects.create(
        content_type=ContentType.objects.get_for_model(statement),
        object_id=statement.pk,
        what_changed=f"Fixed the date ({number}).",
        reason="It was wrong.",
    )


# One row of each model, built the way the admin list shows it (with its related rows).
ROW_BUILDERS = {
    "people/person": lambda number: factories.PersonFactory(),
    "people/organization": lambda number: factories.OrganizationFactory(
        parent=factories.OrganizationFactory()
    ),
    "people/role": lambda number: factories.RoleFactory(),
    "sources/source": lambda number: factories.SourceFactory(via=factories.SourceFactory()),
    "sources/snapshot": lambda number: factories.SnapshotFactory(),
    "claims/topic": lambda number: factories.TopicFactory(parent=factories.TopicFactory()),
    "claims/position": lambda number: factories.PositionFactory(),
    "claims/statement": lambda number: factories.PublishedStatementFactory(
        position=factories.PositionFactory()
    ),
    "claims/citation": lambda number: citation_of_a_statement_or_an_endorsement(number),
    "claims/endorsement": lambda number: factories.EndorsementFactory(),
    "claims/ratingscale": lambda number: factories.RatingScaleFactory(
        slug=f"scale-{number}", name=f"Scale {number}"
    ),
    "claims/rating": lambda number: factories.RatingFactory(
        slug=f"rating-{number}", name=f"Rating {number}", value=number % 6 + 1
    ),
    "claims/factcheck": lambda number: (
        factories.FactCheckFactory(
            statement__speaker=None,
            statement__speaker_organization=factories.OrganizationFactory(),
            statement__subject=factories.PersonFactory(),
        )
        if number % 2
        else factories.FactCheckFactory()
    ),
    "claims/stanceshift": stance_shift,
    "claims/correction": correction,
}


@pytest.mark.parametrize("model", ROW_BUILDERS)
def test_every_changelist_loads_in_a_bounded_number_of_queries(
    client, editor, publisher, django_assert_max_num_queries, model
):
    app_label, model_name = model.split("/")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    built = 0
    for rows in (3, 30):
        while built < rows:
            ROW_BUILDERS[model](built)
            built += 1
        for user in (editor, publisher):
            client.force_login(user)
            # session, user, the user's group permissions, the count and the page of rows (one
            # query with its related rows), the unfiltered count, the date hierarchy and each
            # list filter's choices (RelatedOnly filters, partial-date years): at most 12,
            # whatever the number of rows.
            with django_assert_max_num_queries(12):
                response = client.get(url)
            assert response.status_code == 200
            assert response.context["cl"].result_count >= rows


def aoc():
    return factories.PersonFactory(name="Alexandria Ocasio-Cortez", aliases="AOC\nOcasio-Cortez")


def nypd():
    return factories.OrganizationFactory(
        name="New York City Police Department", aliases="NYPD", kind="government"
    )


def statement_by_aoc():
    return factories.StatementFactory(speaker=aoc())


def characterization_of_aoc():
    return factories.StatementFactory(subject=aoc(), text="She wants to cut the budget.")


def statement_by_nypd():
    return factories.StatementFactory(
        speaker=None, speaker_organization=nypd(), subject=factories.PersonFactory()
    )


def statement_on_rent():
    position = factories.PositionFactory(topic=factories.TopicFactory(name="Rent control"))
    return factories.StatementFactory(position=position, text="Freeze the rent.")


def source_by_nypd():
    return factories.SourceFactory(publisher=nypd())


def source_by_aoc():
    source = factories.SourceFactory()
    source.authors.add(aoc())
    return source


def nytimes_story():
    return factories.SourceFactory(url="https://www.nytimes.com/2025/06/24/nyc.html")


def citation_of_nytimes():
    return factories.CitationFactory(source=nytimes_story())


# The story's address as a browser's address bar or a share button gives it.
PASTED_ADDRESS = "https://WWW.nytimes.com:443/2025/06/24/nyc.html?utm_source=share#comments"


def statement_citing_nytimes():
    return citation_of_nytimes().statement


def stance_shift_of(person):
    """A stance shift of this person's, between two statements on one position."""
    position = factories.PositionFactory()
    earlier = factories.StatementFactory(
        speaker=person, position=position, said_on=PartialDate(2020)
    )
    later = factories.StatementFactory(speaker=person, position=position, said_on=PartialDate(2025))
    return factories.StanceShiftFactory(earlier=earlier, later=later)


def role_of_aoc():
    return factories.RoleFactory(person=aoc())


def fact_check_of_aoc():
    return factories.FactCheckFactory(statement__speaker=aoc())


def endorsement_of_aoc():
    return factories.EndorsementFactory(endorsed=aoc())


def endorsement_by_nypd():
    return factories.EndorsementFactory(endorser_person=None, endorser_organization=nypd())


def citation_of_aoc():
    return factories.CitationFactory(statement__speaker=aoc())


# What an editor types to find a row they know: the list, how the row is made, the words.
SEARCHES = {
    "a statement by its speaker's alias": ("claims/statement", statement_by_aoc, "AOC"),
    "a statement by its subject's alias": ("claims/statement", characterization_of_aoc, "AOC"),
    "a statement by its speaking organization": ("claims/statement", statement_by_nypd, "NYPD"),
    "a statement by its topic": ("claims/statement", statement_on_rent, "rent control"),
    "a role by its holder's alias": ("people/role", role_of_aoc, "AOC"),
    "a source by its publisher's alias": ("sources/source", source_by_nypd, "NYPD"),
    "a source by its author": ("sources/source", source_by_aoc, "Ocasio-Cortez"),
    "a source by its address as pasted": ("sources/source", nytimes_story, PASTED_ADDRESS),
    "a fact-check by its speaker's alias": ("claims/factcheck", fact_check_of_aoc, "AOC"),
    "an endorsement by the endorsed's alias": ("claims/endorsement", endorsement_of_aoc, "AOC"),
    "an endorsement by its organization": ("claims/endorsement", endorsement_by_nypd, "NYPD"),
    "a stance shift by its subject's alias": (
        "claims/stanceshift",
        lambda: stance_shift_of(aoc()),
        "AOC",
    ),
    "a citation by its source's address": (
        "claims/citation",
        citation_of_nytimes,
        "nytimes.com/2025/06/24",
    ),
    "a citation by its speaker's alias": ("claims/citation", citation_of_aoc, "AOC"),
    "a citation by its source's address as pasted": (
        "claims/citation",
        citation_of_nytimes,
        PASTED_ADDRESS,
    ),
    "a statement by its source's address": (
        "claims/statement",
        statement_citing_nytimes,
        "nytimes.com/2025/06/24",
    ),
    "a statement by its source's address as pasted": (
        "claims/statement",
        statement_citing_nytimes,
        PASTED_ADDRESS,
    ),
}


@pytest.mark.parametrize("case", SEARCHES)
def test_a_search_finds_what_an_editor_types(client, publisher, case):
    """A list's search finds a row by the names, aliases, topic or address an editor knows."""
    model, build, words = SEARCHES[case]
    app_label, model_name = model.split("/")
    ROW_BUILDERS[model](0)  # another row, which the search leaves out
    wanted = build()
    client.force_login(publisher)

    response = client.get(reverse(f"admin:{app_label}_{model_name}_changelist"), {"q": words})

    assert response.status_code == 200
    assert [row.pk for row in response.context["cl"].result_list] == [wanted.pk]


def test_the_citation_list_says_which_endorsement_a_citation_supports(client, editor):
    """A citation of an endorsement names the endorsement in the list, as one of a statement
    names the statement."""
    endorser = factories.PersonFactory(name="Karam Chowdhury")
    endorsed = factories.PersonFactory(name="Zohran Mamdani")
    endorsement = factories.EndorsementFactory(endorser_person=endorser, endorsed=endorsed)
    factories.CitationFactory(statement=None, endorsement=endorsement)
    client.force_login(editor)

    response = client.get(reverse("admin:claims_citation_changelist"))

    assert response.status_code == 200
    assert "Karam Chowdhury → Zohran Mamdani (Support)" in response.content.decode()


def test_the_fact_check_list_says_who_made_the_claim(client, editor):
    """Each fact-check's row names who said the statement it rates."""
    factories.FactCheckFactory(statement__speaker=factories.PersonFactory(name="Rodney Harrison"))
    client.force_login(editor)

    response = client.get(reverse("admin:claims_factcheck_changelist"))

    assert response.status_code == 200
    assert "Rodney Harrison" in response.content.decode()
