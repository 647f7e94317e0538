"""Every reader page fits a 1280x800 screen and a 390x844 phone: nothing scrolls sideways,
even with a 20,000-character unbroken quote and a 110-character URL inside a quote, and the
text stays at least 14 px. One browser, one test, both viewports: each page is one line of
READER_PAGES."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from claims.models import Citation, FactCheck, Statement, Status
from claims.promises.models import Promise
from core.partial_dates import PartialDate
from tests.factories import (
    FactCheckFactory,
    PersonFactory,
    PositionFactory,
    PublishedPromiseFactory,
    PublishedStatementFactory,
    StanceShiftFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LONG_WORD = "W" * 20_000
LONG_URL = "https://www.example.org/" + "police-budget-" * 6 + "x" * 2
URL_QUOTE = f"Read the plan at {LONG_URL} before the council votes on the police budget."

# (name, how to build its path from the story).
READER_PAGES = [
    ("home", lambda story: "/"),
    ("search", lambda story: "/search/?q=police+budget"),
    ("person", lambda story: story.mamdani.get_absolute_url()),
    ("stance", lambda story: f"/people/{story.mamdani.slug}/{story.police_funding.slug}/"),
    ("stance: long, page 2", lambda story: f"{story.long_history}?page=2"),
    ("statement", lambda story: story.reform.get_absolute_url()),
    ("statement: unbroken quote", lambda story: story.long_quote.get_absolute_url()),
    ("statement: URL in a quote", lambda story: story.url_quote.get_absolute_url()),
    ("source", lambda story: story.source.get_absolute_url()),
    ("snapshot", lambda story: f"/archived-copies/{story.snapshot_id}/"),
    ("topic", lambda story: story.police_funding.get_absolute_url()),
    (
        "compare",
        lambda story: (
            f"/topics/{story.police_funding.slug}/compare/"
            f"?people={story.mamdani.slug},{story.reform.speaker.slug}"
        ),
    ),
    ("fact-check", lambda story: story.fact_check.get_absolute_url()),
    ("promise", lambda story: story.promise.get_absolute_url()),
    ("promise tracker", lambda story: f"/promise-tracker/{story.mamdani.slug}/"),
]

# Elements whose own text is smaller than 14 px (outside the charts' SVG, which scale).
SMALL_TEXT = """() => [...document.body.querySelectorAll('*')].filter(element => {
  if (element.closest('svg') || element.closest('.visually-hidden')) return false;
  const text = [...element.childNodes].some(
    node => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  const box = element.getBoundingClientRect();
  return text && box.width > 1 && parseFloat(getComputedStyle(element).fontSize) < 14;
}).map(element => element.tagName + '.' + element.className + ': '
  + element.textContent.trim().slice(0, 40))"""


@pytest.fixture
def hostile_story(story):
    """The story, with a 20,000-character unbroken quote and a quote holding a long URL, both
    on Mamdani's police-funding history and cited from the story's source."""
    for name, text, year in [("long_quote", LONG_WORD, 2023), ("url_quote", URL_QUOTE, 2024)]:
        statement = PublishedStatementFactory(
            speaker=story.mamdani,
            kind=Statement.Kind.QUOTE,
            position=story.neutral_position,
            said_on=PartialDate(year),
            text=text,
            citation__source=story.source,
            citation__excerpt=text,
        )
        setattr(story, name, statement)
    # A history long enough for a grouped chart (with marks counting several statements) and
    # a pager: Chowdhury's own, 2001 to 2012.
    positions = list(story.police_funding.positions.all())
    for index in range(70):
        PublishedStatementFactory(
            speaker=story.reform.speaker,
            position=positions[index % len(positions)],
            said_on=PartialDate(2001 + index % 12),
        )
    story.long_history = f"/people/{story.reform.speaker.slug}/{story.police_funding.slug}/"
    cited = Citation.objects.filter(snapshot__isnull=False, statement__status="published")
    story.snapshot_id = cited.values_list("snapshot_id", flat=True).first()
    story.fact_check = FactCheck.objects.published().first() or FactCheckFactory(
        statement=story.url_quote, status=Status.PUBLISHED
    )
    story.promise = Promise.objects.published().first() or PublishedPromiseFactory(
        person=story.mamdani, topic=story.police_funding, deadline=PartialDate(2026)
    )
    return story


@pytest.fixture
def contexts(browser):
    """A desktop and a phone context from the one browser (CSP bypassed, for axe)."""
    opened = {
        name: browser.new_context(viewport=size, is_mobile=name == "phone", bypass_csp=True)
        for name, size in VIEWPORTS.items()
    }
    yield {name: context.new_page() for name, context in opened.items()}
    for context in opened.values():
        context.close()


def test_every_reader_page_fits_both_screens_with_hostile_text(
    contexts, live_server, hostile_story, artifacts_dir
):
    axe = Axe()
    problems = []
    for viewport, page in contexts.items():
        for name, path_of in READER_PAGES:
            path = path_of(hostile_story)
            response = page.goto(f"{live_server.url}{path}")
            if response.status != 200:
                problems.append(f"{viewport} {name} {path}: HTTP {response.status}")
                continue
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if widths[0] > widths[1]:
                problems.append(f"{viewport} {name} {path}: scrolls sideways {widths}")
            small = page.evaluate(SMALL_TEXT)
            if small:
                problems.append(f"{viewport} {name} {path}: text under 14px {small[:3]}")
            if name.startswith("stance"):
                for violation in axe.run(page).response["violations"]:
                    problems.append(f"{viewport} {name} {path}: axe {violation['id']}")
    contexts["phone"].goto(f"{live_server.url}{READER_PAGES[3][1](hostile_story)}")
    contexts["phone"].screenshot(path=str(artifacts_dir / "stance-history-phone.png"))
    assert problems == []


def test_on_a_phone_the_stance_chart_shows_2025_on_screen_and_axe_is_clean(
    contexts, live_server, story
):
    path = f"{live_server.url}/people/{story.mamdani.slug}/{story.police_funding.slug}/"
    axe = Axe()
    for viewport, page in contexts.items():
        page.goto(path)
        shown = page.locator(f"svg.timeline-chart--{'narrow' if viewport == 'phone' else 'wide'}")
        assert shown.is_visible(), viewport
        point = shown.locator(f'a.point[href="{story.reform.get_absolute_url()}"]')
        box = point.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], viewport
        assert box["y"] + box["height"] <= page.evaluate("document.body.scrollHeight")
        violations = axe.run(page).response["violations"]
        assert [(viewport, v["id"], v["impact"]) for v in violations] == []


# The text of the visible charts that is drawn (wholly or partly) outside its chart's box,
# where the SVG's overflow cuts it off: a year label "2020" shown as "020".
CUT_CHART_TEXT = """() => [...document.querySelectorAll('svg.timeline-chart, svg.compare-chart')]
  .filter(chart => chart.getBoundingClientRect().width > 0)
  .flatMap(chart => {
    const frame = chart.getBoundingClientRect();
    return [...chart.querySelectorAll('text')].filter(text => {
      const box = text.getBoundingClientRect();
      return box.width > 0 && (box.left < frame.left || box.right > frame.right);
    }).map(text => chart.getAttribute('class') + ': ' + text.textContent.trim().slice(0, 40));
  })"""


@pytest.fixture
def long_label_paths(transactional_db):
    """The stance history and the comparison of a topic whose positions have names of nearly
    200 characters: a person's statements from 2001 to 2020, with a shift in the first year."""
    topic = TopicFactory(name="Transit fares")
    lower, higher = (
        PositionFactory(
            topic=topic, name=f"{words} " + "and more fare policy " * 8, axis_value=value
        )
        for words, value in [("Free buses", -1), ("Fares that cover costs", 1)]
    )
    person = PersonFactory(name="Lee Transit")
    earlier, later = (
        PublishedStatementFactory(
            speaker=person, position=position, said_on=PartialDate(2001, month)
        )
        for position, month in [(lower, 2), (higher, 11)]
    )
    PublishedStatementFactory(speaker=person, position=higher, said_on=PartialDate(2020))
    StanceShiftFactory(earlier=earlier, later=later, status=Status.PUBLISHED)
    return [
        f"/people/{person.slug}/{topic.slug}/",
        f"/topics/{topic.slug}/compare/?people={person.slug}",
    ]


def test_every_year_and_position_label_of_the_charts_is_inside_its_chart(
    contexts, live_server, story, long_label_paths
):
    """On both screens the first and last years of the time axis, every position's label and
    every shift's rating are drawn whole, inside the chart: the stance history and the
    comparison, with the story's labels and with position names near 200 characters."""
    paths = [
        f"/people/{story.mamdani.slug}/{story.police_funding.slug}/",
        f"/topics/{story.police_funding.slug}/compare/"
        f"?people={story.mamdani.slug},{story.reform.speaker.slug}",
        *long_label_paths,
    ]
    problems = []
    for viewport, page in contexts.items():
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            cut = page.evaluate(CUT_CHART_TEXT)
            if cut:
                problems.append(f"{viewport} {path}: {cut}")
    assert problems == []


# The text of every chart shown, as drawn: its font size times the scale its SVG is shown at
# (legends' small icons aside), when under the house rule's 14 px. A phone's chart is drawn
# 360 wide and shown in 358 px (its border): 14 px labels are drawn at 13.92 px.
SHRUNK_CHART_TEXT = """() => [...document.querySelectorAll('svg[viewBox]')].filter(svg =>
  svg.getBoundingClientRect().width > 0 && svg.viewBox.baseVal.width > 100
).flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')]
    .map(text => [text.textContent.trim(), parseFloat(getComputedStyle(text).fontSize) * scale])
    .filter(([, size]) => size < 13.9)
    .map(([label, size]) => `${svg.getAttribute('class')}: ${label} at ${size.toFixed(1)}px`);
})"""


def test_on_a_phone_every_chart_is_drawn_for_its_width_not_shrunk(
    contexts, live_server, hostile_story
):
    """Every label of a phone's charts is drawn at 14 px: years, positions, shift ratings,
    a grouped mark's count, a promise's deadline."""
    page = contexts["phone"]
    problems = []
    for name, path_of in READER_PAGES:
        page.goto(f"{live_server.url}{path_of(hostile_story)}")
        problems += [f"{name}: {problem}" for problem in page.evaluate(SHRUNK_CHART_TEXT)[:3]]
    assert problems == []
