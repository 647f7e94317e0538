"""The fact-check page, with its ClaimReview embedded as JSON-LD."""

import json
import re

import pytest

from tests.factories import (
    FactCheckFactory,
    OrganizationFactory,
    PersonFactory,
    PublishedStatementFactory,
)

pytestmark = pytest.mark.django_db


def embedded_json_ld(page: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return [json.loads(block) for block in blocks]


def test_it_shows_the_claim_the_rating_and_the_statement(client, story):
    response = client.get(story.fact_check.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mamdani called for defunding the police in 2020." in page
    assert "Mostly False" in page
    assert story.defund.get_absolute_url() in page


def test_it_embeds_a_claim_review(client, story):
    page = client.get(story.fact_check.get_absolute_url()).content.decode()
    (review,) = embedded_json_ld(page)
    assert review["@type"] == "ClaimReview"
    assert review["@context"] == "https://schema.org"
    assert review["claimReviewed"] == "Mamdani called for defunding the police in 2020."
    assert review["reviewRating"]["alternateName"] == "Mostly False"
    assert review["reviewRating"]["bestRating"] == 6
    assert review["itemReviewed"]["author"]["name"] == "Zohran Mamdani"
    assert review["itemReviewed"]["datePublished"] == "2020"
    assert review["url"].endswith(story.fact_check.get_absolute_url())


def test_the_json_ld_cannot_break_out_of_its_script_element(client, story):
    hostile = "</script><script>alert(1)</script> & <!--"
    check = FactCheckFactory(statement=story.defund, claim_reviewed=hostile, status="published")
    page = client.get(check.get_absolute_url()).content.decode()
    head = page.split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert head.count("</script>") == 1
    (review,) = embedded_json_ld(page)
    assert review["claimReviewed"] == hostile


def test_unknown_fact_check_is_404(client):
    assert client.get("/fact-checks/999999/").status_code == 404


def test_the_claim_review_names_where_the_claim_appeared(client, story):
    page = client.get(story.fact_check.get_absolute_url()).content.decode()
    (review,) = embedded_json_ld(page)
    (appearance,) = review["itemReviewed"]["appearance"]
    assert appearance["url"] == story.article.url
    assert appearance["headline"] == story.article.title


def test_a_speaker_described_only_by_a_label_is_a_person_in_the_claim_review(client, story):
    statement = PublishedStatementFactory(
        speaker=None, subject=story.mamdani, speaker_label="Officers on a Zoom call"
    )
    check = FactCheckFactory(statement=statement, status="published")
    (review,) = embedded_json_ld(client.get(check.get_absolute_url()).content.decode())
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Officers on a Zoom call",
    }


def test_a_retracted_fact_check_shows_its_banner_and_no_claim_review(client, story):
    story.fact_check.status = "retracted"
    story.fact_check.retraction_reason = "The rating rested on a misread date."
    story.fact_check.save()
    page = client.get(story.fact_check.get_absolute_url()).content.decode()
    assert 'class="banner banner--retracted"' in page
    assert "The rating rested on a misread date." in page
    assert embedded_json_ld(page) == []


def test_a_fact_check_of_a_retracted_statement_offers_no_claim_review(client, story):
    story.fact_check.statement.status = "retracted"
    story.fact_check.statement.retraction_reason = "The words were someone else's."
    story.fact_check.statement.save()
    page = client.get(story.fact_check.get_absolute_url()).content.decode()
    assert embedded_json_ld(page) == []


@pytest.mark.parametrize("url", ["/", "/fact-checks/"])
def test_a_list_of_fact_checks_says_whose_words_were_checked(client, url):
    """A checked claim alone ("Crime fell by half.") does not say who made it; lists that mix
    people's fact-checks name the speaker, and the subject when the words are about someone
    else's position, as statement lists do."""
    mayor, rival = PersonFactory(name="Ada Mayor"), PersonFactory(name="Ben Rival")
    council = OrganizationFactory(name="City Council")
    for speaker in (
        {"speaker": mayor, "subject": mayor},
        {"speaker": rival, "subject": mayor},
        {"speaker": None, "speaker_organization": council, "subject": mayor},
    ):
        FactCheckFactory(statement=PublishedStatementFactory(**speaker), status="published")

    page = client.get(url).content.decode()

    items = re.findall(r'<li class="factcheck-item">(.*?)</li>', page, re.S)
    speakers = sorted(re.search(r"__who\">(.*?):</span>", item).group(1) for item in items)
    assert speakers == ["Ada Mayor", "Ben Rival on Ada Mayor", "City Council on Ada Mayor"]
