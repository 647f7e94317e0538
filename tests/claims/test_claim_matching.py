"""Claim matching: candidates for a text, "same claim" and "not the same" from the statement
form, claims on reader pages, in the API and in ClaimReview, and the backfill command."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims.matching.candidates import PROPOSAL_THRESHOLD, Reading, candidates, similarity
from claims.matching.models import Claim, ClaimAppearance, DismissedMatch, RepeatProposal
from claims.matching.services import confirm_same_claim, dismiss_match
from claims.models import Status
from claims.services import TransitionError, publish
from core.partial_dates import PartialDate
from tests import factories

pytestmark = pytest.mark.django_db

DEFUND = "We need to defund the police and put that money into mental health care and housing."
REPEAT = "We need to defund the police and put the money into mental health care and housing."
NEVER = "We will never defund the police and put that money into mental health care."


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def said():
    """The first statement of a claim, published and rated Mostly False; and a later repeat by
    someone else, published."""
    mamdani = factories.PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani")
    other = factories.PersonFactory(name="Tiffany Caban", slug="tiffany-caban")
    first = factories.PublishedStatementFactory(
        speaker=mamdani, text=DEFUND, said_on=PartialDate(2020, 6)
    )
    repeat = factories.PublishedStatementFactory(
        speaker=other, text=REPEAT, said_on=PartialDate(2025, 3)
    )
    unrelated = factories.PublishedStatementFactory(text="Free buses for every New Yorker.")
    check = factories.FactCheckFactory(
        statement=first,
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2025, 3, 4, tzinfo=datetime.UTC),
        reviewed_on=datetime.date(2025, 3, 3),
    )
    return {"first": first, "repeat": repeat, "unrelated": unrelated, "check": check}


def _published_claim(said, publisher) -> Claim:
    claim = confirm_same_claim(statement=said["repeat"], other=said["first"], by=publisher)
    publish(record=claim, by=publisher)
    return claim


# --- Candidates -----------------------------------------------------------------------------


def test_a_light_edit_is_proposed_with_its_shared_words(said):
    """A repeat with a word changed is proposed first, its shared words listed."""
    found = candidates(REPEAT, exclude=said["repeat"])
    assert found[0].statement == said["first"]
    assert found[0].proposed
    assert {"defund", "police", "housing"} <= set(found[0].matched_words)
    assert "<mark>defund</mark>" in found[0].highlighted()


def test_a_negation_is_never_proposed(said):
    """ "We will never defund the police" is no repeat of "defund the police"."""
    found = {candidate.statement: candidate for candidate in candidates(NEVER)}
    assert said["first"] in found
    assert found[said["first"]].opposed
    assert found[said["first"]].score < PROPOSAL_THRESHOLD


@pytest.mark.parametrize(
    ("said_before", "said_now"),
    [
        # The same words in swapped roles.
        (
            "The mayor beat the governor by six points.",
            "The governor beat the mayor by six points.",
        ),
        # "X, not Y" against "Y, not X": what each negation reaches differs.
        (
            "The strike was called by the drivers, not by the union.",
            "The strike was called by the union, not by the drivers.",
        ),
        # One "not" each, denying different things.
        (
            "The levy is paid by landlords, not tenants.",
            "The levy is not paid by landlords; it is paid by tenants.",
        ),
        # The verb changed in the same mould.
        ("The council will approve the new stadium.", "The council will block the new stadium."),
        # The figure changed.
        (
            "The port handled 4 million containers last year.",
            "The port handled 9 million containers last year.",
        ),
        # A denial with no negation word.
        (
            "The bridge will open to traffic in May.",
            "It is a myth that the bridge will open to traffic in May.",
        ),
        (
            "The mine will close by the end of next year.",
            "The claim that the mine will close by the end of next year is false.",
        ),
        (
            "The mine will close by the end of next year.",
            "The governor denied that the mine will close by the end of next year.",
        ),
        # The claim's own "no" reaches its noun phrase only; the added "not" denies the rest.
        (
            "A rent freeze with no exemptions for small landlords raises housing costs.",
            "A rent freeze with no exemptions for small landlords does not raise housing costs.",
        ),
        # "complaints against" is no negation; "voted against" is.
        (
            "Complaints against the mayor rose by 40 percent last year.",
            "Complaints against the mayor did not rise by 40 percent last year.",
        ),
        ("The senator voted for the farm bill.", "The senator voted against the farm bill."),
        # Words moving across "than", or across "and" while others stay.
        (
            "Trains carry more freight across the state than trucks do.",
            "Trucks carry more freight across the state than trains do.",
        ),
        (
            "The council drafted the budget and the mayor vetoed it.",
            "The mayor drafted the budget and the council vetoed it.",
        ),
        # An antonym, one by prefix, a verb with no auxiliary, another phrase in the mould.
        (
            "Remote work boosts productivity in small firms.",
            "Remote work cuts productivity in small firms.",
        ),
        (
            "Renters were treated fairly by the new law.",
            "Renters were treated unfairly by the new law.",
        ),
        (
            "The council approved the stadium and the mayor signed it.",
            "The council approved the stadium and the mayor blocked it.",
        ),
        (
            "Raising the speed limit has increased road deaths in every county.",
            "Raising the speed limit has increased fuel sales in every county.",
        ),
    ],
)
def test_the_same_words_saying_something_else_are_not_proposed(said_before, said_now):
    """Swapped roles, a negation or a denial reaching other words, an antonym, another verb,
    figure or phrase in the same words are marked opposed and not proposed."""
    score, opposed = similarity(Reading.of(said_now), Reading.of(said_before))
    assert opposed
    assert score < PROPOSAL_THRESHOLD


@pytest.mark.parametrize(
    ("said_before", "said_now"),
    [
        (
            "The port handled 4 million containers last year.",
            "The port handled four million containers last year!",
        ),
        (
            "The council won't approve the stadium, not this year.",
            "The council will not approve the stadium, not this year.",
        ),
        ("The United States sold 20 jets to Poland.", "The US sold 20 jets to Poland."),
        (
            "Since 2019, the county has bused 300 students to the new school.",
            "The county has bussed 300 students to the new school since 2019.",
        ),
        (
            "Members of the board should be barred from owning shares.",
            "Members of the board should be banned from owning shares.",
        ),
        (
            "The state hired more than 2,000 teachers last year.",
            "The state hired over 2,000 teachers last year.",
        ),
        (
            "The plan cuts rents for families and builds parks in every borough.",
            "The plan builds parks in every borough and cuts rents for families.",
        ),
        (
            "Kids in this city wait two years for a school place.",
            "Children in this city wait two years for a school place.",
        ),
    ],
)
def test_a_light_edit_is_still_proposed(said_before, said_now):
    """Numbers in words, contractions, initials, another spelling, a synonym, "over" for
    "more than" or a moved phrase are no change of claim."""
    score, opposed = similarity(Reading.of(said_now), Reading.of(said_before))
    assert not opposed
    assert score >= PROPOSAL_THRESHOLD


def test_a_dismissed_pair_is_not_offered_again(said, editor):
    """After "not the same", the pair is left out of the statement's candidates."""
    dismiss_match(statement=said["repeat"], other=said["first"], by=editor)
    found = [candidate.statement for candidate in candidates(REPEAT, exclude=said["repeat"])]
    assert said["first"] not in found
    assert DismissedMatch.objects.count() == 1


def test_candidates_run_a_fixed_number_of_queries(said, django_assert_max_num_queries):
    """The index lookup and the statements found, whatever their number."""
    for number in range(10):
        factories.StatementFactory(text=f"{DEFUND} Said again, time {number}.")
    with django_assert_max_num_queries(2):
        assert len(candidates(REPEAT)) == 5


# --- Same claim and not the same ------------------------------------------------------------


def test_confirming_creates_a_claim_worded_as_the_earlier_statement(said, editor):
    """The first confirmation makes a draft claim; both statements appear in it."""
    claim = confirm_same_claim(statement=said["repeat"], other=said["first"], by=editor)
    assert claim.wording == DEFUND
    assert claim.status == Status.DRAFT
    assert set(claim.appearances.values_list("statement_id", flat=True)) == {
        said["first"].pk,
        said["repeat"].pk,
    }
    assert claim.history.first().history_user == editor


def test_confirming_again_joins_the_existing_claim(said, editor):
    """A third statement confirmed against one in a claim joins that claim."""
    claim = confirm_same_claim(statement=said["repeat"], other=said["first"], by=editor)
    third = factories.StatementFactory(text=REPEAT)
    assert confirm_same_claim(statement=third, other=said["repeat"], by=editor) == claim
    assert ClaimAppearance.objects.filter(claim=claim).count() == 3
    assert Claim.objects.count() == 1


def test_two_claims_are_never_merged_silently(said, editor):
    """Statements already in two different claims are refused with a reason."""
    confirm_same_claim(statement=said["repeat"], other=said["first"], by=editor)
    other_claim_statement = factories.StatementFactory(text="Free buses, said again.")
    confirm_same_claim(statement=other_claim_statement, other=said["unrelated"], by=editor)
    with pytest.raises(TransitionError, match="already in two claims"):
        confirm_same_claim(statement=said["repeat"], other=said["unrelated"], by=editor)


def test_a_claim_needs_a_published_statement_to_be_published(editor, publisher):
    """Publishing a claim made only by drafts is refused."""
    drafts = factories.StatementFactory(text=DEFUND), factories.StatementFactory(text=REPEAT)
    claim = confirm_same_claim(statement=drafts[0], other=drafts[1], by=editor)
    with pytest.raises(TransitionError):
        publish(record=claim, by=publisher)


# --- The statement form and its endpoint ----------------------------------------------------


def test_the_change_form_lists_the_proposed_repeat_with_buttons(client, said, editor):
    """The statement's form shows the likely repeat, its score and the two buttons."""
    client.force_login(editor)
    page = client.get(reverse("admin:claims_statement_change", args=[said["repeat"].pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Repeats of the same claim" in html
    assert f'data-statement="{said["first"].pk}"' in html
    same = reverse("admin:claims_statement_same_claim", args=[said["repeat"].pk, said["first"].pk])
    assert f'formaction="{same}"' in html
    assert "Not the same" in html


def test_same_claim_button_links_the_two_statements(client, said, editor):
    """POSTing the "Same claim" button creates the claim and returns to the form."""
    client.force_login(editor)
    url = reverse("admin:claims_statement_same_claim", args=[said["repeat"].pk, said["first"].pk])
    response = client.post(url)
    assert response.status_code == 302
    assert ClaimAppearance.objects.filter(statement=said["repeat"]).exists()


def test_not_the_same_button_is_remembered(client, said, editor):
    """POSTing "Not the same" stores the dismissal; GET changes nothing."""
    client.force_login(editor)
    url = reverse("admin:claims_statement_not_the_same", args=[said["repeat"].pk, said["first"].pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    assert DismissedMatch.objects.count() == 1


def test_the_endpoint_answers_the_candidates_for_typed_text(client, said, editor):
    """Staff POST the text being typed and get the candidates as JSON."""
    client.force_login(editor)
    response = client.post(reverse("admin:claims_statement_candidates"), {"text": REPEAT})
    assert response.status_code == 200
    body = response.json()
    assert body["candidates"][0]["statement"] in {said["first"].pk, said["repeat"].pk}
    assert body["candidates"][0]["proposed"] is True


def test_the_endpoint_is_for_staff_only(client, said):
    """Anonymous visitors are sent to the login page, never shown candidates."""
    response = client.get(reverse("admin:claims_statement_candidates"), {"text": REPEAT})
    assert response.status_code == 302
    assert "/login/" in response["Location"]


# --- Readers, API, ClaimReview --------------------------------------------------------------


def test_nothing_shows_before_the_claim_is_published(client, said, editor):
    """A draft claim is not on the statement page, its page or the API."""
    claim = confirm_same_claim(statement=said["repeat"], other=said["first"], by=editor)
    assert "Also said by" not in client.get(said["repeat"].get_absolute_url()).content.decode()
    assert client.get(reverse("claim-detail", args=[claim.pk])).status_code == 404
    assert client.get("/api/v1/claims/").json()["results"] == []
    repeats = client.get(f"/api/v1/statements/{said['repeat'].pk}/repeats/").json()
    assert repeats["claim"] is None


def test_the_statement_page_shows_also_said_by_and_the_earlier_rating(client, said, publisher):
    """The repeat's page names the first speaker and the rating of the first statement."""
    _published_claim(said, publisher)
    html = client.get(said["repeat"].get_absolute_url()).content.decode()
    assert "Also said by" in html
    assert "Zohran Mamdani" in html
    assert "Rated" in html and "Mostly False" in html and "3 March 2025" in html


def test_the_claim_page_lists_appearances_in_order(client, said, publisher):
    """The claim page lists the 2020 statement before the 2025 one, with the rating."""
    claim = _published_claim(said, publisher)
    html = client.get(reverse("claim-detail", args=[claim.pk])).content.decode()
    assert html.index("Zohran Mamdani") < html.index("Tiffany Caban")
    assert "Mostly False" in html


def test_the_api_lists_claims_with_appearances_and_ratings(client, said, publisher):
    """/api/v1/claims/ gives each claim's appearances in order and its ratings."""
    claim = _published_claim(said, publisher)
    body = client.get("/api/v1/claims/").json()
    (row,) = body["results"]
    assert row["id"] == claim.pk
    assert [appearance["id"] for appearance in row["appearances"]] == [
        said["first"].pk,
        said["repeat"].pk,
    ]
    assert row["first_appearance"]["id"] == said["first"].pk
    assert row["ratings"][0]["rating"]["name"] == "Mostly False"
    detail = client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert detail["wording"] == DEFUND
    repeats = client.get(f"/api/v1/statements/{said['repeat'].pk}/repeats/").json()
    assert repeats["claim"]["id"] == claim.pk


def test_claimreview_lists_every_appearance_and_the_first(client, said, publisher):
    """The ClaimReview of the first statement's check lists both statements' sources."""
    _published_claim(said, publisher)
    review = client.get(reverse("v1:factcheck-claimreview", kwargs={"pk": said["check"].pk})).json()
    headlines = {work["headline"] for work in review["itemReviewed"]["appearance"]}
    sources = {
        citation.source.title
        for statement in (said["first"], said["repeat"])
        for citation in statement.citations.all()
    }
    assert headlines == sources
    first_sources = {citation.source.title for citation in said["first"].citations.all()}
    assert review["itemReviewed"]["firstAppearance"]["headline"] in first_sources


# --- Backfill -------------------------------------------------------------------------------


def test_the_backfill_proposes_repeats_once_and_resumes(said, capsys):
    """Proposals are stored once per pair; progress names the last id; a rerun adds none."""
    call_command("propose_repeats")
    output = capsys.readouterr().out
    assert "Checked 3 of 3 statements" in output
    assert RepeatProposal.objects.filter(statement=said["first"], other=said["repeat"]).exists()
    call_command("propose_repeats", start_after=str(said["first"].pk))
    assert "repeats proposed" in capsys.readouterr().out
    assert RepeatProposal.objects.count() == 1


@pytest.mark.parametrize("value", ["-1", "abc", "9" * 30, "", "\u00b2", "\u2460"])
def test_the_backfill_refuses_a_bad_option_in_one_line(said, value):
    """A bad --start-after is one readable line and a non-zero exit."""
    with pytest.raises(CommandError, match="--start-after takes a whole number"):
        call_command("propose_repeats", start_after=value)


def test_the_backfill_refuses_a_bad_limit(said):
    with pytest.raises(CommandError, match="--limit takes a whole number from 1"):
        call_command("propose_repeats", limit="0")


def test_confirming_a_proposed_repeat_removes_it(said, editor):
    """Once an editor answers, the pair leaves the list of proposed repeats."""
    call_command("propose_repeats")
    confirm_same_claim(statement=said["repeat"], other=said["first"], by=editor)
    assert not RepeatProposal.objects.exists()


def test_the_claims_json_is_plain(client, said, publisher):
    """The API's claim list is JSON an ordinary client reads (no markup in fields)."""
    _published_claim(said, publisher)
    assert json.loads(client.get("/api/v1/claims/").content)["results"][0]["status"] == "published"


@pytest.mark.parametrize("size", [2, 12])
def test_the_claim_page_runs_a_fixed_number_of_queries(client, size, django_assert_max_num_queries):
    """However many statements make the claim, its page costs the same."""
    claim = Claim.objects.create(wording=DEFUND, status=Status.PUBLISHED)
    for _ in range(size):
        statement = factories.PublishedStatementFactory(text=DEFUND)
        factories.FactCheckFactory(statement=statement, status=Status.PUBLISHED)
        ClaimAppearance.objects.create(claim=claim, statement=statement)
    # claim with topic; its statements with speaker, subject, topic (organizations and
    # positions: none here); its ratings with rating and speakers
    # +1: the content revision, for the ETag and the response cache (core/revisions.py)
    with django_assert_max_num_queries(5 + 1):
        response = client.get(reverse("claim-detail", args=[claim.pk]))
    assert response.content.count(b'class="claim-rating"') == size


@pytest.mark.django_db(transaction=True)
def test_the_migration_goes_back_and_forth_on_either_database():
    """claims.0016 is reversible on SQLite too (pg_trgm is PostgreSQL's alone)."""
    call_command("migrate", "claims", "0015", verbosity=0)
    call_command("migrate", "claims", verbosity=0)
    assert Claim.objects.count() == 0
