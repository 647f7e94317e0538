"""The bad-input corpus, API: hostile and malformed input to the API's writes and filters is a
4xx with a message, never a 500, and leaves the database as it was. (The admin forms have
their own corpus, test_bad_input_corpus_admin.py; docs/reliability.md counts both.)

What the app promises for markup: HTML and script in a text field are stored as typed (a quote
may contain "<b>") and always rendered escaped; the pages helper's tests show them inert. So
those cases are accepted here (2xx), stored verbatim, and checked to be returned as plain JSON
strings, never interpreted.

Control characters, lone surrogates and U+FFFD are refused in every text field by the model's
own validators (core/plain_text.py), the same rule the admin, imports and seeds follow.
"""

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import Statement
from core.partial_dates import PartialDate
from tests import factories
from tests.api.versions import if_match
from tests.reliability.bad_input import MEGABYTE, SCRIPT, database_state, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    """Tokens stand in for logins here; hashing the editor's password at full strength took
    most of each case's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def story(db):
    person = factories.PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani")
    other = factories.PersonFactory(name="Karam Chowdhury", slug="karam-chowdhury")
    position = factories.PositionFactory()
    statement = factories.PublishedStatementFactory(speaker=person, position=position)
    return {"person": person, "other": other, "position": position, "statement": statement}


@pytest.fixture
def editor_client(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client


def good_statement(story) -> dict:
    return {
        "speaker": "zohran-mamdani",
        "kind": "quote",
        "text": "Something said.",
        "said_on": "2025-06",
    }


# (case name, fields to change in a good statement)
STATEMENT_CASES = [
    ("text as a list", {"text": ["a", "b"]}),
    ("text as an object", {"text": {"a": 1}}),
    ("text null", {"text": None}),
    ("text empty", {"text": ""}),
    ("text with a NUL byte", {"text": "before\x00after"}),
    ("venue of 1 MB", {"venue": MEGABYTE}),
    ("speaker label of 1 MB", {"speaker_label": MEGABYTE, "speaker": None}),
    ("venue with a NUL byte", {"venue": "Zoom\x00call"}),
    ("said_on month 13", {"said_on": "2025-13"}),
    ("said_on 30 February", {"said_on": "2025-02-30"}),
    ("said_on year 0", {"said_on": "0000"}),
    ("said_on five-digit year", {"said_on": "20255"}),
    ("said_on words", {"said_on": "last Tuesday"}),
    ("said_on empty", {"said_on": ""}),
    ("said_on a list", {"said_on": ["2025"]}),
    ("said_on with a NUL byte", {"said_on": "2025\x00"}),
    ("said_on SQL", {"said_on": "2025'; DROP TABLE claims_statement; --"}),
    ("kind unknown", {"kind": "rumour"}),
    ("kind as a number", {"kind": 3}),
    ("speaker unknown slug", {"speaker": "no-such-person"}),
    ("speaker SQL", {"speaker": "x' OR '1'='1"}),
    ("speaker as an object", {"speaker": {"slug": "zohran-mamdani"}}),
    ("speaker with a NUL byte", {"speaker": "zohran\x00mamdani"}),
    ("no speaker at all", {"speaker": None}),
    ("position that does not exist", {"position": 999999}),
    ("position id too large for the column", {"position": 2**70}),
    ("position negative", {"position": -1}),
    ("position as text", {"position": "one"}),
    ("topic unknown", {"topic": "no-such-topic"}),
    ("subject unknown", {"subject": "no-such-person"}),
]


@pytest.mark.parametrize(("case", "change"), STATEMENT_CASES, ids=[c for c, _ in STATEMENT_CASES])
def test_a_bad_statement_is_a_400_with_a_message_and_changes_nothing(
    editor_client, story, case, change
):
    before = row_counts()
    response = editor_client.post(
        "/api/v1/statements/", {**good_statement(story), **change}, format="json"
    )
    assert 400 <= response.status_code < 500, (case, response.status_code, response.content[:300])
    assert response.json(), case
    assert row_counts() == before


RAW_BODIES = [
    (
        "a lone surrogate escape",
        b'{"speaker": "zohran-mamdani", "text": "\\ud800", "said_on": "2025"}',
    ),
    (
        "invalid UTF-8 bytes",
        b'{"speaker": "zohran-mamdani", "text": "\xff\xfe", "said_on": "2025"}',
    ),
    ("truncated JSON", b'{"speaker": "zohran-mamdani", "text": '),
    ("JSON that is a list", b'[{"text": "x"}]'),
    ("JSON that is a string", b'"just a string"'),
    ("a deeply nested value", b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
]


@pytest.mark.parametrize(("case", "body"), RAW_BODIES, ids=[c for c, _ in RAW_BODIES])
def test_a_malformed_body_is_a_400_and_changes_nothing(editor_client, story, case, body):
    before = row_counts()
    response = editor_client.generic(
        "POST", "/api/v1/statements/", body, content_type="application/json"
    )
    assert 400 <= response.status_code < 500, (case, response.status_code, response.content[:300])
    assert response.json()
    assert row_counts() == before


def test_unknown_fields_are_refused_or_ignored_never_stored(editor_client, story):
    before = row_counts()
    response = editor_client.post(
        "/api/v1/statements/",
        {**good_statement(story), "status": "published", "version": 99, "id": 1},
        format="json",
    )
    if response.status_code == 201:
        from claims.models import Statement

        created = Statement.objects.get(pk=response.json()["id"])
        assert created.status == "draft"
        assert created.version == 1
    else:
        assert 400 <= response.status_code < 500
        assert row_counts() == before


def test_html_and_script_in_text_fields_are_stored_verbatim_and_returned_as_text(
    editor_client, story
):
    response = editor_client.post(
        "/api/v1/statements/",
        {**good_statement(story), "text": SCRIPT, "venue": SCRIPT, "speaker_label": SCRIPT},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response["Content-Type"].startswith("application/json")
    from claims.models import Statement

    stored = Statement.objects.get(pk=response.json()["id"])
    assert (stored.text, stored.venue, stored.speaker_label) == (SCRIPT, SCRIPT, SCRIPT)


SOURCE_CASES = [
    ("url javascript:", {"web_url": "javascript:alert(1)"}),
    ("url without scheme", {"web_url": "example.org/story"}),
    ("url of 1 MB", {"web_url": "https://example.org/" + MEGABYTE}),
    ("url with a NUL byte", {"web_url": "https://example.org/\x00"}),
    ("title of 1 MB", {"title": MEGABYTE}),
    ("title empty", {"title": ""}),
    ("kind unknown", {"kind": "rumour"}),
    ("published_on month 0", {"published_on": "2025-00"}),
    ("publisher unknown", {"publisher": "no-such-outlet"}),
    ("duplicate url", {"web_url": "DUPLICATE"}),
]


@pytest.mark.parametrize(("case", "change"), SOURCE_CASES, ids=[c for c, _ in SOURCE_CASES])
def test_a_bad_source_is_a_400_and_changes_nothing(editor_client, story, case, change):
    existing = factories.SourceFactory(url="https://news.example.org/already-here")
    if change.get("web_url") == "DUPLICATE":
        change = {"web_url": "HTTPS://NEWS.example.org/already-here?utm_source=x"}
    before = row_counts()
    response = editor_client.post(
        "/api/v1/sources/",
        {"title": "A story", "web_url": "https://example.org/new", "kind": "article", **change},
        format="json",
    )
    assert 400 <= response.status_code < 500, (case, response.status_code, response.content[:300])
    assert response.json()
    assert row_counts() == before
    assert existing.pk


FILTER_CASES = [
    ("statements", "q=%00"),
    ("statements", "q=" + "x" * 100_000),
    ("statements", "speaker=%00"),
    ("statements", "speaker=x%27%20OR%201%3D1"),
    ("statements", "said_after=2025-13"),
    ("statements", "said_before=not-a-date"),
    ("statements", "position=99999999999999999999999"),
    ("statements", "position=abc"),
    ("statements", "kind=rumour"),
    ("statements", "status=deleted"),
    ("statements", "source=-1"),
    # Digits str.isdigit() takes and int() refuses: a superscript two, a circled one.
    ("statements", "source=%C2%B2"),
    ("statements", "source=%E2%91%A0"),
    ("statements", "cursor=not-a-cursor"),
    ("statements", "topic=%ED%A0%80"),
    ("fact-checks", "rating=%00"),
    ("people", "q=%01%02%03"),
    ("sources", "q=%00"),
]


@pytest.mark.parametrize(
    ("endpoint", "query"), FILTER_CASES, ids=[f"{e}?{q[:30]}" for e, q in FILTER_CASES]
)
def test_a_bad_filter_is_a_4xx_never_a_500(client, story, endpoint, query):
    response = client.get(f"/api/v1/{endpoint}/?{query}")
    assert response.status_code in (200, 400, 404), (endpoint, query, response.status_code)
    if response.status_code != 200:
        assert json.loads(response.content)


# (case, endpoint, fields to change in a good record, field at fault, what its message says)
PLAIN_TEXT_CASES = [
    (
        "text with U+0001",
        "statements",
        {"text": "We\x01will."},
        "text",
        "control character U+0001 at character 3",
    ),
    (
        "text with an escape sequence",
        "statements",
        {"text": "\x1b[31mWe will."},
        "text",
        "control character U+001B",
    ),
    ("text with DEL", "statements", {"text": "We will\x7f."}, "text", "control character U+007F"),
    ("text with C1 NEL", "statements", {"text": "We\x85will."}, "text", "control character U+0085"),
    (
        "text with U+FFFD",
        "statements",
        {"text": "We \ufffd will."},
        "text",
        "replacement character U+FFFD",
    ),
    (
        "text with a lone surrogate",
        "statements",
        {"text": "We \ud800 will."},
        "text",
        "lone surrogate",
    ),
    (
        "venue with a line break",
        "statements",
        {"venue": "Zoom\ncall"},
        "venue",
        "single line of text",
    ),
    (
        "speaker label with a tab",
        "statements",
        {"speaker_label": "An\tofficer", "speaker": None},
        "speaker_label",
        "single line of text",
    ),
    (
        "title with a form feed",
        "sources",
        {"title": "A\x0cstory"},
        "title",
        "control character U+000C",
    ),
    (
        "url with U+0001",
        "sources",
        {"web_url": "https://example.org/a\x01b"},
        "url",
        "control character U+0001",
    ),
    (
        "excerpt with a backspace",
        "citations",
        {"excerpt": "We\x08will."},
        "excerpt",
        "control character U+0008",
    ),
    (
        "locator with a line break",
        "citations",
        {"locator": "paragraph\n6"},
        "locator",
        "single line of text",
    ),
]


def good_record(endpoint: str, story) -> dict:
    if endpoint == "statements":
        return good_statement(story)
    if endpoint == "sources":
        return {"title": "A story", "web_url": "https://example.org/new", "kind": "article"}
    draft = factories.StatementFactory(speaker=story["person"])
    return {"statement": draft.pk, "source": factories.SourceFactory().pk, "excerpt": "We will."}


@pytest.mark.parametrize(
    ("case", "endpoint", "change", "field", "message"),
    PLAIN_TEXT_CASES,
    ids=[case[0] for case in PLAIN_TEXT_CASES],
)
def test_control_characters_and_invalid_unicode_are_a_400_naming_the_character(
    editor_client, story, case, endpoint, change, field, message
):
    body = {**good_record(endpoint, story), **change}
    before = database_state()
    # json.dumps writes a lone surrogate as the escape "\\ud800", as a client may send it.
    response = editor_client.generic(
        "POST", f"/api/v1/{endpoint}/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400, (case, response.status_code, response.content[:300])
    assert any(message in text for text in response.json().get(field, [])), response.json()
    assert database_state() == before


def test_tabs_and_line_breaks_are_fine_in_multi_line_text(editor_client, story):
    text = "First line,\r\nsecond line\twith a tab."
    response = editor_client.post(
        "/api/v1/statements/", {**good_statement(story), "text": text}, format="json"
    )
    assert response.status_code == 201, response.content
    assert Statement.objects.get(pk=response.json()["id"]).text == text


@pytest.fixture
def shift(story):
    """A stance shift resting on two of Mamdani's statements on one topic."""
    person, position = story["person"], story["position"]
    earlier = factories.StatementFactory(
        speaker=person, position=position, said_on=PartialDate(2020)
    )
    later = factories.StatementFactory(speaker=person, position=position, said_on=PartialDate(2025))
    return factories.StanceShiftFactory(earlier=earlier, later=later)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"subject": "karam-chowdhury"}, "subject", "so its subject must stay Zohran Mamdani."),
        ({"topic": None, "position": None}, "topic", "so its topic must stay"),
        ({"said_on": "2019"}, "said_on", "cannot be dated before the earlier one (2020)"),
    ],
    ids=["another subject", "no topic", "dated before the earlier one"],
)
def test_a_statement_in_a_stance_shift_cannot_be_changed_out_of_it(
    editor_client, shift, change, field, message
):
    """A 400 naming the field, from the model's rule, not the database trigger's refusal."""
    before = database_state()
    url = f"/api/v1/statements/{shift.later.pk}/"
    response = editor_client.patch(url, change, format="json", **if_match(editor_client, url))
    assert response.status_code == 400, response.content
    assert any(message in text for text in response.json()[field]), response.json()
    assert database_state() == before


def test_stance_shifts_cannot_be_written_through_the_api(editor_client, shift):
    """The API reads shifts only; a mismatched one can only be tried in the admin (its corpus)."""
    before = database_state()
    response = editor_client.post(
        "/api/v1/stance-shifts/",
        {
            "subject": "karam-chowdhury",
            "earlier": shift.earlier.pk,
            "later": shift.later.pk,
            "rating": "full_flop",
        },
        format="json",
    )
    assert response.status_code == 405
    assert response.json()["detail"]
    assert database_state() == before
