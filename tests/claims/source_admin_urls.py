"""A URL configuration with an admin site that has Source registered plainly, so the tests see
the "Propose statements" button the source change page template adds, whatever admin is live."""

from django.contrib import admin
from django.urls import path

from claims.admin_proposals import propose_statements_view
from claims.models import Statement
from sources.models import Source

site = admin.AdminSite(name="admin")
site.register(Source)
# The source page also links "Add a statement from this source".
site.register(Statement)

urlpatterns = [
    path(
        "admin/sources/source/<int:source_id>/propose-statements/",
        site.admin_view(propose_statements_view),
        name="source-propose-statements",
    ),
    path("admin/", site.urls),
]
