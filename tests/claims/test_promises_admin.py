"""Promises in the admin: editors draft promises and status changes, publishers publish them;
a status change without a citation is refused, with the reason, and stays a draft."""

import pytest
from django.urls import reverse

from claims.models import AuditEntry, Promise, PromiseStatusChange, Status
from tests.admin_forms import action_data, change_form_data, messages_in
from tests.factories import (
    PersonFactory,
    PromiseCitationFactory,
    PromiseScaleFactory,
    PromiseStatusChangeFactory,
    PublishedPromiseFactory,
    SourceFactory,
    TopicFactory,
    promise_status,
)

pytestmark = pytest.mark.django_db


def test_an_editor_drafts_a_promise_with_its_citation(client, editor):
    person, topic, source = PersonFactory(), TopicFactory(), SourceFactory()
    PromiseScaleFactory()
    client.force_login(editor)
    add = reverse("admin:claims_promise_add")
    data = change_form_data(
        client.get(add),
        person=person.pk,
        wording="Free buses on every route.",
        promised_on="2025-06",
        topic=topic.pk,
        deadline="2027",
        **{
            "citations-0-source": source.pk,
            "citations-0-excerpt": "Free buses on every route, he said.",
            "citations-0-locator": "paragraph 2",
        },
    )
    response = client.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    promise = Promise.objects.get()
    assert (promise.status, promise.person, str(promise.deadline)) == (Status.DRAFT, person, "2027")
    assert promise.citations.get().locator == "paragraph 2"
    assert promise.history.latest().history_user == editor


def test_an_editor_drafts_a_status_change_from_the_promise_page(client, editor):
    promise = PublishedPromiseFactory()
    client.force_login(editor)
    page = client.get(reverse("admin:claims_promise_change", args=[promise.pk])).content.decode()
    add = reverse("admin:claims_promisestatuschange_add")
    assert f"{add}?promise={promise.pk}" in page
    form = client.get(f"{add}?promise={promise.pk}")
    data = change_form_data(
        form,
        changed_on="2025-09",
        rating=promise_status("in-the-works").pk,
        analysis="The council voted the money.",
        **{"citations-0-source": SourceFactory().pk, "citations-0-excerpt": "Voted."},
    )
    assert data["promise"] == str(promise.pk)
    response = client.post(add, data)
    assert response.status_code == 302
    change = PromiseStatusChange.objects.get()
    assert (change.status, change.rating.slug) == (Status.DRAFT, "in-the-works")


def test_a_publisher_cannot_publish_a_status_change_without_a_citation(client, publisher):
    draft = PromiseStatusChangeFactory(citation=None)
    client.force_login(publisher)
    publish = reverse("admin:claims_promisestatuschange_publish", args=[draft.pk])

    response = client.post(publish, follow=True)

    (message,) = messages_in(response)
    assert "was not published" in message
    assert "needs at least one citation" in message
    assert PromiseStatusChange.objects.get(pk=draft.pk).status == Status.DRAFT
    assert not AuditEntry.objects.exists()

    PromiseCitationFactory(status_change=draft)
    response = client.post(publish, follow=True)
    assert messages_in(response) == ["1 promise status change published."]
    assert PromiseStatusChange.objects.get(pk=draft.pk).status == Status.PUBLISHED


def test_an_editor_cannot_publish_a_status_change(client, editor):
    draft = PromiseStatusChangeFactory()
    client.force_login(editor)
    changelist = reverse("admin:claims_promisestatuschange_changelist")
    page = client.get(reverse("admin:claims_promisestatuschange_change", args=[draft.pk]))
    assert "/publish/" not in page.content.decode()
    client.post(changelist, action_data("publish_selected", [draft]))
    client.post(reverse("admin:claims_promisestatuschange_publish", args=[draft.pk]))
    assert PromiseStatusChange.objects.get(pk=draft.pk).status == Status.DRAFT


def test_an_editor_may_not_change_a_published_status_change(client, editor):
    published = PromiseStatusChangeFactory(status=Status.PUBLISHED)
    client.force_login(editor)
    url = reverse("admin:claims_promisestatuschange_change", args=[published.pk])
    data = change_form_data(client.get(url), analysis="Rewritten quietly.")
    client.post(url, data)
    assert PromiseStatusChange.objects.get(pk=published.pk).analysis != "Rewritten quietly."


@pytest.mark.parametrize(
    "query",
    ["", "?q=buses", "?status__exact=draft", "?rating__id__exact=1", "?q=%00", "?o=abc"],
)
def test_the_status_change_and_promise_lists_search_and_filter(client, editor, query):
    PromiseStatusChangeFactory(analysis="Free buses are running.")
    client.force_login(editor)
    for name in ("promisestatuschange", "promise"):
        response = client.get(reverse(f"admin:claims_{name}_changelist") + query)
        assert response.status_code in (200, 302), (name, query)
