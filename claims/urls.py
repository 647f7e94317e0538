"""Reader pages (they combine people, sources and claims, so they live here)."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from claims import views
from claims.feeds import LatestRecordsFeed
from claims.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("people/<slug:slug>/", views.person_detail, name="person-detail"),
    path("people/<slug:slug>/<slug:topic_slug>/", views.stance_history, name="stance-history"),
    path("statements/<int:pk>/", views.statement_detail, name="statement-detail"),
    path("sources/<int:pk>/", views.source_detail, name="source-detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic-detail"),
    path("fact-checks/<int:pk>/", views.factcheck_detail, name="factcheck-detail"),
    path("feed/", LatestRecordsFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
