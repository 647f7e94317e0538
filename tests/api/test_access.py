"""Who may do what through the API, and that nothing unpublished ever reaches the public."""

import json

import pytest

from claims.models import Statement, Status
from core.partial_dates import PartialDate
from sources.models import Source
from tests.api.versions import if_match
from tests.factories import (
    CitationFactory,
    CorrectionFactory,
    EndorsementFactory,
    FactCheckFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    SourceFactory,
    StanceShiftFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def writes_for(endpoint: str, world) -> dict:
    """A valid body per writable endpoint, and a draft record to change."""
    draft = StatementFactory(speaker=world.mamdani, text="A draft to edit.")
    source = SourceFactory()
    citation = CitationFactory(statement=draft, source=source)
    return {
        "statements": (
            {"speaker": "zohran-mamdani", "text": "Said through the API.", "said_on": "2025-06"},
            f"/api/v1/statements/{draft.pk}/",
        ),
        "sources": (
            {"title": "A new source", "kind": "article"},
            f"/api/v1/sources/{source.pk}/",
        ),
        "citations": (
            {"statement": draft.pk, "source": source.pk, "excerpt": "Said through the API."},
            f"/api/v1/citations/{citation.pk}/",
        ),
    }[endpoint]


READ_ONLY = {
    "people": "/api/v1/people/zohran-mamdani/",
    "organizations": "/api/v1/organizations/jibon/",
    "topics": "/api/v1/topics/police-funding/",
    "endorsements": "/api/v1/endorsements/{endorsement.pk}/",
    "fact-checks": "/api/v1/fact-checks/{fact_check.pk}/",
    "stance-shifts": "/api/v1/stance-shifts/{shift.pk}/",
    "corrections": "/api/v1/corrections/{correction.pk}/",
}
SINGLE_URLS = [
    "/api/v1/people/zohran-mamdani/stances/",
    "/api/v1/people/zohran-mamdani/stances/police-funding/",
    "/api/v1/fact-checks/{fact_check.pk}/claimreview.jsonld",
    "/api/v1/fact-checks/claimreview.jsonld",
]


def allowed_methods(client, collection: str, detail: str, body: dict) -> set[str]:
    allowed = set()
    for method in METHODS:
        url = collection if method == "POST" else detail
        send = getattr(client, method.lower())
        if method == "GET":
            response = send(url)
        elif method in ("PUT", "PATCH") and client.get(url).status_code == 200:
            response = send(url, body, format="json", **if_match(client, url))
        else:
            response = send(url, body, format="json")
        assert response.status_code < 500, (method, url, response.content)
        if 200 <= response.status_code < 300:
            allowed.add(method)
    return allowed


@pytest.mark.parametrize("endpoint", ["statements", "sources", "citations"])
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"GET"}),
        ("editor_client", {"GET", "POST", "PUT", "PATCH"}),
        ("publisher_client", {"GET", "POST", "PUT", "PATCH"}),
    ],
)
def test_editors_and_publishers_write_drafts_where_the_public_only_reads(
    request, world, endpoint, who, expected
):
    client = request.getfixturevalue(who)
    body, detail = writes_for(endpoint, world)
    if who == "anonymous":
        # The draft itself is hidden from the public: read a published record instead.
        detail = {
            "statements": f"/api/v1/statements/{world.said_2020.pk}/",
            "sources": f"/api/v1/sources/{world.article.pk}/",
            "citations": f"/api/v1/citations/{world.cited.pk}/",
        }[endpoint]
    assert allowed_methods(client, f"/api/v1/{endpoint}/", detail, body) == expected


@pytest.mark.parametrize("endpoint", sorted(READ_ONLY))
@pytest.mark.parametrize("who", ["anonymous", "editor_client", "publisher_client"])
def test_read_only_endpoints_refuse_every_write(request, world, endpoint, who):
    client = request.getfixturevalue(who)
    detail = READ_ONLY[endpoint].format(**vars(world))
    allowed = allowed_methods(client, f"/api/v1/{endpoint}/", detail, {"name": "x"})
    assert allowed == {"GET"}


@pytest.mark.parametrize("url", SINGLE_URLS)
@pytest.mark.parametrize("who", ["anonymous", "editor_client", "publisher_client"])
def test_stance_and_claimreview_endpoints_only_read(request, world, url, who):
    client = request.getfixturevalue(who)
    url = url.format(**vars(world))
    allowed = set()
    for method in METHODS:
        response = getattr(client, method.lower())(url)
        assert response.status_code < 500
        if 200 <= response.status_code < 300:
            allowed.add(method)
    assert allowed == {"GET"}


def test_anonymous_writes_are_401_and_change_nothing(anonymous, world):
    before = Statement.objects.count()
    response = anonymous.post("/api/v1/statements/", {"text": "x"}, format="json")
    assert response.status_code == 401
    assert Statement.objects.count() == before


def test_an_editor_cannot_change_a_published_statement_but_a_publisher_can(
    editor_client, publisher_client, world
):
    url = f"/api/v1/statements/{world.said_2020.pk}/"
    change = {"venue": "Elsewhere"}
    refused = editor_client.patch(url, change, format="json", **if_match(editor_client, url))
    assert refused.status_code == 403
    assert Statement.objects.get(pk=world.said_2020.pk).venue == "Twitter"
    allowed = publisher_client.patch(url, change, format="json", **if_match(publisher_client, url))
    assert allowed.status_code == 200
    assert Statement.objects.get(pk=world.said_2020.pk).venue == "Elsewhere"


def test_an_editor_cannot_cite_for_a_published_statement(editor_client, world):
    source = SourceFactory()
    response = editor_client.post(
        "/api/v1/citations/",
        {"statement": world.said_2020.pk, "source": source.pk, "excerpt": "x"},
        format="json",
    )
    assert response.status_code == 403
    assert not world.said_2020.citations.filter(source=source).exists()


def test_statements_written_through_the_api_stay_drafts(editor_client, world):
    response = editor_client.post(
        "/api/v1/statements/",
        {"speaker": "zohran-mamdani", "text": "x", "said_on": "2025", "status": "published"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert Statement.objects.get(pk=response.json()["id"]).status == Status.DRAFT


def test_retracted_records_appear_marked_with_the_reason(anonymous, world, publisher):
    from claims.services import retract

    retract(record=world.said_2020, by=publisher, reason="The quote was misattributed.")
    body = anonymous.get(f"/api/v1/statements/{world.said_2020.pk}/").json()
    assert body["status"] == "retracted"
    assert body["retraction_reason"] == "The quote was misattributed."
    history = anonymous.get("/api/v1/people/zohran-mamdani/stances/police-funding/").json()
    (point,) = [p for p in history["points"] if p["id"] == world.said_2020.pk]
    assert point["retraction_reason"] == "The quote was misattributed."


# --- Nothing unpublished leaks ------------------------------------------------------------

SECRET = "UNPUBLISHEDMARKER"


@pytest.fixture
def planted(world):
    """One record in draft or review of every workflow model, and public records that point at
    them, all marked with SECRET."""
    secret_person = PersonFactory(name="Nobody Public", slug="nobody-public")
    position = PositionFactory(topic=world.topic, slug="secret-position", axis_value=2)
    draft = StatementFactory(
        speaker=world.mamdani,
        position=position,
        text=f"{SECRET} draft statement",
        venue=SECRET,
        said_on=PartialDate(2024),
    )
    in_review = StatementFactory(
        speaker=secret_person,
        subject=world.mamdani,
        position=world.defund,
        text=f"{SECRET} in review",
        status=Status.IN_REVIEW,
        said_on=PartialDate(2026),
    )
    CitationFactory(statement=draft, excerpt=SECRET, locator=SECRET)
    CitationFactory(statement=in_review, excerpt=SECRET)
    # Public records resting on unpublished ones.
    FactCheckFactory(
        statement=draft, claim_reviewed=SECRET, analysis=SECRET, status=Status.PUBLISHED
    )
    StanceShiftFactory(
        earlier=world.said_2020, later=draft, analysis=SECRET, status=Status.PUBLISHED
    )
    CorrectionFactory(record=draft, what_changed=SECRET, status=Status.PUBLISHED)
    # Unpublished records of every other workflow model.
    FactCheckFactory(statement=world.said_2020, claim_reviewed=SECRET, analysis=SECRET)
    StanceShiftFactory(
        earlier=world.said_2020,
        later=world.characterization,
        analysis=SECRET,
        status=Status.IN_REVIEW,
    )
    EndorsementFactory(endorser_person=secret_person, endorsed=world.mamdani, note=SECRET)
    CorrectionFactory(record=world.said_2020, what_changed=SECRET)
    source = Source.objects.create(title="Quiet source", notes=SECRET)
    PublishedStatementFactory(speaker=world.mamdani, citation__source=source, text="Public.")
    return {"draft": draft, "in_review": in_review}


PUBLIC_URLS = [
    "/api/v1/people/",
    "/api/v1/people/zohran-mamdani/",
    "/api/v1/people/zohran-mamdani/stances/",
    "/api/v1/people/zohran-mamdani/stances/police-funding/",
    "/api/v1/organizations/",
    "/api/v1/sources/",
    "/api/v1/topics/",
    "/api/v1/topics/police-funding/",
    "/api/v1/statements/",
    "/api/v1/statements/?subject=zohran-mamdani",
    "/api/v1/statements/?position=secret-position",
    "/api/v1/statements/?status=draft",
    "/api/v1/statements/?status=in_review",
    f"/api/v1/statements/?q={SECRET}",
    "/api/v1/statements/?said_after=2024&said_before=2024",
    "/api/v1/statements/?ordering=said_on&page_size=200",
    "/api/v1/citations/",
    f"/api/v1/sources/?q={SECRET}",
    "/api/v1/endorsements/",
    "/api/v1/fact-checks/",
    "/api/v1/fact-checks/claimreview.jsonld",
    "/api/v1/stance-shifts/",
    "/api/v1/corrections/",
]


def test_no_anonymous_request_reveals_an_unpublished_record(anonymous, planted, world):
    hidden_ids = {planted["draft"].pk, planted["in_review"].pk}
    for url in PUBLIC_URLS:
        response = anonymous.get(url)
        assert response.status_code == 200, (url, response.content)
        text = response.content.decode()
        assert SECRET not in text, url
        for pk in hidden_ids:
            assert f"/statements/{pk}/" not in text, url
    summary = anonymous.get("/api/v1/people/zohran-mamdani/stances/").json()
    # The three public ones in `world`; neither the draft nor the one in review is counted.
    assert summary["stances"][0]["statement_count"] == 3


# A person known only from a draft and from a statement in review answers exactly as a
# slug nobody has: 404 for their pages, 400 (unknown slug) for a filter naming them.
HIDDEN_URLS = [
    "/api/v1/people/{slug}/",
    "/api/v1/people/{slug}/stances/",
    "/api/v1/people/{slug}/stances/police-funding/",
    "/api/v1/statements/?speaker={slug}",
    "/api/v1/endorsements/?endorser={slug}",
]


@pytest.mark.parametrize("url", HIDDEN_URLS)
def test_a_person_only_drafts_name_is_unknown_to_the_public(anonymous, editor_client, planted, url):
    hidden = anonymous.get(url.format(slug="nobody-public"))
    absent = anonymous.get(url.format(slug="no-such-person"))
    assert hidden.status_code == absent.status_code
    assert hidden.status_code in (400, 404)
    assert hidden.content.decode().replace("nobody-public", "X") == absent.content.decode().replace(
        "no-such-person", "X"
    )
    assert editor_client.get(url.format(slug="nobody-public")).status_code == 200


def test_unpublished_records_are_404_to_the_public_but_not_to_editors(
    anonymous, editor_client, planted
):
    for statement in planted.values():
        url = f"/api/v1/statements/{statement.pk}/"
        assert anonymous.get(url).status_code == 404
        assert editor_client.get(url).status_code == 200
    for kind in ("fact-checks", "stance-shifts", "corrections", "endorsements", "citations"):
        public = {row["id"] for row in anonymous.get(f"/api/v1/{kind}/").json()["results"]}
        every = {row["id"] for row in editor_client.get(f"/api/v1/{kind}/").json()["results"]}
        assert public < every, kind
        for pk in every - public:
            assert anonymous.get(f"/api/v1/{kind}/{pk}/").status_code == 404
            assert SECRET not in json.dumps(anonymous.get(f"/api/v1/{kind}/{pk}/").json())


def test_editors_see_drafts_in_the_stance_history(editor_client, planted):
    history = editor_client.get("/api/v1/people/zohran-mamdani/stances/police-funding/").json()
    assert planted["draft"].pk in {point["id"] for point in history["points"]}
