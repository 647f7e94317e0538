"""schema.org ClaimReview for a fact-check, as a plain dict ready for JSON-LD."""

from __future__ import annotations

from django.conf import settings

from claims.models import FactCheck


def claim_review(fact_check: FactCheck, *, url: str) -> dict:
    """The fact-check as a schema.org ClaimReview; `url` is the fact-check page's absolute URL.

    Expects the fact-check with its statement, speaker and rating (and scale) loaded.
    """
    statement = fact_check.statement
    rating = fact_check.rating
    author = {"@type": "Person", "name": statement.speaker_display}
    if statement.speaker_id is None:
        author["@type"] = "Organization" if statement.speaker_organization_id else "Thing"
    claim = {
        "@type": "Claim",
        "author": author,
        "datePublished": statement.said_on.isoformat(),
    }
    if statement.venue:
        claim["firstAppearance"] = {"@type": "CreativeWork", "name": statement.venue}
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
