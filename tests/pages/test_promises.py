"""Promise pages: a promise with its status timeline, a person's promises, the tracker."""

import re

import pytest
from django.core.cache import cache

from claims.models import Promise, Status
from core.partial_dates import PartialDate
from tests.factories import (
    PersonFactory,
    PublishedPromiseFactory,
    PublishedStatusChangeFactory,
    TopicFactory,
    promise_status,
)

pytestmark = pytest.mark.django_db


def test_the_seed_promise_is_shown_with_its_status_and_source(client, seeded):
    promise = Promise.objects.get()
    page = client.get(promise.get_absolute_url()).content.decode()
    assert "Create a Department of Community Safety" in page
    assert 'promise-status--open">Not yet rated</span>' in page
    assert "paragraph 3" in page
    # The status timeline is drawn on the server, for a wide screen and for a phone: one
    # point, in the "Not yet rated" row.
    for variant in ("wide", "narrow"):
        svg = page[page.index(f'<svg class="timeline-chart timeline-chart--{variant} promise') :]
        assert 'data-changed-on="2025"' in svg[: svg.index("</svg>")]
    assert "<script" not in page
    person_page = client.get("/people/zohran-mamdani/").content.decode()
    assert "Create a Department of Community Safety" in person_page
    assert "Not yet rated" in person_page
    tracker = client.get("/promise-tracker/zohran-mamdani/").content.decode()
    assert "1 promise tracked" in tracker
    assert re.search(
        r'promise-count__number">1</span> <span class="promise-count__name">'
        r"Not yet rated",
        tracker,
    )


@pytest.fixture
def tracked():
    """A person with promises in several statuses and topics, one overdue."""
    person = PersonFactory(name="Ada Mayor", slug="ada-mayor")
    housing, transit = TopicFactory(name="Housing"), TopicFactory(name="Transit")

    def promise(wording, topic, rating=None, deadline=None):
        made = PublishedPromiseFactory(
            person=person,
            topic=topic,
            wording=wording,
            promised_on=PartialDate(2024),
            deadline=deadline,
        )
        if rating:
            PublishedStatusChangeFactory(
                promise=made, changed_on=PartialDate(2025), rating=promise_status(rating)
            )
        return made

    return {
        "kept": promise("Build 10,000 homes.", housing, "kept", deadline=PartialDate(2025)),
        "late": promise("Repair every lift.", housing, "in-the-works", deadline=PartialDate(2025)),
        "works": promise("Free buses.", transit, "in-the-works"),
        "unrated": promise("A new tram line.", transit),
        "person": person,
    }


def test_the_tracker_counts_promises_by_current_status(client, tracked):
    page = client.get("/promise-tracker/ada-mayor/").content.decode()
    counts = {
        name: int(number)
        for number, name in re.findall(
            r'promise-count__number">(\d+)</span> <span class="promise-count__name">([^<]+)<', page
        )
    }
    assert counts == {
        "No status published yet": 1,
        "Not yet rated": 0,
        "In the works": 2,
        "Stalled": 0,
        "Compromise": 0,
        "Kept": 1,
        "Broken": 0,
        "Overdue": 1,
    }


def counts_on(page: str) -> dict[str, tuple[int, str]]:
    """The tracker's bars: each status's count and the address it links to."""
    return {
        name: (int(number), href.replace("&amp;", "&"))
        for href, number, name in re.findall(
            r'<a href="([^"]*)"><span class="promise-count__number">(\d+)</span> '
            r'<span class="promise-count__name">([^<]+)<',
            page,
        )
    }


def test_with_a_topic_chosen_each_count_matches_the_list_it_opens(client, tracked):
    """A count under ?topic= counts that topic's promises, and its link keeps the topic."""
    page = client.get("/promise-tracker/ada-mayor/?topic=housing").content.decode()
    bars = counts_on(page)
    assert bars["In the works"] == (1, "?status=in-the-works&topic=housing")
    assert bars["Kept"][0] == 1 and bars["No status published yet"][0] == 0
    assert bars["Overdue"] == (1, "?overdue=1&topic=housing")
    assert "4 promises tracked; 1 overdue." in page
    for count, href in bars.values():
        listed = client.get(f"/promise-tracker/ada-mayor/{href}").content.decode()
        assert len(re.findall(r'<a href="/promises/\d+/">', listed)) == count, href


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("", {"Build 10,000 homes.", "Repair every lift.", "Free buses.", "A new tram line."}),
        ("?topic=housing", {"Build 10,000 homes.", "Repair every lift."}),
        ("?status=in-the-works", {"Repair every lift.", "Free buses."}),
        ("?status=in-the-works&topic=transit", {"Free buses."}),
        ("?status=unrated", {"A new tram line."}),
        ("?overdue=1", {"Repair every lift."}),
        ("?status=no-such-status", set()),
        ("?topic=%00", set()),
    ],
)
def test_the_tracker_filters_by_topic_status_and_overdue(client, tracked, query, shown):
    response = client.get(f"/promise-tracker/ada-mayor/{query}")
    assert response.status_code == 200
    listed = set(re.findall(r'<a href="/promises/\d+/">([^<]+)</a>', response.content.decode()))
    assert listed == shown


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("", "Ada Mayor’s promises"),
        ("?status=in-the-works&topic=transit", "Ada Mayor’s promises: In the works, on Transit"),
        ("?status=unrated&overdue=1", "Ada Mayor’s promises: No status published yet, overdue"),
        ("?status=no-such-status&topic=no-such-topic", "Ada Mayor’s promises"),
    ],
)
def test_a_filtered_tracker_says_its_filters_in_its_title(client, tracked, query, title):
    page = client.get(f"/promise-tracker/ada-mayor/{query}").content.decode()
    assert f"<title>{title} · Claim Tracker</title>" in page


def test_an_overdue_promise_is_marked_where_it_is_listed_and_on_its_page(client, tracked):
    late = tracked["late"]
    page = client.get(late.get_absolute_url()).content.decode()
    assert "tag--overdue" in page
    assert "deadline-line" in page  # the deadline drawn on the timeline
    person_page = client.get("/people/ada-mayor/").content.decode()
    item = person_page[person_page.index(f'id="promise-{late.pk}"') :]
    assert "Overdue" in item[: item.index("</li>")]
    kept = client.get(tracked["kept"].get_absolute_url()).content.decode()
    assert "tag--overdue" not in kept


def test_a_retracted_change_stays_on_the_timeline_marked(client, tracked, publisher):
    from claims.services import retract

    change = tracked["works"].changes.get()
    retract(record=change, by=publisher, reason="Misread the budget.")
    page = client.get(tracked["works"].get_absolute_url()).content.decode()
    assert "Misread the budget." in page
    assert 'class="marker marker--ring"' in page
    assert "No status published yet" in page  # the only change is retracted, so no current status


def test_status_changes_appear_in_the_feed(client, tracked):
    feed = client.get("/feed/").content.decode()
    assert "Promise by Ada Mayor: Free buses. is In the works as of 2025" in feed
    assert f"/promises/{tracked['works'].pk}/#change-" in feed


# Queries: the content revision; the promise (with person, topic, scale), its citations, its
# changes (with statuses), their citations, the scale's statuses, the content type and the
# corrections: eight, for two changes as for twenty.
PROMISE_PAGE_QUERIES = 8
# Queries: the content revision, the person (two here: a person named by promises only is
# found public by the second condition asked, core.visibility.VisibleQuerySet.get_visible),
# the promises with their current statuses, those statuses, the scales' statuses: six, for
# two promises as for twenty.
TRACKER_QUERIES = 6


def add_promises(person, topic, count: int, start: int):
    for index in range(start, start + count):
        promise = PublishedPromiseFactory(
            person=person, topic=topic, promised_on=PartialDate(2000 + index % 20)
        )
        for month in (1, 6):
            PublishedStatusChangeFactory(
                promise=promise, changed_on=PartialDate(2020 + index % 5, month)
            )


@pytest.mark.parametrize("count", [2, 20])
def test_the_promise_page_runs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, count
):
    promise = PublishedPromiseFactory(promised_on=PartialDate(2019))
    for index in range(count):
        PublishedStatusChangeFactory(
            promise=promise, changed_on=PartialDate(2020 + index % 5, 1 + index % 12)
        )
    cache.clear()
    with django_assert_max_num_queries(PROMISE_PAGE_QUERIES):
        assert client.get(promise.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [2, 20])
def test_the_tracker_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    person, topic = PersonFactory(slug="busy"), TopicFactory()
    add_promises(person, topic, count, 0)
    cache.clear()
    with django_assert_max_num_queries(TRACKER_QUERIES):
        assert client.get("/promise-tracker/busy/?status=in-the-works").status_code == 200


def test_a_promise_page_is_not_found_for_a_draft_or_a_bad_id(client):
    draft = PublishedPromiseFactory(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/promises/999999999999999999/").status_code == 404
    assert client.get("/promise-tracker/nobody/").status_code == 404


@pytest.mark.parametrize(
    ("variant", "labels"),
    [
        ("wide", [str(year) for year in range(2015, 2028)]),
        ("narrow", ["2015", "2018", "2021", "2024", "2027"]),
    ],
)
def test_the_status_timeline_labels_each_year_or_every_few_on_a_phone(variant, labels):
    """The axis runs from the first of January of the promise's year to the end of its
    deadline's, a tick a year: every one on a wide screen, every few on a phone."""
    from claims.promises.timeline import build_status_timeline

    promise = PublishedPromiseFactory(
        promised_on=PartialDate(2015), deadline=PartialDate.parse("2026-06")
    )
    change = PublishedStatusChangeFactory(promise=promise, changed_on=PartialDate(2020))

    timeline = build_status_timeline(
        promise, [change], list(promise.scale.ratings.all()), variant=variant
    )

    assert [tick.label for tick in timeline.ticks] == labels
    assert timeline.ticks[0].x == timeline.plot_left  # 2015-01-01
    assert timeline.ticks[-1].x == timeline.plot_right  # 2027-01-01, the end of the deadline's year
    assert timeline.promised_x == timeline.plot_left


def test_a_promise_with_no_published_status_is_told_apart_from_not_yet_rated(client, tracked):
    """ "Not yet rated" is a status of the scale an editor gave, dated and cited; a promise
    with none published says "No status published yet", on its page and on the tracker, and
    the tracker's description names no scale's statuses."""
    page = client.get(tracked["unrated"].get_absolute_url()).content.decode()
    verdict = page[page.index('<p class="verdict">') :]
    assert ">No status published yet</span>" in verdict[: verdict.index("</p>")]
    assert "Not yet rated" not in verdict[: verdict.index("</p>")]

    tracker = client.get("/promise-tracker/ada-mayor/?status=unrated").content.decode()
    assert "<title>Ada Mayor’s promises: No status published yet · Claim Tracker</title>" in tracker
    assert (
        '<meta name="description" content="Every promise of Ada Mayor, counted by current '
        'status, with sources.">' in tracker
    )
