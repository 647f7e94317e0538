"""A reader in a real browser: search, stance history, statement; accessible; hostile input inert."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from claims.models import FactCheck, StanceShift, Statement, Status
from core.partial_dates import PartialDate
from tests.factories import PublishedStatementFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_follows_mamdanis_police_funding_stance_to_its_source(
    page, live_server, story, artifacts_dir
):
    page.goto(f"{live_server.url}/")
    search = page.locator("section.intro").get_by_label("Search people, statements and sources")
    search.fill("Mamdani")
    search.press("Enter")
    page.wait_for_url("**/search/?q=Mamdani")

    page.locator("#people-results + ul").get_by_role("link", name="Zohran Mamdani").click()
    page.wait_for_url("**/people/zohran-mamdani/")
    page.get_by_role("link", name="Police funding").click()
    page.wait_for_url("**/people/zohran-mamdani/police-funding/")

    chart = page.locator("svg.timeline-chart--wide")
    assert chart.is_visible()
    point_2020 = chart.locator(f'a.point[href="{story.defund.get_absolute_url()}"]')
    point_2025 = chart.locator(f'a.point[href="{story.reform.get_absolute_url()}"]')
    assert point_2020.get_attribute("data-said-on") == "2020"
    assert point_2025.get_attribute("data-said-on") == "2025"
    box_2020, box_2025 = point_2020.bounding_box(), point_2025.bounding_box()
    assert box_2020["x"] < box_2025["x"], "2020 must be drawn before (left of) 2025"
    shift = chart.locator(f'g.shift[data-shift="{story.shift.pk}"]')
    assert shift.locator("text").text_content() == story.shift.get_rating_display()
    shift_box = shift.locator("line").bounding_box()
    assert box_2020["x"] < shift_box["x"] < box_2025["x"]
    items = page.locator("ol.points-list > li")
    assert items.first.locator("strong").text_content() == "2020"
    assert page.locator(f"#statement-{story.reform.pk} strong").text_content() == "2025"
    page.screenshot(path=str(artifacts_dir / "stance-history.png"), full_page=True)

    point_2025.click()
    page.wait_for_url(f"**{story.reform.get_absolute_url()}")
    assert page.locator("h1").text_content() == "Karam Chowdhury on Zohran Mamdani"
    assert page.locator("dd.speaker a").first.text_content() == "Karam Chowdhury"
    assert "said this about Zohran Mamdani" in page.locator("dd.subject").text_content()
    sources = page.locator("ul.citations")
    assert sources.get_by_role("link", name=story.source.title).first.is_visible()


@pytest.fixture
def axe_page(browser):
    """A page for axe: its script is injected, so let it past any Content-Security-Policy."""
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


def test_reader_pages_have_no_serious_accessibility_violations(axe_page, live_server, story):
    axe = Axe()
    paths = [
        "/",
        story.mamdani.get_absolute_url(),
        "/people/zohran-mamdani/police-funding/",
        story.reform.get_absolute_url(),
        # Beyond the four the issue names: every other kind of reader page.
        "/search/?q=Mamdani",
        story.police_funding.get_absolute_url(),
        story.source.get_absolute_url(),
        *[check.get_absolute_url() for check in FactCheck.objects.published()[:1]],
        "/no/such/page/",
    ]
    problems = []
    for path in paths:
        axe_page.goto(f"{live_server.url}{path}")
        results = axe.run(axe_page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) at {targets}")
    assert problems == []


def test_a_script_in_a_quote_and_a_javascript_url_stay_inert(page, live_server, story):
    source = SourceFactory(title="A hostile source", url="javascript:alert(1)")
    statement = PublishedStatementFactory(
        speaker=story.mamdani,
        position=story.neutral_position,
        said_on=PartialDate(2024),
        text="Fund them <script>alert(1)</script><img src=x onerror=alert(2)>",
        citation__source=source,
        citation__excerpt="<script>alert(3)</script>",
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in [
        statement.get_absolute_url(),
        source.get_absolute_url(),
        "/people/zohran-mamdani/police-funding/",
        "/search/?q=Fund+them",
    ]:
        page.goto(f"{live_server.url}{path}")
        # getAttribute, as SVG links have no string .href; trimmed, as browsers ignore spaces.
        hrefs = page.eval_on_selector_all(
            "a", "links => links.map(link => (link.getAttribute('href') || '').trim())"
        )
        assert len(hrefs) >= 5, path  # the page rendered, links and all
        assert not [href for href in hrefs if href.lower().startswith("javascript:")], path
    page.goto(f"{live_server.url}{statement.get_absolute_url()}")
    assert page.get_by_text("<script>alert(1)</script>", exact=False).first.is_visible()
    assert page.get_by_text("javascript:alert(1)").first.is_visible()
    assert dialogs == []


def test_the_story_data_is_public(story):
    """Guard: the browser story rests on public records, as a reader sees them."""
    assert Statement.objects.filter(pk=story.reform.pk, status=Status.PUBLISHED).exists()
    assert StanceShift.objects.filter(pk=story.shift.pk, status=Status.PUBLISHED).exists()
