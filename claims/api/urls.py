"""API v1 routes: every app's viewsets under one router, plus the stance endpoints.

config/urls.py mounts this under /api/v1/ in the "v1" namespace; a v2 gets its own
module and namespace beside it (NamespaceVersioning), sharing whatever did not change.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.routers import APIRootView, DefaultRouter
from rest_framework.settings import api_settings

from claims.api.comparison import TopicComparisonView
from claims.api.views import (
    CitationViewSet,
    CorrectionViewSet,
    EndorsementViewSet,
    FactCheckViewSet,
    JSONLDRenderer,
    PersonStancesView,
    StanceHistoryView,
    StanceShiftViewSet,
    StatementViewSet,
    TopicViewSet,
)
from claims.matching.api import ClaimViewSet, StatementRepeatsView
from claims.promises.api import PromiseViewSet
from core.api.base import CacheHeadersMixin, ClaimTrackerAutoSchema
from people.api import OrganizationViewSet, PersonViewSet
from sources.api import SourceViewSet


class EntryPointsView(CacheHeadersMixin, APIRootView):
    """GET /api/v1/: the address of each collection, so a client can start here; tagged and
    cached as every read is."""

    # DRF leaves its root view out of the schema; this one is documented like the rest.
    schema = ClaimTrackerAutoSchema()

    def known_query_parameters(self) -> set[str]:
        return {api_settings.URL_FORMAT_OVERRIDE}

    @extend_schema(
        summary="Entry points",
        operation_id="api_root",
        description="Each collection's address, by name (`people`, `statements`, ...).",
        responses={
            200: {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}}
        },
    )
    def get(self, request, *args, **kwargs):
        return self.conditional(request, lambda: super(EntryPointsView, self).get(request))


class Router(DefaultRouter):
    """The collections, and their entry points at the root (no `.json` suffixes: the
    Accept header chooses the format)."""

    include_format_suffixes = False
    APIRootView = EntryPointsView


router = Router()
router.register("people", PersonViewSet, basename="person")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("sources", SourceViewSet, basename="source")
router.register("topics", TopicViewSet, basename="topic")
router.register("statements", StatementViewSet, basename="statement")
router.register("citations", CitationViewSet, basename="citation")
router.register("endorsements", EndorsementViewSet, basename="endorsement")
router.register("fact-checks", FactCheckViewSet, basename="factcheck")
router.register("stance-shifts", StanceShiftViewSet, basename="stanceshift")
router.register("corrections", CorrectionViewSet, basename="correction")
router.register("promises", PromiseViewSet, basename="promise")
router.register("claims", ClaimViewSet, basename="claim")

urlpatterns = [
    path(
        "fact-checks/<int:pk>/claimreview.jsonld",
        FactCheckViewSet.as_view({"get": "claimreview"}, renderer_classes=[JSONLDRenderer]),
        name="factcheck-claimreview",
    ),
    path(
        "fact-checks/claimreview.jsonld",
        FactCheckViewSet.as_view({"get": "claimreview_list"}, renderer_classes=[JSONLDRenderer]),
        name="factcheck-claimreview-list",
    ),
    path("statements/<int:pk>/repeats/", StatementRepeatsView.as_view(), name="statement-repeats"),
    path("people/<slug:slug>/stances/", PersonStancesView.as_view(), name="person-stances"),
    path(
        "people/<slug:slug>/stances/<slug:topic_slug>/",
        StanceHistoryView.as_view(),
        name="person-stance-history",
    ),
    path("topics/<slug:slug>/compare/", TopicComparisonView.as_view(), name="topic-compare"),
    *router.urls,
]
