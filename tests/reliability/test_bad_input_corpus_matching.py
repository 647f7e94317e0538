"""The bad-input corpus, claim matching: the statement form's candidates endpoint and its
"same claim" / "not the same" buttons answer hostile input with a 4xx and a reason, never a
500, and leave every row of every table of ours as it was."""

import pytest
from django.urls import reverse

from tests import factories
from tests.reliability.bad_input import MEGABYTE, SCRIPT, SQL, database_state

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def statements(db):
    text = "We need to defund the police and put that money into housing."
    return factories.PublishedStatementFactory(text=text), factories.StatementFactory(text=text)


CANDIDATES_TEXT = {
    "no text": None,
    "empty text": "",
    "blank text": " \n\t ",
    "text of 1 MB": MEGABYTE,
    "a NUL byte": "defund the police\x00",
    "a control character": "defund\x07 the police",
    "an escape sequence": "\x1b[31mdefund the police",
    "a replacement character": "defund the police \ufffd",
}


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("case", list(CANDIDATES_TEXT))
def test_bad_text_for_the_candidates_endpoint_is_a_400_and_changes_nothing(
    client, editor, statements, method, case
):
    client.force_login(editor)
    before = database_state()
    text = CANDIDATES_TEXT[case]
    data = {} if text is None else {"text": text}
    response = getattr(client, method)(reverse("admin:claims_statement_candidates"), data)
    assert response.status_code == 400, case
    assert response.json()["error"]
    assert database_state() == before


@pytest.mark.parametrize("text", [SCRIPT, SQL])
def test_markup_and_sql_are_only_text_to_the_candidates_endpoint(client, editor, statements, text):
    """Looked for as words, answered as JSON, stored nowhere."""
    client.force_login(editor)
    before = database_state()
    response = client.post(reverse("admin:claims_statement_candidates"), {"text": text})
    assert response.status_code == 200
    assert database_state() == before


@pytest.mark.parametrize("statement", ["abc", "9" * 30, "-1", "\x00", "\u00b2", "\u2460"])
def test_a_bad_statement_to_leave_out_of_the_candidates_leaves_nothing_out(
    client, editor, statements, statement
):
    """Not an id (a superscript two and a circled one are digits to str.isdigit only): no
    statement is left out, as when none is named."""
    client.force_login(editor)
    url = reverse("admin:claims_statement_candidates")
    response = client.get(url, {"text": "defund the police", "statement": statement})
    assert response.status_code == 200, response.status_code
    assert response.json() == client.get(url, {"text": "defund the police"}).json()


def test_other_methods_on_the_candidates_endpoint_are_405(client, editor, statements):
    client.force_login(editor)
    url = reverse("admin:claims_statement_candidates")
    assert client.put(url, {"text": "defund"}).status_code == 405
    assert client.delete(url).status_code == 405


@pytest.mark.parametrize("step", ["same_claim", "not_the_same"])
@pytest.mark.parametrize(
    "other", ["abc", "9" * 30, "999999999", "-1", "1.5", "%00", "%C2%B2", "%E2%91%A0", "itself"]
)
def test_bad_pairs_for_the_buttons_are_4xx_and_change_nothing(
    client, editor, statements, step, other
):
    client.force_login(editor)
    published, draft = statements
    other = str(draft.pk) if other == "itself" else other
    url = reverse(f"admin:claims_statement_{step}", args=[draft.pk, "0"]).replace(
        "/0/", f"/{other}/"
    )
    before = database_state()
    response = client.post(url)
    assert 400 <= response.status_code < 500, (other, response.status_code)
    assert database_state() == before


@pytest.mark.parametrize("step", ["same_claim", "not_the_same"])
def test_the_buttons_refuse_get(client, editor, statements, step):
    client.force_login(editor)
    published, draft = statements
    before = database_state()
    url = reverse(f"admin:claims_statement_{step}", args=[draft.pk, published.pk])
    assert client.get(url).status_code == 405
    assert database_state() == before
