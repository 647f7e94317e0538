"""Topics and the positions one can hold on them (an axis from one end to the other)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.models import TimestampedModel
from core.plain_text import validate_multiline_text, validate_one_line


class Topic(TimestampedModel, VersionedModel):
    """A subject of public debate, optionally nested (Public safety > Police funding)."""

    name = models.CharField(max_length=200, validators=[validate_one_line])
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs; unique.")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        # Removing a parent topic lifts its children to the top level.
        on_delete=models.SET_NULL,
        related_name="children",
    )
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.parent} > {self.name}" if self.parent_id else self.name

    def get_absolute_url(self) -> str:
        return reverse("topic-detail", kwargs={"slug": self.slug})


class Position(TimestampedModel, VersionedModel):
    """A named stance on a topic, placed on the topic's axis for drawing timelines."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="positions")
    name = models.CharField(
        max_length=200,
        validators=[validate_one_line],
        help_text="For example: Defund the police.",
    )
    slug = models.SlugField(max_length=200, help_text="Unique within the topic.")
    axis_value = models.IntegerField(
        help_text="Place on the topic's axis, for example -2 (defund) to +2 (expand)."
    )
    description = models.TextField(blank=True, validators=[validate_multiline_text])

    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "axis_value"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "slug"], name="position_slug_unique_in_topic"),
            models.CheckConstraint(
                condition=Q(axis_value__gte=-100, axis_value__lte=100),
                name="position_axis_value_range",
                violation_error_message="The axis value must be between -100 and 100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.axis_value:+d})"

    def choice_label(self) -> str:
        """How a list of choices names it: with its topic (read the topic with it)."""
        return f"{self.topic.name}: {self.name} ({self.axis_value:+d})"
