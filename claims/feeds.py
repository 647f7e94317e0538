"""The Atom feed of newly published statements, fact-checks, stance shifts and promise status
changes."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from claims import selectors
from claims.models import FactCheck, PromiseStatusChange, StanceShift, Statement
from claims.promises.selectors import recent_changes
from claims.wording import statement_title

FEED_LENGTH = 30


class LatestRecordsFeed(Feed):
    """Newest public records first; retracted ones stay, marked as retracted."""

    feed_type = Atom1Feed
    title = "Claim Tracker: newly published"
    subtitle = "Statements, fact-checks, stance shifts and promises' status changes, as they are published."

    def link(self):
        return reverse("home")

    def items(self):
        recent = selectors.recent_activity(limit=FEED_LENGTH)
        changes = recent_changes(limit=FEED_LENGTH)
        records = [*recent.statements, *recent.fact_checks, *recent.shifts, *changes]
        records.sort(key=lambda record: (record.published_at is not None, record.published_at))
        return list(reversed(records))[:FEED_LENGTH]

    def item_title(self, item):
        prefix = "Retracted: " if item.is_retracted else ""
        if isinstance(item, Statement):
            return f"{prefix}{statement_title(item, _shortened)}"
        if isinstance(item, FactCheck):
            return f"{prefix}Fact-check: {_shortened(item.claim_reviewed)} ({item.rating.name})"
        if isinstance(item, PromiseStatusChange):
            promise = item.promise
            return (
                f"{prefix}Promise by {promise.person}: {_shortened(promise.wording)} "
                f"is {item.rating.name} as of {item.changed_on}"
            )
        return f"{prefix}{item.subject} on {item.topic.name}: {item.get_rating_display()}"

    def item_description(self, item):
        if isinstance(item, Statement):
            return item.text
        if isinstance(item, FactCheck):
            return item.analysis
        return item.analysis

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.retracted_at or item.published_at

    def item_categories(self, item):
        if isinstance(item, PromiseStatusChange):
            return ["promise status"]
        if isinstance(item, StanceShift):
            return ["stance shift"]
        return ["fact-check"] if isinstance(item, FactCheck) else ["statement"]


def _shortened(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
