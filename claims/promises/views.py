"""Reader pages for promises: thin views over claims.promises.selectors.

Like every reader page they show what the public sees, to everyone: drafts and records in
review are never rendered here.
"""

from django.http import Http404
from django.shortcuts import render

from claims.promises import selectors
from claims.promises.models import Promise
from claims.promises.timeline import build_status_timeline
from core.renamed import follows_renamed_slugs
from core.revisions import public_cache
from core.visibility import get_visible_or_404
from people.models import Person


@public_cache
def promise_detail(request, pk):
    """A promise, its status timeline, and the citations of each change."""
    try:
        record = selectors.promise_record(pk=pk)
    except Promise.DoesNotExist:
        raise Http404("No such promise.") from None
    timelines = [
        build_status_timeline(record.promise, record.changes, record.ratings, variant=variant)
        for variant in ("wide", "narrow")
    ]
    return render(
        request,
        "claims/promise_detail.html",
        {"record": record, "timelines": timelines, "promise": record.promise},
    )


@follows_renamed_slugs(slug=Person)
@public_cache
def promise_tracker(request, slug):
    """A person's promises counted by current status, filtered by ?topic=, ?status=, ?overdue=1."""
    person = get_visible_or_404(Person.objects.all(), slug=slug)
    tracker = selectors.promise_tracker(
        person=person,
        topic_slug=request.GET.get("topic", "")[:200],
        rating_slug=request.GET.get("status", "")[:100],
        overdue_only=request.GET.get("overdue", "") in {"1", "true", "yes", "on"},
    )
    return render(request, "claims/promise_tracker.html", {"tracker": tracker})
