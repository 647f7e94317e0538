"""The bad-input corpus, admin forms: hostile and malformed input posted to the real admin add
and change forms (and their inlines) is the form again, 200, with a message on the field at
fault, never a 500; and every row of every table of ours is as it was.

Each case changes one thing in a form that saves (test_each_good_form_saves shows they do),
posted url-encoded as a browser posts an admin form. The cases are grouped by kind in
CASES_BY_KIND; docs/reliability.md counts them with the API corpus's.

Invalid Unicode: a lone surrogate ("\\ud800") cannot be encoded as UTF-8, so Django's test
client refuses to send it and no browser does. What can reach the server is bytes that are not
UTF-8: a surrogate encoded anyway (%ED%A0%80, as some broken encoders do) or stray bytes (%FF).
Django decodes a form post leniently and puts U+FFFD where those bytes were; the plain-text
rule (core/plain_text.py) refuses U+FFFD, so these cases post the raw bytes and expect that
message. (Through the API, "\\ud800" in JSON does arrive as a surrogate: see the API corpus.)

SQL-looking text and HTML/script are accepted where they are plain text, stored verbatim and
shown escaped; those cases are at the end.
"""

import datetime
from types import SimpleNamespace
from urllib.parse import quote_plus

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from claims.models import Statement, Status
from core.partial_dates import PartialDate
from tests.admin_forms import change_form_data
from tests.factories import (
    OrganizationFactory,
    PersonFactory,
    PositionFactory,
    PublishedStatementFactory,
    RatingFactory,
    RatingScaleFactory,
    RoleFactory,
    SourceFactory,
    StanceShiftFactory,
    StatementFactory,
    TopicFactory,
)
from tests.reliability.bad_input import (
    MEGABYTE,
    SCRIPT,
    SQL,
    database_state,
    refuse_nul_bytes_as_postgresql_does,
)

pytestmark = pytest.mark.django_db

TOO_LARGE_ID = str(2**70)


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """Logins are forced here; hashing the editor's password at full strength took most of
    each case's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class PercentEncoded(str):
    """A value posted as these bytes exactly (already percent-encoded), not as UTF-8 text."""


@pytest.fixture
def world(db, editor):
    """The records the forms point at: two people, a topic with statements and a stance shift."""
    w = SimpleNamespace()
    w.editor = editor
    w.mamdani = PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani")
    w.chowdhury = PersonFactory(name="Karam Chowdhury", slug="karam-chowdhury")
    w.outlet = OrganizationFactory(name="The City", slug="the-city")
    w.position = PositionFactory(name="Defund the police", slug="defund-the-police")
    w.topic = w.position.topic
    w.other_position = PositionFactory(name="Expand the police", slug="expand-the-police")
    w.bare_topic = TopicFactory(name="Housing", slug="housing")
    w.scale = RatingScaleFactory(best=6, worst=1)
    w.rating = RatingFactory(scale=w.scale)
    w.golf = RatingScaleFactory(name="Golf", slug="golf", best=1, worst=5)
    w.source = SourceFactory(url="https://news.example.org/already-here", title="Already here")
    w.chowdhury_role = RoleFactory(person=w.chowdhury, organization=w.outlet, title="Reporter")

    def said(speaker, position, year, month=None):
        return StatementFactory(
            speaker=speaker, position=position, said_on=PartialDate(year, month)
        )

    w.earlier = said(w.mamdani, w.position, 2020)
    w.later = said(w.mamdani, w.position, 2025)
    w.latest = said(w.mamdani, w.position, 2025, 6)
    w.about_chowdhury = said(w.chowdhury, w.position, 2025)
    w.off_topic = said(w.mamdani, w.other_position, 2025)
    w.shift = StanceShiftFactory(earlier=w.earlier, later=w.later)
    return w


# Each form: its URL and the fields that make it save (a change form changes one field of its
# own: posted as it was shown, it saves nothing).
FORMS = {
    "person add": lambda w: (
        reverse("admin:people_person_add"),
        {"name": "Rodney Harrison", "slug": "rodney-harrison"},
    ),
    "person change": lambda w: (
        reverse("admin:people_person_change", args=[w.mamdani.pk]),
        {"description": "An edited description."},
    ),
    "organization add": lambda w: (
        reverse("admin:people_organization_add"),
        {"name": "NYPD", "slug": "nypd", "kind": "police"},
    ),
    "role add": lambda w: (
        reverse("admin:people_role_add"),
        {"person": w.mamdani.pk, "organization": w.outlet.pk, "title": "Columnist"},
    ),
    "source add": lambda w: (
        reverse("admin:sources_source_add"),
        {"title": "A story", "kind": "article", "url": "https://example.org/new"},
    ),
    "statement add": lambda w: (
        reverse("admin:claims_statement_add"),
        {"speaker": w.mamdani.pk, "kind": "quote", "text": "We will.", "said_on": "2025-06"},
    ),
    "statement change": lambda w: (
        reverse("admin:claims_statement_change", args=[w.later.pk]),
        {"venue": "A town hall"},
    ),
    "citation add": lambda w: (
        reverse("admin:claims_citation_add"),
        {"statement": w.latest.pk, "source": w.source.pk, "excerpt": "We will."},
    ),
    "topic add": lambda w: (
        reverse("admin:claims_topic_add"),
        {"name": "Transit", "slug": "transit"},
    ),
    "topic change": lambda w: (
        reverse("admin:claims_topic_change", args=[w.bare_topic.pk]),
        {"description": "An edited description."},
    ),
    "position add": lambda w: (
        reverse("admin:claims_position_add"),
        {"topic": w.topic.pk, "name": "Reform the police", "slug": "reform", "axis_value": "0"},
    ),
    "rating scale add": lambda w: (
        reverse("admin:claims_ratingscale_add"),
        {"name": "Pinocchios", "slug": "pinocchios", "best": "0", "worst": "4"},
    ),
    "rating scale change": lambda w: (
        reverse("admin:claims_ratingscale_change", args=[w.golf.pk]),
        {"name": "An edited name"},
    ),
    "rating add": lambda w: (
        reverse("admin:claims_rating_add"),
        {"scale": w.scale.pk, "name": "Half True", "slug": "half-true", "value": "3"},
    ),
    "fact-check add": lambda w: (
        reverse("admin:claims_factcheck_add"),
        {
            "statement": w.later.pk,
            "claim_reviewed": "Crime fell.",
            "rating": w.rating.pk,
            "analysis": "It did not.",
            "reviewed_on": "2025-06-27",
        },
    ),
    "stance shift add": lambda w: (
        reverse("admin:claims_stanceshift_add"),
        {
            "subject": w.mamdani.pk,
            "topic": w.topic.pk,
            "earlier": w.earlier.pk,
            "later": w.latest.pk,
            "rating": "half_flip",
            "analysis": "The position moved.",
        },
    ),
    "endorsement add": lambda w: (
        reverse("admin:claims_endorsement_add"),
        {"endorser_person": w.chowdhury.pk, "endorsed": w.mamdani.pk, "kind": "support"},
    ),
    "correction add": lambda w: (
        reverse("admin:claims_correction_add"),
        {
            "content_type": ContentType.objects.get_for_model(Statement).pk,
            "object_id": w.later.pk,
            "what_changed": "The date.",
            "reason": "A typo.",
        },
    ),
}


def post(client, url: str, data: dict):
    """Post a form url-encoded, as a browser does; PercentEncoded values go as their bytes."""
    pairs = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            encoded = item if isinstance(item, PercentEncoded) else quote_plus(str(item))
            pairs.append(f"{quote_plus(key)}={encoded}")
    return client.post(url, "&".join(pairs), content_type="application/x-www-form-urlencoded")


def errors_in(response) -> dict[str, list[str]]:
    """Every error on the page: the form's by field, inline rows' as "prefix-row-field",
    and an inline's own as its prefix."""
    found = {
        name: list(messages) for name, messages in response.context["adminform"].form.errors.items()
    }
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        if formset.non_form_errors():
            found[formset.prefix] = list(formset.non_form_errors())
        for row, row_errors in enumerate(formset.errors):
            for name, messages in row_errors.items():
                found[f"{formset.prefix}-{row}-{name}"] = list(messages)
    return found


def filled_form(client, world, form: str, changes: dict) -> tuple[str, dict]:
    """The form's URL and what it would post, with some values changed (None: left out)."""
    url, good = FORMS[form](world)
    data = {**change_form_data(client.get(url), **good), **changes}
    return url, {name: value for name, value in data.items() if value is not None}


# Each kind's cases: (case, form, changes (or a function of the world; values may be too),
# field at fault, what its message says).
CASES_BY_KIND = {
    "wrong types": [
        (
            "version not a number",
            "person change",
            {"version": "abc"},
            "version",
            "Enter a whole number.",
        ),
        (
            "rating value in words",
            "rating add",
            {"value": "seven"},
            "value",
            "Enter a whole number.",
        ),
        (
            "rating value beyond any column",
            "rating add",
            {"value": TOO_LARGE_ID},
            "value",
            "less than or equal to",
        ),
        (
            "axis value as a float",
            "position add",
            {"axis_value": "1e3"},
            "axis_value",
            "Enter a whole number.",
        ),
        (
            "parent as a word",
            "organization add",
            {"parent": "one"},
            "parent",
            "Select a valid choice.",
        ),
        (
            "parent id beyond any column",
            "organization add",
            {"parent": TOO_LARGE_ID},
            "parent",
            "Select a valid choice.",
        ),
        (
            "parent that does not exist",
            "organization add",
            {"parent": "999999"},
            "parent",
            "Select a valid choice.",
        ),
        (
            "author id beyond any column",
            "source add",
            {"authors": [TOO_LARGE_ID]},
            "authors",
            f"“{TOO_LARGE_ID}” is not a valid value.",
        ),
        (
            "position that does not exist",
            "statement add",
            {"position": "999999"},
            "position",
            "Select a valid choice.",
        ),
        (
            "kind not on the list",
            "organization add",
            {"kind": "rumour"},
            "kind",
            "rumour is not one of the available choices.",
        ),
        (
            "shift rating not on the list",
            "stance shift add",
            {"rating": "half_flop"},
            "rating",
            "half_flop is not one of the available choices.",
        ),
        (
            "review date in words",
            "fact-check add",
            {"reviewed_on": "yesterday"},
            "reviewed_on",
            "Enter a day of the calendar as YYYY-MM-DD",
        ),
        (
            "negative record id",
            "correction add",
            {"object_id": "-1"},
            "object_id",
            "greater than or equal to 0",
        ),
        (
            "correction about a user account",
            "correction add",
            lambda w: {"content_type": ContentType.objects.get(app_label="auth", model="user").pk},
            "content_type",
            "Select a valid choice.",
        ),
    ],
    "out-of-range dates": [
        (
            "said_on month 13",
            "statement add",
            {"said_on": "2025-13"},
            "said_on",
            "The month must be between 01 and 12.",
        ),
        (
            "said_on 30 February",
            "statement add",
            {"said_on": "2025-02-30"},
            "said_on",
            "2025-02-30 is not a day of the calendar.",
        ),
        (
            "said_on year 1799",
            "statement add",
            {"said_on": "1799"},
            "said_on",
            "The year must be between 1800 and 2100.",
        ),
        (
            "said_on five-digit year",
            "statement add",
            {"said_on": "20255"},
            "said_on",
            "Enter a date as YYYY",
        ),
        (
            "published_on month 0",
            "source add",
            {"published_on": "2025-00"},
            "published_on",
            "The month must be between 01 and 12.",
        ),
        (
            "role ending in month 13",
            "role add",
            {"end": "2025-13"},
            "end",
            "The month must be between 01 and 12.",
        ),
        (
            "endorsed_on day 32",
            "endorsement add",
            {"endorsed_on": "2025-01-32"},
            "endorsed_on",
            "is not a day of the calendar.",
        ),
        (
            "review date month 13",
            "fact-check add",
            {"reviewed_on": "2025-13-01"},
            "reviewed_on",
            "Enter a day of the calendar as YYYY-MM-DD",
        ),
    ],
    "out-of-range ratings and values": [
        (
            "rating above the scale",
            "rating add",
            {"value": "7"},
            "value",
            "The value must lie between 1 and 6",
        ),
        (
            "rating below the scale",
            "rating add",
            {"value": "0"},
            "value",
            "The value must lie between 1 and 6",
        ),
        (
            "rating outside its scale in the scale form",
            "rating scale change",
            {"ratings-0-name": "Eagle", "ratings-0-slug": "eagle", "ratings-0-value": "-3"},
            "ratings-0-value",
            "The value must lie between 1 and 5",
        ),
        (
            "scale whose best is its worst",
            "rating scale add",
            {"best": "4"},
            "__all__",
            "Best and worst must differ.",
        ),
        (
            "axis value 101",
            "position add",
            {"axis_value": "101"},
            "__all__",
            "The axis value must be between -100 and 100.",
        ),
    ],
    "1 MB strings": [
        (
            "name of 1 MB",
            "person add",
            {"name": MEGABYTE},
            "name",
            "at most 200 characters (it has 1048576)",
        ),
        ("venue of 1 MB", "statement add", {"venue": MEGABYTE}, "venue", "at most 300 characters"),
        ("title of 1 MB", "source add", {"title": MEGABYTE}, "title", "at most 500 characters"),
        (
            "inline position name of 1 MB",
            "topic change",
            {
                "positions-0-name": MEGABYTE,
                "positions-0-slug": "big",
                "positions-0-axis_value": "1",
            },
            "positions-0-name",
            "at most 200 characters",
        ),
    ],
    "NUL and other control characters": [
        # core/plain_text.py
        (
            "name with a NUL byte",
            "person add",
            {"name": "Rodney\x00Harrison"},
            "name",
            "Null characters are not allowed.",
        ),
        (
            "notes with a NUL byte",
            "source add",
            {"notes": "Check\x00this"},
            "notes",
            "Null characters are not allowed.",
        ),
        (
            "name with U+0001",
            "person add",
            {"name": "Rodney\x01Harrison"},
            "name",
            "control character U+0001 at character 7",
        ),
        (
            "name with a line break",
            "person add",
            {"name": "Rodney\nHarrison"},
            "name",
            "single line of text",
        ),
        (
            "description with a tab",
            "person add",
            {"description": "Police\tcommissioner"},
            "description",
            "single line of text",
        ),
        (
            "aliases with an escape sequence",
            "person add",
            {"aliases": "Rod\x1b[31m"},
            "aliases",
            "control character U+001B",
        ),
        (
            "aliases with DEL",
            "organization add",
            {"aliases": "N\x7fYPD"},
            "aliases",
            "control character U+007F",
        ),
        (
            "url with U+0001",
            "source add",
            {"url": "https://example.org/a\x01b"},
            "url",
            "control character U+0001",
        ),
        (
            "text with a vertical tab",
            "statement add",
            {"text": "We\x0bwill."},
            "text",
            "control character U+000B",
        ),
        (
            "speaker label with C1 NEL",
            "statement add",
            {"speaker_label": "An officer\x85on the call"},
            "speaker_label",
            "control character U+0085",
        ),
        (
            "changed text with a backspace",
            "statement change",
            {"text": "Some\x08thing"},
            "text",
            "control character U+0008",
        ),
        (
            "citation excerpt with a bell",
            "statement add",
            {"citations-0-source": lambda w: w.source.pk, "citations-0-excerpt": "We\x07will."},
            "citations-0-excerpt",
            "control character U+0007",
        ),
        (
            "analysis with a form feed",
            "fact-check add",
            {"analysis": "Page one\x0cpage two"},
            "analysis",
            "control character U+000C",
        ),
        (
            "shift analysis with U+001F",
            "stance shift add",
            {"analysis": "Moved\x1ffar."},
            "analysis",
            "control character U+001F",
        ),
        (
            "inline position description with U+0002",
            "topic change",
            {
                "positions-0-name": "Build",
                "positions-0-slug": "build",
                "positions-0-axis_value": "1",
                "positions-0-description": "A\x02B",
            },
            "positions-0-description",
            "control character U+0002",
        ),
        (
            "role title with U+001E",
            "role add",
            {"title": "Chief\x1eof staff"},
            "title",
            "control character U+001E",
        ),
        (
            "rating name with a tab",
            "rating add",
            {"name": "Half\ttrue"},
            "name",
            "single line of text",
        ),
    ],
    "invalid Unicode": [
        # Bytes that are not UTF-8 arrive as U+FFFD (see the module docstring).
        (
            "name with an encoded lone surrogate",
            "person add",
            {"name": PercentEncoded("Rodney%ED%A0%80")},
            "name",
            "replacement character U+FFFD at character 7",
        ),
        (
            "text with stray bytes",
            "statement add",
            {"text": PercentEncoded("We%FF%FEwill")},
            "text",
            "replacement character U+FFFD",
        ),
        (
            "title with a cut-off sequence",
            "source add",
            {"title": PercentEncoded("Caf%C3")},
            "title",
            "replacement character U+FFFD",
        ),
        (
            "text with a typed U+FFFD",
            "statement add",
            {"text": "We \ufffd will."},
            "text",
            "replacement character U+FFFD",
        ),
    ],
    "duplicate slugs and keys": [
        (
            "person slug taken",
            "person add",
            {"slug": "zohran-mamdani"},
            "slug",
            "Person with this Slug already exists.",
        ),
        (
            "person slug changed to a taken one",
            "person change",
            {"slug": "karam-chowdhury"},
            "slug",
            "Person with this Slug already exists.",
        ),
        (
            "organization slug taken",
            "organization add",
            {"slug": "the-city"},
            "slug",
            "Organization with this Slug already exists.",
        ),
        (
            "topic slug taken",
            "topic add",
            lambda w: {"slug": w.topic.slug},
            "slug",
            "Topic with this Slug already exists.",
        ),
        (
            "position slug taken in its topic",
            "position add",
            {"slug": "defund-the-police"},
            "__all__",
            "Position with this Topic and Slug already exists.",
        ),
        (
            "rating slug taken in its scale",
            "rating add",
            {"slug": "mostly-false"},
            "__all__",
            "Rating with this Scale and Slug already exists.",
        ),
        (
            "two inline positions with one slug",
            "topic change",
            {
                "positions-TOTAL_FORMS": "2",
                **{
                    f"positions-{row}-{name}": value
                    for row in (0, 1)
                    for name, value in (
                        ("name", f"P{row}"),
                        ("slug", "same"),
                        ("axis_value", str(row)),
                    )
                },
            },
            "positions",
            "Please correct the duplicate data for slug.",
        ),
        (
            "source URL taken once normalized",
            "source add",
            {"url": "HTTPS://NEWS.example.org/already-here?utm_source=x"},
            "url",
            "already recorded as the source “Already here”",
        ),
    ],
    "SQL-looking strings where a format is required": [
        (
            "speaker as SQL",
            "statement add",
            {"speaker": "1' OR '1'='1"},
            "speaker",
            "Select a valid choice.",
        ),
        (
            "slug that is SQL",
            "person add",
            {"slug": "x' OR '1'='1"},
            "slug",
            "Enter a valid “slug”",
        ),
        (
            "Wikidata id that is SQL",
            "person add",
            {"wikidata_id": "Q1' OR '1'='1"},
            "wikidata_id",
            "A Wikidata id is Q followed by digits",
        ),
    ],
    "forged form data": [
        (
            "inline count not a number",
            "topic change",
            {"positions-TOTAL_FORMS": "abc"},
            "positions",
            "ManagementForm data is missing or has been tampered with",
        ),
        (
            "inline management form missing",
            "person change",
            {"roles-TOTAL_FORMS": None},
            "roles",
            "ManagementForm data is missing or has been tampered with",
        ),
        (
            "version from the past",
            "person change",
            {"version": "0"},
            "__all__",
            "Someone else saved this record while you were editing it",
        ),
    ],
    "rules across fields": [
        (
            "no speaker at all",
            "statement add",
            {"speaker": ""},
            "speaker",
            "Name the speaker, their organization, or describe them.",
        ),
        (
            "position of another topic",
            "statement add",
            lambda w: {"topic": w.topic.pk, "position": w.other_position.pk},
            "position",
            "This position belongs to another topic",
        ),
        (
            "citation of nothing",
            "citation add",
            {"statement": ""},
            "__all__",
            "A citation supports exactly one statement or endorsement.",
        ),
        (
            "two endorsers",
            "endorsement add",
            lambda w: {"endorser_organization": w.outlet.pk},
            "endorser_person",
            "exactly one endorser",
        ),
    ],
    "mismatched stance shifts": [
        # Both statements share the shift's subject and topic, and are in date order.
        (
            "shift to a statement about someone else",
            "stance shift add",
            lambda w: {"later": w.about_chowdhury.pk},
            "later",
            "This statement is about Karam Chowdhury, not Zohran Mamdani.",
        ),
        (
            "shift to a statement on another topic",
            "stance shift add",
            lambda w: {"later": w.off_topic.pk},
            "later",
            "This statement is not on the topic",
        ),
        (
            "shift going back in time",
            "stance shift add",
            lambda w: {"earlier": w.latest.pk, "later": w.earlier.pk},
            "later",
            "The later statement must not be dated before the earlier one.",
        ),
        (
            "shift from a statement to itself",
            "stance shift add",
            lambda w: {"later": w.earlier.pk},
            "later",
            "Choose a later statement other than the earlier one: a shift is between two",
        ),
        (
            "shift about a subject neither statement is about",
            "stance shift add",
            lambda w: {"subject": w.chowdhury.pk},
            "earlier",
            "This statement is about Zohran Mamdani, not Karam Chowdhury.",
        ),
        (
            "shift that exists already",
            "stance shift add",
            lambda w: {"later": w.later.pk},
            "later",
            "This shift between these two statements is recorded already:",
        ),
        (
            "statement in a shift moved to another subject",
            "statement change",
            lambda w: {"subject": w.chowdhury.pk},
            "subject",
            "rests on this statement, so its subject must stay Zohran Mamdani.",
        ),
        (
            "statement in a shift moved to another topic",
            "statement change",
            lambda w: {"topic": w.bare_topic.pk, "position": ""},
            "topic",
            "rests on this statement, so its topic must stay",
        ),
        (
            "statement in a shift dated before the earlier one",
            "statement change",
            {"said_on": "2019"},
            "said_on",
            "cannot be dated before the earlier one (2020)",
        ),
    ],
    "the usual slips": [
        # One rule each, on the model: the API, import and seed cases are in
        # test_bad_input_corpus_slips.py.
        (
            "characterization with no subject but its speaker",
            "statement add",
            {"kind": "characterization"},
            "subject",
            "A characterization by another person shows someone else's position",
        ),
        (
            "characterization whose subject is its speaker",
            "statement add",
            lambda w: {"kind": "characterization", "subject": w.mamdani.pk},
            "subject",
            "choose whose position the speaker describes (not the speaker)",
        ),
        (
            "said next year",
            "statement add",
            lambda w: {"said_on": str(timezone.localdate().year + 1)},
            "said_on",
            "is in the future (today is",
        ),
        (
            "source published tomorrow",
            "source add",
            lambda w: {"published_on": _tomorrow().isoformat()},
            "published_on",
            "is in the future",
        ),
        (
            "fact-check reviewed tomorrow",
            "fact-check add",
            lambda w: {"reviewed_on": _tomorrow().isoformat()},
            "reviewed_on",
            "is in the future",
        ),
        (
            "endorsement dated next month",
            "endorsement add",
            lambda w: {"endorsed_on": (_tomorrow() + datetime.timedelta(days=31)).isoformat()[:7]},
            "endorsed_on",
            "is in the future",
        ),
        (
            "statement text of 20,000 unbroken characters",
            "statement add",
            {"text": "x" * 20_000},
            "text",
            "This is too long: at most 4000 characters (it has 20000)",
        ),
        (
            "citation excerpt of 20,000 characters",
            "statement add",
            {"citations-0-source": lambda w: w.source.pk, "citations-0-excerpt": "y" * 20_000},
            "citations-0-excerpt",
            "at most 4000 characters (it has 20000)",
        ),
    ],
}
CASES = [case for cases in CASES_BY_KIND.values() for case in cases]


def _tomorrow() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=1)


def _resolved(changes, world) -> dict:
    changes = changes(world) if callable(changes) else changes
    return {name: value(world) if callable(value) else value for name, value in changes.items()}


@pytest.mark.parametrize(
    ("case", "form", "changes", "field", "message"), CASES, ids=[case[0] for case in CASES]
)
def test_bad_input_in_an_admin_form_is_a_form_error_and_changes_nothing(
    client, world, case, form, changes, field, message
):
    client.force_login(world.editor)
    url, data = filled_form(client, world, form, _resolved(changes, world))
    before = database_state()

    response = post(client, url, data)

    assert response.status_code == 200, (case, response.status_code)
    errors = errors_in(response)
    assert any(message in text for text in errors.get(field, [])), (case, errors)
    assert escape(message) in response.content.decode()
    assert database_state() == before


def test_the_corpus_covers_every_kind_of_form(world):
    """Each form the cases use saves when left good (below), and every form is used."""
    assert {form for _, form, *_ in CASES} == set(FORMS)


@pytest.mark.parametrize("form", FORMS)
def test_each_good_form_saves(client, world, form):
    """The cases' starting point is valid, so each case's error is the case's own doing."""
    client.force_login(world.editor)
    url, data = filled_form(client, world, form, {})
    before = database_state()
    response = post(client, url, data)
    assert response.status_code == 302, errors_in(response)
    assert database_state() != before


def test_the_retraction_reason_follows_the_plain_text_rule(client, publisher):
    statement = PublishedStatementFactory()
    client.force_login(publisher)
    url = reverse("admin:claims_statement_retract", args=[statement.pk])
    before = database_state()
    for reason, message in [
        ("", "This field is required."),
        ("Wrong\x01speaker.", "control character U+0001"),
        ("Wrong \ufffd speaker.", "replacement character U+FFFD"),
    ]:
        response = client.post(url, {"reason": reason})
        assert response.status_code == 200
        assert any(message in text for text in response.context["form"].errors["reason"])
    assert database_state() == before
    assert Statement.objects.get(pk=statement.pk).status == Status.PUBLISHED


def test_a_forged_inline_row_never_reaches_another_record(client, world):
    """An inline row naming another person's role is not that person's to change: Django
    leaves rows outside the formset alone, and the other role stays as it was."""
    client.force_login(world.editor)
    role = world.chowdhury_role
    url, data = filled_form(
        client,
        world,
        "person change",
        {
            "roles-TOTAL_FORMS": "1",
            "roles-INITIAL_FORMS": "1",
            "roles-0-id": str(role.pk),
            "roles-0-person": str(world.mamdani.pk),
            "roles-0-title": "Taken over",
        },
    )
    response = post(client, url, data)
    assert response.status_code in (200, 302)
    role.refresh_from_db()
    assert (role.person, role.title) == (world.chowdhury, "Reporter")
    assert not world.mamdani.roles.exists()


def test_tabs_and_line_breaks_are_fine_in_multi_line_text(client, world):
    client.force_login(world.editor)
    text = "First line,\r\nsecond line\twith a tab."
    url, data = filled_form(client, world, "statement add", {"text": text})
    assert post(client, url, data).status_code == 302
    assert Statement.objects.filter(text=text).exists()


# Searches and filters of the admin's lists: a list (200), or Django's "?e=1" redirect for a
# filter it does not know (302), never a 500.
LIST_CASES = [
    ("people", "q=%00"),
    ("people", "q=%01%02%03"),
    ("people", "q=" + quote_plus(SQL)),
    ("people", "q=%ED%A0%80"),
    ("people", "q=" + "x" * 100_000),
    ("statement", "q=%00"),
    ("statement", "q=" + "x" * 100_000),
    ("statement", "status=deleted"),
    ("statement", "said_year=%00"),
    ("statement", "said_year=" + quote_plus(SQL)),
    ("statement", f"topic__id__exact={TOO_LARGE_ID}"),
    ("statement", "speaker__id__exact=abc"),
    ("statement", f"speaker={TOO_LARGE_ID}"),
    ("statement", f"topic={TOO_LARGE_ID}"),
    ("statement", f"subject__id__in=1,{TOO_LARGE_ID}"),
    ("statement", f"citations__source={TOO_LARGE_ID}"),
    ("statement", "status=%00"),
    ("statement", "speaker__name=a%00b"),
    ("statement", "o=abc"),
    ("statement", "p=-1"),
    ("source", "q=%00"),
    ("source", "q=" + "x" * 100_000),
    ("source", "published_year=%00"),
    ("source", "publisher__id__exact=%00"),
    ("snapshot", f"source={TOO_LARGE_ID}"),
    ("snapshot", "content_type=%00"),
    ("audit", f"id__in={TOO_LARGE_ID}"),
    ("quote not found", f"statement={TOO_LARGE_ID}"),
    ("repeat proposal", f"statement={TOO_LARGE_ID}"),
]
LIST_URLS = {
    "people": "/admin/people/person/",
    "statement": "/admin/claims/statement/",
    "source": "/admin/sources/source/",
    "snapshot": "/admin/sources/snapshot/",
    "audit": "/admin/claims/auditentry/",
    "quote not found": "/admin/claims/quotenotfound/",
    "repeat proposal": "/admin/claims/repeatproposal/",
}


@pytest.mark.parametrize(
    ("admin_list", "query"), LIST_CASES, ids=[f"{a}?{q[:30]}" for a, q in LIST_CASES]
)
def test_a_bad_search_or_filter_in_an_admin_list_is_never_a_500(
    client, world, publisher, admin_list, query
):
    # The audit log is for publishers.
    client.force_login(publisher if admin_list == "audit" else world.editor)
    before = database_state()
    with connection.execute_wrapper(refuse_nul_bytes_as_postgresql_does):
        response = client.get(f"{LIST_URLS[admin_list]}?{query}")
    assert response.status_code in (200, 302), response.status_code
    assert database_state() == before


# --- Accepted: SQL-looking text and markup are plain text, stored verbatim, shown escaped -------

# The text fields each form offers (inline rows included), and where their values are stored.
TEXT_FIELDS = {
    "person add": {
        "name": "people.Person",
        "aliases": "people.Person",
        "description": "people.Person",
    },
    "organization add": {"name": "people.Organization", "aliases": "people.Organization"},
    "role add": {"title": "people.Role"},
    "source add": {"title": "sources.Source", "notes": "sources.Source"},
    "statement add": {
        "speaker_label": "claims.Statement",
        "text": "claims.Statement",
        "venue": "claims.Statement",
        "citations-0-excerpt": "claims.Citation",
        "citations-0-locator": "claims.Citation",
    },
    "citation add": {"excerpt": "claims.Citation", "locator": "claims.Citation"},
    "topic add": {
        "name": "claims.Topic",
        "description": "claims.Topic",
        "positions-0-name": "claims.Position",
        "positions-0-description": "claims.Position",
    },
    "position add": {"name": "claims.Position", "description": "claims.Position"},
    "rating scale add": {
        "name": "claims.RatingScale",
        "ratings-0-name": "claims.Rating",
        "ratings-0-description": "claims.Rating",
    },
    "rating add": {"name": "claims.Rating", "description": "claims.Rating"},
    "fact-check add": {"claim_reviewed": "claims.FactCheck", "analysis": "claims.FactCheck"},
    "stance shift add": {"analysis": "claims.StanceShift"},
    "endorsement add": {"note": "claims.Endorsement"},
    "correction add": {"what_changed": "claims.Correction", "reason": "claims.Correction"},
}

# What an inline row needs besides its text to be saved.
INLINE_ROWS = {
    "statement add": lambda w: {"citations-0-source": w.source.pk},
    "topic add": lambda w: {"positions-0-slug": "row", "positions-0-axis_value": "1"},
    "rating scale add": lambda w: {"ratings-0-slug": "row", "ratings-0-value": "2"},
}


def stored_where(value: str) -> set[tuple[str, str]]:
    """(model, field) of every current row (not history) holding exactly this value."""
    return {
        (label, name)
        for label, rows in database_state().items()
        if ".Historical" not in label
        for row in rows
        for name, stored in row.items()
        if stored == value
    }


@pytest.mark.parametrize("value", [SCRIPT, SQL], ids=["HTML and script", "SQL"])
@pytest.mark.parametrize("form", TEXT_FIELDS)
def test_markup_and_sql_in_every_text_field_are_stored_verbatim_and_shown_escaped(
    client, world, form, value
):
    client.force_login(world.editor)
    fields = TEXT_FIELDS[form]
    changes = {**INLINE_ROWS.get(form, lambda w: {})(world), **dict.fromkeys(fields, value)}
    url, data = filled_form(client, world, form, changes)

    response = post(client, url, {**data, "_continue": "Save and continue editing"})

    assert response.status_code == 302, errors_in(response)
    assert {(label, name.rsplit("-", 1)[-1]) for name, label in fields.items()} <= {
        (label, name) for label, name in stored_where(value)
    }
    page = client.get(response["Location"]).content.decode()
    assert escape(value) in page
    if value == SCRIPT:
        assert "<script>alert" not in page
        assert "<img src=x" not in page


# Ids the admin reads from its own links and hidden fields, typed with characters that
# str.isdigit() takes and int() refuses (a superscript two, a circled one, Devanagari
# digits are fine): each is no id, as "abc" is, never a 500.
NOT_ASCII_DIGITS = ["\u00b2", "\u2460", "1\u00b2"]


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_an_autocomplete_narrowed_by_no_id_is_not_narrowed(client, world, value):
    client.force_login(world.editor)
    asked = {"app_label": "claims", "model_name": "statement", "field_name": "position"}
    response = client.get(reverse("admin-narrowed-autocomplete"), {**asked, "topic": value})
    assert response.status_code == 200, response.status_code
    assert response.json() == client.get(reverse("admin-narrowed-autocomplete"), asked).json()


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_a_new_statement_citing_no_id_starts_with_an_empty_citation(client, world, value):
    client.force_login(world.editor)
    response = client.get(reverse("admin:claims_statement_add"), {"cite_source": value})
    assert response.status_code == 200, response.status_code
    assert all(not inline.formset.initial for inline in response.context["inline_admin_formsets"])


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_a_restore_from_a_page_whose_version_is_no_number_is_never_a_500(client, world, value):
    """The version is ignored, as "abc" is: the restore is checked against the stored one."""
    client.force_login(world.editor)
    record = world.mamdani
    earliest = record.history.earliest().history_id
    url = reverse("admin:people_person_restore", args=[record.pk, earliest])
    response = client.post(url, {"version": value})
    assert response.status_code == 302, response.status_code
