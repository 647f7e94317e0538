"""A person's scorecard: fact-check ratings and stance-shift ratings, each count a link to its list."""

import re

import pytest

from claims.models import FactCheck, StanceShift, Status
from claims.scorecard import LATEST_FACT_CHECKS
from core.partial_dates import PartialDate
from tests.factories import (
    FactCheckFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    RatingFactory,
    StanceShiftFactory,
)

pytestmark = pytest.mark.django_db


def scorecard(page: str) -> str:
    return page.split('id="scorecard-heading"')[1].split("</section>")[0]


def counted_links(page: str) -> dict[str, tuple[int, str]]:
    """Each linked count of the scorecard: its label -> (count, link)."""
    found = re.findall(
        r'<a href="([^"]+)"><span class="scorecard-count__number">(\d+)</span> ([^<]+)</a>',
        scorecard(page),
    )
    return {label: (int(count), href.replace("&amp;", "&")) for href, count, label in found}


def build_record(person, size: int):
    """`size` statements by the person, each fact-checked (rotating over three ratings), with a
    shift between each pair (rotating over the ratings), plus drafts and retracted ones."""
    position = PositionFactory()
    RatingFactory()  # Mostly False: a value of the scale nobody here is rated
    ratings = [
        RatingFactory(name="True", slug="true", value=6),
        RatingFactory(name="Half True", slug="half-true", value=3),
        RatingFactory(name="False", slug="false", value=1),
    ]
    statements = []
    for index in range(size):
        statement = PublishedStatementFactory(
            speaker=person, position=position, said_on=PartialDate(2000 + index)
        )
        FactCheckFactory(statement=statement, rating=ratings[index % 3], status=Status.PUBLISHED)
        if statements:
            StanceShiftFactory(
                earlier=statements[-1],
                later=statement,
                rating=StanceShift.Rating.values[index % 3],
                status=Status.PUBLISHED,
            )
        statements.append(statement)
    # Never counted: a draft check, a retracted check, a draft shift.
    FactCheckFactory(statement=statements[0], rating=ratings[0])
    FactCheckFactory(statement=statements[0], rating=ratings[0], status=Status.RETRACTED)
    drafted = PublishedStatementFactory(
        speaker=person, position=position, said_on=PartialDate(2000 + size), status=Status.DRAFT
    )
    StanceShiftFactory(earlier=statements[0], later=drafted, rating="full_flop")
    # Nor what rests on words since retracted: their check and the shift to them.
    retracted = PublishedStatementFactory(
        speaker=person, position=position, said_on=PartialDate(2000 + size), status=Status.RETRACTED
    )
    FactCheckFactory(statement=retracted, rating=ratings[0], status=Status.PUBLISHED)
    StanceShiftFactory(
        earlier=statements[-1], later=retracted, rating="full_flop", status=Status.PUBLISHED
    )
    return ratings


def test_the_scorecard_counts_each_rating_and_each_count_opens_its_list(client):
    person = PersonFactory(name="Dana Diaz")
    build_record(person, 7)

    page = client.get(person.get_absolute_url()).content.decode()

    counts = counted_links(page)
    assert {label: count for label, (count, _href) in counts.items()} == {
        "True": 3,
        "Half True": 2,
        "False": 2,
        "No Flip": 2,
        "Half Flip": 2,
        "Full Flop": 2,
    }
    assert "Mostly False" in scorecard(page)  # every value of the scale, zeros too
    for label, (count, href) in counts.items():
        listed = client.get(href)
        assert listed.status_code == 200, href
        body = listed.content.decode()
        items = body.count('<li class="factcheck-item') + body.count('<li class="shift-item')
        assert items == count, (label, href)
        assert f'<span class="rating">{label}</span>' in body


def test_a_person_without_ratings_is_told_so(client):
    person = PersonFactory()
    PublishedStatementFactory(speaker=person)

    page = client.get(person.get_absolute_url()).content.decode()

    assert "No published fact-checks of" in scorecard(page)


@pytest.mark.parametrize("size", [2, 20])
def test_the_person_page_with_its_scorecard_runs_a_fixed_number_of_queries(
    client, size, django_assert_max_num_queries
):
    person = PersonFactory()
    build_record(person, size)
    # person; roles; stance summary (two); endorsements given and received;
    # promises and their statuses; the ratings of the checks counted; the newest checks; the ratings of their
    # scales; shifts counted by rating
    # +1: the content revision
    with django_assert_max_num_queries(12 + 1):
        response = client.get(person.get_absolute_url())
    assert response.status_code == 200


def test_the_lists_page_through_and_filter(client):
    person = PersonFactory()
    build_record(person, 3)
    other = PersonFactory()
    build_record(other, 2)

    every = client.get("/fact-checks/").content.decode()
    assert every.count('<li class="factcheck-item') == 5
    mine = client.get("/fact-checks/", {"person": person.slug}).content.decode()
    assert mine.count('<li class="factcheck-item') == 3
    shifts = client.get("/stance-shifts/", {"person": person.slug, "rating": "half_flip"})
    assert shifts.content.decode().count('<li class="shift-item') == 1
    assert client.get("/fact-checks/", {"person": "nobody"}).status_code == 404
    assert client.get("/fact-checks/", {"page": "99"}).status_code == 200


def test_a_list_opened_from_a_count_is_titled_by_the_ratings_name(client):
    """The tab and heading say "rated Half True", as the count did, never the slug."""
    person = PersonFactory(name="Dana Diaz")
    build_record(person, 3)
    href = counted_links(client.get(person.get_absolute_url()).content.decode())["Half True"][1]

    page = client.get(href).content.decode()

    assert "<title>Fact-checks of Dana Diaz’s words rated Half True · " in page
    assert "<h1>Fact-checks of Dana Diaz’s words rated Half True</h1>" in page
    assert "half-true" not in page.split("<main")[1].split('class="plain-list"')[0]


def listed_checks(page: str) -> list[str]:
    """The fact-check links listed in the person page's section of fact-checks, in order."""
    section = page.split('id="fact-checks-heading"')[1].split("</section>")[0]
    return re.findall(r'<li class="factcheck-item[^"]*">.*?<a href="([^"]+)"', section, re.S)


def test_the_person_page_lists_the_newest_checks_that_the_scorecard_counts(client):
    person = PersonFactory(name="Dana Diaz")
    build_record(person, 3)
    standing = FactCheck.objects.standing().filter(statement__speaker=person)

    page = client.get(person.get_absolute_url()).content.decode()

    # The same records as the scorecard's counts: no draft, retracted check or check of
    # retracted words (build_record makes one of each), newest review first.
    newest_first = standing.order_by("-reviewed_on", "-pk")
    assert listed_checks(page) == [check.get_absolute_url() for check in newest_first]
    assert "All 3 fact-checks" not in page


def test_a_long_record_lists_the_newest_checks_and_links_to_all_of_them(client):
    person = PersonFactory(name="Dana Diaz")
    build_record(person, LATEST_FACT_CHECKS + 5)
    newest_first = (
        FactCheck.objects.standing()
        .filter(statement__speaker=person)
        .order_by("-reviewed_on", "-pk")
    )

    page = client.get(person.get_absolute_url()).content.decode()

    shown = [check.get_absolute_url() for check in newest_first[:LATEST_FACT_CHECKS]]
    assert listed_checks(page) == shown
    everything = f"/fact-checks/?person={person.slug}"
    assert f'<a href="{everything}">All {LATEST_FACT_CHECKS + 5} fact-checks' in page
    listed = client.get(everything).content.decode()
    assert listed.count('<li class="factcheck-item') == LATEST_FACT_CHECKS + 5
