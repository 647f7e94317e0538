"""A renamed person's or topic's old addresses keep working: 301 to the current one."""

import pytest

from tests.factories import PersonFactory, StatementFactory

pytestmark = pytest.mark.django_db


def rename(record, slug):
    record.slug = slug
    record.save()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/people/zohran-mamdani/", "/people/zohran-k-mamdani/"),
        ("/people/zohran-mamdani/police-funding/", "/people/zohran-k-mamdani/police-funding/"),
        ("/promise-tracker/zohran-mamdani/", "/promise-tracker/zohran-k-mamdani/"),
        ("/feeds/people/zohran-mamdani/", "/feeds/people/zohran-k-mamdani/"),
        (
            "/feeds/people/zohran-mamdani/police-funding/",
            "/feeds/people/zohran-k-mamdani/police-funding/",
        ),
    ],
)
def test_a_renamed_persons_old_addresses_redirect_to_the_new_ones(client, story, old, new):
    rename(story.mamdani, "zohran-k-mamdani")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_both_slugs_of_a_stance_page_follow_their_records_and_the_query_is_kept(client, story):
    rename(story.mamdani, "zohran-k-mamdani")
    rename(story.police_funding, "police-budget")
    rename(story.police_funding, "policing-budget")  # renamed twice: the first name still works
    for old in ("/people/zohran-mamdani/police-funding/", "/people/zohran-mamdani/police-budget/"):
        response = client.get(old + "?page=1")
        assert response.status_code == 301
        assert response["Location"] == "/people/zohran-k-mamdani/policing-budget/?page=1"
    for old in ("/topics/police-funding/", "/topics/police-budget/"):
        assert client.get(old)["Location"] == "/topics/policing-budget/"
    assert client.get("/topics/police-funding/compare/")["Location"] == (
        "/topics/policing-budget/compare/"
    )
    assert client.get("/feeds/topics/police-funding/")["Location"] == (
        "/feeds/topics/policing-budget/"
    )


def test_an_old_slug_taken_by_another_record_is_that_record(client, story):
    rename(story.mamdani, "zohran-k-mamdani")
    newcomer = PersonFactory(name="Zohran Mamdani Sr", slug="zohran-mamdani")
    StatementFactory(speaker=newcomer, status="published")
    response = client.get("/people/zohran-mamdani/")
    assert response.status_code == 200
    assert "Zohran Mamdani Sr" in response.content.decode()


def test_a_slug_nobody_ever_had_and_a_hidden_persons_old_slug_are_404s(client, story):
    assert client.get("/people/nobody-ever/").status_code == 404
    hidden = PersonFactory(name="Draft Only", slug="draft-only")
    StatementFactory(speaker=hidden)  # a draft names them: not public
    rename(hidden, "draft-only-renamed")
    response = client.get("/people/draft-only/")
    assert response.status_code == 404
    assert "draft-only-renamed" not in response.content.decode()


COMPARE = "/topics/police-funding/compare/"


@pytest.mark.parametrize(
    ("people", "current"),
    [
        (
            "?people=karam-chowdhury,zohran-mamdani&utm_source=post",
            "?people=karam-chowdhury,zohran-k-mamdani&utm_source=post",
        ),
        (
            "?people=zohran-mamdani&people=karam-chowdhury",
            "?people=zohran-k-mamdani&people=karam-chowdhury",
        ),
    ],
)
def test_a_renamed_persons_old_slug_in_a_comparison_redirects_to_the_current_one(
    client, story, people, current
):
    rename(story.mamdani, "zohran-k-mamdani")

    response = client.get(COMPARE + people)

    assert response.status_code == 301
    assert response["Location"] == COMPARE + current
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "people",
    [
        "?people=zohran-mamdani,karam-chowdhury,zohran-k-mamdani",
        "?people=zohran-mamdani&people=karam-chowdhury&people=zohran-k-mamdani",
    ],
)
def test_a_comparison_naming_a_person_by_old_and_new_slug_names_them_once(client, story, people):
    """A link naming someone twice, by their old slug and their new one, leads to the
    comparison naming them once, not to "Each person may be named once"."""
    rename(story.mamdani, "zohran-k-mamdani")

    response = client.get(COMPARE + people)

    assert response.status_code == 301
    assert client.get(response["Location"]).status_code == 200
    assert response["Location"].count("zohran-k-mamdani") == 1
    assert "karam-chowdhury" in response["Location"]


def test_a_renamed_topic_and_renamed_people_of_a_comparison_are_one_redirect(client, story):
    rename(story.mamdani, "zohran-k-mamdani")
    rename(story.chowdhury, "karam-s-chowdhury")
    rename(story.police_funding, "policing-budget")

    response = client.get(COMPARE + "?people=zohran-mamdani,karam-chowdhury")

    assert response.status_code == 301
    current = "/topics/policing-budget/compare/?people=zohran-k-mamdani,karam-s-chowdhury"
    assert response["Location"] == current
    assert client.get(current).status_code == 200


def test_a_comparison_at_current_slugs_asks_no_history(
    client, story, django_assert_max_num_queries
):
    rename(story.mamdani, "zohran-k-mamdani")
    # The budget of tests/pages/test_compare.py's fixed-number test: topic with its positions
    # (two); the people with their latest statement's id; the periods; the latest statements;
    # +1: the content revision. The former slugs are looked up only when someone is unknown.
    with django_assert_max_num_queries(5 + 1):
        response = client.get(COMPARE, {"people": "zohran-k-mamdani,karam-chowdhury"})

    assert response.status_code == 200


def test_a_comparison_naming_someone_nobody_ever_was_is_the_400_it_was(client, story):
    rename(story.mamdani, "zohran-k-mamdani")

    response = client.get(COMPARE, {"people": "zohran-mamdani,nobody-ever"})

    assert response.status_code == 400
    assert "No such person: zohran-mamdani, nobody-ever." in response.content.decode()


def test_a_renamed_topics_comparison_naming_someone_unknown_follows_the_topic_only(client, story):
    rename(story.mamdani, "zohran-k-mamdani")
    rename(story.police_funding, "policing-budget")

    response = client.get(COMPARE + "?people=zohran-mamdani,nobody-ever")

    current_topic = "/topics/policing-budget/compare/?people=zohran-mamdani,nobody-ever"
    assert response["Location"] == current_topic
    response = client.get(current_topic)
    assert response.status_code == 400
    assert "No such person: zohran-mamdani, nobody-ever." in response.content.decode()


def test_a_hidden_persons_old_slug_in_a_comparison_is_a_400_that_keeps_the_new_one(client, story):
    hidden = PersonFactory(name="Draft Only", slug="draft-only")
    StatementFactory(speaker=hidden)  # a draft names them: not public
    rename(hidden, "draft-only-renamed")

    response = client.get(COMPARE, {"people": "karam-chowdhury,draft-only"})

    assert response.status_code == 400
    page = response.content.decode()
    assert "No such person: draft-only." in page
    assert "draft-only-renamed" not in page


def test_the_comparison_api_does_not_follow_renamed_people(client, story):
    rename(story.mamdani, "zohran-k-mamdani")

    response = client.get("/api/v1/topics/police-funding/compare/", {"people": "zohran-mamdani"})

    assert response.status_code == 400


def test_staff_follow_an_old_slug_only_to_a_page_they_would_see(client, story, editor):
    """Reader pages show staff what the public sees (drafts have their own preview pages), so
    an old slug of a draft-only person is a 404 for staff too, not a 301 to a 404."""
    hidden = PersonFactory(name="Draft Only", slug="draft-only")
    StatementFactory(speaker=hidden)  # a draft names them: not public
    rename(hidden, "draft-only-renamed")
    client.force_login(editor)

    assert client.get("/people/draft-only-renamed/").status_code == 404
    assert client.get("/people/draft-only/").status_code == 404
    response = client.get(COMPARE, {"people": "karam-chowdhury,draft-only"})
    assert response.status_code == 400
