"""factory_boy factories for every model; tests build their data with these."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.text import slugify

from claims.models import (
    Citation,
    Correction,
    Endorsement,
    FactCheck,
    Position,
    Promise,
    PromiseCitation,
    PromiseRating,
    PromiseScale,
    PromiseStatusChange,
    Rating,
    RatingScale,
    StanceShift,
    Statement,
    Status,
    Topic,
)
from core.partial_dates import PartialDate
from people.models import Organization, Person, Role
from sources.models import Snapshot, Source

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.LazyAttribute(lambda person: slugify(person.name))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.LazyAttribute(lambda org: slugify(org.name))
    kind = Organization.Kind.NEWS


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "Spokesperson"
    start = PartialDate(2020)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")
    title = factory.Sequence(lambda n: f"Story {n}")
    publisher = factory.SubFactory(OrganizationFactory)
    published_on = PartialDate(2025, 6, 24)


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    source = factory.SubFactory(SourceFactory)
    fetched_at = factory.LazyFunction(
        lambda: datetime.datetime(2025, 6, 25, 12, 0, tzinfo=datetime.UTC)
    )
    http_status = 200
    content_type = "text/html"
    text = "The full text of the story."
    sha256 = factory.LazyAttribute(lambda snapshot: Snapshot.digest(snapshot.text.encode()))
    size = factory.LazyAttribute(lambda snapshot: len(snapshot.text.encode()))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    topic = factory.SubFactory(TopicFactory)
    name = factory.Sequence(lambda n: f"Position {n}")
    slug = factory.LazyAttribute(lambda position: slugify(position.name))
    axis_value = 0


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    speaker = factory.SubFactory(PersonFactory)
    subject = factory.LazyAttribute(lambda statement: statement.speaker)
    kind = Statement.Kind.QUOTE
    text = factory.Sequence(lambda n: f"Something said, number {n}.")
    said_on = PartialDate(2025)
    topic = factory.LazyAttribute(
        lambda statement: statement.position.topic if statement.position else None
    )
    position = None
    status = Status.DRAFT


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    statement = factory.SubFactory(StatementFactory)
    source = factory.SubFactory(SourceFactory)
    excerpt = factory.LazyAttribute(
        lambda citation: citation.statement.text if citation.statement else ""
    )


class PublishedStatementFactory(StatementFactory):
    """A published statement with one citation, as readers see them."""

    class Meta:
        skip_postgeneration_save = True

    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime.datetime(2025, 6, 26, tzinfo=datetime.UTC))
    citation = factory.RelatedFactory(CitationFactory, factory_related_name="statement")


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endorsement

    endorser_person = factory.SubFactory(PersonFactory)
    endorsed = factory.SubFactory(PersonFactory)
    kind = Endorsement.Kind.SUPPORT


class RatingScaleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RatingScale
        django_get_or_create = ("slug",)

    name = "Truth-O-Meter"
    slug = "truth-o-meter"
    best = 6
    worst = 1


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating
        django_get_or_create = ("scale", "slug")

    scale = factory.SubFactory(RatingScaleFactory)
    name = "Mostly False"
    slug = "mostly-false"
    value = 2


class FactCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FactCheck

    statement = factory.SubFactory(PublishedStatementFactory)
    claim_reviewed = factory.LazyAttribute(lambda check: check.statement.text)
    rating = factory.SubFactory(RatingFactory)
    analysis = "What the record shows."
    reviewed_on = datetime.date(2025, 6, 27)


class StanceShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StanceShift

    subject = factory.LazyAttribute(lambda shift: shift.earlier.subject)
    topic = factory.LazyAttribute(lambda shift: shift.earlier.topic)
    rating = StanceShift.Rating.HALF_FLIP
    analysis = "The position moved."


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A correction note on a record (pass record=...)."""

    class Meta:
        model = Correction
        exclude = ("record",)

    record = factory.SubFactory(PublishedStatementFactory)
    content_type = factory.LazyAttribute(
        lambda correction: ContentType.objects.get_for_model(correction.record)
    )
    object_id = factory.LazyAttribute(lambda correction: correction.record.pk)
    what_changed = "The date was corrected."
    reason = "The source gave the wrong day."


class PromiseScaleFactory(factory.django.DjangoModelFactory):
    """The six statuses of PolitiFact's promise trackers (as the seeds configure them)."""

    class Meta:
        model = PromiseScale
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    name = "Promise statuses"
    slug = "promise-statuses"

    @factory.post_generation
    def statuses(scale, create, extracted, **kwargs):
        if not create:
            return
        for order, (name, outcome) in enumerate(PROMISE_STATUSES):
            PromiseRating.objects.get_or_create(
                scale=scale,
                slug=slugify(name),
                defaults={"name": name, "order": order, "outcome": outcome},
            )


PROMISE_STATUSES = [
    ("Not yet rated", PromiseRating.Outcome.OPEN),
    ("In the works", PromiseRating.Outcome.OPEN),
    ("Stalled", PromiseRating.Outcome.OPEN),
    ("Compromise", PromiseRating.Outcome.COMPROMISE),
    ("Kept", PromiseRating.Outcome.KEPT),
    ("Broken", PromiseRating.Outcome.BROKEN),
]


def promise_status(slug: str, scale: PromiseScale | None = None) -> PromiseRating:
    """A status of the default promise scale by slug (not-yet-rated, in-the-works, kept ...)."""
    return (scale or PromiseScaleFactory()).ratings.get(slug=slug)


class PromiseFactory(factory.django.DjangoModelFactory):
    """A draft promise with one citation."""

    class Meta:
        model = Promise
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    wording = factory.Sequence(lambda n: f"Build {n} new things.")
    promised_on = PartialDate(2025)
    topic = factory.SubFactory(TopicFactory)
    scale = factory.SubFactory(PromiseScaleFactory)
    status = Status.DRAFT
    citation = factory.RelatedFactory(
        "tests.factories.PromiseCitationFactory", factory_related_name="promise"
    )


class PublishedPromiseFactory(PromiseFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime.datetime(2025, 6, 26, tzinfo=datetime.UTC))


class PromiseCitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromiseCitation

    source = factory.SubFactory(SourceFactory)
    excerpt = "What was said, where."
    locator = "paragraph 3"


class PromiseStatusChangeFactory(factory.django.DjangoModelFactory):
    """A draft status change with one citation (pass citation=None for none)."""

    class Meta:
        model = PromiseStatusChange
        skip_postgeneration_save = True

    promise = factory.SubFactory(PublishedPromiseFactory)
    changed_on = PartialDate(2025)
    rating = factory.LazyAttribute(
        lambda change: promise_status("in-the-works", change.promise.scale)
    )
    analysis = "What the record shows."
    status = Status.DRAFT
    citation = factory.RelatedFactory(PromiseCitationFactory, factory_related_name="status_change")


class PublishedStatusChangeFactory(PromiseStatusChangeFactory):
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: datetime.datetime(2025, 6, 27, tzinfo=datetime.UTC))
