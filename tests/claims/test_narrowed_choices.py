"""Choices narrowed to the context in the admin's autocomplete boxes (claims.admin_choices)."""

import pytest
from django.urls import reverse

from core.partial_dates import PartialDate
from tests.factories import (
    PersonFactory,
    PositionFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin-narrowed-autocomplete")


def choices(client, model: str, field: str, **depends) -> list[str]:
    response = client.get(
        AUTOCOMPLETE,
        {"app_label": "claims", "model_name": model, "field_name": field, "term": "", **depends},
    )
    assert response.status_code == 200, response.content
    return [result["text"] for result in response.json()["results"]]


@pytest.fixture
def world():
    police = TopicFactory(name="Police funding", slug="police-funding")
    housing = TopicFactory(name="Housing", slug="housing")
    defund = PositionFactory(topic=police, name="Defund", slug="defund", axis_value=-2)
    PositionFactory(topic=police, name="Expand", slug="expand", axis_value=2)
    PositionFactory(topic=housing, name="Build more", slug="build", axis_value=1)
    alma = PersonFactory(name="Alma Reyes", slug="alma-reyes")
    other = PersonFactory(name="Ben Osei", slug="ben-osei")
    StatementFactory(
        speaker=alma,
        position=defund,
        kind="paraphrase",
        said_on=PartialDate(2020, 6),
        text="Defund the police and put the money into housing and schools across the city.",
    )
    StatementFactory(speaker=alma, topic=housing, said_on=PartialDate(2021), text="Build.")
    StatementFactory(speaker=other, position=defund, said_on=PartialDate(2022), text="Other.")
    return {"police": police, "housing": housing, "alma": alma}


def test_a_statement_s_position_offers_only_the_topic_s_positions_named_with_it(
    client, editor, world
):
    client.force_login(editor)
    narrowed = choices(client, "statement", "position", topic=world["police"].pk)
    assert narrowed == ["Police funding: Defund (-2)", "Police funding: Expand (+2)"]


def test_without_a_topic_every_position_is_offered_named_with_its_topic(client, editor, world):
    client.force_login(editor)
    assert set(choices(client, "statement", "position")) == {
        "Police funding: Defund (-2)",
        "Police funding: Expand (+2)",
        "Housing: Build more (+1)",
    }


@pytest.mark.parametrize("field", ["earlier", "later"])
def test_a_shift_offers_only_the_subject_s_statements_on_the_topic(client, editor, world, field):
    client.force_login(editor)
    narrowed = choices(
        client, "stanceshift", field, subject=world["alma"].pk, topic=world["police"].pk
    )
    assert narrowed == [
        "June 2020 · Paraphrase · Defund the police and put the money into housing and school…"
    ]


def test_garbage_in_the_values_a_box_depends_on_is_ignored(client, editor, world):
    client.force_login(editor)
    for value in ("abc", "1' OR '1'='1", "9" * 40, "-1"):
        assert len(choices(client, "statement", "position", topic=value)) == 3


def test_the_answer_takes_a_fixed_number_of_queries(
    client, editor, world, django_assert_max_num_queries
):
    for number in range(10):
        PositionFactory(topic=world["police"], slug=f"p{number}", axis_value=number - 5)
    client.force_login(editor)
    # Session, user, permissions (2), the count and the page of positions with their topic.
    with django_assert_max_num_queries(8):
        choices(client, "statement", "position", topic=world["police"].pk)


def test_the_statement_form_uses_the_narrowed_boxes(client, editor):
    client.force_login(editor)
    html = client.get(reverse("admin:claims_statement_add")).content.decode()
    assert f'data-ajax--url="{AUTOCOMPLETE}"' in html
    assert "claims/admin/narrowed_choices" in html


def test_a_citations_source_box_finds_a_source_by_its_address_as_pasted(client, editor):
    """Pasting a story's address with tracking parameters and a fragment finds its source."""
    SourceFactory(title="Mamdani meets officers", url="https://www.nytimes.com/2025/06/24/nyc.html")
    SourceFactory(title="Another story", url="https://www.nytimes.com/2025/06/25/other.html")
    client.force_login(editor)

    found = choices(
        client,
        "citation",
        "source",
        term="https://WWW.nytimes.com/2025/06/24/nyc.html?utm_source=share&utm_medium=x#top",
    )

    assert found == ["Mamdani meets officers"]
