"""Reader pages: thin views over the selectors, rendering server-side templates.

Every page shows what the public sees (published and retracted records), to
everyone: drafts and records in review are never rendered here, except by the two
preview views, for staff only, marked "Draft, not public", never cached, never indexed.
"""

from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache

from claims import comparison, scorecard, selectors
from claims.comparison_chart import NARROW, WIDE, build_comparison_chart, tracks_of
from claims.jsonld import claim_review
from claims.matching.selectors import repeats_of
from claims.models import FactCheck, StanceShift, Statement, Topic
from claims.promises.selectors import person_promises
from claims.search import search_site
from claims.stance_history import BadPage
from claims.stance_history import stance_history as read_stance_history
from claims.timeline import build_timeline
from core.renamed import follows_renamed_slugs, renamed_listed_redirect
from core.revisions import public_cache
from core.visibility import get_visible_or_404, is_staff
from people.models import Person
from sources.models import Snapshot, Source


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


@follows_renamed_slugs(slug=Person)
@public_cache
def person_detail(request, slug):
    """Who a person is, where they stand on each topic, their endorsements and fact-checks."""
    person = get_visible_or_404(Person.objects.all(), slug=slug)
    context = {
        "profile": selectors.person_profile(person=person),
        "promises": person_promises(person=person),
        "scorecard": scorecard.person_scorecard(person=person),
    }
    return render(request, "claims/person_detail.html", context)


@follows_renamed_slugs(slug=Person, topic_slug=Topic)
@public_cache
def stance_history(request, slug, topic_slug):
    """A person's statements on a topic: the runs and shifts in short, a timeline, and the
    points a page at a time (?page=)."""
    person = get_visible_or_404(Person.objects.all(), slug=slug)
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=topic_slug)
    try:
        page = int(request.GET.get("page", "1"))
        history = read_stance_history(person=person, topic=topic, page=page)
    except (ValueError, BadPage):
        raise Http404("No such page of this history.") from None
    context = {
        "history": history,
        "wide_timeline": build_timeline(history),
        "narrow_timeline": build_timeline(history, variant="narrow"),
        "compare_with": comparison.people_on_topic(topic=topic, exclude=person),
    }
    return render(request, "claims/stance_history.html", context)


@public_cache
def statement_detail(request, pk):
    """A statement with its citations, fact-checks, shifts, corrections and retraction."""
    try:
        record = selectors.statement_record(pk=pk)
    except Statement.DoesNotExist:
        raise Http404("No such statement.") from None
    context = {"record": record, "repeats": repeats_of(record.statement)}
    return render(request, "claims/statement_detail.html", context)


def _staff_preview(request, template: str, context: dict, record):
    """A draft's reader page for staff: banner, noindex, and never stored by any cache."""
    response = render(request, template, {**context, "preview_of": record})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _only_staff(request) -> None:
    # Anonymous readers and non-staff accounts see what the public sees: no such page.
    if not is_staff(request.user):
        raise Http404("No such page.")


@never_cache
def statement_preview(request, pk):
    """A statement as readers will see it, drafts included: the admin's "View on site"."""
    _only_staff(request)
    try:
        record = selectors.statement_record(pk=pk, include_drafts=True)
    except Statement.DoesNotExist:
        raise Http404("No such statement.") from None
    if record.statement.is_public:
        return redirect(record.statement)
    context = {"record": record, "repeats": repeats_of(record.statement)}
    return _staff_preview(request, "claims/statement_detail.html", context, record.statement)


@never_cache
def factcheck_preview(request, pk):
    """A fact-check as readers will see it, drafts included (without its ClaimReview)."""
    _only_staff(request)
    try:
        fact_check = selectors.public_fact_check(pk=pk, include_drafts=True)
    except FactCheck.DoesNotExist:
        raise Http404("No such fact-check.") from None
    if fact_check.is_public and fact_check.statement.is_public:
        return redirect(fact_check)
    context = {
        "fact_check": fact_check,
        "claim_review": None,
        "corrections": selectors.public_corrections(fact_check),
    }
    return _staff_preview(request, "claims/factcheck_detail.html", context, fact_check)


@public_cache
def factcheck_detail(request, pk):
    """A fact-check, with its ClaimReview embedded as JSON-LD."""
    try:
        fact_check = selectors.public_fact_check(pk=pk)
    except FactCheck.DoesNotExist:
        raise Http404("No such fact-check.") from None
    context = {
        "fact_check": fact_check,
        # A retracted fact-check, or one of a retracted statement, is shown with its banner
        # but no longer offered as ClaimReview.
        "claim_review": claim_review(fact_check, absolute_url=request.build_absolute_uri)
        if fact_check.stands
        else None,
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
def snapshot_detail(request, pk):
    """An archived copy: where and when it was fetched, and the passages cited from it."""
    try:
        record = selectors.snapshot_record(pk=pk, user=request.user)
    except Snapshot.DoesNotExist:
        raise Http404("No such archived copy.") from None
    response = render(request, "claims/snapshot_detail.html", {"record": record})
    if record.whole_text is not None:
        # Staff see the whole copied article: never kept by a shared cache.
        patch_cache_control(response, private=True, no_store=True)
    return response


@follows_renamed_slugs(slug=Topic, listed={"people": Person})
@public_cache
def topic_compare(request, slug):
    """People's positions on a topic side by side: ?people=a,b,c (up to six person slugs).
    Without people, the choice of whom to compare; with bad ones, 400 and what is wrong; with
    renamed people's former slugs, 301 to the comparison at their current ones."""
    topic = get_object_or_404(
        Topic.objects.select_related("parent").prefetch_related("positions"), slug=slug
    )
    names = request.GET.getlist("people")
    error = None
    if names:
        try:
            compared = comparison.topic_comparison(
                topic=topic, slugs=comparison.people_slugs(names)
            )
        except comparison.NoSuchPerson as refusal:
            # Only a failed comparison asks the history: a shared link may name old slugs.
            moved = renamed_listed_redirect(request, "people", Person, refusal.slugs)
            if moved is not None:
                return moved
            error = str(refusal)
        except comparison.ComparisonError as refusal:
            error = str(refusal)
    if not names or error:
        # The choice of whom to compare: offered first, and again after a bad choice.
        offered = comparison.people_on_topic(topic=topic)
        context = {"topic": topic, "offered": offered, "error": error}
        return render(request, "claims/topic_compare.html", context, status=400 if error else 200)
    context = {
        "topic": topic,
        "comparison": compared,
        "tracks": tracks_of(compared),
        "charts": [
            build_comparison_chart(compared, width=WIDE),
            build_comparison_chart(compared, width=NARROW),
        ],
    }
    return render(request, "claims/topic_compare.html", context)


# The lists a person's scorecard links to: every count is the length of one of these.
LIST_PAGE_SIZE = 50


def _slug_parameter(request, name: str, longest: int) -> str:
    """?name= as given ("" when absent). A value that is no slug names no record: 404, never
    a query (PostgreSQL refuses a NUL byte with a 500)."""
    value = request.GET.get(name, "")[:longest]
    if value and not slug_re.match(value):
        raise Http404(f"No such {name}.")
    return value


def _listed_person(request) -> Person | None:
    slug = _slug_parameter(request, "person", 200)
    return get_visible_or_404(Person.objects.all(), slug=slug) if slug else None


@public_cache
def factcheck_list(request):
    """Standing fact-checks, filtered by ?person= (whose words), ?rating= and ?scale= (slugs)."""
    person = _listed_person(request)
    rating, scale = _slug_parameter(request, "rating", 100), _slug_parameter(request, "scale", 200)
    checks = scorecard.fact_check_list(person=person, rating_slug=rating, scale_slug=scale)
    page = Paginator(checks, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "rating": rating,
        "rating_label": scorecard.rating_label(rating_slug=rating, scale_slug=scale),
        "scale": scale,
        "page": page,
    }
    return render(request, "claims/factcheck_list.html", context)


@public_cache
def shift_list(request):
    """Standing stance shifts, filtered by ?person= (whose positions) and ?rating=."""
    person = _listed_person(request)
    rating = _slug_parameter(request, "rating", 20)
    shifts = scorecard.shift_list(person=person, rating=rating)
    page = Paginator(shifts, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "rating": rating,
        "rating_label": dict(StanceShift.Rating.choices).get(rating, ""),
        "page": page,
    }
    return render(request, "claims/shift_list.html", context)


@follows_renamed_slugs(slug=Topic)
@public_cache
def topic_detail(request, slug):
    """A topic's positions, who holds which, and its latest statements."""
    topic = get_object_or_404(Topic.objects.select_related("parent"), slug=slug)
    return render(
        request, "claims/topic_detail.html", {"overview": selectors.topic_overview(topic=topic)}
    )


def robots_txt(request):
    """Crawlers: the sitemap, and not the editors' desk (its pages need a login anyway)."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
