"""Promise, its status changes and their citations, and the configurable scale of statuses.

A promise and each change of its status are editorial records (draft -> in review ->
published -> retracted), with history, audit log and corrections like fact-checks. A
promise's current status is its latest published change, by date then precision.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from claims.models import (
    PUBLIC_STATUSES,
    EditorialQuerySet,
    EditorialRecord,
    Statement,
    Status,
    SupportsEditorialRecord,
    Topic,
)
from core.concurrency import VersionedModel
from core.models import TimestampedModel
from core.partial_dates import PartialDate, PartialDateField
from core.plain_text import validate_multiline_text, validate_one_line
from core.visibility import public_when
from people.models import Person
from sources.models import Source


def today() -> datetime.date:
    """Today where the newsroom is (settings.TIME_ZONE): what "in the future" is measured by."""
    return timezone.localdate()


def passed_before(day: datetime.date) -> Q:
    """Partial dates (in `deadline`) wholly before the day: "2025" has passed on 2026-01-01,
    but "2026" and "2026-12" have not on 2026-12-02. A date whose period contains the day is
    a prefix of the day's ISO form, and prefixes sort first: they are the ones taken out."""
    iso = day.isoformat()
    return Q(deadline__lt=iso) & ~Q(deadline__in=[iso[:4], iso[:7]])


class PromiseScale(TimestampedModel, VersionedModel):
    """A set of statuses a promise can have (Not yet rated, In the works, ... Kept, Broken)."""

    name = models.CharField(max_length=200, validators=[validate_one_line])
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs; unique.")
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PromiseRating(TimestampedModel, VersionedModel):
    """One status on a promise scale: its name, its place in the scale and what it settles."""

    class Outcome(models.TextChoices):
        OPEN = "open", "Open: not settled yet"
        KEPT = "kept", "Kept"
        COMPROMISE = "compromise", "Partly kept (compromise)"
        BROKEN = "broken", "Broken"

    scale = models.ForeignKey(PromiseScale, on_delete=models.CASCADE, related_name="ratings")
    name = models.CharField(
        max_length=100, validators=[validate_one_line], help_text="For example: In the works."
    )
    slug = models.SlugField(max_length=100, help_text="Unique within the scale; used in filters.")
    order = models.PositiveSmallIntegerField(
        help_text="Its place in the scale, from 0 (Not yet rated) up; the chart's rows follow it."
    )
    outcome = models.CharField(
        max_length=20,
        choices=Outcome.choices,
        default=Outcome.OPEN,
        help_text="Whether this status settles the promise. A promise past its deadline and "
        "still open is shown as overdue.",
    )
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["scale", "order", "pk"]
        verbose_name = "promise status"
        verbose_name_plural = "promise statuses"
        constraints = [
            models.UniqueConstraint(
                fields=["scale", "slug"], name="promise_rating_slug_unique_in_scale"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.outcome == self.Outcome.OPEN


class PromiseQuerySet(EditorialQuerySet):
    def by_person(self, person: Person):
        return self.filter(person=person)

    def with_current_status(self):
        """Each promise with `current_rating_id` and `current_changed_on`: its latest published
        status change, by date then precision (the partial dates sort so), then by id."""
        latest = PromiseStatusChange.objects.filter(
            promise=OuterRef("pk"), status=Status.PUBLISHED
        ).order_by("-changed_on", "-pk")
        return self.annotate(
            current_rating_id=Subquery(latest.values("rating_id")[:1]),
            current_changed_on=Subquery(latest.values("changed_on")[:1]),
        )

    def with_current_rating(self, ratings):
        """with_current_status, filtered to promises whose current status is one of
        `ratings` (a queryset or list of PromiseRating)."""
        return self.with_current_status().filter(current_rating_id__in=ratings)

    def overdue(self, *, on: datetime.date | None = None):
        """Promises whose deadline has passed and whose current status is still open (or not
        rated at all): neither kept, partly kept nor broken."""
        open_ratings = PromiseRating.objects.filter(outcome=PromiseRating.Outcome.OPEN)
        return (
            self.with_current_status()
            .filter(passed_before(on or today()))
            .filter(Q(current_rating_id__in=open_ratings.values("pk")) | Q(current_rating_id=None))
        )

    def not_overdue(self, *, on: datetime.date | None = None):
        return self.exclude(pk__in=self.overdue(on=on).values("pk"))


class Promise(EditorialRecord):
    """A pledge by a person: its wording, when and on what topic, and an optional deadline."""

    person = models.ForeignKey(
        Person,
        # A pledge on the record keeps the person who made it.
        on_delete=models.PROTECT,
        related_name="promises",
        help_text="Who pledged it.",
    )
    wording = models.TextField(
        validators=[validate_multiline_text],
        help_text="What was promised, as a short sentence (their words where possible).",
    )
    promised_on = PartialDateField(
        help_text="When it was promised, no more precisely than known: 2020, 2025-06 or 2025-06-24."
    )
    topic = models.ForeignKey(
        Topic,
        # Topics in use are kept; merge them instead of deleting.
        on_delete=models.PROTECT,
        related_name="promises",
    )
    deadline = PartialDateField(
        null=True,
        blank=True,
        help_text="By when it was to be done, if said: 2026, 2026-06 or 2026-06-30.",
    )
    scale = models.ForeignKey(
        PromiseScale,
        # Statuses in use stay.
        on_delete=models.PROTECT,
        related_name="promises",
        help_text="The set of statuses its changes are rated on.",
    )

    objects = PromiseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-promised_on", "-pk"]
        permissions = [("publish_promise", "Can publish and retract promises")]
        indexes = [models.Index(fields=["person", "topic"], name="promise_person_topic")]

    def __str__(self) -> str:
        wording = self.wording if len(self.wording) <= 80 else self.wording[:77] + "..."
        return f"{self.person}: {wording}"

    def get_absolute_url(self) -> str:
        return reverse("promise-detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        promised_on = self.promised_on if isinstance(self.promised_on, PartialDate) else None
        if promised_on and promised_on.earliest > today():
            errors["promised_on"] = "A promise cannot be dated in the future."
        deadline = self.deadline if isinstance(self.deadline, PartialDate) else None
        if promised_on and deadline and not promised_on.may_precede(deadline):
            errors["deadline"] = (
                f"The deadline cannot be before the promise was made ({promised_on})."
            )
        if promised_on and self.pk:
            earliest = self.changes.order_by("changed_on", "pk").first()
            if earliest and not promised_on.may_precede(earliest.changed_on):
                errors.setdefault(
                    "promised_on",
                    f"Its status changed on {earliest.changed_on}: the promise cannot be dated "
                    "after that.",
                )
        if self.pk and self.scale_id and self.changes.exclude(rating__scale=self.scale_id).exists():
            errors["scale"] = "Its status changes use another scale's statuses."
        if errors:
            raise ValidationError(errors)

    def publication_problems(self) -> list[str]:
        if not self.citations.exists():
            return ["A promise needs at least one citation before it can be published."]
        return []

    def is_overdue(self, current: PromiseRating | None, *, on: datetime.date | None = None) -> bool:
        """Whether its deadline has passed and `current` (its current status) is still open."""
        if not isinstance(self.deadline, PartialDate):
            return False
        return self.deadline.latest < (on or today()) and (current is None or current.is_open)


class PromiseStatusChange(EditorialRecord):
    """A promise's status as of a date, with the analysis and the citations it rests on."""

    promise = models.ForeignKey(Promise, on_delete=models.CASCADE, related_name="changes")
    changed_on = PartialDateField(
        help_text="As of when this status holds, no more precisely than known."
    )
    rating = models.ForeignKey(
        PromiseRating,
        # Statuses in use stay.
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name="status",
        help_text="One of the statuses of the promise's scale.",
    )
    analysis = models.TextField(
        validators=[validate_multiline_text],
        help_text="Why this status, resting on the cited sources; readers see it.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["changed_on", "pk"]
        verbose_name = "promise status change"
        permissions = [
            ("publish_promisestatuschange", "Can publish and retract promise status changes")
        ]
        indexes = [
            models.Index(fields=["promise", "status", "changed_on"], name="promise_change_current"),
        ]

    def __str__(self) -> str:
        rating = self.rating.name if self.rating_id else "?"
        return f"{self.promise_id and self.promise.wording[:60]}: {rating} ({self.changed_on})"

    def get_absolute_url(self) -> str:
        return f"{self.promise.get_absolute_url()}#change-{self.pk}"

    def clean(self) -> None:
        errors = {}
        changed_on = self.changed_on if isinstance(self.changed_on, PartialDate) else None
        if changed_on and changed_on.earliest > today():
            errors["changed_on"] = "A status change cannot be dated in the future."
        if self.promise_id and changed_on:
            promised_on = self.promise.promised_on
            if not promised_on.may_precede(changed_on):
                errors["changed_on"] = (
                    f"A status change cannot be dated before the promise ({promised_on})."
                )
        if self.promise_id and self.rating_id and self.rating.scale_id != self.promise.scale_id:
            names = ", ".join(
                PromiseRating.objects.filter(scale_id=self.promise.scale_id).values_list(
                    "name", flat=True
                )
            )
            errors["rating"] = (
                f"“{self.rating}” is not a status of this promise's scale; choose one of: {names}."
            )
        if errors:
            raise ValidationError(errors)

    def publication_problems(self) -> list[str]:
        problems = []
        if not self.citations.exists():
            problems.append(
                "A status change needs at least one citation before it can be published."
            )
        if self.promise.status not in (Status.PUBLISHED, Status.RETRACTED):
            problems.append("Publish the promise before its status changes.")
        return problems


class PromiseCitation(SupportsEditorialRecord, TimestampedModel, VersionedModel):
    """Links a promise (where it was made) or a status change (what it rests on) to a source,
    and to the statement that reports it, if there is one."""

    # Not `statement`: it reports the pledge; a change to the citation shows on what it supports.
    SUPPORTS = ("promise", "status_change")

    promise = models.ForeignKey(
        Promise, null=True, blank=True, on_delete=models.CASCADE, related_name="citations"
    )
    status_change = models.ForeignKey(
        PromiseStatusChange,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="citations",
    )
    source = models.ForeignKey(
        Source,
        # A source that supports a record cannot be deleted out from under it.
        on_delete=models.PROTECT,
        related_name="promise_citations",
    )
    statement = models.ForeignKey(
        Statement,
        null=True,
        blank=True,
        # As for the source: the pledge rests on this statement.
        on_delete=models.PROTECT,
        related_name="promise_citations",
        help_text="The statement where it was said, if it is on the record.",
    )
    excerpt = models.TextField(
        validators=[validate_multiline_text],
        help_text="The passage of the source that supports the record.",
    )
    locator = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_one_line],
        help_text="Where in the source: paragraph 6, 12:30, page 4.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(promise__isnull=False, status_change__isnull=True)
                | Q(promise__isnull=True, status_change__isnull=False),
                name="promise_citation_supports_exactly_one_record",
                violation_error_message="A citation supports exactly one promise or status change.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.excerpt[:60]}"


def _public_promise_citations():
    """Citations of public promises, and of public status changes of public promises."""
    return PromiseCitation.objects.filter(
        Q(promise__status__in=PUBLIC_STATUSES)
        | Q(
            status_change__status__in=PUBLIC_STATUSES,
            status_change__promise__status__in=PUBLIC_STATUSES,
        )
    )


# A public promise names the person who made it, and makes public what it cites.
public_when(Person, lambda: Exists(Promise.objects.published().filter(person=OuterRef("pk"))))
public_when(
    Source,
    lambda: (
        Exists(_public_promise_citations().filter(source=OuterRef("pk")))
        | Exists(_public_promise_citations().filter(source__via=OuterRef("pk")))
    ),
)
