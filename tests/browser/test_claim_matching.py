"""In a real browser: an editor types a repeat of a seed statement, sees it proposed while
typing, saves and confirms "same claim"; once published, the reader's page of the repeat says
who also said it and how the claim was rated when they did."""

import datetime

import pytest

from claims.matching.models import ClaimAppearance
from claims.models import SeedKey, Statement, Status
from claims.seeding import default_seed_paths, load_seeds
from claims.services import publish
from tests.factories import (
    PASSWORD,
    CitationFactory,
    FactCheckFactory,
    PersonFactory,
    StatementFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPEAT = (
    "Mamdani called for defunding the police after the police murder of George Floyd "
    "in Minneapolis."
)


def test_an_editor_confirms_a_repeat_and_readers_see_the_earlier_rating(
    page, live_server, editor, publisher, log_in, artifacts_dir
):
    load_seeds(paths=default_seed_paths())
    seed = SeedKey.objects.get(key="mamdani-2020-call-to-defund-the-police").record
    FactCheckFactory(
        statement=seed,
        status=Status.PUBLISHED,
        published_at=datetime.datetime(2025, 7, 2, tzinfo=datetime.UTC),
        reviewed_on=datetime.date(2025, 7, 1),
    )
    speaker = PersonFactory(name="Curtis Sliwa", slug="curtis-sliwa")
    draft = StatementFactory(speaker=speaker, text="To be typed.", kind=Statement.Kind.PARAPHRASE)
    CitationFactory(statement=draft)

    log_in(editor, PASSWORD)
    page.goto(f"{live_server.url}/admin/claims/statement/{draft.pk}/change/")
    page.fill("#id_text", REPEAT)
    proposed = page.locator(
        f'.repeat-candidates.live .repeat-candidate[data-statement="{seed.pk}"]'
    )
    proposed.wait_for()
    assert "Proposed" in proposed.inner_text()
    assert "defunding" in proposed.locator("mark").all_inner_texts()
    page.screenshot(path=artifacts_dir / "claim-matching-typing.png", full_page=True)

    page.click("input[name=_continue]")
    page.locator(".messagelist .success").wait_for()
    page.locator(f'.repeat-candidate[data-statement="{seed.pk}"] button[name=_same_claim]').click()
    page.locator(".messagelist .success", has_text="the same claim").wait_for()
    appearance = ClaimAppearance.objects.select_related("claim").get(statement=draft)
    assert ClaimAppearance.objects.filter(claim=appearance.claim, statement=seed).exists()

    draft.refresh_from_db()
    publish(record=draft, by=publisher)
    publish(record=appearance.claim, by=publisher)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    also = page.locator(".also-said-by")
    assert "Zohran Mamdani" in also.inner_text()
    rating = page.locator(".claim-rating").first.inner_text()
    assert "Rated Mostly False on 1 July 2025 when Zohran Mamdani said it" in rating
    page.screenshot(path=artifacts_dir / "claim-matching-reader.png", full_page=True)
