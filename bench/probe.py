"""Which endpoints to load, and how many SQL queries each costs, found in-process.

The measuring script runs this (through `manage.py bench_probe`) against the
benchmark database before each timed run. It picks the busiest person and their
busiest topic, builds the URLs of the endpoints that exist in this build (the
others are reported as skipped, with the reason), builds a cursor deep in the
statements list, finds an ETag for the conditional GET, and counts the queries
of one request to each endpoint with CaptureQueriesContext (after a warm-up
request and with the cache cleared, so the count is that of an uncached request).
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict, dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from claims.models import Statement
from people.models import Person


def served_host() -> str:
    """The Host header the load will send (host:port of the server): ETags and absolute links
    depend on it, so the probe asks as the load generator will."""
    return os.environ.get("BENCH_HOST", "127.0.0.1")


SEARCH_WORD = "housing"
NO_SUCH_WORD = "zqxjkvw"
DEEP_FRACTION = 0.9  # the deep cursor page starts 90% of the way down the list


@dataclass
class Endpoint:
    """One URL to load, with what it should answer and what it costs in queries."""

    name: str
    path: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    queries: int | None = None
    bytes: int | None = None


@dataclass
class Skipped:
    """An endpoint that could not be measured in this build, and why."""

    name: str
    path: str
    reason: str


@dataclass
class Probe:
    """Everything the measuring script needs for one scale."""

    statements: int
    person: str
    topic: str
    endpoints: list[Endpoint] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self))


def probe() -> Probe:
    """Find the endpoints of this build at the current dataset and count their queries."""
    client = Client(HTTP_HOST=served_host(), raise_request_exception=False)
    published = Statement.objects.published()
    busiest = published.values("subject_id").annotate(count=Count("id")).order_by("-count").first()
    if busiest is None:
        raise ValueError("the database holds no published statements; generate a dataset first")
    person = Person.objects.get(pk=busiest["subject_id"])
    topic_row = (
        published.filter(subject=person, topic__isnull=False)
        .values("topic_id", "topic__slug")
        .annotate(count=Count("id"))
        .order_by("-count")
        .first()
    )
    topic_slug = topic_row["topic__slug"] if topic_row else ""
    statement = published.filter(subject=person).order_by("-said_on", "-pk").first()
    result = Probe(statements=Statement.objects.count(), person=person.slug, topic=topic_slug)

    candidates = [
        ("baseline", "/bench/baseline/statements/"),
        ("statements-first", "/api/v1/statements/"),
        ("statements-deep", _deep_cursor_path(client, published)),
        ("statement-detail", f"/api/v1/statements/{statement.pk}/"),
        ("person-stances", f"/api/v1/people/{person.slug}/stances/"),
        ("stance-history", f"/api/v1/people/{person.slug}/stances/{topic_slug}/"),
        ("search-api", _search_api_path(client)),
        # What readers search most in a tracker: a person's name (the busiest person's, with
        # whatever namesakes the dataset gave them), found through the people it matches.
        ("search-api-name", f"/api/v1/statements/?{urlencode({'q': person.name})}"),
        ("search-page", f"/search/?q={SEARCH_WORD}"),
        ("person-page", f"/people/{person.slug}/"),
        ("stance-history-page", f"/people/{person.slug}/{topic_slug}/"),
        # Promises: the list, one person's filtered by current status, the tracker page.
        ("promises-list", "/api/v1/promises/"),
        ("promises-person", _promises_person_path(client, person.slug)),
        ("promise-tracker-page", f"/promise-tracker/{person.slug}/"),
        # Claim matching: the candidates for a new statement's text, a light edit of one on
        # record (the statement form asks this while an editor types).
        ("claim-candidates", _claim_candidates_path(statement)),
        # The busiest person and the five next busiest on their busiest topic, compared.
        *_comparison_paths(published, person, topic_row),
    ]
    for candidate in candidates:
        if isinstance(candidate, Skipped):
            result.skipped.append(candidate)
            continue
        name, path = candidate
        if isinstance(path, Skipped):
            result.skipped.append(path)
            continue
        response = client.get(path)
        if response.status_code != 200:
            result.skipped.append(Skipped(name, path, f"answers {response.status_code}"))
            continue
        result.endpoints.append(_measured(client, Endpoint(name=name, path=path)))

    conditional = _conditional_get(client, result.endpoints)
    if isinstance(conditional, Skipped):
        result.skipped.append(conditional)
    else:
        result.endpoints.append(_measured(client, conditional))
    return result


def _measured(client: Client, endpoint: Endpoint) -> Endpoint:
    """Count the queries of one uncached request to the endpoint."""
    headers = {
        f"HTTP_{key.upper().replace('-', '_')}": value for key, value in endpoint.headers.items()
    }
    client.get(endpoint.path, **headers)  # warm-up: per-process lookups such as content types
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(endpoint.path, **headers)
    endpoint.queries = len(queries)
    endpoint.bytes = len(response.content)
    return endpoint


def _page_results(response) -> list | None:
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, dict) and isinstance(body.get("results"), list):
        return body["results"]
    return body if isinstance(body, list) else None


def _search_api_path(client: Client) -> str | Skipped:
    """The API's statement search, with whichever parameter (q or search) it honours."""
    for parameter in ("q", "search"):
        found = client.get(f"/api/v1/statements/?{parameter}={SEARCH_WORD}")
        nothing = client.get(f"/api/v1/statements/?{parameter}={NO_SUCH_WORD}")
        if found.status_code == nothing.status_code == 200:
            hits, misses = _page_results(found), _page_results(nothing)
            if hits and misses == []:
                return f"/api/v1/statements/?{parameter}={SEARCH_WORD}"
    return Skipped(
        "search-api", f"/api/v1/statements/?q={SEARCH_WORD}", "no search parameter honoured"
    )


def _deep_cursor_path(client: Client, published) -> str | Skipped:
    """A statements page 90% of the way down the cursor, built from the API's own cursor."""
    path = "/api/v1/statements/"
    response = client.get(path)
    if response.status_code != 200:
        return Skipped("statements-deep", path, f"the list answers {response.status_code}")
    next_url = (response.json() or {}).get("next") if _page_results(response) is not None else None
    if not next_url:
        return Skipped("statements-deep", path, "the first page has no next link")
    query = parse_qs(urlsplit(next_url).query)
    try:
        pagination = resolve(path).func.cls.pagination_class
        ordering = pagination.ordering
        cursor_parameter = pagination.cursor_query_param
    except (Resolver404, AttributeError):
        return Skipped("statements-deep", path, "the list has no cursor pagination")
    if cursor_parameter not in query:
        return Skipped("statements-deep", path, "the next link carries no cursor")
    ordering = [ordering] if isinstance(ordering, str) else list(ordering)
    field_name = ordering[0].lstrip("-")
    depth = int(published.count() * DEEP_FRACTION)
    position = (
        published.order_by(*ordering).values_list(field_name, flat=True)[depth : depth + 1].first()
    )
    if position is None:
        return Skipped("statements-deep", path, "too few statements for a deep page")
    # DRF's cursor: base64 of a query string with o (offset), r (reverse) and p (position).
    cursor = parse_qs(base64.b64decode(query[cursor_parameter][0]).decode("ascii"))
    cursor = {key: value[0] for key, value in cursor.items() if key != "o"}
    cursor["p"] = str(position)
    encoded = base64.b64encode(urlencode(cursor).encode("ascii")).decode("ascii")
    other = {key: values[0] for key, values in query.items() if key != cursor_parameter}
    return f"{path}?{urlencode({**other, cursor_parameter: encoded})}"


def _conditional_get(client: Client, endpoints: list[Endpoint]) -> Endpoint | Skipped:
    """A GET with If-None-Match set to the ETag of a first request, answered 304."""
    for preferred in ("statement-detail", "statements-first", "stance-history", "person-page"):
        for endpoint in endpoints:
            if endpoint.name != preferred:
                continue
            etag = client.get(endpoint.path).headers.get("ETag")
            if etag and client.get(endpoint.path, HTTP_IF_NONE_MATCH=etag).status_code == 304:
                return Endpoint(
                    name="conditional-304",
                    path=endpoint.path,
                    status=304,
                    headers={"If-None-Match": etag},
                )
    return Skipped("conditional-304", "", "no measured endpoint answers 304 to its own ETag")


def _promises_person_path(client: Client, person_slug: str) -> str | Skipped:
    """The busiest person's promises at the current status of their first one: a filter that
    finds some at every scale, so what the answer reads is the same at every size."""
    rows = client.get(f"/api/v1/promises/?person={person_slug}").json().get("results", [])
    status = next((row["current_status"] for row in rows if row.get("current_status")), None)
    if status is None:
        return Skipped("promises-person", f"/api/v1/promises/?person={person_slug}", "no status")
    return f"/api/v1/promises/?person={person_slug}&status={status['slug']}"


def _claim_candidates_path(statement: Statement) -> str:
    """The bench's candidates endpoint for a light edit of the statement's text (its last
    word dropped): a new statement that repeats one on record."""
    words = statement.text.split()
    text = " ".join(words[:-1] if len(words) > 3 else words)
    return f"/bench/claim-candidates/?{urlencode({'text': text})}"


def _comparison_paths(published, person: Person, topic_row: dict | None) -> list:
    """The comparison page and API for the six people most often placed on the busiest
    person's busiest topic, the busiest person first: the largest comparison there is."""
    names = ("compare-page", "compare-api")
    if topic_row is None:
        return [Skipped(name, "", "the busiest person has no topic") for name in names]
    others = (
        published.filter(topic_id=topic_row["topic_id"], position__isnull=False)
        .exclude(subject=person)
        .values("subject__slug")
        .annotate(count=Count("id"))
        .order_by("-count", "subject__slug")[:5]
    )
    people = ",".join([person.slug, *(row["subject__slug"] for row in others)])
    query = urlencode({"people": people}, safe=",")
    topic = topic_row["topic__slug"]
    return [
        ("compare-page", f"/topics/{topic}/compare/?{query}"),
        ("compare-api", f"/api/v1/topics/{topic}/compare/?{query}"),
    ]
