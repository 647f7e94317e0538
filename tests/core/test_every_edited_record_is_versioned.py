"""Every record editors edit in the admin carries a version: of two editors who opened it, the
second to save is refused with what the first changed, and the first's change stays; on its
own page, inside another record's form (a statement's citations), and in a restore."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from core.concurrency import StaleEditError, VersionedModel, VersionedModelForm
from core.partial_dates import PartialDate
from tests.admin_forms import change_form_data, messages_in
from tests.factories import (
    CitationFactory,
    CorrectionFactory,
    EndorsementFactory,
    OrganizationFactory,
    PositionFactory,
    PromiseFactory,
    PromiseScaleFactory,
    PromiseStatusChangeFactory,
    RatingFactory,
    RatingScaleFactory,
    RoleFactory,
    StanceShiftFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def stance_shift():
    position = PositionFactory()
    earlier = StatementFactory(position=position, said_on=PartialDate(2020))
    later = StatementFactory(speaker=earlier.speaker, position=position)
    return StanceShiftFactory(earlier=earlier, later=later, analysis="Original.")


@dataclass
class Kind:
    """A kind of record, made with its factory, and a text field an editor changes."""

    make: Any
    field: str


# Each kind on its own change page (the statements, sources, people, fact-checks, promises and
# claims that had a version before are in tests/*/test_admin_concurrency.py).
OWN_PAGE = {
    "organization": Kind(lambda: OrganizationFactory(aliases="Original."), "aliases"),
    "role": Kind(lambda: RoleFactory(title="Original."), "title"),
    "topic": Kind(lambda: TopicFactory(description="Original."), "description"),
    "position": Kind(lambda: PositionFactory(description="Original."), "description"),
    "rating scale": Kind(lambda: RatingScaleFactory(name="Original."), "name"),
    "rating": Kind(lambda: RatingFactory(description="Original."), "description"),
    "citation": Kind(lambda: CitationFactory(locator="Original."), "locator"),
    "endorsement": Kind(lambda: EndorsementFactory(note="Original."), "note"),
    "stance shift": Kind(stance_shift, "analysis"),
    "correction": Kind(lambda: CorrectionFactory(what_changed="Original."), "what_changed"),
    "promise status change": Kind(
        lambda: PromiseStatusChangeFactory(analysis="Original."), "analysis"
    ),
    "promise scale": Kind(lambda: PromiseScaleFactory(description="Original."), "description"),
}


@dataclass
class InlineKind:
    """Rows edited inside another record's form: the parent, one row, a field of each."""

    make_parent: Any
    row_of: Any
    parent_field: str
    field: str


INLINE = {
    "citation on a statement": InlineKind(
        lambda: CitationFactory(locator="Original.").statement,
        lambda statement: statement.citations.get(),
        "venue",
        "locator",
    ),
    "citation on an endorsement": InlineKind(
        lambda: (
            CitationFactory(
                statement=None, endorsement=EndorsementFactory(), excerpt="As said."
            ).endorsement
        ),
        lambda endorsement: endorsement.citations.get(),
        "note",
        "locator",
    ),
    "citation on a promise": InlineKind(
        PromiseFactory, lambda promise: promise.citations.get(), "wording", "locator"
    ),
    "citation on a promise status change": InlineKind(
        PromiseStatusChangeFactory, lambda change: change.citations.get(), "analysis", "locator"
    ),
    "role on a person": InlineKind(
        lambda: RoleFactory().person, lambda person: person.roles.get(), "description", "title"
    ),
    "position on a topic": InlineKind(
        lambda: PositionFactory().topic,
        lambda topic: topic.positions.get(),
        "description",
        "description",
    ),
    "rating on a scale": InlineKind(
        lambda: RatingFactory().scale, lambda scale: scale.ratings.get(), "name", "description"
    ),
    "status on a promise scale": InlineKind(
        PromiseScaleFactory,
        lambda scale: scale.ratings.get(slug="kept"),
        "description",
        "description",
    ),
}


def change_url(record, page: str = "change", *args) -> str:
    meta = record._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{page}", args=[record.pk, *args])


def fresh(record):
    return type(record)._default_manager.get(pk=record.pk)


def both_open(client, first_user, second_user, url):
    """What each editor's browser would post: the form as each of them opened it."""
    client.force_login(first_user)
    first = client.get(url)
    client.force_login(second_user)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    return first, second


def save(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def row_key(response, row, field: str) -> str:
    """The posted name of a field of this inline row in the form of the response."""
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            if type(form.instance) is type(row) and form.instance.pk == row.pk:
                return form.add_prefix(field)
    raise AssertionError(f"{row!r} is not in the form")


def row_errors(response, row) -> str:
    for inline in response.context["inline_admin_formsets"]:
        for form in inline.formset.forms:
            if type(form.instance) is type(row) and form.instance.pk == row.pk:
                return " ".join(form.non_field_errors())
    raise AssertionError(f"{row!r} is not in the form")


@pytest.mark.parametrize("kind", OWN_PAGE.values(), ids=OWN_PAGE.keys())
def test_the_second_of_two_stale_forms_is_refused(client, editor, second_editor, kind):
    record = kind.make()
    url = change_url(record)
    first, second = both_open(client, editor, second_editor, url)

    accepted = save(client, editor, url, change_form_data(first, **{kind.field: "First."}))
    assert accepted.status_code == 302, accepted.context and accepted.context["errors"]
    refused = save(client, second_editor, url, change_form_data(second, **{kind.field: "Second."}))

    assert refused.status_code == 200
    error = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "Someone else saved this record" in error
    assert "“Original.” → “First.”" in error
    assert getattr(fresh(record), kind.field) == "First."


@pytest.mark.parametrize("kind", INLINE.values(), ids=INLINE.keys())
def test_a_row_changed_in_two_stale_parent_forms_is_refused(client, editor, second_editor, kind):
    parent = kind.make_parent()
    row = kind.row_of(parent)
    url = change_url(parent)
    first, second = both_open(client, editor, second_editor, url)

    accepted = save(
        client, editor, url, {**change_form_data(first), row_key(first, row, kind.field): "First."}
    )
    assert accepted.status_code == 302, accepted.context and accepted.context["errors"]
    refused = save(
        client,
        second_editor,
        url,
        {**change_form_data(second), row_key(second, row, kind.field): "Second."},
    )

    assert refused.status_code == 200
    assert "Someone else saved this record" in row_errors(refused, row)
    assert getattr(fresh(row), kind.field) == "First."


@pytest.mark.parametrize("touched", [True, False], ids=["row changed here", "row untouched"])
@pytest.mark.parametrize("kind", INLINE.values(), ids=INLINE.keys())
def test_a_row_saved_elsewhere_since_the_parent_form_opened_is_not_overwritten(
    client, editor, kind, touched
):
    """The row changed on its own (its page, the API): the parent's form, which still holds
    its old values, may not write them back over it, whether this editor touched it or not."""
    parent = kind.make_parent()
    row = kind.row_of(parent)
    url = change_url(parent)
    client.force_login(editor)
    opened = client.get(url)
    elsewhere = fresh(row)
    setattr(elsewhere, kind.field, "Saved elsewhere.")
    elsewhere.save()

    mine = {row_key(opened, row, kind.field): "Mine."} if touched else {kind.parent_field: "Mine."}
    refused = save(client, editor, url, {**change_form_data(opened), **mine})

    assert refused.status_code == 200
    assert "“Saved elsewhere.”" in row_errors(refused, row)
    assert getattr(fresh(row), kind.field) == "Saved elsewhere."
    assert getattr(fresh(parent), kind.parent_field) != "Mine."


@pytest.mark.parametrize("kind", INLINE.values(), ids=INLINE.keys())
def test_a_row_left_alone_does_not_refuse_the_parents_save(client, editor, kind):
    """A row saved since the form opened, with nothing an editor sees changed, is not saved
    again, so it does not stand in the way of the change made to the parent."""
    parent = kind.make_parent()
    row = kind.row_of(parent)
    url = change_url(parent)
    client.force_login(editor)
    opened = client.get(url)
    fresh(row).save()

    response = save(client, editor, url, change_form_data(opened, **{kind.parent_field: "Mine."}))

    assert response.status_code == 302, response.context and response.context["errors"]
    assert getattr(fresh(parent), kind.parent_field) == "Mine."
    assert fresh(row).version == row.version + 1


@pytest.mark.parametrize("kind", OWN_PAGE.values(), ids=OWN_PAGE.keys())
def test_a_restore_from_a_stale_history_page_is_refused(client, editor, kind):
    record = kind.make()
    earliest = record.history.earliest().history_id
    client.force_login(editor)
    seen = client.get(change_url(record, "history")).context["current_version"]
    changed = fresh(record)
    setattr(changed, kind.field, "Changed since.")
    changed.save()

    response = client.post(change_url(record, "restore", earliest), {"version": seen}, follow=True)

    assert any("Nothing was restored" in message for message in messages_in(response))
    assert getattr(fresh(record), kind.field) == "Changed since."


# Every versioned kind, those edited only inline too.
VERSIONED = {
    **{name: kind.make for name, kind in OWN_PAGE.items()},
    "promise citation": lambda: PromiseFactory().citations.get(),
    "promise status": lambda: PromiseScaleFactory().ratings.first(),
}


@pytest.mark.parametrize("make", VERSIONED.values(), ids=VERSIONED.keys())
def test_a_save_from_a_stale_copy_raises(make):
    record = make()
    first, second = fresh(record), fresh(record)
    first.save()
    with pytest.raises(StaleEditError, match="changed by someone else"), transaction.atomic():
        second.save()
    assert fresh(record).version == record.version + 1


def editable_admins(request):
    """Every admin and inline of the project's apps that edits a record."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in {"core", "people", "sources", "claims"}:
            continue
        if not model_admin.has_change_permission(request):
            continue
        yield model, model_admin
        for inline in model_admin.get_inline_instances(request):
            editable = set(flatten_fieldsets(inline.get_fieldsets(request)))
            if editable - set(inline.get_readonly_fields(request)):
                yield inline.model, inline


def form_of(model_admin, request):
    if isinstance(model_admin, admin.ModelAdmin):
        return model_admin.get_form(request)
    return model_admin.get_formset(request).form


def test_every_form_that_edits_a_record_carries_its_version(publisher):
    """A new admin or inline joins the rule by building on core.admin's RecordAdmin or
    RecordInline: this lists whatever does not."""
    request = RequestFactory().get("/admin/")
    request.user = publisher
    unversioned = [
        f"{type(model_admin).__name__} ({model._meta.label})"
        for model, model_admin in editable_admins(request)
        if not (
            issubclass(model, VersionedModel)
            and issubclass(form_of(model_admin, request), VersionedModelForm)
            and "version" in flatten_fieldsets(model_admin.get_fieldsets(request))
        )
    ]
    assert unversioned == []
