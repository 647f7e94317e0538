"""Faster entry: a statement from a source, and the next statement by the same speaker."""

import pytest
from django.urls import reverse

from claims.models import Statement
from tests.admin_forms import change_form_data
from tests.factories import PersonFactory, PositionFactory, SourceFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:claims_statement_add")


def test_a_source_offers_to_add_a_statement_citing_it(client, editor):
    source = SourceFactory(title="The interview")
    client.force_login(editor)
    page = client.get(reverse("admin:sources_source_change", args=[source.pk]))
    link = f"{ADD}?cite_source={source.pk}"
    assert f'href="{link}"' in page.content.decode()
    assert "Add a statement from this source" in page.content.decode()

    form = client.get(link)
    [citations] = [inline.formset for inline in form.context["inline_admin_formsets"]]
    assert citations.forms[0]["source"].value() == source.pk


def test_an_unknown_or_forged_source_starts_no_citation(client, editor):
    client.force_login(editor)
    for value in ("999999", "abc", "9" * 30, "1' OR '1'='1"):
        form = client.get(f"{ADD}?cite_source={value}")
        [citations] = [inline.formset for inline in form.context["inline_admin_formsets"]]
        assert citations.forms[0]["source"].value() is None


def test_a_prefilled_citation_left_alone_is_not_saved(client, editor):
    source = SourceFactory()
    speaker = PersonFactory()
    client.force_login(editor)
    link = f"{ADD}?cite_source={source.pk}"
    data = change_form_data(
        client.get(link), speaker=str(speaker.pk), text="Said.", said_on="2024", kind="quote"
    )
    assert client.post(link, data).status_code == 302
    assert not Statement.objects.get(text="Said.").citations.exists()


def test_save_and_add_another_by_this_speaker_keeps_speaker_subject_topic_and_source(
    client, editor
):
    speaker, subject = PersonFactory(), PersonFactory()
    position = PositionFactory()
    source = SourceFactory()
    client.force_login(editor)
    data = change_form_data(
        client.get(ADD),
        speaker=str(speaker.pk),
        subject=str(subject.pk),
        kind="characterization",
        text="She wants reform.",
        said_on="2025-06",
        topic=str(position.topic_id),
        position=str(position.pk),
        **{"citations-0-source": str(source.pk), "citations-0-excerpt": "She wants reform."},
        _add_next_by_speaker="Save and add another by this speaker",
    )

    response = client.post(ADD, data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Statement.objects.get(text="She wants reform.").citations.count() == 1
    next_form = client.get(response["Location"])
    form = next_form.context["adminform"].form
    assert form["speaker"].value() == str(speaker.pk)
    assert form["subject"].value() == str(subject.pk)
    assert form["topic"].value() == str(position.topic_id)
    assert form["position"].value() is None
    assert form["text"].value() is None
    [citations] = [inline.formset for inline in next_form.context["inline_admin_formsets"]]
    assert citations.forms[0]["source"].value() == source.pk
