"""The stance-history page: an SVG timeline and the same points as a list."""

import re

import pytest

from claims.models import Statement, Status
from claims.timeline import MARGIN_LEFT, MARGIN_RIGHT, WIDTH
from core.partial_dates import PartialDate
from tests.factories import (
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

URL = "/people/zohran-mamdani/police-funding/"


def point_xs(page: str) -> dict[str, float]:
    """The x of each point's marker by its date, read from the wide SVG."""
    page = page.split('class="timeline-chart timeline-chart--narrow"')[0]
    points = re.findall(
        r'data-said-on="([^"]+)".*?<rect class="span" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"',
        page,
        re.S,
    )
    return {said_on: (float(x), float(width)) for said_on, x, width in points}


def test_it_draws_the_2020_point_before_the_2025_point_with_the_shift(client, story):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    spans = point_xs(page)
    assert spans["2020"][0] < spans["2025"][0]
    assert 'class="shift shift--full_flop"' in page
    assert ">Full Flop</text>" in page


def test_a_year_only_point_spans_its_whole_year(client, story):
    page = client.get(URL).content.decode().split("timeline-chart--narrow")[0]
    ticks = dict(re.findall(r'<text class="tick-label" x="([\d.]+)"[^>]*>(\d{4})</text>', page))
    year_x = {year: float(x) for x, year in ticks.items()}
    x, width = point_xs(page)["2020"]
    assert x == pytest.approx(year_x["2020"], abs=0.2)
    assert x + width == pytest.approx(year_x["2021"], abs=0.2)


def test_points_link_to_their_statements_with_a_marker_per_kind(client, story):
    page = client.get(URL).content.decode()
    assert f'<a href="{story.defund.get_absolute_url()}" class="point point--paraphrase"' in page
    assert (
        f'<a href="{story.reform.get_absolute_url()}" class="point point--characterization"' in page
    )
    assert '<polygon class="marker"' in page  # the characterization's diamond
    assert 'class="marker marker--ring"' in page  # the paraphrase's ring


def test_the_chart_has_a_text_alternative_and_an_accessible_list(client, story):
    page = client.get(URL).content.decode()
    for variant in ("wide", "narrow"):
        assert f'aria-labelledby="timeline-title-{variant}"' in page
        assert (
            f'<title id="timeline-title-{variant}">'
            "Stance history of Zohran Mamdani on Police funding</title>" in page
        )
        assert f'id="timeline-desc-{variant}"' in page
    points_list = page.split('<ol class="points-list" start="1">')[1].split("</ol>")[0]
    assert points_list.index("2020") < points_list.index("2025")
    assert "by Karam Chowdhury, about Zohran Mamdani" in points_list
    assert 'id="shift-' in page


def test_the_page_uses_no_inline_styles_or_scripts(client, story):
    """The Content-Security-Policy forbids them."""
    page = client.get(URL).content.decode()
    assert "style=" not in page
    assert "<script" not in page


def test_a_month_point_spans_its_month_and_a_day_point_is_narrow(client):
    topic = TopicFactory()
    position = PositionFactory(topic=topic)
    person = PersonFactory()
    for said_on in ("2024-02", "2024-06-15"):
        PublishedStatementFactory(
            speaker=person, position=position, said_on=PartialDate.parse(said_on)
        )
    page = client.get(f"/people/{person.slug}/{topic.slug}/").content.decode()
    spans = point_xs(page)
    year_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # the one year 2024 fills the plot
    assert spans["2024-02"][1] == pytest.approx(year_width * 29 / 366, abs=0.3)
    assert spans["2024-06-15"][1] == pytest.approx(max(year_width / 366, 2.0), abs=0.3)


def test_unknown_person_or_topic_is_404(client, story):
    assert client.get("/people/nobody/police-funding/").status_code == 404
    assert client.get("/people/zohran-mamdani/no-such-topic/").status_code == 404


def test_a_person_with_nothing_on_the_topic_gets_a_plain_message(client, story):
    response = client.get("/people/rodney-harrison/police-funding/")
    assert response.status_code == 200
    assert b"No published statements about Rodney Harrison" in response.content


def build_history(size: int):
    topic = TopicFactory()
    positions = [PositionFactory(topic=topic, axis_value=value) for value in (-2, 0, 2)]
    person = PersonFactory()
    statements = [
        PublishedStatementFactory(
            speaker=person,
            kind=list(Statement.Kind)[index % 4],
            position=positions[index % 3],
            said_on=PartialDate(2000 + index % 25, 1 + index % 12),
        )
        for index in range(size)
    ]
    for earlier, later in zip(statements, statements[1:], strict=False):
        if earlier.said_on <= later.said_on:
            StanceShiftFactory(earlier=earlier, later=later, status=Status.PUBLISHED)
    return person, topic


def test_it_opens_with_the_runs_and_the_shift_between_them(client, story):
    page = client.get(URL).content.decode()
    summary = page.split('<ul class="runs">')[1].split("</ul>")[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", summary))
    assert "2020: Defund the police, 1 paraphrase" in text
    assert "Full Flop from 2020 to 2025" in text
    assert (
        "2025: Reform the police without cutting funding, 1 characterization by Karam Chowdhury"
        in text
    )
    assert text.index("2020:") < text.index("Full Flop") < text.index("2025:")
    assert page.index('class="runs"') < page.index("timeline-chart") < page.index("points-list")


def test_a_quote_that_has_its_own_quotation_marks_gets_no_more(client, story):
    PublishedStatementFactory(
        speaker=story.mamdani,
        kind=Statement.Kind.QUOTE,
        position=story.reform.position,
        text="“We will keep the officers we have.”",
        said_on=PartialDate(2025, 7),
    )
    page = client.get(URL).content.decode()
    assert "“We will keep the officers we have.”" in page
    assert "““" not in page and "””" not in page


def test_a_long_history_is_paged_with_links_that_need_no_script(client):
    person, topic = build_history(60)
    first = client.get(f"/people/{person.slug}/{topic.slug}/").content.decode()
    second = client.get(f"/people/{person.slug}/{topic.slug}/?page=2").content.decode()

    assert first.count('<li id="statement-') == 50
    assert second.count('<li id="statement-') == 10
    assert 'href="?page=2" rel="next"' in first
    assert 'href="?page=1" rel="prev"' in second
    assert '<ol class="points-list" start="51">' in second
    assert client.get(f"/people/{person.slug}/{topic.slug}/?page=3").status_code == 404
    assert client.get(f"/people/{person.slug}/{topic.slug}/?page=x").status_code == 404


@pytest.mark.parametrize("size", [9, 200])
def test_the_stance_history_page_runs_a_constant_number_of_queries(
    client, size, django_assert_max_num_queries
):
    person, topic = build_history(size)
    # person; topic (with parent); the topic's positions; every point's mark; the page's
    # statements with speakers and organizations; their citations with sources, publishers and
    # snapshot hashes; shifts; the others to compare with
    # +1: the content revision, for the ETag and the response cache (core/revisions.py)
    with django_assert_max_num_queries(8 + 1):
        response = client.get(f"/people/{person.slug}/{topic.slug}/")
    assert response.status_code == 200
    assert response.content.count(b'<li id="statement-') == min(size, 50)
    # Both drawings of the chart: every point, or one mark per position and year.
    assert response.content.count(b'class="point point--') == (2 * size if size <= 60 else 2 * 75)


def test_each_point_says_its_kind_and_speaker_once(client, story):
    """The point once read "Characterization by another person by Karam Chowdhury": the kind's
    label names no speaker where the point names them."""
    page = client.get(URL).content.decode()
    points = re.findall(r'<p class="statement-text-inline">(.*?):\s', page, re.S)
    said = [" ".join(re.sub(r"<[^>]+>", "", point).split()) for point in points]
    assert "Characterization by Karam Chowdhury, about Zohran Mamdani" in said
    assert not [point for point in said if point.count(" by ") > 1]
