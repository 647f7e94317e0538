"""Fact-checks: a rating on a newsroom's scale, of one statement."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from claims.models.editorial import EditorialQuerySet, EditorialRecord
from claims.models.statements import Statement
from core.concurrency import VersionedModel
from core.models import TimestampedModel
from core.partial_dates import validate_not_in_the_future
from core.plain_text import validate_multiline_text, validate_one_line


class RatingScale(TimestampedModel, VersionedModel):
    """A newsroom's rating scale, with its best and worst values."""

    name = models.CharField(max_length=200, validators=[validate_one_line])
    slug = models.SlugField(max_length=200, unique=True)
    best = models.IntegerField(help_text="The value of the best rating (for example 6).")
    worst = models.IntegerField(help_text="The value of the worst rating (for example 1).")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(best=F("worst")),
                name="rating_scale_best_differs_from_worst",
                violation_error_message="Best and worst must differ.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Ratings carry copies of the bounds so the database can check them row by row.
        self.ratings.update(best=self.best, worst=self.worst)


class Rating(TimestampedModel, VersionedModel):
    """One rating on a scale: name, numeric value, and the scale's best and worst."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    name = models.CharField(
        max_length=100, validators=[validate_one_line], help_text="For example: Mostly False."
    )
    slug = models.SlugField(max_length=100)
    value = models.IntegerField(help_text="Its value on the scale, between worst and best.")
    best = models.IntegerField(editable=False)
    worst = models.IntegerField(editable=False)
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["scale", "-value"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_slug_unique_in_scale"),
            models.CheckConstraint(
                condition=Q(value__gte=F("worst"), value__lte=F("best"))
                | Q(value__lte=F("worst"), value__gte=F("best")),
                name="rating_value_within_scale",
                violation_error_message="The value must lie between the scale's worst and best.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.value} on {self.scale})"

    def clean(self) -> None:
        if self.scale_id is None or self.value is None:
            return
        low, high = sorted((self.scale.best, self.scale.worst))
        if not low <= self.value <= high:
            raise ValidationError(
                {"value": f"The value must lie between {low} and {high} on “{self.scale}”."}
            )
        self.best, self.worst = self.scale.best, self.scale.worst

    def save(self, *args, **kwargs):
        self.best, self.worst = self.scale.best, self.scale.worst
        super().save(*args, **kwargs)


class FactCheck(EditorialRecord):
    """A rating of a checkable claim made in a statement, published as ClaimReview."""

    reveals = ("statement",)

    statement = models.ForeignKey(
        Statement,
        # A fact-check stays attached to the statement it rates.
        on_delete=models.PROTECT,
        related_name="fact_checks",
    )
    claim_reviewed = models.TextField(
        validators=[validate_multiline_text],
        help_text="The checkable claim, as a short sentence.",
    )
    rating = models.ForeignKey(
        Rating,
        # Ratings in use stay.
        on_delete=models.PROTECT,
        related_name="fact_checks",
    )
    analysis = models.TextField(
        validators=[validate_multiline_text],
        help_text="The reasoning and evidence, for readers.",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # The check outlives the reviewer's account.
        on_delete=models.SET_NULL,
        related_name="fact_checks",
    )
    reviewed_on = models.DateField(
        validators=[validate_not_in_the_future], help_text="The date of the review."
    )

    objects = EditorialQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = "fact-check"
        permissions = [("publish_factcheck", "Can publish and retract fact-checks")]

    def __str__(self) -> str:
        return f"{self.claim_reviewed[:60]}: {self.rating.name}"

    def get_absolute_url(self) -> str:
        return reverse("factcheck-detail", kwargs={"pk": self.pk})

    def get_preview_url(self) -> str:
        """The reader page of this fact-check as a draft, for staff (claims.views)."""
        return reverse("factcheck-preview", kwargs={"pk": self.pk})
