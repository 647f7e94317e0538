"""The comparison page in a real browser: it fits a phone and a laptop, and passes axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from core.partial_dates import PartialDate
from tests.factories import PersonFactory, PositionFactory, PublishedStatementFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [(390, 844), (1280, 800)]


@pytest.fixture
def compare_path(transactional_db):
    """Six people with long names on a topic whose positions have long names, from 2004 on."""
    first = PositionFactory(
        name="Shift some police duties to civilian agencies and community groups", axis_value=-1
    )
    topic = first.topic
    positions = [
        first,
        *(
            PositionFactory(topic=topic, name=name, axis_value=value)
            for name, value in [
                ("Reform the police without cutting funding", 0),
                ("Expand police funding", 2),
            ]
        ),
    ]
    people = []
    for index in range(6):
        person = PersonFactory(name=f"Alexandra Montgomery-Fitzwilliam the {index + 1}th")
        people.append(person)
        for year in range(2004 + index, 2026, 3):
            PublishedStatementFactory(
                speaker=person,
                position=positions[(year + index) % 3],
                said_on=PartialDate(year, (year % 12) + 1),
                text="A" * 400,  # one long unbroken word in the latest-statement table
            )
    return f"/topics/{topic.slug}/compare/?people={','.join(p.slug for p in people)}"


@pytest.fixture
def sized_page(browser):
    contexts = []

    def page_of(width, height):
        context = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=True)
        contexts.append(context)
        return context.new_page()

    yield page_of
    for context in contexts:
        context.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_comparison_page_never_scrolls_sideways(
    sized_page, live_server, compare_path, artifacts_dir, width, height
):
    page = sized_page(width, height)
    page.goto(f"{live_server.url}{compare_path}")

    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    chart = page.locator("svg.compare-chart:visible")
    assert chart.count() == 1
    assert chart.bounding_box()["width"] <= width
    assert chart.locator("a.compare-point").count() > 6
    label_size = chart.locator("text.row-label").first.evaluate(
        "label => label.getBoundingClientRect().height"
    )
    assert label_size >= 12, "the chart's labels stay legible"
    page.screenshot(path=str(artifacts_dir / f"compare-{width}.png"), full_page=True)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_comparison_page_passes_axe(sized_page, live_server, compare_path, width, height):
    page = sized_page(width, height)
    problems = []
    for path in [compare_path, compare_path.split("?")[0], f"{compare_path},nobody"]:
        page.goto(f"{live_server.url}{path}")
        for violation in Axe().run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) at {targets}")
    assert problems == []
