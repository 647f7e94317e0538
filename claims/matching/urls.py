"""Reader pages of claims (included by claims.urls)."""

from django.urls import path

from claims.matching import views

urlpatterns = [
    path("claims/<record_id:pk>/", views.claim_detail, name="claim-detail"),
]
