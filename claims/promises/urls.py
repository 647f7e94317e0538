"""Reader pages of promises (included by claims.urls)."""

from django.urls import path

from claims.promises import views

urlpatterns = [
    path("promises/<record_id:pk>/", views.promise_detail, name="promise-detail"),
    path("promise-tracker/<slug:slug>/", views.promise_tracker, name="promise-tracker"),
]
