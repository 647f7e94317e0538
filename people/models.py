"""People and organizations, and the roles that tie them together over time.

This app knows nothing of sources or claims. The small building blocks every app
shares (timestamps, partial dates, optimistic concurrency, search) are the kernel's
(`core/`).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core.concurrency import VersionedModel
from core.full_text import fts5_matches, uses_postgresql
from core.models import TimestampedModel
from core.partial_dates import PartialDateField
from core.plain_text import validate_multiline_text, validate_one_line
from core.visibility import VisibleQuerySet, named_publicly, public_when
from core.web_addresses import validate_web_address

wikidata_id_validator = RegexValidator(
    r"^Q[1-9]\d*$", "A Wikidata id is Q followed by digits, for example Q42."
)


# The GIN index people.0002_person_search indexes exactly this expression; keep them equal.
PERSON_SEARCH_VECTOR = SearchVector("name", "aliases", config="simple")


class PersonQuerySet(VisibleQuerySet):
    def search(self, text: str) -> PersonQuerySet:
        """People whose name or aliases match the words of the text (full-text search: a GIN
        index on PostgreSQL, the FTS5 table people_person_fts on SQLite)."""
        if uses_postgresql(self):
            if not text.strip():
                return self.none()
            query = SearchQuery(text, config="simple", search_type="websearch")
            return self.alias(search_document=PERSON_SEARCH_VECTOR).filter(search_document=query)
        # Names are matched word for word, as PostgreSQL's 'simple' configuration does.
        matches = fts5_matches("people_person_fts", text, stop_words=frozenset())
        return self.none() if matches is None else self.filter(pk__in=matches)

    def for_listing(self) -> PersonQuerySet:
        """People with their roles and the roles' organizations, in two queries."""
        return self.prefetch_related(
            models.Prefetch("roles", queryset=Role.objects.select_related("organization"))
        )

    def names_for_matching(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """(id, name, aliases) for every person, as plain data for matching names in text."""
        return [
            (pk, name, tuple(line.strip() for line in aliases.splitlines() if line.strip()))
            for pk, name, aliases in self.values_list("pk", "name", "aliases")
        ]


class Person(TimestampedModel, VersionedModel):
    """A person whose words or positions are tracked, or who said something about them."""

    name = models.CharField(
        max_length=200,
        validators=[validate_one_line],
        help_text="Full name as commonly written.",
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs; unique.")
    aliases = models.TextField(
        blank=True,
        validators=[validate_multiline_text],
        help_text="Other names, one per line (surname alone, nicknames, transliterations).",
    )
    description = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_one_line],
        help_text="One line saying who this is.",
    )
    wikidata_id = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_one_line, wikidata_id_validator],
        help_text="Optional Wikidata id, for example Q42.",
    )

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=r"^Q[1-9][0-9]*$"),
                name="person_wikidata_id_format",
                violation_error_message="A Wikidata id is Q followed by digits.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("person-detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def names(self) -> list[str]:
        """Every name this person may appear under in text, longest first."""
        return sorted({self.name, *self.alias_list}, key=len, reverse=True)


class OrganizationQuerySet(VisibleQuerySet):
    def public(self) -> OrganizationQuerySet:
        """Organizations a public record names, and the bodies they belong to (two levels up,
        so the parent an organization's record shows is never a dead link)."""
        named = named_publicly(Organization)
        units = Organization.objects.filter(named)
        return self.filter(
            named
            | Exists(units.filter(parent=OuterRef("pk")))
            | Exists(units.filter(parent__parent=OuterRef("pk")))
        )


class Organization(TimestampedModel, VersionedModel):
    """A party, police department, union, newsroom, pollster or any other body."""

    class Kind(models.TextChoices):
        PARTY = "party", "Political party"
        POLICE = "police", "Police department"
        UNION = "union", "Union"
        ADVOCACY = "advocacy", "Advocacy group"
        NEWS = "news", "News outlet"
        POLLSTER = "pollster", "Pollster"
        UNIVERSITY = "university", "University"
        GOVERNMENT = "government", "Government body"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, validators=[validate_one_line], help_text="Full name.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs; unique.")
    aliases = models.TextField(
        blank=True,
        validators=[validate_multiline_text],
        help_text="Other names and abbreviations, one per line (NYPD).",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        # A parent going away leaves its units standing on their own.
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The body this one belongs to, if any.",
    )
    # Not a URLField: its form field would store "example.org" as "http://example.org".
    url = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_one_line, validate_web_address],
        help_text="Official website, starting with https:// or http://.",
    )
    wikidata_id = models.CharField(
        max_length=20,
        blank=True,
        validators=[validate_one_line, wikidata_id_validator],
        help_text="Optional.",
    )

    objects = OrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class Role(TimestampedModel, VersionedModel):
    """A person's position in time, such as a title held in an organization."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        # A role is still a fact about the person when the organization record goes.
        on_delete=models.SET_NULL,
        related_name="roles",
    )
    title = models.CharField(
        max_length=200,
        validators=[validate_one_line],
        help_text="For example: Democratic nominee for Mayor of New York City.",
    )
    start = PartialDateField(null=True, blank=True, help_text="When the role began, if known.")
    end = PartialDateField(null=True, blank=True, help_text="When it ended; empty if ongoing.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                # Partial dates overlap when one is a prefix of the other ("2021" and "2021-03").
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=F("start"))
                | Q(start__startswith=F("end")),
                name="role_end_not_before_start",
                violation_error_message="A role cannot end before it starts.",
            ),
        ]

    def __str__(self) -> str:
        where = f", {self.organization}" if self.organization_id else ""
        return f"{self.person}: {self.title}{where}"

    def clean(self) -> None:
        # The same rule as the role_end_not_before_start constraint, reported on the end field.
        if self.start and self.end and not self.start.may_precede(self.end):
            raise ValidationError(
                {"end": f"A role cannot end ({self.end}) before it starts ({self.start})."}
            )

    @property
    def is_current(self) -> bool:
        return self.end is None


# A public person's roles show their organizations.
public_when(
    Organization,
    lambda: Exists(
        Role.objects.filter(organization=OuterRef("pk"), person__in=Person.objects.public())
    ),
    derived=True,
)
