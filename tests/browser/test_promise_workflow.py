"""In a real browser: an editor drafts a promise's status change, a publisher publishes it,
and the promise's reader page shows it, on its timeline and as its current status."""

import pytest

from claims.models import PromiseStatusChange, Status
from core.partial_dates import PartialDate
from tests.factories import PASSWORD, PersonFactory, PublishedPromiseFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def choose(page, select_id: str, text: str) -> None:
    """Pick an option in an admin autocomplete (select2) box by typing part of its name."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_an_editor_drafts_a_status_change_a_publisher_publishes_it_readers_see_it(
    page, live_server, editor, publisher, log_in, artifacts_dir
):
    mamdani = PersonFactory(name="Zohran Mamdani", slug="zohran-mamdani")
    promise = PublishedPromiseFactory(
        person=mamdani,
        wording="Create a Department of Community Safety.",
        promised_on=PartialDate(2025),
    )
    SourceFactory(title="City budget, first reading")

    log_in(editor, PASSWORD)
    page.goto(f"{live_server.url}/admin/claims/promise/{promise.pk}/change/")
    page.click("text=Add a status change")
    page.fill("#id_changed_on", "2025-11")
    page.select_option("#id_rating", label="In the works")
    page.fill("#id_analysis", "The first budget reading funds the new department.")
    choose(page, "id_citations-0-source", "City budget")
    page.fill("#id_citations-0-excerpt", "A line for the Department of Community Safety.")
    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()
    page.click("input[value='Save and submit for review']")
    page.locator(".messagelist .success", has_text="submitted for review").wait_for()
    change = PromiseStatusChange.objects.get()
    assert (change.status, change.promise, change.citations.count()) == (
        Status.IN_REVIEW,
        promise,
        1,
    )
    # Not public yet: the reader page does not show it.
    page.goto(f"{live_server.url}{promise.get_absolute_url()}")
    assert page.locator(".verdict").inner_text().startswith("Status: No status published yet")

    page.context.clear_cookies()
    log_in(publisher, PASSWORD)
    page.goto(f"{live_server.url}/admin/claims/promisestatuschange/{change.pk}/change/")
    page.click("input[value='Save and publish']")
    page.locator(".messagelist .success", has_text="published").wait_for()
    assert PromiseStatusChange.objects.get().status == Status.PUBLISHED

    page.context.clear_cookies()
    page.goto(f"{live_server.url}{promise.get_absolute_url()}")
    assert "In the works" in page.locator(".verdict").inner_text()
    assert "as of November 2025" in page.locator(".verdict").inner_text()
    point = page.locator(f'svg.timeline-chart--wide.promise-timeline a[href="#change-{change.pk}"]')
    assert point.get_attribute("aria-label") == "November 2025: In the works."
    assert page.locator(f"#change-{change.pk}").inner_text().count("first budget reading") == 1
    page.screenshot(path=artifacts_dir / "promise-status-published.png", full_page=True)
    tracker = page.goto(f"{live_server.url}/promise-tracker/zohran-mamdani/")
    assert tracker.status == 200
    assert "In the works" in page.locator(".promise-item").inner_text()
