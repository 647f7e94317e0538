"""Atom feeds: everything newly published (statements, fact-checks, stance shifts and promise
status changes), and what concerns one person, one topic, or one person on one topic
(statements, fact-checks, stance shifts and corrections: claims.following)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks

from claims import selectors
from claims.following import FEED_LENGTH, followed_records
from claims.models import Correction, FactCheck, PromiseStatusChange, StanceShift, Statement, Topic
from claims.promises.selectors import recent_changes
from claims.wording import statement_title
from core.visibility import get_visible_or_404
from people.models import Person


class RecordsFeed(Feed):
    """Public records as Atom entries; retracted ones stay, marked as retracted."""

    feed_type = Atom1Feed
    author_name = "Claim Tracker"

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
        if isinstance(item, Correction):
            return f"{prefix}Correction: {_shortened(item.what_changed)}"
        return f"{prefix}{item.subject} on {item.topic.name}: {item.get_rating_display()}"

    def item_description(self, item):
        # Atom summaries are HTML to feed readers: what editors typed is escaped (markup in a
        # quote stays text, as on the pages) and its paragraphs become <p> elements.
        if isinstance(item, Statement):
            text = item.text
        elif isinstance(item, Correction):
            text = f"{item.what_changed}\n\nWhy: {item.reason}"
        else:
            text = item.analysis
        return linebreaks(text, autoescape=True)

    def item_link(self, item):
        if isinstance(item, Correction):
            return f"{item.record.get_absolute_url().split('#')[0]}#correction-{item.pk}"
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        # The last change readers see: a retraction, and as much an edit after publication (a
        # re-rating, a corrected text), which feed readers fetch again only when this moves.
        return max(
            moment for moment in (item.published_at, item.retracted_at, item.updated_at) if moment
        )

    def item_categories(self, item):
        if isinstance(item, PromiseStatusChange):
            return ["promise status"]
        if isinstance(item, StanceShift):
            return ["stance shift"]
        if isinstance(item, Correction):
            return ["correction"]
        return ["fact-check"] if isinstance(item, FactCheck) else ["statement"]


class LatestRecordsFeed(RecordsFeed):
    """Newest public records first."""

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


class PersonFeed(RecordsFeed):
    """What concerns one person: their statements and those about them, the fact-checks of
    these, the shifts of their positions, and the corrections of any of these."""

    def get_object(self, request, slug):
        return get_visible_or_404(Person.objects.all(), slug=slug)

    def title(self, person):
        return f"Claim Tracker: {person.name}"

    def subtitle(self, person):
        return f"Statements by and about {person.name}, fact-checks, stance shifts and corrections."

    def link(self, person):
        return person.get_absolute_url()

    def items(self, person):
        return followed_records(person=person)


class TopicFeed(RecordsFeed):
    """What concerns one topic: its statements, their fact-checks, shifts and corrections."""

    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, topic):
        return f"Claim Tracker: {topic.name}"

    def subtitle(self, topic):
        return f"Statements on {topic.name}, fact-checks, stance shifts and corrections."

    def link(self, topic):
        return topic.get_absolute_url()

    def items(self, topic):
        return followed_records(topic=topic)


class PersonTopicFeed(RecordsFeed):
    """What concerns one person on one topic (their stance history's records)."""

    def get_object(self, request, slug, topic_slug):
        person = get_visible_or_404(Person.objects.all(), slug=slug)
        return person, get_object_or_404(Topic, slug=topic_slug)

    def title(self, followed):
        person, topic = followed
        return f"Claim Tracker: {person.name} on {topic.name}"

    def subtitle(self, followed):
        person, topic = followed
        return f"{person.name}’s statements and stance shifts on {topic.name}, with fact-checks and corrections."

    def link(self, followed):
        person, topic = followed
        return reverse("stance-history", kwargs={"slug": person.slug, "topic_slug": topic.slug})

    def items(self, followed):
        person, topic = followed
        return followed_records(person=person, topic=topic)


def _shortened(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
