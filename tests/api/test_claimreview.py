"""Fact-checks as schema.org ClaimReview: every property Google asks for, and valid JSON-LD."""

import json
from pathlib import Path

import pytest
from pyld import jsonld

from claims.models import Status
from tests.factories import FactCheckFactory, RatingFactory

pytestmark = pytest.mark.django_db

SCHEMA = "http://schema.org/"
# A local stand-in for https://schema.org's context (@vocab and the types of a few terms):
# the suite never touches the network.
LOCAL_CONTEXT = json.loads((Path(__file__).parent / "schemaorg-context.jsonld").read_text())


def local_document_loader(url, options=None):
    if url.rstrip("/") in {"https://schema.org", "http://schema.org"}:
        return {"contextUrl": None, "documentUrl": url, "document": LOCAL_CONTEXT}
    raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")


def test_a_fact_check_is_a_claim_review_with_every_property(anonymous, world, settings):
    settings.CLAIMTRACKER_PUBLISHER_NAME = "Test Checkers"
    settings.CLAIMTRACKER_PUBLISHER_URL = "https://checkers.example/"
    response = anonymous.get(f"/api/v1/fact-checks/{world.fact_check.pk}/claimreview.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    review = response.json()
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Mamdani wants to defund the police."
    assert review["datePublished"] == "2025-06-28"
    assert review["url"].startswith("http://testserver/")
    assert review["author"] == {
        "@type": "Organization",
        "name": "Test Checkers",
        "url": "https://checkers.example/",
    }
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 3,
        "bestRating": 6,
        "worstRating": 1,
        "alternateName": "Half True",
    }
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"] == {"@type": "Person", "name": "Karam Chowdhury"}
    assert claim["datePublished"] == "2025-06"
    (appearance,) = claim["appearance"]
    assert appearance["url"] == world.article.url
    assert appearance["publisher"]["name"] == "The New York Times"
    assert claim["firstAppearance"] == appearance


def test_the_claim_author_links_to_wikidata_when_known(anonymous, world):
    checked = FactCheckFactory(
        statement=world.said_2020, status=Status.PUBLISHED, claim_reviewed="Defund."
    )
    review = anonymous.get(f"/api/v1/fact-checks/{checked.pk}/claimreview.jsonld").json()
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Zohran Mamdani",
        "sameAs": "https://www.wikidata.org/wiki/Q96026786",
    }


def test_the_claim_review_expands_as_json_ld(anonymous, world):
    review = anonymous.get(f"/api/v1/fact-checks/{world.fact_check.pk}/claimreview.jsonld").json()
    (expanded,) = jsonld.expand(review, {"documentLoader": local_document_loader})
    assert expanded["@type"] == [f"{SCHEMA}ClaimReview"]
    rating = expanded[f"{SCHEMA}reviewRating"][0]
    assert rating[f"{SCHEMA}alternateName"] == [{"@value": "Half True"}]
    assert rating[f"{SCHEMA}ratingValue"] == [{"@value": 3}]
    claim = expanded[f"{SCHEMA}itemReviewed"][0]
    assert claim["@type"] == [f"{SCHEMA}Claim"]
    assert claim[f"{SCHEMA}appearance"][0][f"{SCHEMA}url"] == [{"@id": world.article.url}]


def test_the_list_form_is_one_graph_that_expands(anonymous, world):
    graph = anonymous.get("/api/v1/fact-checks/claimreview.jsonld").json()
    assert [review["claimReviewed"] for review in graph["@graph"]] == [
        "Mamdani wants to defund the police."
    ]
    # A top-level @graph with nothing else expands to its nodes.
    (expanded,) = jsonld.expand(graph, {"documentLoader": local_document_loader})
    assert expanded["@type"] == [f"{SCHEMA}ClaimReview"]


def test_only_live_fact_checks_are_claim_reviews(anonymous, world, publisher):
    from claims.services import retract

    draft = FactCheckFactory(statement=world.said_2020)
    assert anonymous.get(f"/api/v1/fact-checks/{draft.pk}/claimreview.jsonld").status_code == 404
    retract(record=world.fact_check, by=publisher, reason="Wrong rating.")
    url = f"/api/v1/fact-checks/{world.fact_check.pk}/claimreview.jsonld"
    assert anonymous.get(url).status_code == 404
    assert anonymous.get("/api/v1/fact-checks/claimreview.jsonld").json()["@graph"] == []


def test_who_may_ask_and_what_may_be_asked_are_answered_before_the_media_type(
    anonymous, editor_client, world
):
    """401 and 405 come before 406 on the ClaimReview endpoints, as on every other."""
    url = f"/api/v1/fact-checks/{world.fact_check.pk}/claimreview.jsonld"
    for address in (url, "/api/v1/fact-checks/claimreview.jsonld"):
        assert anonymous.get(address, HTTP_ACCEPT="application/json").status_code == 406
        assert anonymous.post(address, {}, HTTP_ACCEPT="application/json").status_code == 401
        assert editor_client.post(address, {}, HTTP_ACCEPT="application/json").status_code == 405
        anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-token")
        assert anonymous.get(address, HTTP_ACCEPT="application/json").status_code == 401
        anonymous.credentials()
        assert anonymous.get(address, HTTP_ACCEPT="application/ld+json").status_code == 200


@pytest.mark.parametrize("fact_check_id", ["0", str(2**63 - 1), str(2**63), "9" * 40])
def test_an_id_no_fact_check_has_is_a_404_even_beyond_the_column(anonymous, fact_check_id):
    response = anonymous.get(f"/api/v1/fact-checks/{fact_check_id}/claimreview.jsonld")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "template",
    ["/api/v1/fact-checks/{pk}/claimreview.jsonld", "/api/v1/fact-checks/claimreview.jsonld"],
)
def test_claim_reviews_answer_a_token_client_with_an_etag_and_304_then_200_after_a_change(
    editor_client, world, template
):
    """Every read is a conditional GET, for token clients too (not only through the public
    cache): a held ETag is a 304 until the fact-check changes, then the new rating."""
    url = template.format(pk=world.fact_check.pk)
    accept = {"HTTP_ACCEPT": "application/ld+json"}
    first = editor_client.get(url, **accept)
    assert first["ETag"] and first["Last-Modified"]
    assert editor_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **accept).status_code == 304

    world.fact_check.rating = RatingFactory(name="Pants on Fire", slug="pants-on-fire", value=1)
    world.fact_check.save()
    changed = editor_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], **accept)
    assert changed.status_code == 200
    assert "Pants on Fire" in changed.content.decode()


def test_a_fact_check_of_a_retracted_statement_is_no_claim_review(anonymous, world, publisher):
    """Retracting a statement withdraws our record of those words (misattributed, misquoted):
    a rating of them no longer stands, though both stay readable with their banners."""
    from claims.services import retract

    retract(record=world.fact_check.statement, by=publisher, reason="Misattributed.")
    url = f"/api/v1/fact-checks/{world.fact_check.pk}/claimreview.jsonld"
    assert anonymous.get(url).status_code == 404
    assert anonymous.get("/api/v1/fact-checks/claimreview.jsonld").json()["@graph"] == []
