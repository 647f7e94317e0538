"""What the public claims records make public: the people, organizations and sources they
name or cite (core.visibility). Everything else they refer to stays with staff."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from claims.models.citations import Citation
from claims.models.endorsements import Endorsement
from claims.models.statements import Statement
from core.visibility import public_when
from people.models import Organization, Person
from sources.models import Source


# The people, organizations and sources public statements and endorsements name or cite
# (core.visibility): everything else they refer to stays with staff.
def _public_citations():
    return Citation.objects.public()


public_when(
    Person,
    lambda: (
        Exists(Statement.objects.published().filter(speaker=OuterRef("pk")))
        | Exists(Statement.objects.published().filter(subject=OuterRef("pk")))
        | Exists(Endorsement.objects.published().filter(endorsed=OuterRef("pk")))
        | Exists(Endorsement.objects.published().filter(endorser_person=OuterRef("pk")))
    ),
)
public_when(
    Organization,
    lambda: (
        Exists(Statement.objects.published().filter(speaker_organization=OuterRef("pk")))
        | Exists(Endorsement.objects.published().filter(endorser_organization=OuterRef("pk")))
    ),
)
# Cited by a public record, or the source such a citation reports through.
public_when(
    Source,
    lambda: (
        Exists(_public_citations().filter(source=OuterRef("pk")))
        | Exists(_public_citations().filter(source__via=OuterRef("pk")))
    ),
)
