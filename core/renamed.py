"""Addresses that keep working after a record's slug is renamed.

A person's or topic's page is linked from elsewhere (articles, posts, feed readers) by its
slug; an editor who corrects a name and its slug must not break those links. The record's
history (django-simple-history) remembers every slug it had, so no table of redirects is
kept: a page asked for by a slug no record has now, but one had before, answers 301 with the
same page at the record's current slug (its query string kept).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse


def follows_renamed_slugs(**slug_models: type[models.Model]) -> Callable:
    """Decorate a view whose URL names records by slug (`slug=Person, topic_slug=Topic`): when
    it answers 404 and a slug it was given is a former slug of one of those records, redirect
    to the same view at the current slugs."""

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
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)

        return wrapped

    return decorate


def _current_slugs(request, kwargs: dict, slug_models: dict) -> dict | None:
    """The view's arguments with each former slug replaced by its record's current one, or
    None when no slug was a former one (or its record is not for this user to see)."""
    renamed = dict(kwargs)
    for name, model in slug_models.items():
        slug = kwargs.get(name)
        current = _current_slug(model, slug, request.user) if slug else None
        if current is not None:
            renamed[name] = current
    return renamed if renamed != kwargs else None


def _current_slug(model: type[models.Model], slug: str, user) -> str | None:
    """The slug now held by the record that last held `slug`, when no record holds it now and
    the user may see that record (a renamed draft-only person's new name is not told)."""
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
            return records.get_visible(user, pk=held_by).slug
        except model.DoesNotExist:
            return None
    return records.filter(pk=held_by).values_list("slug", flat=True).first()
