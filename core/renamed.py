"""Addresses that keep working after a record's slug is renamed.

A person's or topic's page is linked from elsewhere (articles, posts, feed readers) by its
slug; an editor who corrects a name and its slug must not break those links. The record's
history (django-simple-history) remembers every slug it had, so no table of redirects is
kept: a page asked for by a slug no record has now, but one had before, answers 301 with the
same page at the record's current slug (its query string kept). The same holds for slugs
listed in a query parameter (a comparison's `?people=a,b`), the other parameters kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.validators import slug_re
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

# A query parameter lists at most this many slugs to look up: a link to a page that takes a
# list (six people compared at most) names no more, and each slug costs queries.
MOST_LISTED = 12


def follows_renamed_slugs(
    *, listed: dict[str, type[models.Model]] | None = None, **slug_models: type[models.Model]
) -> Callable:
    """Decorate a view whose URL names records by slug (`slug=Person, topic_slug=Topic`): when
    it answers 404 and a slug it was given is a former slug of one of those records, redirect
    to the same view at the current slugs. `listed` names query parameters that list slugs
    (`people=Person`: ?people=a,b or ?people=a&people=b), made current in the same redirect;
    a view that finds no record for a listed slug asks `renamed_listed_redirect` itself."""

    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                renamed = _current_slugs(request, kwargs, slug_models)
                if renamed is None:
                    raise
            address = reverse(request.resolver_match.view_name, args=args, kwargs=renamed)
            current = {
                parameter: _current_in_query(request, parameter, model)
                for parameter, model in (listed or {}).items()
            }
            return _redirect(request, address, current)

        return wrapped

    return decorate


def renamed_listed_redirect(
    request, parameter: str, model: type[models.Model], unknown: list[str]
) -> HttpResponsePermanentRedirect | None:
    """The 301 to this page with the slugs `unknown` (listed in ?parameter=, none of them a
    record the page found) made current, when every one is a former slug of a public record;
    None otherwise, and the page says what it says of unknown slugs."""
    current = _current_listed(model, unknown)
    if not current:
        return None
    return _redirect(request, request.path, {parameter: current})


def _redirect(request, address: str, listed: dict[str, dict[str, str]]):
    """301 to `address` with the request's query string, each listed parameter's former slugs
    replaced by the current ones (in place: the order and the form given are kept), a record
    named by both its old and its new slug named once, where it came first."""
    if not any(listed.values()):
        query = request.META.get("QUERY_STRING", "")
    else:
        parameters = request.GET.copy()
        for parameter, current in listed.items():
            named: set[str] = set()
            values = []
            for value in parameters.getlist(parameter):
                slugs = []
                for part in value.split(","):
                    slug = current.get(part.strip(), part.strip())
                    if slug not in named:
                        named.add(slug)
                        slugs.append(slug)
                values.append(",".join(slugs))
            parameters.setlist(parameter, values)
        query = parameters.urlencode(safe=",")
    return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)


def _current_in_query(request, parameter: str, model: type[models.Model]) -> dict[str, str]:
    """The former slugs ?parameter= lists mapped to the current ones, when every slug it lists
    that no record holds now is a former one (_current_listed); empty otherwise."""
    slugs = _listed_slugs(request, parameter)
    held = set(model._default_manager.filter(slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in held]
    return _current_listed(model, unknown) or {}


def _listed_slugs(request, parameter: str) -> list[str]:
    """The slugs ?parameter= lists (comma-separated, repeated or both); none when it lists more
    than MOST_LISTED or something that is no slug (never a query for it)."""
    slugs = [
        part.strip()
        for value in request.GET.getlist(parameter)
        for part in value.split(",")
        if part.strip()
    ]
    if len(slugs) > MOST_LISTED or not all(slug_re.match(slug) for slug in slugs):
        return []
    return slugs


def _current_listed(model: type[models.Model], unknown: list[str]) -> dict[str, str] | None:
    """Each of the listed slugs no record holds now mapped to its record's current slug, when
    every one is a former slug of a public record (_current_slug); None otherwise:
    a list is followed whole or not at all."""
    current = {slug: _current_slug(model, slug) for slug in unknown}
    if None in current.values():
        return None
    return current


def _current_slugs(request, kwargs: dict, slug_models: dict) -> dict | None:
    """The view's arguments with each former slug replaced by its record's current one, or
    None when no slug was a former one (or its record is not public)."""
    renamed = dict(kwargs)
    for name, model in slug_models.items():
        slug = kwargs.get(name)
        current = _current_slug(model, slug) if slug else None
        if current is not None:
            renamed[name] = current
    return renamed if renamed != kwargs else None


def _current_slug(model: type[models.Model], slug: str) -> str | None:
    """The slug now held by the record that last held `slug`, when no record holds it now and
    that record is public (a renamed draft-only person's new name is not told). Public for
    everyone: reader pages show staff what the public sees, so staff are not sent to a 404."""
    if model._default_manager.filter(slug=slug).exists():
        return None
    held_by = (
        model.history.filter(slug=slug)
        .order_by("-history_date", "-history_id")
        .values_list("id", flat=True)
        .first()
    )
    if held_by is None:
        return None
    records = model._default_manager.all()
    if hasattr(records, "get_visible"):
        try:
            return records.get_visible(pk=held_by).slug
        except model.DoesNotExist:
            return None
    return records.filter(pk=held_by).values_list("slug", flat=True).first()
