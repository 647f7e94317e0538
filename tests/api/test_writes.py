"""Editors' writes validate exactly as the admin does: 400 with field messages, nothing half-written."""

import pytest

from claims.models import AuditEntry, Citation, Statement
from sources.models import Source
from tests.api.versions import if_match
from tests.factories import PositionFactory, SourceFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


def snapshot_of_database() -> tuple:
    return (
        list(Statement.objects.values_list("pk", "text", "version")),
        list(Source.objects.values_list("pk", "title", "url")),
        list(Citation.objects.values_list("pk", "excerpt")),
    )


def test_an_editor_drafts_a_statement_and_is_named_in_its_history(editor_client, editor, world):
    response = editor_client.post(
        "/api/v1/statements/",
        {
            "speaker": "karam-chowdhury",
            "subject": "zohran-mamdani",
            "kind": "characterization",
            "text": "He wants to defund the police.",
            "said_on": "2025-06",
            "topic": "police-funding",
            "position": world.defund.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    statement = Statement.objects.get(pk=response.json()["id"])
    assert (statement.speaker, statement.subject) == (world.chowdhury, world.mamdani)
    assert statement.said_on.isoformat() == "2025-06"
    assert statement.history.latest().history_user == editor
    assert response.json()["said_on"]["text"] == "June 2025"


def test_the_subject_defaults_to_the_speaker_and_the_topic_to_the_positions(editor_client, world):
    response = editor_client.post(
        "/api/v1/statements/",
        {"speaker": "zohran-mamdani", "text": "x", "said_on": "2025", "position": world.defund.pk},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["subject"]["slug"] == "zohran-mamdani"
    assert response.json()["topic"]["slug"] == "police-funding"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"speaker": "zohran-mamdani", "text": "x"}, "said_on", "required"),
        ({"speaker": "zohran-mamdani", "text": "x", "said_on": "June"}, "said_on", "Enter a date"),
        (
            {"speaker": "zohran-mamdani", "text": "x", "said_on": "2025-02-30"},
            "said_on",
            "calendar",
        ),
        ({"speaker": "nobody", "text": "x", "said_on": "2025"}, "speaker", "does not exist"),
        ({"text": "x", "said_on": "2025"}, "subject", "Choose whose position"),
        (
            {"speaker": "zohran-mamdani", "text": "x", "said_on": "2025", "kind": "rumour"},
            "kind",
            "not a valid choice",
        ),
        ({"speaker": "zohran-mamdani", "text": "", "said_on": "2025"}, "text", "blank"),
        (
            {"speaker": "zohran-mamdani", "text": "x\u0000", "said_on": "2025"},
            "text",
            "Null characters",
        ),
    ],
)
def test_bad_statements_are_a_400_and_change_nothing(editor_client, world, body, field, message):
    before = snapshot_of_database()
    response = editor_client.post("/api/v1/statements/", body, format="json")
    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()[field])
    assert snapshot_of_database() == before


def test_a_position_of_another_topic_is_refused_as_the_model_says(editor_client, world):
    other = PositionFactory(topic=TopicFactory())
    before = snapshot_of_database()
    response = editor_client.post(
        "/api/v1/statements/",
        {
            "speaker": "zohran-mamdani",
            "text": "x",
            "said_on": "2025",
            "topic": "police-funding",
            "position": other.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "belongs to another topic" in response.json()["position"][0]
    assert snapshot_of_database() == before


def test_a_source_url_already_recorded_is_a_400_naming_the_source(editor_client, world):
    before = snapshot_of_database()
    response = editor_client.post(
        "/api/v1/sources/",
        {"title": "Again", "web_url": world.article.url + "?utm_source=x"},
        format="json",
    )
    assert response.status_code == 400
    assert "already recorded" in response.json()["url"][0]
    assert snapshot_of_database() == before


def test_a_source_url_must_be_a_web_address(editor_client, world):
    response = editor_client.post(
        "/api/v1/sources/", {"title": "Bad", "web_url": "ftp://example.org/x"}, format="json"
    )
    assert response.status_code == 400
    assert "http://" in " ".join(response.json()["url"])


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("http://[::1", "http://"),
        ("https://example.org:99999/story", "port"),
        ("https://example.org:0/story", "port"),
    ],
)
def test_a_source_url_no_connection_can_use_is_a_400(editor_client, world, address, message):
    """An unclosed IPv6 bracket or a port past 65535 is refused, not a server error."""
    before = snapshot_of_database()
    response = editor_client.post(
        "/api/v1/sources/", {"title": "Bad", "web_url": address}, format="json"
    )
    assert response.status_code == 400, response.content
    assert message in " ".join(response.json()["url"])
    assert snapshot_of_database() == before


def test_a_citation_needs_its_statement_and_source(editor_client, world):
    before = snapshot_of_database()
    response = editor_client.post("/api/v1/citations/", {"excerpt": "x"}, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"statement", "source"}
    assert snapshot_of_database() == before


def test_a_database_constraint_message_comes_back_as_a_400(editor_client, world):
    """The speaker constraint (a named speaker, organization or label) answers in its words."""
    draft = StatementFactory(speaker=world.mamdani)
    url = f"/api/v1/statements/{draft.pk}/"
    response = editor_client.patch(
        url, {"speaker": None, "speaker_label": ""}, format="json", **if_match(editor_client, url)
    )
    assert response.status_code == 400
    assert "Name the speaker" in str(response.json())
    assert Statement.objects.get(pk=draft.pk).speaker == world.mamdani


def test_an_update_with_the_current_etag_succeeds_and_returns_the_next(editor_client, world):
    draft = StatementFactory(speaker=world.mamdani, text="first")
    url = f"/api/v1/statements/{draft.pk}/"
    etag = editor_client.get(url)["ETag"]
    response = editor_client.patch(url, {"text": "second"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content
    assert response["ETag"] != etag
    assert Statement.objects.get(pk=draft.pk).text == "second"
    assert Statement.objects.get(pk=draft.pk).version == draft.version + 1


def test_an_update_from_a_stale_etag_is_a_412_and_changes_nothing(editor_client, world):
    draft = StatementFactory(speaker=world.mamdani, text="first")
    url = f"/api/v1/statements/{draft.pk}/"
    stale = editor_client.get(url)["ETag"]
    theirs = editor_client.patch(url, {"text": "theirs"}, format="json", HTTP_IF_MATCH=stale)
    assert theirs.status_code == 200
    response = editor_client.patch(url, {"text": "mine"}, format="json", HTTP_IF_MATCH=stale)
    assert response.status_code == 412
    assert "changed since you read it" in response.json()["detail"]
    assert Statement.objects.get(pk=draft.pk).text == "theirs"


def test_a_source_update_is_guarded_the_same_way(editor_client, world):
    source = SourceFactory(title="first")
    url = f"/api/v1/sources/{source.pk}/"
    stale = editor_client.get(url)["ETag"]
    editor_client.patch(url, {"title": "theirs"}, format="json", HTTP_IF_MATCH=stale)
    response = editor_client.put(
        url, {"title": "mine", "kind": "article"}, format="json", HTTP_IF_MATCH=stale
    )
    assert response.status_code == 412
    assert Source.objects.get(pk=source.pk).title == "theirs"


def test_a_source_with_authors_is_written_with_them(editor_client, world):
    response = editor_client.post(
        "/api/v1/sources/",
        {
            "title": "An interview",
            "web_url": "https://example.org/interview",
            "publisher": "the-new-york-times",
            "authors": ["karam-chowdhury"],
            "kind": "interview",
            "published_on": "2025-06",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert [a["slug"] for a in response.json()["authors"]] == ["karam-chowdhury"]
    assert Source.objects.get(pk=response.json()["id"]).published_on.isoformat() == "2025-06"


def test_a_put_without_if_match_is_a_428_and_loses_no_update(editor_client, world):
    """The lost update: one editor reads, another saves, the first PUTs without If-Match."""
    draft = StatementFactory(speaker=world.mamdani, text="first", said_on="2025")
    url = f"/api/v1/statements/{draft.pk}/"
    stale_read = editor_client.get(url).json()
    theirs = editor_client.patch(
        url, {"text": "theirs"}, format="json", **if_match(editor_client, url)
    )
    assert theirs.status_code == 200
    body = {"speaker": "zohran-mamdani", "text": "mine", "said_on": stale_read["said_on"]["iso"]}
    for method in (editor_client.put, editor_client.patch):
        response = method(url, body, format="json")
        assert response.status_code == 428, response.content
        assert "If-Match" in response.json()["detail"]
    assert Statement.objects.get(pk=draft.pk).text == "theirs"


@pytest.mark.parametrize(
    "tag",
    ["*", "weak", "forged digest", "record part only", "unquoted", "another record's"],
)
def test_if_match_is_compared_strongly_on_the_whole_tag(editor_client, world, tag):
    draft = StatementFactory(speaker=world.mamdani, text="first")
    other = StatementFactory(speaker=world.mamdani, text="other")
    url = f"/api/v1/statements/{draft.pk}/"
    etag = editor_client.get(url)["ETag"]
    digest, _, part = etag.strip('"').partition(".")
    header = {
        "*": "*",
        "weak": f"W/{etag}",
        "forged digest": f'"{"0" * len(digest)}.{part}"',
        "record part only": f'"{part}"',
        "unquoted": etag.strip('"'),
        "another record's": editor_client.get(f"/api/v1/statements/{other.pk}/")["ETag"],
    }[tag]
    response = editor_client.patch(url, {"text": "mine"}, format="json", HTTP_IF_MATCH=header)
    assert response.status_code == (428 if tag == "*" else 412), response.content
    assert Statement.objects.get(pk=draft.pk).text == "first"


def test_a_change_to_another_record_does_not_refuse_an_edit(editor_client, world):
    draft = StatementFactory(speaker=world.mamdani, text="first")
    url = f"/api/v1/statements/{draft.pk}/"
    etag = editor_client.get(url)["ETag"]
    StatementFactory(speaker=world.mamdani, text="someone else's draft")
    response = editor_client.patch(url, {"text": "mine"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200, response.content


def test_a_publishers_change_of_a_public_sources_authors_is_in_the_audit_log(
    publisher_client, publisher, world
):
    """The bylines are part of a source as readers see it: changing them alone is audited too."""
    url = f"/api/v1/sources/{world.article.pk}/"
    response = publisher_client.patch(
        url, {"authors": ["karam-chowdhury"]}, format="json", **if_match(publisher_client, url)
    )
    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SOURCE_CHANGED)
    assert (entry.actor, entry.object_id, entry.note) == (
        publisher,
        world.article.pk,
        "Changed: authors.",
    )
    assert entry.history_id == world.article.history.latest().history_id


def test_an_update_that_changes_nothing_keeps_the_version_and_writes_no_history(
    editor_client, world
):
    """A PATCH of the values already stored saves nothing: the same version, no new history
    entry, the same ETag (the record did not change, so neither did any reader's page)."""
    draft = StatementFactory(speaker=world.mamdani, text="as it is")
    url = f"/api/v1/statements/{draft.pk}/"
    etag = editor_client.get(url)["ETag"]

    response = editor_client.patch(
        url, {"text": "as it is", "speaker": "zohran-mamdani"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200, response.content
    assert response["ETag"] == etag
    assert Statement.objects.get(pk=draft.pk).version == draft.version
    assert draft.history.count() == 1


def test_an_update_that_changes_nothing_from_a_stale_etag_is_still_a_412(editor_client, world):
    draft = StatementFactory(speaker=world.mamdani, text="first")
    url = f"/api/v1/statements/{draft.pk}/"
    stale = editor_client.get(url)["ETag"]
    editor_client.patch(url, {"text": "theirs"}, format="json", HTTP_IF_MATCH=stale)

    response = editor_client.patch(url, {"text": "theirs"}, format="json", HTTP_IF_MATCH=stale)

    assert response.status_code == 412


def test_a_source_put_of_what_is_stored_keeps_its_version_and_authors(editor_client, world):
    source = SourceFactory(title="as it is")
    url = f"/api/v1/sources/{source.pk}/"
    read = editor_client.get(url)
    body = {"title": "as it is", "kind": source.kind, "url": source.url, "authors": []}

    response = editor_client.put(url, body, format="json", HTTP_IF_MATCH=read["ETag"])

    assert response.status_code == 200, response.content
    assert Source.objects.get(pk=source.pk).version == source.version
    assert source.history.count() == 1
