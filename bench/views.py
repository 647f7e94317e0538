"""The baseline: the statements page the API serves first, built the cheapest way Django can.

It reads the same rows in the same order as the API's first page, as `.values()`
dicts, and returns them with JsonResponse: no serializer, no pagination class, no
content negotiation. Its requests per second are the practical limit of Django on
the machine, and every API figure is reported as a ratio to it.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.views.decorators.http import require_safe

from claims.matching.candidates import TEXT_LIMIT, candidates
from claims.models import Statement

PAGE_SIZE = 50
ORDERING = ("-id",)  # the API paginates statements by cursor on -id
FIELDS = (
    "id",
    "status",
    "kind",
    "text",
    "said_on",
    "venue",
    "speaker_id",
    "speaker__name",
    "speaker_label",
    "speaker_organization_id",
    "subject_id",
    "subject__name",
    "topic_id",
    "position_id",
    "published_at",
)


@require_safe
def baseline_statements(request):
    """The first page of published statements, straight from `.values()`."""
    rows = list(Statement.objects.published().order_by(*ORDERING).values(*FIELDS)[:PAGE_SIZE])
    for row in rows:
        row["said_on"] = row["said_on"].isoformat()
    return JsonResponse({"next": None, "previous": None, "results": rows})


@require_safe
def claim_candidates(request):
    """The candidates for a new statement's text (?text=), as the statement form's endpoint
    finds them (claims.matching.candidates), without its staff login: what `make bench`
    times for claim matching."""
    text = request.GET.get("text", "")[:TEXT_LIMIT]
    if not text.strip():
        return HttpResponseBadRequest("?text= is required")
    found = candidates(text)
    return JsonResponse({"candidates": [candidate.as_dict() for candidate in found]})
