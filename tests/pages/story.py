"""The seed article's story (Mamdani, police funding, 2020 and 2025), built with factories.

The reader-page tests use it so they do not depend on the seed files; it follows
the article in shared/seeds and claims nothing more precise than it does.
"""

import datetime
from types import SimpleNamespace

from claims.models import Citation, Endorsement, StanceShift, Statement, Status
from core.partial_dates import PartialDate
from people.models import Organization
from tests.factories import (
    EndorsementFactory,
    FactCheckFactory,
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    RoleFactory,
    SnapshotFactory,
    SourceFactory,
    StanceShiftFactory,
    TopicFactory,
)

PUBLISHED_AT = datetime.datetime(2025, 7, 1, 12, 0, tzinfo=datetime.UTC)
REFORM_QUOTE = (
    "reforming, not defunding, our police, ensuring they serve and protect without "
    "undermining the trust they’ve worked hard to earn."
)
ARTICLE_TEXT = (
    "Following the police murder of George Floyd in Minneapolis in 2020, Mamdani called for "
    "defunding the police. The group’s president, Karam Chowdhury, said Mamdani supported "
    f"“{REFORM_QUOTE}”"
)


def build_story() -> SimpleNamespace:
    """People, topic, positions, two cited public statements, a shift, endorsements, a check."""
    mamdani = PersonFactory(
        name="Zohran Mamdani",
        slug="zohran-mamdani",
        aliases="Mamdani",
        description="Democratic nominee for Mayor of New York City.",
    )
    chowdhury = PersonFactory(
        name="Karam Chowdhury",
        slug="karam-chowdhury",
        description="President of the Jamaica Integrated Bangladeshi Officers Network.",
    )
    harrison = PersonFactory(name="Rodney Harrison", slug="rodney-harrison")
    jibon = OrganizationFactory(
        name="Jamaica Integrated Bangladeshi Officers Network",
        slug="jibon",
        kind=Organization.Kind.ADVOCACY,
    )
    RoleFactory(
        person=mamdani,
        organization=None,
        title="Democratic nominee for Mayor of New York City",
        start=PartialDate(2025),
    )
    RoleFactory(person=chowdhury, organization=jibon, title="President", start=None)

    public_safety = TopicFactory(name="Public safety", slug="public-safety")
    police_funding = TopicFactory(
        name="Police funding", slug="police-funding", parent=public_safety
    )
    positions = {
        value: PositionFactory(topic=police_funding, name=name, axis_value=value)
        for value, name in [
            (-2, "Defund the police"),
            (-1, "Shift some police duties to civilian agencies"),
            (0, "Reform the police without cutting funding"),
            (1, "Fund the police at current levels"),
            (2, "Expand police funding"),
        ]
    }

    times = OrganizationFactory(name="The New York Times", slug="the-new-york-times")
    outlet = OrganizationFactory(name="The Daily Report", slug="the-daily-report")
    times_report = SourceFactory(
        title="Mamdani courts the police",
        publisher=times,
        url="https://www.nytimes.com/2025/07/mamdani-police.html",
        published_on=PartialDate(2025),
    )
    article = SourceFactory(
        title="Mamdani makes inroads with police officers",
        publisher=outlet,
        url="https://news.example.org/mamdani-police",
        published_on=PartialDate(2025),
        via=times_report,
    )
    snapshot = SnapshotFactory(source=article, text=ARTICLE_TEXT)

    defund = PublishedStatementFactory(
        speaker=mamdani,
        kind=Statement.Kind.PARAPHRASE,
        text="Called for defunding the police after the murder of George Floyd.",
        said_on=PartialDate(2020),
        position=positions[-2],
        published_at=PUBLISHED_AT,
        citation__source=article,
        citation__excerpt="Mamdani called for defunding the police.",
        citation__snapshot=snapshot,
        citation__verification=Citation.Verification.FOUND,
    )
    reform = PublishedStatementFactory(
        speaker=chowdhury,
        subject=mamdani,
        kind=Statement.Kind.CHARACTERIZATION,
        text=f"Mamdani supported “{REFORM_QUOTE}”",
        said_on=PartialDate(2025),
        position=positions[0],
        published_at=PUBLISHED_AT + datetime.timedelta(hours=1),
        citation__source=article,
        citation__excerpt=REFORM_QUOTE,
        citation__snapshot=snapshot,
        citation__verification=Citation.Verification.FOUND,
    )
    shift = StanceShiftFactory(
        earlier=defund,
        later=reform,
        rating=StanceShift.Rating.FULL_FLOP,
        analysis="In 2020 he called for defunding the police; in 2025 an ally says he supports reform, not defunding.",
        status=Status.PUBLISHED,
        published_at=PUBLISHED_AT + datetime.timedelta(hours=2),
    )
    endorsement = EndorsementFactory(
        endorser_person=None,
        endorser_organization=jibon,
        endorsed=mamdani,
        kind=Endorsement.Kind.SUPPORT,
        endorsed_on=PartialDate(2025),
        status=Status.PUBLISHED,
        published_at=PUBLISHED_AT,
    )
    EndorsementFactory(
        endorser_person=harrison,
        endorsed=mamdani,
        kind=Endorsement.Kind.SUPPORT,
        endorsed_on=PartialDate(2025),
        status=Status.PUBLISHED,
        published_at=PUBLISHED_AT,
    )
    fact_check = FactCheckFactory(
        statement=defund,
        claim_reviewed="Mamdani called for defunding the police in 2020.",
        status=Status.PUBLISHED,
        published_at=PUBLISHED_AT + datetime.timedelta(hours=3),
    )
    return SimpleNamespace(
        mamdani=mamdani,
        chowdhury=chowdhury,
        harrison=harrison,
        jibon=jibon,
        police_funding=police_funding,
        positions=positions,
        article=article,
        times_report=times_report,
        snapshot=snapshot,
        defund=defund,
        reform=reform,
        shift=shift,
        endorsement=endorsement,
        fact_check=fact_check,
    )
