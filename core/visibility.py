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

# Model label -> functions giving a condition on that model's rows (built when a query is).
_NAMED_BY: dict[str, list[Callable[[], Q]]] = defaultdict(list)


def public_when(model: type[models.Model], condition: Callable[[], Q]) -> None:
    """Declare that `model`'s rows matching `condition()` are named by a public record.

    Called once per kind of naming record, at import of the module defining it; the
    condition is built lazily, on each query, so it may use querysets of any app.
    """
    conditions = _NAMED_BY[model._meta.label]
    if condition not in conditions:
        conditions.append(condition)
        named_publicly.cache_clear()


@functools.cache
def named_publicly(model: type[models.Model]) -> Q:
    """The condition, on `model`'s rows, that some public record names them (none: no row).

    Built once per model and kept: the conditions depend on nothing but the models (no user,
    no time), a query resolves a copy of a condition rather than the condition itself, and
    building the nested querysets is most of the work of a filtered request. Declaring a new
    condition drops what was kept.
    """
    conditions = [condition() for condition in _NAMED_BY[model._meta.label]]
    if not conditions:
        return Q(pk__in=[])
    return reduce(or_, conditions)


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
