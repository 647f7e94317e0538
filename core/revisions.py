"""The content revision: counters that move whenever what readers see may have changed.

Conditional GETs and cached responses key on it instead of comparing rows: reading it is
one primary-key query (anonymous reads reuse a reading for CONTENT_REVISION_TTL seconds, so
usually none), and a change to anything (a publish, an edit, a deleted citation, a renamed
publisher) invalidates every ETag and every cached page at once. Trade-off, deliberate: an
unrelated change costs readers a re-render, never a stale page.

Two counters: `number` moves on every change and keys staff answers; `public_number` moves
only on changes the public may see (a record's `affects_public_content`: claims' editorial
records once published, citations of them, and every record without a workflow), and keys
the public's answers, so editors writing drafts leave readers' caches valid.

They move after commit (`transaction.on_commit`), once per transaction however many rows it
wrote, so a reader never sees a new number with old content. What moves them:
- every save, delete and many-to-many change of a model of a content app (each app says it
  is one with `track_content_app()` in its AppConfig.ready), through the signal receivers
  connected in CoreConfig;
- writes that bypass the signals (queryset.update(), bulk inserts, COPY) call
  `note_change()` themselves;
- every `migrate`, because a deploy may change what the same rows render to.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, connections, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.http import parse_etags

# The labels of the apps whose records readers see: they register themselves
# (track_content_app); the kernel names none of them.
_content_apps: set[str] = set()
ROW = 1


@dataclass(frozen=True)
class Revision:
    """The two counters as one connection sees them.

    `number` moves on every change; `public_number` only on changes that may show to the
    public (a draft's edits do not): staff answers key on the first, the public's on the second,
    so editors writing drafts all day leave readers' ETags and cached pages valid.
    """

    number: int
    changed_at: object  # an aware datetime
    public_number: int
    public_changed_at: object
    # Changes this connection made in its open transaction, not committed yet: they show in
    # its own reads (a test's, or a request that writes then reads), so they count too.
    pending: int = 0
    public_pending: int = 0

    def for_audience(self, audience: str) -> tuple[int, object, int]:
        """(number, when it last moved, pending) of the counter this audience's answers use."""
        if audience == "public":
            return self.public_number, self.public_changed_at, self.public_pending
        return self.number, self.changed_at, self.pending


_COLUMNS = ("number", "changed_at", "public_number", "public_changed_at")


def current() -> Revision:
    """The revision now, as this connection sees it (one query)."""
    from core.models import ContentRevision

    row = ContentRevision.objects.filter(pk=ROW).values_list(*_COLUMNS).first()
    if row is None:
        row = _advance(public=True)
    return Revision(*row, *_pending())


# This process's last reading of each database: alias -> (when, what), for `recent()`.
_last_read: dict[str, tuple[float, Revision]] = {}


def recent() -> Revision:
    """The revision, read from the database at most once every CONTENT_REVISION_TTL seconds
    in this process: what anonymous reads use, so a 304 or a cached page usually costs no
    query at all. A change is seen by every process within that time (the same freshness
    promise as Cache-Control's max-age, and far shorter); this process sees its own at once.

    A reading is reused only by reads of the database it came from: a replica lags behind
    the primary, and content read there under the primary's newer revision would be cached
    and tagged as new.
    """
    from core.models import ContentRevision

    ttl = settings.CONTENT_REVISION_TTL
    now = time.monotonic()
    alias = router.db_for_read(ContentRevision)
    last = _last_read.get(alias)
    if ttl > 0 and last and now - last[0] < ttl and not connection.in_atomic_block:
        return last[1]
    revision = current()
    if not revision.pending:
        _last_read[alias] = (now, revision)
    return revision


def of_request(request, *, fresh: bool = True) -> Revision:
    """The revision a request is answered at: read once per request, however many ask.
    `fresh=False` accepts `recent()`'s reading (anonymous reads)."""
    request = getattr(request, "_request", request)  # DRF's Request wraps Django's
    revision = getattr(request, "content_revision", None)
    if revision is None:
        revision = request.content_revision = current() if fresh else recent()
    return revision


def _pending() -> tuple[int, int]:
    if not connection.in_atomic_block:
        # Whatever was pending committed or rolled back.
        connection.content_changes_pending = connection.public_changes_pending = 0
    return (
        getattr(connection, "content_changes_pending", 0),
        getattr(connection, "public_changes_pending", 0),
    )


def _advance(*, public: bool) -> tuple:
    from core.models import ContentRevision

    now = timezone.now()
    moves = {"number": F("number") + 1, "changed_at": now}
    if public:
        moves.update(public_number=F("public_number") + 1, public_changed_at=now)
    with transaction.atomic():
        if not ContentRevision.objects.filter(pk=ROW).update(**moves):
            ContentRevision.objects.get_or_create(
                pk=ROW, defaults={"changed_at": now, "public_changed_at": now}
            )
        row = ContentRevision.objects.filter(pk=ROW).values_list(*_COLUMNS).get()
    _last_read.clear()  # this process sees its own change at once
    return row


def _advance_on_commit() -> None:
    public = getattr(connection, "public_changes_pending", 0) > 0
    connection.content_changes_pending = connection.public_changes_pending = 0
    _advance(public=public)


def note_change(*, public: bool = True) -> None:
    """Move the revision when the current transaction commits (now, outside a transaction);
    `public=False` for a change the public cannot see (a draft's).

    Once per transaction: a bulk write of a million rows advances it once.
    """
    if not connection.in_atomic_block:
        _advance(public=public)
        return
    connection.content_changes_pending = getattr(connection, "content_changes_pending", 0) + 1
    if public:
        connection.public_changes_pending = getattr(connection, "public_changes_pending", 0) + 1
    if not any(func is _advance_on_commit for _sids, func, _robust in connection.run_on_commit):
        transaction.on_commit(_advance_on_commit)


def track_content_app(app_config) -> None:
    """Count every change to this app's records (called from its AppConfig.ready)."""
    _content_apps.add(app_config.label)


def content_changed(sender, instance=None, **kwargs) -> None:
    """Signal receiver: a record of a content app was saved, deleted or re-linked.

    Whether the public may see the change is the record's to say: `affects_public_content`
    (claims' editorial records: only once published; an audit entry: never). History rows
    accompany a change of their record, which says it for them.
    """
    meta = sender._meta
    if meta.app_label not in _content_apps:
        return
    if hasattr(sender, "instance_type"):  # a django-simple-history row
        note_change(public=False)
        return
    note_change(public=bool(getattr(instance, "affects_public_content", True)))


def migrated(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: a deploy may render the same rows differently."""
    from core.models import ContentRevision

    if ContentRevision._meta.db_table in connections[using].introspection.table_names():
        _advance(public=True)


def digest(request, *, audience: str, revision: Revision | None = None) -> str:
    """What this request is answered with at this revision, for this audience, as a digest.

    Everything a response depends on besides the stored content goes in: the host and
    scheme (links are absolute), the path and query, the representation asked for (Accept),
    and who asks. Equal digests mean equal responses; ETags and cached responses use it.
    """
    revision = revision or current()
    number, changed_at, pending = revision.for_audience(audience)
    key = "|".join(
        (
            # changed_at too: a row created afresh (a flushed database) restarts the count.
            f"{number}+{pending}@{changed_at.isoformat()}",
            audience,
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            # Whole: content negotiation weighs every type in it (and its order and q values).
            request.headers.get("Accept", ""),
        )
    )
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def tag_parts(tag: str) -> tuple[str, str]:
    """An entity tag's digest and record part ("" when it has none), weak or strong."""
    digest, _, record = tag.removeprefix("W/").strip('"').partition(".")
    return digest, record


def matching_tag(request, current_digest: str) -> str | None:
    """The entity tag in If-None-Match that was issued for the current digest, if any.

    A tag is the digest, optionally followed by "." and a part naming the record's own
    state (detail responses, for If-Match): the digest alone decides whether the content
    is unchanged. "*" is left to the view, which knows whether the record exists.
    """
    header = request.headers.get("If-None-Match")
    if not header:
        return None
    for tag in parse_etags(header):
        if tag != "*" and tag_parts(tag)[0] == current_digest:
            return tag
    return None


def public_cache(view):
    """Marks a view as showing only public content, the same to every anonymous reader:
    config.middleware.PublicResponseCacheMiddleware may answer it 304 or from the cache."""
    view.public_cache = True
    return view
