"""Error pages: JSON under /api/ (clients parse it, the schema documents it), HTML elsewhere."""

from django.http import JsonResponse
from django.views.defaults import page_not_found


def not_found(request, exception):
    """404 for an address no route matches."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)
