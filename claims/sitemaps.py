"""The sitemap: every public reader page, and only those."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from claims.matching.models import Claim
from claims.models import PUBLIC_STATUSES, FactCheck, Statement, Topic
from claims.promises.selectors import public_promises
from people.models import Person
from sources.models import Source


class PersonSitemap(Sitemap):
    def items(self):
        return Person.objects.public().order_by("slug")


class StanceHistorySitemap(Sitemap):
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


class StatementSitemap(Sitemap):
    def items(self):
        return Statement.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class FactCheckSitemap(Sitemap):
    def items(self):
        return FactCheck.objects.public().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class ClaimSitemap(Sitemap):
    def items(self):
        return Claim.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SourceSitemap(Sitemap):
    def items(self):
        return Source.objects.public().order_by("pk")


class TopicSitemap(Sitemap):
    def items(self):
        return (
            Topic.objects.filter(statements__status__in=PUBLIC_STATUSES).distinct().order_by("slug")
        )


class PromiseSitemap(Sitemap):
    def items(self):
        return public_promises().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PromiseTrackerSitemap(Sitemap):
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
