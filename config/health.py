"""The health endpoint that load balancers and `make run` users poll."""

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.middleware import DATABASE_UNAVAILABLE


@require_safe
@never_cache
def healthz(request):
    """Answer 200 when the database answers a query, else 503 with the reason."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return JsonResponse(
            {"status": "unavailable", "detail": DATABASE_UNAVAILABLE, "database": reason},
            status=503,
        )
    return JsonResponse({"status": "ok"})
