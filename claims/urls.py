"""Reader pages (they combine people, sources and claims, so they live here)."""

from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path, register_converter

from claims import views
from claims.feeds import LatestRecordsFeed, PersonFeed, PersonTopicFeed, TopicFeed
from claims.models import Topic
from claims.sitemaps import SITEMAPS
from core.renamed import follows_renamed_slugs
from people.models import Person


class RecordIdConverter:
    """A record id: up to 18 digits, so a huge number is a 404, never a database overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RecordIdConverter, "record_id")

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("people/<slug:slug>/<slug:topic_slug>/", views.stance_history, name="stance-history"),
    path("statements/<record_id:pk>/", views.statement_detail, name="statement-detail"),
    path("statements/<record_id:pk>/preview/", views.statement_preview, name="statement-preview"),
    path("sources/<record_id:pk>/", views.source_detail, name="source-detail"),
    path("archived-copies/<record_id:pk>/", views.snapshot_detail, name="snapshot-detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("topics/<slug:slug>/compare/", views.topic_compare, name="topic-compare"),
    path("fact-checks/", views.factcheck_list, name="factcheck-list"),
    path("stance-shifts/", views.shift_list, name="stanceshift-list"),
    path("fact-checks/<record_id:pk>/", views.factcheck_detail, name="factcheck-detail"),
    path("fact-checks/<record_id:pk>/preview/", views.factcheck_preview, name="factcheck-preview"),
    path("", include("claims.promises.urls")),
    path("", include("claims.matching.urls")),
    path("feed/", LatestRecordsFeed(), name="feed"),
    # Under feeds/, so that no feed takes a topic slug's place in people/<slug>/<topic_slug>/.
    path(
        "feeds/people/<slug:slug>/",
        follows_renamed_slugs(slug=Person)(PersonFeed()),
        name="person-feed",
    ),
    path(
        "feeds/topics/<slug:slug>/",
        follows_renamed_slugs(slug=Topic)(TopicFeed()),
        name="topic-feed",
    ),
    path(
        "feeds/people/<slug:slug>/<slug:topic_slug>/",
        follows_renamed_slugs(slug=Person, topic_slug=Topic)(PersonTopicFeed()),
        name="stance-feed",
    ),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
