"""The editors' desk in a real browser (Chromium): no edit lost, the review queue, send-back
with a note, the second pair of eyes, narrowed choices, the staff preview, lists at 1280 px,
and a three-statement story entered through the admin alone, its browser actions counted."""

import re

import pytest

from claims.models import AuditEntry, StanceShift, Statement, Status
from claims.services import submit_for_review
from core.partial_dates import PartialDate
from tests.factories import (
    PASSWORD,
    CitationFactory,
    PersonFactory,
    PositionFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Actions:
    """The browser actions a person takes (clicks, fills, picks), counted; navigations too."""

    def __init__(self, page, base_url: str):
        self.page, self.base_url = page, base_url
        self.clicks = self.fills = self.picks = self.navigations = 0

    @property
    def total(self) -> int:
        return self.clicks + self.fills + self.picks

    def goto(self, path: str) -> None:
        self.navigations += 1
        self.page.goto(f"{self.base_url}{path}")

    def click(self, selector: str) -> None:
        self.clicks += 1
        self.page.locator(selector).first.click()

    def fill(self, selector: str, value: str) -> None:
        self.fills += 1
        self.page.fill(selector, value)

    def select(self, selector: str, value: str) -> None:
        self.picks += 1
        self.page.select_option(selector, value)

    def pick(self, select_id: str, text: str, typed: str | None = None) -> None:
        """Choose in an admin autocomplete box: open it, type, choose (one pick)."""
        self.picks += 1
        self.page.locator(f"#{select_id} + .select2 .select2-selection").click()
        self.page.locator(".select2-container--open .select2-search__field").fill(
            typed if typed is not None else text
        )
        self.page.locator(".select2-results__option", has_text=text).first.click()

    def log_in(self, user) -> None:
        self.page.context.clear_cookies()
        self.goto("/admin/login/")
        self.fill("#id_username", user.username)
        self.fill("#id_password", PASSWORD)
        self.click("input[type=submit]")
        self.page.wait_for_url(f"{self.base_url}/admin/")


@pytest.fixture
def act(page, live_server):
    return Actions(page, live_server.url)


@pytest.fixture
def police():
    topic = TopicFactory(name="Police funding", slug="police-funding")
    return {
        "topic": topic,
        "defund": PositionFactory(
            topic=topic, name="Defund the police", slug="defund", axis_value=-2
        ),
        "reform": PositionFactory(
            topic=topic, name="Reform, same budget", slug="reform", axis_value=0
        ),
        "expand": PositionFactory(
            topic=topic, name="Expand police funding", slug="expand", axis_value=2
        ),
    }


def cited(text: str, **fields) -> Statement:
    statement = StatementFactory(text=text, **fields)
    CitationFactory(statement=statement, excerpt=text)
    return statement


def success(page, text: str) -> None:
    page.locator(".messagelist .success", has_text=text).first.wait_for()


def test_an_edit_then_submit_keeps_the_edit(act, editor):
    statement = cited("The old words.")
    act.log_in(editor)
    act.goto(f"/admin/claims/statement/{statement.pk}/change/")
    act.fill("#id_venue", "A town hall in Riverside")
    # The button at the top of the form, where the lost edits happened.
    act.click("input[name=_submit_for_review]")
    success(act.page, "submitted for review")
    stored = Statement.objects.get(pk=statement.pk)
    assert (stored.venue, stored.status) == ("A town hall in Riverside", Status.IN_REVIEW)


def test_the_queue_lists_a_submitted_record_with_its_submitter(act, editor, publisher):
    statement = submit_for_review(record=cited("Waiting for a publisher."), by=editor)
    act.log_in(publisher)
    assert act.page.locator("#review-queue-count").inner_text() == "1"
    act.click("#review-queue-module a")
    row = act.page.locator("#review-queue tbody tr").first
    assert "Waiting for a publisher." in row.inner_text()
    assert "edith" in row.inner_text()
    row.locator("a").click()
    act.page.wait_for_url(re.compile(rf".*/claims/statement/{statement.pk}/change/$"))


def test_send_back_with_a_note_reaches_the_editor(act, editor, publisher):
    statement = submit_for_review(record=cited("Needs a better source."), by=editor)
    act.log_in(publisher)
    act.goto(f"/admin/claims/statement/{statement.pk}/change/")
    act.click("input[name=_send_back]")
    act.fill("#id_note", "Cite the full video, not the clip.")
    act.click("input[name=send_back]")
    success(act.page, "sent back")
    assert AuditEntry.objects.get(action=AuditEntry.Action.RETURNED).note == (
        "Cite the full video, not the clip."
    )

    act.log_in(editor)
    assert "Cite the full video, not the clip." in act.page.locator("#returned-module").inner_text()
    act.goto("/admin/claims/statement/")
    assert "Sent back: Cite the full video" in act.page.locator("#result_list").inner_text()
    act.goto("/admin/")
    act.click("#returned-module a")
    act.page.wait_for_url(re.compile(rf".*/claims/statement/{statement.pk}/change/$"))
    assert "Cite the full video, not the clip." in act.page.locator("#return-note").inner_text()


def test_the_second_reviewer_setting_refuses_self_publishing(act, publisher, settings):
    settings.REQUIRE_SECOND_REVIEWER = True
    statement = cited("Mine to publish?")
    act.log_in(publisher)
    act.goto(f"/admin/claims/statement/{statement.pk}/change/")
    act.fill("#id_venue", "Edited by the publisher herself")
    act.click("input[name=_publish]")
    act.page.locator(".messagelist .error", has_text="A second pair of eyes is required").wait_for()
    stored = Statement.objects.get(pk=statement.pk)
    assert (stored.venue, stored.status) == ("Edited by the publisher herself", Status.DRAFT)


def test_the_choices_are_narrowed_to_the_context(act, editor, police):
    housing = TopicFactory(name="Housing", slug="housing")
    PositionFactory(topic=housing, name="Build more homes", slug="build", axis_value=1)
    ada = PersonFactory(name="Ada Brightwater", slug="ada-brightwater")
    cited("Defund it.", speaker=ada, position=police["defund"], said_on=PartialDate(2020, 6))
    cited("Build homes.", speaker=ada, topic=housing, said_on=PartialDate(2021))
    act.log_in(editor)

    act.goto("/admin/claims/statement/add/")
    act.pick("id_topic", "Police funding", "Police")
    act.page.locator("#id_position + .select2 .select2-selection").click()
    act.page.locator(".select2-container--open .select2-search__field").fill("")
    options = act.page.locator(".select2-results__option:not(.loading-results)")
    options.first.wait_for()
    labels = options.all_inner_texts()
    assert labels == [
        "Police funding: Defund the police (-2)",
        "Police funding: Reform, same budget (+0)",
        "Police funding: Expand police funding (+2)",
    ]
    act.page.keyboard.press("Escape")

    act.goto("/admin/claims/stanceshift/add/")
    act.pick("id_subject", "Ada Brightwater", "Ada")
    act.pick("id_topic", "Police funding", "Police")
    act.page.locator("#id_earlier + .select2 .select2-selection").click()
    options.first.wait_for()
    assert options.all_inner_texts() == ["June 2020 · Verbatim quote · Defund it."]
    act.page.locator(".select2-container--open .select2-search__field").fill("nothing like it")
    act.page.locator(".select2-results__message", has_text="add the missing record").wait_for()


def test_staff_preview_a_draft_and_anonymous_readers_get_a_404(act, editor, page, live_server):
    statement = cited("Not public yet.")
    act.log_in(editor)
    act.goto(f"/admin/claims/statement/{statement.pk}/change/")
    act.click("a.viewsitelink")
    page.wait_for_url(re.compile(r".*/preview/$"))
    assert "Draft, not public." in page.locator(".preview-banner").inner_text()
    assert "Not public yet." in page.content()
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"

    page.context.clear_cookies()
    for path in (statement.get_preview_url(), statement.get_absolute_url()):
        assert page.goto(f"{live_server.url}{path}").status == 404


def test_lists_show_the_status_and_inline_tables_fit_at_1280_px(act, editor, artifacts_dir):
    act.page.set_viewport_size({"width": 1280, "height": 900})
    speaker = PersonFactory(name="Wilhelmina Castellanos-Oduya", slug="wilhelmina")
    for number in range(3):
        cited(
            f"A long statement number {number} about police funding in the city, "
            "its budget, its officers and the civilian responders who might replace them.",
            speaker=speaker,
            subject=PersonFactory(),
            kind=Statement.Kind.CHARACTERIZATION,
            venue="A very long venue name: the annual budget hearing of the city council",
        )
    act.log_in(editor)
    act.goto("/admin/claims/statement/")
    act.page.screenshot(path=artifacts_dir / "admin-statements-1280.png", full_page=True)
    status = act.page.locator("#result_list thead th.column-review_status")
    box = status.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1280, box
    act.goto(f"/admin/claims/statement/{Statement.objects.first().pk}/change/")
    table = act.page.locator("#citations-group table")
    box = table.bounding_box()
    act.page.screenshot(path=artifacts_dir / "admin-statement-form-1280.png", full_page=True)
    assert box is not None and box["x"] + box["width"] <= 1280, box
    width = act.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, width


def test_a_three_statement_story_entered_through_the_admin_in_at_most_60_actions(
    act, editor, publisher, police, client, live_server
):
    """An editor enters a city councillor's shifting stance on police funding (a post in June
    2020, a remark in 2021, an acknowledgement in 2025), each with its source, and submits it;
    a publisher publishes it and rates the shift. Then the reader page and the API show it."""
    act.log_in(editor)

    act.goto("/admin/people/person/add/")
    act.fill("#id_name", "Marisol Quintero-Vance")
    act.click("input[name=_save]")
    success(act.page, "was added successfully")

    act.goto("/admin/sources/source/add/")
    sources = [
        ("https://social.example.org/marisol/status/2020", "Quintero-Vance on social media"),
        ("https://riverside-ledger.example.org/2021/council", "Council budget debate"),
        ("https://riverside-ledger.example.org/2025/interview", "Quintero-Vance interview"),
    ]
    for number, (url, title) in enumerate(sources):
        act.fill("#id_url", url)
        act.fill("#id_title", title)
        act.click("input[name=_addanother]" if number < 2 else "input[name=_save]")
        success(act.page, "was added successfully")

    act.goto("/admin/claims/statement/add/")
    act.pick("id_speaker", "Marisol Quintero-Vance", "Marisol")
    act.fill("#id_text", "Defund the police. Every dollar to housing and schools.")
    act.fill("#id_said_on", "2020-06")
    act.pick("id_topic", "Police funding", "Police")
    act.pick("id_position", "Defund the police", "Defund")
    act.pick("id_citations-0-source", "Quintero-Vance on social media", "social")
    act.fill("#id_citations-0-excerpt", "Defund the police. Every dollar to housing and schools.")
    act.click("input[name=_add_next_by_speaker]")
    success(act.page, "was added")

    story = [
        (
            "We should reform policing before we cut a single officer.",
            "2021",
            ("Reform, same budget", "Reform"),
            ("Council budget debate", "budget"),
            "input[name=_add_next_by_speaker]",
        ),
        (
            "I was wrong in 2020: this city needs more officers, and we will fund them.",
            "2025",
            ("Expand police funding", "Expand"),
            ("Quintero-Vance interview", "interview"),
            "input[name=_save]",
        ),
    ]
    for text, said_on, position, source, button in story:
        act.fill("#id_text", text)
        act.fill("#id_said_on", said_on)
        act.pick("id_position", *position)
        act.pick("id_citations-0-source", *source)
        act.fill("#id_citations-0-excerpt", f"“{text}”")
        act.click(button)
        success(act.page, "was added")

    act.goto("/admin/claims/statement/")
    act.click("#action-toggle")
    act.select("select[name=action]", "submit_selected_for_review")
    act.click("button[name=index]")
    success(act.page, "3 statements submitted for review")
    editor_actions = act.total

    act.log_in(publisher)
    act.goto("/admin/claims/statement/")
    act.click("#action-toggle")
    act.select("select[name=action]", "publish_selected")
    act.click("button[name=index]")
    success(act.page, "3 statements published")

    act.goto("/admin/claims/stanceshift/add/")
    act.pick("id_subject", "Marisol Quintero-Vance", "Marisol")
    act.pick("id_topic", "Police funding", "Police")
    act.pick("id_earlier", "June 2020", "")
    act.pick("id_later", "2025 ·", "")
    act.select("#id_rating", "full_flop")
    act.fill("#id_analysis", "From defunding the police in 2020 to expanding it in 2025.")
    act.click("input[name=_publish]")
    success(act.page, "1 stance shift published")

    print(
        f"\nThree-statement story: {act.total} browser actions "
        f"({act.clicks} clicks, {act.fills} fills, {act.picks} picks; "
        f"{editor_actions} by the editor, logins included), and {act.navigations} page visits"
    )
    assert act.total <= 60, act.total

    person = "marisol-quintero-vance"
    statements = Statement.objects.filter(speaker__slug=person).order_by("said_on")
    assert [s.status for s in statements] == [Status.PUBLISHED] * 3
    assert StanceShift.objects.get().status == Status.PUBLISHED

    act.page.context.clear_cookies()
    act.page.goto(f"{live_server.url}/people/{person}/police-funding/")
    points = act.page.locator(".points-list .point-item .point-item__head strong")
    assert points.all_inner_texts() == ["June 2020", "2021", "2025"]
    assert act.page.locator(".shift-item", has_text="Full Flop").count() == 1

    history = client.get(f"/api/v1/people/{person}/stances/police-funding/").json()
    assert [point["said_on"] for point in history["points"]] == [
        {"iso": "2020-06", "precision": "month", "text": "June 2020"},
        {"iso": "2021", "precision": "year", "text": "2021"},
        {"iso": "2025", "precision": "year", "text": "2025"},
    ]
    assert [shift["rating"] for shift in history["shifts"]] == ["full_flop"]
