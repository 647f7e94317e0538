"""Endorsements: a person or an organization backing someone."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.models.editorial import EditorialRecord
from core.partial_dates import PartialDateField, validate_not_in_the_future
from core.plain_text import validate_multiline_text
from people.models import Organization, Person


class Endorsement(EditorialRecord):
    """An endorser (person or organization) backing, supporting or withdrawing from a person."""

    class Kind(models.TextChoices):
        ENDORSEMENT = "endorsement", "Endorsement"
        SUPPORT = "support", "Support"
        WITHDRAWAL = "withdrawal", "Withdrawal"

    endorser_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        # Endorsements on the record keep their endorser.
        on_delete=models.PROTECT,
        related_name="endorsements_given",
    )
    endorser_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        # As above.
        on_delete=models.PROTECT,
        related_name="endorsements_given",
    )
    endorsed = models.ForeignKey(
        Person,
        # As above.
        on_delete=models.PROTECT,
        related_name="endorsements_received",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ENDORSEMENT)
    endorsed_on = PartialDateField(
        null=True, blank=True, validators=[validate_not_in_the_future], help_text="When, if known."
    )
    note = models.TextField(
        blank=True, validators=[validate_multiline_text], help_text="Context, for readers."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-endorsed_on", "-pk"]
        permissions = [("publish_endorsement", "Can publish and retract endorsements")]
        constraints = [
            models.CheckConstraint(
                condition=Q(endorser_person__isnull=False, endorser_organization__isnull=True)
                | Q(endorser_person__isnull=True, endorser_organization__isnull=False),
                name="endorsement_has_exactly_one_endorser",
                violation_error_message="An endorsement has exactly one endorser: a person or an organization.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.endorser} → {self.endorsed} ({self.get_kind_display()})"

    @property
    def endorser(self):
        return self.endorser_person or self.endorser_organization

    def clean(self) -> None:
        if bool(self.endorser_person_id) == bool(self.endorser_organization_id):
            message = "Choose exactly one endorser: a person or an organization, not both."
            raise ValidationError({"endorser_person": message, "endorser_organization": message})
