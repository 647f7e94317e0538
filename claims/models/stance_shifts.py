"""Stance shifts: a rated change of a person's position on a topic, between two statements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from claims.models.editorial import EditorialRecord
from claims.models.statements import Statement
from claims.models.topics import Topic
from core.plain_text import validate_multiline_text
from people.models import Person


class StanceShift(EditorialRecord):
    """A rated change in a subject's position on a topic between two statements."""

    reveals = ("earlier", "later")

    class Rating(models.TextChoices):
        NO_FLIP = "no_flip", "No Flip"
        HALF_FLIP = "half_flip", "Half Flip"
        FULL_FLOP = "full_flop", "Full Flop"

    subject = models.ForeignKey(
        Person,
        # Part of the subject's public record.
        on_delete=models.PROTECT,
        related_name="stance_shifts",
    )
    topic = models.ForeignKey(
        Topic,
        # As above.
        on_delete=models.PROTECT,
        related_name="stance_shifts",
    )
    earlier = models.ForeignKey(
        Statement,
        # The shift rests on both statements.
        on_delete=models.PROTECT,
        related_name="shifts_from",
    )
    later = models.ForeignKey(
        Statement,
        # As above.
        on_delete=models.PROTECT,
        related_name="shifts_to",
    )
    rating = models.CharField(max_length=20, choices=Rating.choices)
    analysis = models.TextField(
        validators=[validate_multiline_text],
        help_text="Why this rating, resting on the cited statements.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-pk"]
        permissions = [("publish_stanceshift", "Can publish and retract stance shifts")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(earlier=F("later")),
                name="stance_shift_two_statements",
                violation_error_message="A shift is between two different statements.",
            ),
            models.UniqueConstraint(fields=["earlier", "later"], name="stance_shift_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} on {self.topic}: {self.get_rating_display()}"

    def get_absolute_url(self) -> str:
        history = reverse(
            "stance-history", kwargs={"slug": self.subject.slug, "topic_slug": self.topic.slug}
        )
        return f"{history}#shift-{self.pk}"

    def clean(self) -> None:
        if not (self.earlier_id and self.later_id):
            return
        # The constraints' own messages name no field; these say, on the box to change, what to do.
        if self.earlier_id == self.later_id:
            raise ValidationError(
                {
                    "later": "Choose a later statement other than the earlier one: a shift is "
                    "between two different statements."
                }
            )
        recorded = (
            StanceShift.objects.filter(earlier_id=self.earlier_id, later_id=self.later_id)
            .exclude(pk=self.pk)
            .first()
        )
        if recorded is not None:
            raise ValidationError(
                {
                    "later": f"This shift between these two statements is recorded already: "
                    f"“{recorded}” (#{recorded.pk}). Edit that one instead."
                }
            )
        errors = {}
        for name in ("earlier", "later"):
            statement = getattr(self, name)
            if self.subject_id and statement.subject_id != self.subject_id:
                errors[name] = f"This statement is about {statement.subject}, not {self.subject}."
            elif self.topic_id and statement.topic_id != self.topic_id:
                errors[name] = f"This statement is not on the topic “{self.topic}”."
        if not errors and not self.earlier.said_on.may_precede(self.later.said_on):
            errors["later"] = "The later statement must not be dated before the earlier one."
        if errors:
            raise ValidationError(errors)
