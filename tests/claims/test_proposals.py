"""Proposing statements from a source's archived text, in the admin and in the service."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from claims.models import Citation, Statement, Status
from claims.proposals import AcceptedProposal, ProposalError, accept_proposals, proposals_for_source
from claims.services import EDITOR_GROUP
from core.partial_dates import PartialDate
from tests.factories import (
    CitationFactory,
    PersonFactory,
    SnapshotFactory,
    SourceFactory,
    StatementFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ARTICLE = (
    "Mayor Lena Ortiz unveiled her budget on Monday.\n"
    "“This budget keeps every library open six days a week,” Ortiz said at a news conference "
    "at City Hall.\n"
    "Council Member Sam Reed said Ortiz had promised “a budget that asks the wealthiest to pay "
    "their share.”\n"
    "“We will read every line of it,” Reed told NY1.\n"
)
LIBRARIES = "This budget keeps every library open six days a week"
WEALTHIEST = "a budget that asks the wealthiest to pay their share."
EVERY_LINE = "We will read every line of it"


@pytest.fixture
def ortiz():
    return PersonFactory(name="Lena Ortiz", aliases="Ortiz")


@pytest.fixture
def reed():
    return PersonFactory(name="Sam Reed", aliases="Reed")


@pytest.fixture
def source(ortiz, reed):
    snapshot = SnapshotFactory(text=ARTICLE)
    return snapshot.source


def _page(source):
    return reverse("source-propose-statements", args=[source.pk])


def _post_data(formset, accept=(), **changes):
    """The formset as rendered, with the given rows ticked and fields changed ("0-speaker")."""
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for index, form in enumerate(formset):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if name == "said_on" and value is not None:
                value = value.isoformat()
            if value is not None and name != "accept":
                data[f"form-{index}-{name}"] = str(value)
        if index in accept:
            data[f"form-{index}-accept"] = "on"
    for key, value in changes.items():
        data[f"form-{key}"] = value
    return data


def _database_state():
    return (Statement.objects.count(), Citation.objects.count())


def test_an_editor_sees_every_proposal_with_speaker_subject_venue_and_sentence(
    client, editor, source
):
    client.force_login(editor)
    response = client.get(_page(source))
    assert response.status_code == 200
    content = response.content.decode()
    for quote in (LIBRARIES, WEALTHIEST, EVERY_LINE):
        assert quote in content
    assert "a news conference at City Hall" in content
    assert "Council Member Sam Reed said Ortiz had promised" in content
    rows = response.context["rows"]
    assert [(form.initial["speaker"], form.initial["subject"]) for form, _ in rows] == [
        (source_person("Lena Ortiz"), None),
        (source_person("Sam Reed"), source_person("Lena Ortiz")),
        (source_person("Sam Reed"), None),
    ]
    assert rows[1][0].initial["kind"] == Statement.Kind.CHARACTERIZATION


def test_a_proposal_whose_speaker_is_uncertain_asks_the_editor_to_check_it(client, editor, ortiz):
    """Below the confidence threshold the row says "Check the speaker"; a named speaker does not."""
    source = SnapshotFactory(
        text=(
            "The bridge will close for repairs in May.\n"
            "“It will be a hard summer for every commuter in the city,” she said.\n"
            "“We will keep one lane open for buses,” Ortiz said.\n"
        )
    ).source
    client.force_login(editor)

    response = client.get(_page(source))

    rows = response.context["rows"]
    assert [item.proposal.check_the_speaker for _, item in rows] == [True, False]
    content = response.content.decode()
    assert content.count("Check the speaker") == 1
    uncertain_row = content.split('<tr class="proposal">')[1]
    assert "Check the speaker" in uncertain_row and "hard summer" in uncertain_row


def source_person(name):
    from people.models import Person

    return Person.objects.get(name=name).pk


def test_an_editor_accepts_two_proposals_and_gets_two_draft_statements_with_citations(
    client, editor, source, ortiz, reed
):
    client.force_login(editor)
    formset = client.get(_page(source)).context["formset"]

    response = client.post(_page(source), _post_data(formset, accept={0, 2}))

    assert response.status_code == 302
    statements = Statement.objects.order_by("pk")
    assert [(s.speaker, s.subject, s.text, s.status) for s in statements] == [
        (ortiz, ortiz, LIBRARIES, Status.DRAFT),
        (reed, reed, EVERY_LINE, Status.DRAFT),
    ]
    assert statements[0].venue == "a news conference at City Hall"
    assert statements[1].venue == "NY1"
    assert statements[0].said_on == source.published_on
    snapshot = source.latest_snapshot
    for statement in statements:
        (citation,) = statement.citations.all()
        assert citation.source == source
        assert citation.excerpt == statement.text
        assert snapshot.text[citation.found_at : citation.found_at + len(citation.excerpt)] == (
            citation.excerpt
        )
        assert citation.verification == Citation.Verification.FOUND
        assert statement.history.latest().history_user == editor


def test_reopening_the_page_marks_entered_proposals_and_does_not_offer_them_again(
    client, editor, source
):
    client.force_login(editor)
    formset = client.get(_page(source)).context["formset"]
    client.post(_page(source), _post_data(formset, accept={0, 2}))

    response = client.get(_page(source))

    offered = [form.initial["quote"] for form, _ in response.context["rows"]]
    assert offered == [WEALTHIEST]
    entered = [item.proposal.quote for item in response.context["review"].entered]
    assert entered == [LIBRARIES, EVERY_LINE]
    assert "Already entered" in response.content.decode()


def test_the_editor_corrects_speaker_subject_and_kind_before_accepting(
    client, editor, source, ortiz, reed
):
    client.force_login(editor)
    formset = client.get(_page(source)).context["formset"]
    data = _post_data(formset, accept={1}, **{"1-kind": Statement.Kind.PARAPHRASE})

    client.post(_page(source), data)

    (statement,) = Statement.objects.all()
    assert (statement.speaker, statement.subject, statement.kind) == (
        reed,
        ortiz,
        Statement.Kind.PARAPHRASE,
    )


def test_an_unknown_person_id_is_a_form_error_and_creates_nothing(client, editor, source):
    client.force_login(editor)
    formset = client.get(_page(source)).context["formset"]
    before = _database_state()

    response = client.post(
        _page(source), _post_data(formset, accept={0}, **{"0-speaker": "999999"})
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert _database_state() == before


def test_a_tampered_span_is_a_form_error_and_creates_nothing(client, editor, source):
    client.force_login(editor)
    formset = client.get(_page(source)).context["formset"]
    start = formset.forms[0].initial["start"]
    before = _database_state()

    response = client.post(
        _page(source), _post_data(formset, accept={0, 2}, **{"0-start": str(start + 1)})
    )

    assert response.status_code == 200
    assert "is not at that place in the archived text" in response.content.decode()
    assert _database_state() == before


def test_accepting_without_a_date_or_a_speaker_is_a_form_error(client, editor, source):
    client.force_login(editor)
    formset = client.get(_page(source)).context["formset"]
    before = _database_state()

    response = client.post(
        _page(source),
        _post_data(
            formset, accept={0}, **{"0-said_on": "", "0-speaker": "", "0-speaker_label": ""}
        ),
    )

    content = response.content.decode()
    assert "Give the date it was said" in content
    assert "Choose the speaker, or describe them." in content
    assert _database_state() == before


def test_a_source_without_an_archived_copy_says_so(client, editor):
    client.force_login(editor)
    source = SourceFactory()

    response = client.get(_page(source))

    assert response.status_code == 200
    assert "has no archived text yet" in response.content.decode()


def test_a_staff_user_who_may_not_add_statements_is_refused(client, source):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(_page(source)).status_code == 403


def test_anonymous_users_are_sent_to_the_login_page(client, source):
    response = client.get(_page(source))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("extra_paragraphs", [0, 5])
def test_the_review_page_runs_a_fixed_number_of_queries(
    client, editor, ortiz, reed, extra_paragraphs, django_assert_max_num_queries
):
    extra = "".join(
        f"“We will read page {n} of it twice over,” Reed told NY1.\n"
        for n in range(extra_paragraphs)
    )
    source = SnapshotFactory(text=ARTICLE + extra).source
    StatementFactory.create_batch(2)
    client.force_login(editor)
    # session, user, user's permissions (two: user and group), source, latest snapshot,
    # people's names, the people the text names, entered citations, topics.
    with django_assert_max_num_queries(10):
        response = client.get(_page(source))
    assert len(response.context["rows"]) == 3 + extra_paragraphs


def test_accept_proposals_refuses_a_user_without_permission(source):
    outsider = UserFactory()
    choice = AcceptedProposal(
        start=ARTICLE.index(LIBRARIES),
        end=ARTICLE.index(LIBRARIES) + len(LIBRARIES),
        quote=LIBRARIES,
        said_on=PartialDate(2025),
        speaker_label="The mayor",
    )
    with pytest.raises(ProposalError, match="may not add statements"):
        accept_proposals(source=source, choices=[choice], by=outsider)
    assert _database_state() == (0, 0)


def test_accept_proposals_is_all_or_nothing(editor, source, ortiz):
    start = ARTICLE.index(LIBRARIES)
    good = AcceptedProposal(
        start=start,
        end=start + len(LIBRARIES),
        quote=LIBRARIES,
        said_on=PartialDate(2025),
        speaker=ortiz,
    )
    nobody = AcceptedProposal(
        start=ARTICLE.index(EVERY_LINE),
        end=ARTICLE.index(EVERY_LINE) + len(EVERY_LINE),
        quote=EVERY_LINE,
        said_on=PartialDate(2025),
    )
    with pytest.raises(ProposalError, match="Choose who said"):
        accept_proposals(source=source, choices=[good, nobody], by=editor)
    with pytest.raises(ProposalError, match="chosen twice"):
        accept_proposals(source=source, choices=[good, good], by=editor)
    assert _database_state() == (0, 0)


def test_a_quote_cited_by_hand_within_a_longer_excerpt_counts_as_entered(editor, source):
    CitationFactory(source=source, excerpt=f"“{EVERY_LINE},”\n  Reed told NY1.")
    review = proposals_for_source(source)
    assert [item.proposal.quote for item in review.entered] == [EVERY_LINE]
    with pytest.raises(ProposalError, match="already entered"):
        start = ARTICLE.index(EVERY_LINE)
        accept_proposals(
            source=source,
            choices=[
                AcceptedProposal(
                    start=start,
                    end=start + len(EVERY_LINE),
                    quote=EVERY_LINE,
                    said_on=PartialDate(2025),
                    speaker_label="Sam Reed",
                )
            ],
            by=editor,
        )


def test_a_described_speaker_becomes_the_statements_speaker_label(editor, source):
    editor.groups.add(Group.objects.get(name=EDITOR_GROUP))
    start = ARTICLE.index(LIBRARIES)
    (statement,) = accept_proposals(
        source=source,
        choices=[
            AcceptedProposal(
                start=start,
                end=start + len(LIBRARIES),
                quote=LIBRARIES,
                said_on=PartialDate(2025, 6),
                speaker_label="a city hall spokesperson",
                subject=source_person_object("Lena Ortiz"),
            )
        ],
        by=editor,
    )
    assert statement.speaker is None
    assert statement.speaker_label == "a city hall spokesperson"
    assert statement.citations.get().locator == "paragraph 2"


def source_person_object(name):
    from people.models import Person

    return Person.objects.get(name=name)


def test_an_unknown_source_is_not_found(client, editor):
    client.force_login(editor)
    assert client.get(reverse("source-propose-statements", args=[999999])).status_code == 404


def test_a_post_without_the_formsets_management_data_is_an_error_and_creates_nothing(
    client, editor, source
):
    client.force_login(editor)

    response = client.post(_page(source), {"form-0-accept": "on", "form-0-start": "0"})

    assert response.status_code == 200
    assert "ManagementForm data is missing or has been tampered with" in response.content.decode()
    assert _database_state() == (0, 0)


def test_on_the_seed_article_every_quote_is_found_matched_and_already_entered(seeded):
    """The seed's citations quote all four passages, so nothing is offered twice."""
    from people.models import Person
    from sources.models import Source

    article = Source.objects.get(snapshots__isnull=False, title__startswith="Zohran Mamdani")

    review = proposals_for_source(article)

    speakers = [item.speaker.slug for item in review.proposals]
    assert speakers == ["shamsul-haque", "karam-chowdhury", "rodney-harrison", "zohran-mamdani"]
    assert review.proposals[1].subject == Person.objects.get(slug="zohran-mamdani")
    assert review.to_review == []
    assert len(review.entered) == 4


def test_the_source_change_page_has_a_propose_statements_button(client, settings, source):
    settings.ROOT_URLCONF = "tests.claims.source_admin_urls"
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(f"/admin/sources/source/{source.pk}/change/")

    assert response.status_code == 200
    link = f'href="/admin/sources/source/{source.pk}/propose-statements/"'
    assert link in response.content.decode()
    assert "Propose statements" in response.content.decode()
