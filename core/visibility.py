"""The one rule for who may see a person, an organization or a source.

A person, organization or source is on the public record only when a public record names
or cites it: a published (or retracted) statement, endorsement, or a source that is itself
public. Drafts, and what only drafts refer to, are for staff. The records that do the naming
live in the apps above (`sources`, `claims`), which this bottom layer may not import, so each
of them declares here, next to its models, when it makes a record public
(`public_when(Person, ...)`); querysets answer with `public()` and `visible_to(user)`, and
every reader page, API list, detail, filter, search, feed and the sitemap asks them.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.http import Http404

# Model label -> functions giving a condition on that model's rows (built when a query is),
# each with whether it is derived (public_when).
_NAMED_BY: dict[str, list[tuple[Callable[[], Q], bool]]] = defaultdict(list)


def public_when(
    model: type[models.Model], condition: Callable[[], Q], *, derived: bool = False
) -> None:
    """Declare that `model`'s rows matching `condition()` are named by a public record.

    Called once per kind of naming record, at import of the module defining it; the
    condition is built lazily, on each query, so it may use querysets of any app.
    `derived`: the condition goes through another model's public() (a public source's
    authors), which costs more to ask; one-row lookups ask it after the others.
    """
    conditions = _NAMED_BY[model._meta.label]
    if all(existing is not condition for existing, _ in conditions):
        conditions.append((condition, derived))
        named_publicly.cache_clear()
        _conditions.cache_clear()


@functools.cache
def named_publicly(model: type[models.Model]) -> Q:
    """The condition, on `model`'s rows, that some public record names them (none: no row).

    Built once per model and kept: the conditions depend on nothing but the models (no user,
    no time), a query resolves a copy of a condition rather than the condition itself, and
    building the nested querysets is most of the work of a filtered request. Declaring a new
    condition drops what was kept.
    """
    conditions = _conditions(model)
    if not conditions:
        return Q(pk__in=[])
    return reduce(or_, conditions)


@functools.cache
def _conditions(model: type[models.Model]) -> tuple[Q, ...]:
    """Each declared condition on `model`'s rows, built once (cleared with named_publicly),
    the direct ones first."""
    declared = sorted(_NAMED_BY[model._meta.label], key=lambda pair: pair[1])
    return tuple(condition() for condition, _ in declared)


def is_staff(user) -> bool:
    """Whether the user sees drafts (editors and publishers are staff)."""
    return bool(user is not None and user.is_authenticated and user.is_staff)


class VisibleQuerySet(models.QuerySet):
    """A queryset of records the public sees only when a public record names them."""

    def public(self):
        """The rows a public record names (core.visibility)."""
        return self.filter(named_publicly(self.model))

    def visible_to(self, user):
        """Everything for staff; for everyone else, only what is on the public record."""
        return self if is_staff(user) else self.public()

    def get_visible(self, user=None, **lookup):
        """The one row matching `lookup` that the user may see (any row for staff; for everyone
        else one that public() would return); raises DoesNotExist otherwise.

        The same rule as public(), asked of one row one condition at a time: PostgreSQL plans
        the whole OR of every kind of naming record (a source's authors alone go four
        subqueries deep) for each query, while one condition plans in a fraction of that and
        the first that holds settles it: one query for most rows, since the direct
        conditions come first. Like get(), for a lookup matching one row at most (a slug, a
        pk).
        """
        if is_staff(user):
            return self.get(**lookup)
        rows = self.filter(**lookup)
        for condition in _conditions(self.model):
            record = rows.filter(condition).first()
            if record is not None:
                return record
        raise self.model.DoesNotExist(f"No public {self.model._meta.verbose_name} matches.")


def get_visible_or_404(queryset: VisibleQuerySet, user=None, **lookup):
    """queryset.get_visible(user, **lookup), or Http404: what get_object_or_404 is to get()."""
    try:
        return queryset.get_visible(user, **lookup)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the given query.") from None
