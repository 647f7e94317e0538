"""Where things were said or published, and the archived copies of them."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from core import revisions
from core.concurrency import VersionedModel
from core.models import TimestampedModel
from core.partial_dates import PartialDateField, validate_not_in_the_future
from core.plain_text import validate_multiline_text, validate_one_line
from core.visibility import VisibleQuerySet, public_when
from core.web_addresses import validate_web_address
from people.models import Organization, Person
from sources.quote_matching import find_quote

# Query parameters that only track the reader and never change the page.
_TRACKING_PARAMETERS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "cmpid")


def stored_address(text: str) -> str | None:
    """The address a source at the web address `text` is stored at (normalize_url), or None
    when the text is no address a source can have (a search's words, a port or an IPv6 host
    urlsplit cannot read)."""
    text = text.strip()
    if not text.lower().startswith(("http://", "https://")) or any(
        character.isspace() or character == "\x00" for character in text
    ):
        return None
    try:
        return normalize_url(text)
    except ValueError:
        return None


def address_condition(text: str) -> Q | None:
    """The source stored at the web address `text`, as a condition; None when the text is no
    address (stored_address)."""
    url = stored_address(text)
    return None if url is None else Q(url=url)


def normalize_url(url: str) -> str:
    """The canonical form of a URL: lowercase scheme and host, no default port,
    no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}{':' + parts.password if parts.password else ''}@{host}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PARAMETERS)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


# The GIN index sources.0002_source_search indexes exactly this expression; keep them equal.
SOURCE_SEARCH_VECTOR = SearchVector("title", config="english")


class SourceQuerySet(VisibleQuerySet):
    def at_address(self, address: str) -> SourceQuerySet:
        """The source at this web address as anyone pastes it (any case of host, tracking
        parameters, a fragment): sources are stored at the normalized address."""
        condition = address_condition(address)
        return self.none() if condition is None else self.filter(condition)

    def for_listing(self) -> SourceQuerySet:
        """Sources with their publisher, upstream source and authors, in two queries."""
        return self.select_related("publisher", "via").prefetch_related("authors")

    def to_archive(self, *, stale_days: int | None = None) -> SourceQuerySet:
        """Sources with a URL; with stale_days, only those with no copy taken since then."""
        queryset = self.exclude(url=None)
        if stale_days is not None:
            cutoff = timezone.now() - datetime.timedelta(days=stale_days)
            queryset = queryset.exclude(snapshots__fetched_at__gte=cutoff)
        return queryset

    def due_for_recheck(self, *, now: datetime.datetime) -> SourceQuerySet:
        """Sources with a URL whose next scheduled copy is due (settings.ARCHIVE_RECHECK_*).

        A new source (recorded, or published, within ARCHIVE_RECHECK_FRESH_DAYS) is copied
        every ARCHIVE_RECHECK_FRESH_HOURS, an older one every ARCHIVE_RECHECK_DAYS; one never
        tried, or whose task could not be sent (the queue was unreachable), is due at once. A
        source already queued is left alone unless its task has been queued for longer than
        ARCHIVE_STALLED_MINUTES (its message lost with a worker or a broker), when it is due
        again.
        """
        fresh_since = now - datetime.timedelta(days=settings.ARCHIVE_RECHECK_FRESH_DAYS)
        fresh = Q(created_at__gte=fresh_since) | Q(published_on__gte=fresh_since.date().isoformat())
        fresh_due = now - datetime.timedelta(hours=settings.ARCHIVE_RECHECK_FRESH_HOURS)
        old_due = now - datetime.timedelta(days=settings.ARCHIVE_RECHECK_DAYS)
        due = (
            Q(last_archive_attempt_at=None)
            | Q(archive_problem=Source.QUEUE_UNREACHABLE)
            | Q(last_archive_attempt_at__lt=old_due)
            | (fresh & Q(last_archive_attempt_at__lt=fresh_due))
        )
        stalled = Q(
            archive_queued_at__lt=now - datetime.timedelta(minutes=settings.ARCHIVE_STALLED_MINUTES)
        )
        return self.exclude(url=None).filter((Q(archive_queued_at=None) & due) | stalled)

    def unqueued_for_want_of_a_queue(self) -> SourceQuerySet:
        """Sources whose archive task could not be sent: the task queue was unreachable."""
        return self.filter(archive_queued_at=None, archive_problem=Source.QUEUE_UNREACHABLE)

    def mark_changes_reviewed(self) -> int:
        """Clear the "changed since archived" flag once an editor has read the changes."""
        revisions.note_change()  # update() sends no signal
        return self.filter(changed_since_archived=True).update(changed_since_archived=False)


class Source(TimestampedModel, VersionedModel):
    """An article, interview, transcript, video, post, poll or document."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        INTERVIEW = "interview", "Interview"
        TRANSCRIPT = "transcript", "Transcript"
        VIDEO = "video", "Video"
        SOCIAL_POST = "social_post", "Social media post"
        POLL = "poll", "Poll"
        PRESS_RELEASE = "press_release", "Press release"
        OFFICIAL_DOCUMENT = "official_document", "Official document"

    # The archive problem of a source whose task could not be sent (sources.tasks).
    QUEUE_UNREACHABLE = "the task queue could not be reached; try again later"

    url = models.CharField(
        max_length=2000,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_one_line, validate_web_address],
        verbose_name="URL",
        help_text="Stored in canonical form (tracking parameters removed); unique.",
    )
    title = models.CharField(
        max_length=500,
        validators=[validate_one_line],
        help_text="Headline or title as published.",
    )
    publisher = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        # Losing the outlet record must not lose the source itself.
        on_delete=models.SET_NULL,
        related_name="published_sources",
        help_text="The outlet or body that published it.",
    )
    authors = models.ManyToManyField(
        Person, blank=True, related_name="authored_sources", help_text="Bylines, if known."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.ARTICLE)
    published_on = PartialDateField(
        null=True,
        blank=True,
        validators=[validate_not_in_the_future],
        help_text="When it was published.",
    )
    via = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        # The reporting chain is context; removing the upstream leaves this source valid.
        on_delete=models.SET_NULL,
        related_name="relayed_by",
        help_text="The source this one reports through (A reports what B reported).",
    )
    notes = models.TextField(
        blank=True, validators=[validate_multiline_text], help_text="Editors' notes; not public."
    )
    last_archive_attempt_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the archiver last tried this URL."
    )
    archive_problem = models.CharField(
        max_length=500,
        blank=True,
        editable=False,
        help_text="Why the last archive attempt was refused or failed; empty when it succeeded.",
    )
    changed_since_archived = models.BooleanField(
        default=False,
        editable=False,
        help_text="The page's text changed between two archived copies; review the changes.",
    )
    archive_queued_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When an archive task was queued that has not finished yet; empty when none.",
    )

    objects = SourceQuerySet.as_manager()
    # The archive state is machine bookkeeping, not an editorial change worth a history entry.
    history = HistoricalRecords(
        m2m_fields=[authors],
        excluded_fields=[
            "last_archive_attempt_at",
            "archive_problem",
            "changed_since_archived",
            "archive_queued_at",
        ],
    )

    class Meta:
        ordering = ["-published_on", "title"]
        indexes = [
            # The default order, walked by a search for a common word (SourceQuerySet.search).
            models.Index(fields=["-published_on", "title"], name="source_published_on"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(url=""), name="source_url_null_not_empty"),
            models.CheckConstraint(condition=~Q(via=models.F("pk")), name="source_not_via_itself"),
        ]
        permissions = [
            ("correct_public_source", "Can change sources cited by public records"),
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        source = super().from_db(db, field_names, values)
        # What sources.tasks compares with after a save, to archive a changed URL.
        source._url_when_loaded = source.__dict__.get("url")
        return source

    def save(self, *args, **kwargs):
        self.url = normalize_url(self.url) if self.url else None
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.url and self._url_is_readable():
            normalized = normalize_url(self.url)
            clash = Source.objects.filter(url=normalized).exclude(pk=self.pk).first()
            if clash:
                raise ValidationError(
                    {"url": f"This URL is already recorded as the source “{clash.title}”."}
                )
        if self.via_id and self.via_id == self.pk:
            raise ValidationError({"via": "A source cannot report through itself."})

    def get_absolute_url(self) -> str:
        return reverse("source-detail", kwargs={"pk": self.pk})

    def _url_is_readable(self) -> bool:
        """Whether the URL is one normalize_url reads: full_clean runs clean() even when the
        field's validator refused the URL, which then says what is wrong with it."""
        try:
            validate_web_address(self.url)
        except ValidationError:
            return False
        return True

    @property
    def is_public(self) -> bool:
        """Whether a public record cites it (core.visibility), as stored now."""
        return self.pk is not None and Source.objects.public().filter(pk=self.pk).exists()

    def editable_by(self, user) -> bool:
        """Editors change sources only drafts cite; a source a public record cites is changed
        by publishers only, so readers never see a cited title or link swapped unreviewed."""
        if not (user and user.is_active and user.has_perm("sources.change_source")):
            return False
        return user.has_perm("sources.correct_public_source") or not self.is_public

    @property
    def latest_snapshot(self) -> Snapshot | None:
        return self.snapshots.order_by("-fetched_at", "-pk").first()

    def latest_snapshots(self, count: int = 2) -> list[Snapshot]:
        """The most recent archived copies, newest first."""
        return list(self.snapshots.order_by("-fetched_at", "-pk")[:count])

    @property
    def web_url(self) -> str:
        """The URL when it is a web address a reader may follow (http or https), else empty.

        Pages link only this, so a `javascript:` or other odd URL in the database stays inert.
        """
        if self.url and urlsplit(self.url).scheme.lower() in ("http", "https"):
            return self.url
        return ""

    @property
    def wayback_url(self) -> str:
        """The Internet Archive's index of copies of this URL (a link only; nothing is sent)."""
        return f"https://web.archive.org/web/*/{self.url}" if self.url else ""


# How much of an archived copy is shown around a cited passage, either side (characters).
PASSAGE_CONTEXT = 150


# A public source shows its authors and its publisher.
public_when(
    Person,
    lambda: Exists(
        Source.authors.through.objects.filter(
            person=OuterRef("pk"), source__in=Source.objects.public()
        )
    ),
    derived=True,
)
public_when(
    Organization,
    lambda: Exists(Source.objects.public().filter(publisher=OuterRef("pk"))),
    derived=True,
)


class SnapshotQuerySet(models.QuerySet):
    def described(self):
        """Copies as pages and the API show them (date, status, size, hash): without the
        extracted text, a whole article, which only quote checking reads."""
        return self.defer(*Snapshot.UNSHOWN)


class Snapshot(models.Model):
    """An archived copy of a source's content at one moment."""

    # What is never shown of a copy, only searched (claims.verification): left unread by
    # SnapshotQuerySet.described and by CitationQuerySet.with_sources.
    UNSHOWN = ("text",)

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    fetched_at = models.DateTimeField(db_index=True)
    final_url = models.CharField(max_length=2000, blank=True, help_text="After redirects.")
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    content_type = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(default=0, help_text="Bytes received.")
    sha256 = models.CharField(max_length=64, help_text="SHA-256 of the raw bytes, in hex.")
    text = models.TextField(blank=True, help_text="The main text, extracted.")
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        # The copy stays evidence even when the account that asked for it is removed.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who asked for this copy; empty when the scheduled command took it.",
    )
    task_id = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text="The background task that took this copy: a task run twice stores it once.",
    )

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-fetched_at", "-pk"]
        get_latest_by = "fetched_at"
        indexes = [models.Index(fields=["source", "-fetched_at"], name="snapshot_source_latest")]

    def __str__(self) -> str:
        return f"{self.source} at {self.fetched_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def digest(raw: bytes) -> str:
        """The SHA-256 of raw bytes, in hex, as stored in `sha256`."""
        return hashlib.sha256(raw).hexdigest()

    def passage(self, *, start: int, words: str, context: int = PASSAGE_CONTEXT) -> Passage:
        """The text around `words` found at offset `start` (as quote checking recorded it):
        up to `context` characters either side, cut at a space, and the words themselves."""
        match = find_quote(words, self.text[start : start + 2 * len(words) + 100])
        if match is not None:
            start, end = start + match.start, start + match.end
        else:  # the text moved since it was checked: show as many characters as the words
            end = start + len(words)
        before_from = max(0, start - context)
        if before_from > 0:
            space = self.text.find(" ", before_from, start)
            before_from = space + 1 if space != -1 else before_from
        after_to = min(len(self.text), end + context)
        if after_to < len(self.text):
            space = self.text.rfind(" ", end, after_to)
            after_to = space if space != -1 else after_to
        return Passage(
            before=self.text[before_from:start],
            words=self.text[start:end],
            after=self.text[end:after_to],
            cut_before=before_from > 0,
            cut_after=after_to < len(self.text),
        )


@dataclass(frozen=True)
class Passage:
    """Cited words in an archived copy, with the text around them."""

    before: str
    words: str
    after: str
    cut_before: bool
    cut_after: bool
