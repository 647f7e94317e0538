"""In a real browser: an editor enters a source and a cited statement, a publisher publishes it."""

import pytest

from claims.models import Statement, Status
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose(page, select_id: str, text: str) -> None:
    """Pick an option in an admin autocomplete (select2) box by typing part of its name."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_an_editor_enters_a_statement_and_a_publisher_publishes_it(
    page, live_server, editor, publisher, log_in, artifacts_dir
):
    PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani")

    log_in(editor, PASSWORD)
    page.goto(f"{live_server.url}/admin/sources/source/add/")
    page.fill("#id_url", "https://news.example.org/mamdani-police")
    page.fill("#id_title", "Mamdani on the police")
    page.fill("#id_published_on", "2025-06-24")
    page.click("input[name=_save]")
    page.locator(".messagelist .success").wait_for()

    page.goto(f"{live_server.url}/admin/claims/statement/add/")
    assert page.locator("fieldset h2", has_text="Who said it").is_visible()
    assert page.locator("fieldset h2", has_text="Whose position it shows").is_visible()
    choose(page, "id_speaker", "Mamdani")
    page.fill("#id_text", "We will not defund the police.")
    page.fill("#id_said_on", "2025-06")
    choose(page, "id_citations-0-source", "Mamdani on the police")
    page.fill("#id_citations-0-excerpt", "We will not defund the police.")
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()
    page.click("input[value='Save and submit for review']")
    page.locator(".messagelist .success", has_text="submitted for review").wait_for()
    statement = Statement.objects.get()
    assert statement.status == Status.IN_REVIEW
    assert statement.citations.count() == 1
    assert statement.subject.name == "Zohran Mamdani"

    page.context.clear_cookies()
    log_in(publisher, PASSWORD)
    page.goto(f"{live_server.url}/admin/claims/statement/{statement.pk}/change/")
    page.screenshot(path=artifacts_dir / "admin-statement-in-review.png", full_page=True)
    page.click("input[value='Save and publish']")
    page.locator(".messagelist .success", has_text="published").wait_for()

    page.goto(f"{live_server.url}/admin/claims/statement/")
    row = page.locator("#result_list tbody tr", has_text="We will not defund the police.")
    assert row.locator("td.field-review_status").inner_text() == "Published"
    page.screenshot(path=artifacts_dir / "admin-statement-published.png", full_page=True)
    assert Statement.objects.get().status == Status.PUBLISHED
