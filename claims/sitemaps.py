"""The sitemap: every public reader page, and only those.

/sitemap.xml is an index of one sitemap per kind of page (/sitemap-statements.xml, ...),
each paged by ?p= at PAGE_SIZE addresses. One file for everything broke at scale: the
protocol allows 50,000 addresses a file, and a million statements (or promises) are more.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse

from claims.matching.models import Claim
from claims.models import PUBLIC_STATUSES, Citation, Correction, FactCheck, Statement, Topic
from claims.promises.selectors import public_promises
from people.models import Person
from sources.models import Source

# Addresses per sitemap file (the protocol's limit is 50,000): what one request renders.
PAGE_SIZE = 10_000


class PublicSitemap(Sitemap):
    """A kind of public page, PAGE_SIZE addresses a file."""

    limit = PAGE_SIZE

    def get_latest_lastmod(self):
        """None: the index gives no date per kind of page. Django's default reads every
        item's lastmod, a million statements' for one line of the index."""
        return


class PersonSitemap(PublicSitemap):
    def items(self):
        return Person.objects.public().order_by("slug")


class StanceHistorySitemap(PublicSitemap):
    def items(self):
        return (
            Statement.objects.published()
            .filter(topic__isnull=False)
            .values_list("subject__slug", "topic__slug")
            .distinct()
            .order_by("subject__slug", "topic__slug")
        )

    def location(self, item):
        person_slug, topic_slug = item
        return reverse("stance-history", kwargs={"slug": person_slug, "topic_slug": topic_slug})


class StatementSitemap(PublicSitemap):
    def items(self):
        """Public statements, each with when its page last changed: the statement, or what
        the page shows of it (its citations, public fact-checks, published corrections)."""
        statement = OuterRef("pk")
        shown = (
            Citation.objects.filter(statement=statement),
            FactCheck.objects.published().filter(statement=statement),
            Correction.objects.published().filter(
                content_type=ContentType.objects.get_for_model(Statement), object_id=statement
            ),
        )
        return (
            Statement.objects.published()
            .annotate(
                page_changed_at=Greatest(
                    "updated_at",
                    *(Coalesce(_latest_change(records), "updated_at") for records in shown),
                )
            )
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.page_changed_at


def _latest_change(records) -> Subquery:
    """When the most recently changed of `records` changed (NULL when there are none)."""
    return Subquery(records.order_by("-updated_at").values("updated_at")[:1])


class FactCheckSitemap(PublicSitemap):
    def items(self):
        return FactCheck.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ClaimSitemap(PublicSitemap):
    def items(self):
        return Claim.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SourceSitemap(PublicSitemap):
    def items(self):
        return Source.objects.public().order_by("pk")


class TopicSitemap(PublicSitemap):
    def items(self):
        return (
            Topic.objects.filter(statements__status__in=PUBLIC_STATUSES).distinct().order_by("slug")
        )


class PromiseSitemap(PublicSitemap):
    def items(self):
        return public_promises().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PromiseTrackerSitemap(PublicSitemap):
    def items(self):
        return (
            public_promises()
            .values_list("person__slug", flat=True)
            .distinct()
            .order_by("person__slug")
        )

    def location(self, item):
        return reverse("promise-tracker", kwargs={"slug": item})


SITEMAPS = {
    "people": PersonSitemap,
    "stances": StanceHistorySitemap,
    "statements": StatementSitemap,
    "fact-checks": FactCheckSitemap,
    "claims": ClaimSitemap,
    "sources": SourceSitemap,
    "topics": TopicSitemap,
    "promises": PromiseSitemap,
    "promise-trackers": PromiseTrackerSitemap,
}
