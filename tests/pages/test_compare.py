"""The comparison page: people's positions on a topic side by side, over time."""

import re

import pytest

from claims.comparison import MOST_PERIODS_PER_PERSON
from claims.models import Statement, Status
from core.partial_dates import PartialDate
from tests.factories import PersonFactory, PositionFactory, PublishedStatementFactory, TopicFactory

pytestmark = pytest.mark.django_db

POLICE = "/topics/police-funding/compare/"


def track(page: str, slug: str, layout: str = "wide") -> str:
    """The SVG group of one person in one layout of the chart."""
    chart = page.split(f'aria-labelledby="compare-title-{layout}"')[1].split("</svg>")[0]
    return chart.split(f'data-person="{slug}"')[1].split("</g>")[0]


def test_the_seed_people_are_compared_on_police_funding(client, seeded):
    mamdani_2025 = Statement.objects.get(
        speaker__slug="karam-chowdhury",
        subject__slug="zohran-mamdani",
        topic__slug="police-funding",
    )

    response = client.get(POLICE, {"people": "zohran-mamdani,karam-chowdhury"})

    assert response.status_code == 200
    page = response.content.decode()
    mamdani = track(page, "zohran-mamdani")
    assert re.findall(r'data-said-on="([^"]+)"', mamdani) == ["2020", "2025"]
    assert "Defund the police" in mamdani and "Reform the police without cutting funding" in mamdani
    assert "compare-point" not in track(page, "karam-chowdhury")
    latest = page.split('class="compare-latest"')[1].split("</table>")[0]
    assert "Reform the police without cutting funding" in latest
    assert f'href="{mamdani_2025.get_absolute_url()}"' in latest
    assert "<td>2025</td>" in latest
    assert "No published statement places Karam Chowdhury on this topic." in latest
    # Text alternatives: the SVG's title and description, and the chart as a table.
    # Named as a sentence names them, in the page's title too.
    names = "Zohran Mamdani and Karam Chowdhury on Police funding"
    assert f'<title id="compare-title-wide">{names}, over time</title>' in page
    assert f"<title>{names} · Claim Tracker</title>" in page
    assert '<desc id="compare-desc-wide">' in page
    assert "The chart as a table" in page
    assert "<script" not in page


@pytest.fixture
def three():
    """Three generated people on one topic of three positions, at different dates."""
    topic = TopicFactory(name="Rent control", slug="rent-control")
    low, middle, high = (
        PositionFactory(topic=topic, name=name, axis_value=value)
        for name, value in [("Abolish it", -1), ("Keep it", 0), ("Extend it", 1)]
    )
    ada, ben, cy = (PersonFactory(name=name) for name in ("Ada Alba", "Ben Bright", "Cy Cole"))
    said = {
        ada: [(low, PartialDate(2019)), (middle, PartialDate(2022, 3))],
        ben: [(high, PartialDate(2021, 5, 4)), (high, PartialDate(2021, 5, 20))],
        cy: [(middle, PartialDate(2018)), (low, PartialDate(2023, 11)), (high, PartialDate(2024))],
    }
    statements = {
        person: [
            PublishedStatementFactory(speaker=person, position=position, said_on=said_on)
            for position, said_on in dates
        ]
        for person, dates in said.items()
    }
    return topic, (ada, ben, cy), (low, middle, high), statements


def test_three_generated_people_each_get_a_shape_a_lane_and_their_latest_position(client, three):
    topic, (ada, ben, cy), (low, middle, high), statements = three

    response = client.get(
        f"/topics/{topic.slug}/compare/", {"people": f"{ada.slug},{ben.slug},{cy.slug}"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert re.findall(r'data-said-on="([^"]+)"', track(page, ada.slug)) == ["2019", "2022-03"]
    # Two statements of the same month at the same position: one mark, to the stance history.
    ben_track = track(page, ben.slug)
    assert re.findall(r'data-said-on="([^"]+)"', ben_track) == ["2021-05"]
    assert f'href="/people/{ben.slug}/{topic.slug}/"' in ben_track
    assert "(2 statements)" in ben_track
    assert re.findall(r'data-said-on="([^"]+)"', track(page, cy.slug)) == [
        "2018",
        "2023-11",
        "2024",
    ]
    assert "<circle" in track(page, ada.slug) and "<rect" in ben_track
    assert "<polygon" in track(page, cy.slug)
    legend = page.split('<figcaption class="legend">')[1].split("</figcaption>")[0]
    assert [name for name in ("Ada Alba", "Ben Bright", "Cy Cole") if name in legend] == [
        "Ada Alba",
        "Ben Bright",
        "Cy Cole",
    ]
    latest = page.split('class="compare-latest"')[1].split("</table>")[0]
    rows = latest.split("<tr")[2:]
    assert "Keep it" in rows[0] and "March 2022" in rows[0]
    assert "Extend it" in rows[1] and statements[ben][1].get_absolute_url() in rows[1]
    assert "Extend it" in rows[2] and "2024" in rows[2]


@pytest.mark.parametrize(
    ("people", "message"),
    [
        ("a,b,c,d,e,f,g", "At most 6 people can be compared at once; 7 were named."),
        ("zohran-mamdani,zohran-mamdani", "Each person may be named once"),
        ("zohran-mamdani,nobody-at-all", "No such person: nobody-at-all."),
        ("zohran-mamdani,<script>", "is not a person&#x27;s slug"),
        ("", "Name the people to compare"),
        (",,,", "Name the people to compare"),
    ],
)
def test_bad_people_are_a_400_page_that_says_what_is_wrong(client, seeded, people, message):
    response = client.get(POLICE, {"people": people})

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'role="alert"' in page
    assert 'name="people" value="zohran-mamdani"' in page  # the choice is offered again


def test_an_unknown_topic_is_a_404(client, seeded):
    assert (
        client.get("/topics/no-such-topic/compare/", {"people": "zohran-mamdani"}).status_code
        == 404
    )


def test_the_people_may_come_as_a_repeated_parameter_as_a_form_sends_them(client, seeded):
    response = client.get(POLICE, {"people": ["zohran-mamdani", "karam-chowdhury"]})

    assert response.status_code == 200
    assert 'data-person="karam-chowdhury"' in response.content.decode()


def test_without_people_the_page_offers_whom_to_compare(client, seeded):
    response = client.get(POLICE)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="people" value="zohran-mamdani"' in page
    assert "compare-chart" not in page


def test_drafts_and_retracted_statements_place_nobody(client, three):
    topic, (ada, _ben, _cy), (low, _middle, high), _statements = three
    PublishedStatementFactory(
        speaker=ada, position=high, said_on=PartialDate(2024, 6), status=Status.DRAFT
    )
    PublishedStatementFactory(
        speaker=ada, position=low, said_on=PartialDate(2024, 7), status=Status.RETRACTED
    )
    hidden = PersonFactory(name="Only In Drafts")
    PublishedStatementFactory(speaker=hidden, position=high, status=Status.DRAFT)

    page = client.get(f"/topics/{topic.slug}/compare/", {"people": ada.slug}).content.decode()
    assert re.findall(r'data-said-on="([^"]+)"', track(page, ada.slug)) == ["2019", "2022-03"]
    assert "Only In Drafts" not in client.get(f"/topics/{topic.slug}/compare/").content.decode()
    response = client.get(f"/topics/{topic.slug}/compare/", {"people": hidden.slug})
    assert response.status_code == 400
    assert f"No such person: {hidden.slug}." in response.content.decode()


def test_a_long_history_is_counted_per_year(client):
    position = PositionFactory(axis_value=0)
    person = PersonFactory()
    for index in range(MOST_PERIODS_PER_PERSON + 1):
        year, month = divmod(index, 12)
        PublishedStatementFactory(
            speaker=person, position=position, said_on=PartialDate(2000 + year, month + 1)
        )

    page = client.get(
        f"/topics/{position.topic.slug}/compare/", {"people": person.slug}
    ).content.decode()

    assert re.findall(r'data-said-on="([^"]+)"', track(page, person.slug)) == [
        "2000",
        "2001",
        "2002",
        "2003",
        "2004",
    ]
    assert "(12 statements)" in track(page, person.slug)


def build_people(count: int, statements_each: int):
    position = PositionFactory(axis_value=1)
    other = PositionFactory(topic=position.topic, axis_value=-1)
    people = [PersonFactory() for _ in range(count)]
    for person in people:
        for index in range(statements_each):
            PublishedStatementFactory(
                speaker=person,
                position=(position, other)[index % 2],
                said_on=PartialDate(2000 + index),
            )
    return position.topic, people


@pytest.mark.parametrize(("count", "statements_each"), [(2, 2), (6, 12)])
def test_the_comparison_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count, statements_each
):
    topic, people = build_people(count, statements_each)
    # topic with its positions (two); the people named with their latest statement's id; the
    # periods; the latest statements with speaker, organization and position
    # +1: the content revision, for the ETag and the response cache (core/revisions.py)
    with django_assert_max_num_queries(5 + 1):
        response = client.get(
            f"/topics/{topic.slug}/compare/", {"people": ",".join(p.slug for p in people)}
        )
    assert response.status_code == 200
    assert response.content.decode().count('class="compare-point"') == 2 * count * statements_each


def test_the_topic_page_and_the_stance_page_lead_to_the_comparison(client, three):
    topic, (ada, ben, cy), _positions, _statements = three

    topic_page = client.get(f"/topics/{topic.slug}/").content.decode()
    assert f'action="/topics/{topic.slug}/compare/"' in topic_page
    assert f'name="people" value="{ben.slug}"' in topic_page

    stance_page = client.get(f"/people/{ada.slug}/{topic.slug}/").content.decode()
    compare_with = stance_page.split('id="compare-with-heading"')[1].split("</section>")[0]
    assert f"/topics/{topic.slug}/compare/?people={ada.slug},{cy.slug}" in compare_with
    assert f"/topics/{topic.slug}/compare/?people={ada.slug},{ben.slug}" in compare_with
    assert ada.name not in compare_with.split("</h2>")[1].split("Follow")[0]
    # Every link leads to a working comparison.
    for path in re.findall(r'href="(/topics/[^"]+/compare/\?people=[^"]+)"', compare_with):
        assert client.get(path).status_code == 200, path
