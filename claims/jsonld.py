"""schema.org ClaimReview for a fact-check, as a plain dict ready for JSON-LD."""

from __future__ import annotations

from django.conf import settings

from claims.models import FactCheck


def claim_review(fact_check: FactCheck, *, url: str) -> dict:
    """The fact-check as a schema.org ClaimReview; `url` is the fact-check page's absolute URL.

    Expects the fact-check with its statement, speaker, rating and the statement's
    citations with their sources loaded. Only http(s) source addresses are given.
    """
    statement = fact_check.statement
    rating = fact_check.rating
    # An unnamed speaker ("officers on a Zoom call") is still people, not an organization.
    speaks_for_organization = statement.speaker_id is None and not statement.speaker_label
    author = {
        "@type": "Organization" if speaks_for_organization else "Person",
        "name": statement.speaker_display,
    }
    claim = {
        "@type": "Claim",
        "author": author,
        "datePublished": statement.said_on.isoformat(),
    }
    appearances = [
        {"@type": "CreativeWork", "url": citation.source.web_url, "name": citation.source.title}
        for citation in statement.citations.all()
        if citation.source.web_url
    ]
    if appearances:
        claim["appearance"] = appearances
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": fact_check.claim_reviewed,
        "datePublished": fact_check.reviewed_on.isoformat(),
        "itemReviewed": claim,
        "author": {
            "@type": "Organization",
            "name": settings.CLAIMTRACKER_PUBLISHER_NAME,
            "url": settings.CLAIMTRACKER_PUBLISHER_URL,
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": rating.best,
            "worstRating": rating.worst,
            "alternateName": rating.name,
        },
    }
