"""Fact-checks as schema.org ClaimReview, with what Google's fact-check markup asks for."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse

from claims.matching.selectors import appearances_with_sources
from claims.models import Citation, FactCheck, Statement, Status
from sources.models import Source

SCHEMA_ORG = "https://schema.org"
WIKIDATA_ENTITY = "https://www.wikidata.org/wiki/{}"


def claim_reviews() -> models.QuerySet:
    """Fact-checks that may be shown as ClaimReview (standing: live, on a live statement), ready
    to render.

    Queries: the fact-checks with statement, speaker and rating (one); their citations
    with sources and publishers (one); the claims their statements make, and those claims'
    public statements with their citations and sources (four, claims.matching).
    """
    return (
        FactCheck.objects.standing()
        .select_related(
            "rating", "statement__speaker", "statement__speaker_organization", "statement__subject"
        )
        .prefetch_related(
            models.Prefetch(
                "statement__citations",
                queryset=Citation.objects.select_related("source__publisher").order_by("pk"),
            ),
            models.Prefetch(
                "statement__claim_appearance__claim__appearances",
                queryset=appearances_with_sources(),
                to_attr="public_appearances",
            ),
        )
    )


def claim_review(fact_check: FactCheck, *, absolute_url) -> dict:
    """The ClaimReview JSON-LD object for one fact-check.

    `absolute_url` turns a path into a full URL (request.build_absolute_uri).
    """
    statement = fact_check.statement
    rating = fact_check.rating
    # Every public statement that makes the same published claim appears; the first said
    # holds the first appearance (claims.matching).
    statements = _statements_making_the_claim(statement)
    sources = {
        citation.source.pk: citation.source
        for made in statements
        for citation in made.citations.all()
    }
    appearances = [_creative_work(source) for source in sources.values()]
    first = _first_appearance(statements[0])
    published = fact_check.published_at.date() if fact_check.published_at else None
    item_reviewed = {
        "@type": "Claim",
        "author": _claim_author(statement),
        "datePublished": statement.said_on.isoformat(),
        "appearance": appearances,
    }
    if first is not None:
        item_reviewed["firstAppearance"] = _creative_work(first)
    return {
        "@context": SCHEMA_ORG,
        "@type": "ClaimReview",
        "url": absolute_url(_review_path(fact_check)),
        "claimReviewed": fact_check.claim_reviewed,
        "datePublished": (published or fact_check.reviewed_on).isoformat(),
        "author": _publisher(),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": rating.best,
            "worstRating": rating.worst,
            "alternateName": rating.name,
        },
        "itemReviewed": item_reviewed,
    }


def _review_path(fact_check: FactCheck) -> str:
    try:
        return fact_check.get_absolute_url()
    except NoReverseMatch:
        # Without the reader pages installed, the API's own record is the review's address.
        return reverse("v1:factcheck-detail", kwargs={"pk": fact_check.pk})


def _publisher() -> dict:
    return {
        "@type": "Organization",
        "name": settings.CLAIMTRACKER_PUBLISHER_NAME,
        "url": settings.CLAIMTRACKER_PUBLISHER_URL,
    }


def _claim_author(statement: Statement) -> dict:
    if statement.speaker_id:
        author = {"@type": "Person", "name": statement.speaker.name}
        if statement.speaker.wikidata_id:
            author["sameAs"] = WIKIDATA_ENTITY.format(statement.speaker.wikidata_id)
        return author
    if statement.speaker_organization_id:
        return {"@type": "Organization", "name": statement.speaker_organization.name}
    return {"@type": "Person", "name": statement.speaker_display}


def _creative_work(source: Source) -> dict:
    work = {"@type": "CreativeWork", "headline": source.title}
    if source.url:
        work["url"] = source.url
    if source.published_on:
        work["datePublished"] = source.published_on.isoformat()
    if source.publisher_id:
        work["publisher"] = {"@type": "Organization", "name": source.publisher.name}
    return work


def _statements_making_the_claim(statement: Statement) -> list[Statement]:
    """The public statements that make the published claim this one makes, earliest said
    first; only this one when it makes none."""
    try:
        claim = statement.claim_appearance.claim
    except ObjectDoesNotExist:
        return [statement]
    if claim.status != Status.PUBLISHED:
        return [statement]
    appearances = getattr(claim, "public_appearances", None)
    if appearances is None:  # not prefetched (one fact-check's page)
        appearances = list(appearances_with_sources().filter(claim=claim))
    statements = [appearance.statement for appearance in appearances]
    return statements if statement.pk in {made.pk for made in statements} else [statement]


def _first_appearance(statement: Statement) -> Source | None:
    """The earliest-published cited source (undated ones last, then in citation order)."""
    sources = [citation.source for citation in statement.citations.all()]
    if not sources:
        return None
    return min(
        sources,
        key=lambda source: (
            source.published_on is None,
            source.published_on.isoformat() if source.published_on else "",
        ),
    )
