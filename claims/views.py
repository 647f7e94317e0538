"""Reader pages: thin views over the selectors, rendering server-side templates.

Every page shows what the public sees (published and retracted records), to
everyone: drafts and records in review are never rendered here.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from claims import selectors
from claims.jsonld import claim_review
from claims.models import FactCheck, Statement, Topic
from claims.search import search_site
from claims.timeline import MARKER_BY_KIND, build_timeline
from people.models import Person
from people.revisions import public_cache
from sources.models import Source


@public_cache
def home(request):
    """The search box and what was published lately."""
    return render(request, "claims/home.html", {"recent": selectors.recent_activity()})


@public_cache
def search(request):
    """People, statements and sources matching ?q=."""
    results = search_site(request.GET.get("q", ""))
    return render(
        request, "claims/search.html", {"results": results, "search_query": results.query}
    )


@public_cache
def person_detail(request, slug):
    """Who a person is, where they stand on each topic, their endorsements and fact-checks."""
    person = get_object_or_404(Person.objects.public(), slug=slug)
    return render(
        request, "claims/person_detail.html", {"profile": selectors.person_profile(person=person)}
    )


@public_cache
def stance_history(request, slug, topic_slug):
    """A person's statements on a topic as a timeline, with the shifts between them."""
    person = get_object_or_404(Person.objects.public(), slug=slug)
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=topic_slug)
    history = selectors.stance_history(person=person, topic=topic)
    axis = history.axis
    context = {
        "history": history,
        "timeline": build_timeline(history, axis),
        "axis": axis,
        "markers": MARKER_BY_KIND,
        "kinds": Statement.Kind,
    }
    return render(request, "claims/stance_history.html", context)


@public_cache
def statement_detail(request, pk):
    """A statement with its citations, fact-checks, shifts, corrections and retraction."""
    try:
        record = selectors.statement_record(pk=pk)
    except Statement.DoesNotExist:
        raise Http404("No such statement.") from None
    return render(request, "claims/statement_detail.html", {"record": record})


@public_cache
def factcheck_detail(request, pk):
    """A fact-check, with its ClaimReview embedded as JSON-LD."""
    try:
        fact_check = selectors.public_fact_check(pk=pk)
    except FactCheck.DoesNotExist:
        raise Http404("No such fact-check.") from None
    context = {
        "fact_check": fact_check,
        # A retracted fact-check is shown with its banner but no longer offered as ClaimReview.
        "claim_review": None
        if fact_check.is_retracted
        else claim_review(fact_check, absolute_url=request.build_absolute_uri),
        "corrections": selectors.public_corrections(fact_check),
    }
    return render(request, "claims/factcheck_detail.html", context)


@public_cache
def source_detail(request, pk):
    """A source, its archived copies, and the public statements that cite it."""
    try:
        record = selectors.source_record(pk=pk)
    except Source.DoesNotExist:
        raise Http404("No such source.") from None
    return render(request, "claims/source_detail.html", {"record": record})


@public_cache
def topic_detail(request, slug):
    """A topic's positions, who holds which, and its latest statements."""
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    return render(
        request, "claims/topic_detail.html", {"overview": selectors.topic_overview(topic=topic)}
    )
