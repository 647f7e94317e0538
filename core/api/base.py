"""The conventions every app's REST API follows, in one place.

Strict filters (no control characters, bad values are a 400), cursor pagination
that refuses forged cursors, conditional GET with ETag and Last-Modified, cache
headers, anonymous throttling, writes validated by the model's own full_clean,
and the OpenAPI error responses that go with all of that. It is part of the kernel
(`core`), which every app may import and which imports none of them.
"""

from __future__ import annotations

import hashlib
import hmac
import math

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Value
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, quote_etag
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotAcceptable
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.settings import api_settings

from core import revisions
from core.api.pagination import CONTROL_CHARACTER_MESSAGE, CONTROL_CHARACTERS
from core.concurrency import StaleEditError
from core.partial_dates import FORMAT_HINT, PartialDate, PartialDateFormField
from core.plain_text import validate_multiline_text, validate_one_line
from core.record_ids import LARGEST_ID, parse_record_id
from core.visibility import is_staff

# --- Filters -------------------------------------------------------------------------------


EMPTY_VALUE_MESSAGE = "Give a value, or leave the parameter out."


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet that answers 400 to control characters instead of passing them to SQL,
    and to an empty value where a format is expected (a slug, a date, an id, a choice)."""

    def __init__(self, data=None, *args, **kwargs):
        self.refused_values: dict[str, str] = {}
        if data is not None:
            data = data.copy()
            for name in list(data.keys()):
                if name in self.base_filters and any(
                    CONTROL_CHARACTERS.search(value) for value in data.getlist(name)
                ):
                    self.refused_values[name] = CONTROL_CHARACTER_MESSAGE
                    # Never let the value reach a field's clean(), which may query the database.
                    del data[name]
                elif (
                    name in self.base_filters
                    and not isinstance(self.base_filters[name], django_filters.CharFilter)
                    and "" in data.getlist(name)
                ):
                    # An empty slug, date, id or choice is no value of its format: say so
                    # rather than quietly filter by nothing.
                    self.refused_values[name] = EMPTY_VALUE_MESSAGE
                    del data[name]
        super().__init__(data, *args, **kwargs)
        # A filter the request does not name is never applied, so its choices are never read:
        # give it none instead of building the visible records' condition for nothing.
        asked = set(self.data.keys()) if self.data is not None else set()
        for name, filter_ in self.filters.items():
            model = getattr(getattr(filter_, "queryset", None), "model", None)
            if name not in asked and model is not None:
                filter_.queryset = model._default_manager.none()

    def is_valid(self) -> bool:
        return super().is_valid() and not self.refused_values

    @property
    def errors(self):
        errors = self.form.errors
        for name, message in self.refused_values.items():
            if name not in errors:
                self.form.add_error(name, message)
        return self.form.errors


class RecordsField(django_filters.fields.ModelMultipleChoiceField):
    """Records chosen by slug or id; none chosen is an empty list.

    Django's field answers an empty queryset (`queryset.none()`), and every filter asks
    whether its value is empty: each asking compiled a query, six per filtered statements
    request, though none ran.
    """

    def clean(self, value):
        if not self.required and not value:
            return []
        return super().clean(value)


# What a slug filter takes (Django's SlugField, at most our longest slug): anything else is
# refused with a 400, and the schema says so.
SLUG_SCHEMA = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": 200}
# A partial date as PartialDate.parse takes it: a year from 1800 to 2100, a month, a day.
PARTIAL_DATE_PATTERN = r"^(1[89]\d\d|20\d\d|2100)(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


@extend_schema_field({**SLUG_SCHEMA, "example": "zohran-mamdani"})
class SlugsFilter(django_filters.ModelMultipleChoiceFilter):
    """Filter by one or more slugs (?speaker=a&speaker=b); an unknown slug is a 400."""

    field_class = RecordsField


@extend_schema_field({**SLUG_SCHEMA, "example": "the-new-york-times"})
class SlugFilter(django_filters.ModelChoiceFilter):
    """Filter by one slug; an unknown slug is a 400."""


class RecordIdsField(RecordsField):
    """Record ids, each a whole number the id column can hold (else 400, not an overflow)."""

    def _check_values(self, value):
        for item in value:
            if parse_record_id(str(item)) is None:
                raise DjangoValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return super()._check_values(value)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": LARGEST_ID, "example": 3})
class RecordIdsFilter(django_filters.ModelMultipleChoiceFilter):
    """Filter by one or more record ids (?source=3&source=7)."""

    field_class = RecordIdsField


@extend_schema_field({"type": "string", "pattern": PARTIAL_DATE_PATTERN, "example": "2025-06"})
class PartialDateFromFilter(django_filters.Filter):
    """On or after the first day of the given period (partial dates compare by earliest day).

    `said_after=2025-06` keeps "2025-06", "2025-06-24" and "2026"; it drops "2025",
    whose earliest day (1 January 2025) lies before June.
    """

    field_class = PartialDateFormField

    def filter(self, queryset, value: PartialDate | None):
        if value is None:
            return queryset
        return queryset.filter(**{f"{self.field_name}__gte": value.isoformat()})


@extend_schema_field({"type": "string", "pattern": PARTIAL_DATE_PATTERN, "example": "2020"})
class PartialDateToFilter(django_filters.Filter):
    """On or before the last day of the given period (partial dates compare by earliest day).

    `said_before=2025-06` keeps everything whose earliest day is in or before June 2025:
    "2025-06-30", "2025-06" and "2025" (which starts in January), but not "2025-07".
    """

    field_class = PartialDateFormField

    def filter(self, queryset, value: PartialDate | None):
        if value is None:
            return queryset
        # "-99" pads the period to a string after every day inside it ("2025-06" -> "2025-06-99").
        padding = {"year": "-99-99", "month": "-99", "day": ""}[value.precision]
        # A plain string value: the column's own conversion would refuse the padded form.
        bound = Value(value.isoformat() + padding, output_field=models.CharField())
        return queryset.filter(**{f"{self.field_name}__lte": bound})


def visible_records(manager):
    """A filter's choices as the request's user may see them (core.visibility): a slug or
    id of a record only drafts name is unknown to the public, as on its detail page."""

    def choices(request):
        return manager.visible_to(getattr(request, "user", None))

    choices.model = manager.model  # what StrictFilterSet gives a filter nobody asked for
    return choices


class StrictOrderingFilter(OrderingFilter):
    """`ordering` takes one of the view's orderings; anything else is a 400 saying which."""

    def get_ordering(self, request, queryset, view):
        asked = request.query_params.getlist(self.ordering_param)
        if not asked:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in asked[0].split(",")]
        valid = self.remove_invalid_fields(queryset, terms, view, request)
        if len(asked) > 1 or len(terms) != 1 or valid != terms:
            names = sorted(name for name, _label in self.get_valid_fields(queryset, view))
            choices = ", ".join(f"{name}, -{name}" for name in names)
            raise serializers.ValidationError(
                {self.ordering_param: [f"Order by one of: {choices}."]}
            )
        return valid

    def get_schema_operation_parameters(self, view):
        names = sorted(getattr(view, "ordering_fields", None) or [])
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "One field to order by; a leading - reverses it.",
                "schema": {
                    "type": "string",
                    "enum": [value for name in names for value in (name, f"-{name}")],
                },
            }
        ]


# --- Serializer fields ---------------------------------------------------------------------


class PartialDateSerializer(serializers.Serializer):
    """A partial date as clients read it: the sortable ISO prefix, its precision and its text."""

    iso = serializers.CharField(help_text="2020, 2025-06 or 2025-06-24.")
    precision = serializers.ChoiceField(choices=["year", "month", "day"])
    text = serializers.CharField(help_text='For people: "2020", "June 2025", "24 June 2025".')


def partial_date_as_dict(value: PartialDate | None) -> dict | None:
    """The JSON form of a partial date (or None)."""
    if value is None:
        return None
    return {"iso": value.isoformat(), "precision": str(value.precision), "text": str(value)}


class LinkBuilder:
    """The absolute URLs HyperlinkedIdentityField gives, each view's reversed once per request.

    A list names a few records per row, all through the same few views: one reverse per view
    name, then the lookup value put in its place, rather than a reverse per link.
    """

    def __init__(self, request):
        self.request = request
        self.templates: dict[str, tuple[str, str]] = {}

    @classmethod
    def for_context(cls, context: dict) -> LinkBuilder:
        """The builder shared by every row a serializer context renders (one request)."""
        if "link_builder" not in context:
            context["link_builder"] = cls(context.get("request"))
        return context["link_builder"]

    def url(self, view_name: str, lookup_field: str, value) -> str | None:
        if self.request is None:
            return None
        if view_name not in self.templates:
            self.templates[view_name] = self._template(view_name, lookup_field)
        prefix, suffix = self.templates[view_name]
        return f"{prefix}{value}{suffix}"

    def _template(self, view_name: str, lookup_field: str) -> tuple[str, str]:
        """The link around the lookup value, as HyperlinkedIdentityField reverses it for this
        request (its URLconf, script prefix, API version, scheme and host)."""
        marker = "0" if lookup_field == "pk" else "lookup-marker"
        field = serializers.HyperlinkedIdentityField(view_name=view_name, lookup_field=lookup_field)
        url = field.get_url(_Sample(**{lookup_field: marker}), view_name, self.request, None)
        prefix, _, suffix = url.rpartition(f"/{marker}/")
        return (f"{prefix}/", f"/{suffix}")


class LinkField(serializers.HyperlinkedIdentityField):
    """HyperlinkedIdentityField, reversed once per request and view name (LinkBuilder):
    every serializer's record links use it."""

    def to_representation(self, value):
        if self.context.get("format"):  # ?format=... links keep DRF's own suffix handling
            return super().to_representation(value)
        links = LinkBuilder.for_context(self.context)
        return links.url(self.view_name, self.lookup_field, getattr(value, self.lookup_field))


class _Sample:
    def __init__(self, **attributes):
        self.__dict__.update(attributes)


@extend_schema_field(PartialDateSerializer(allow_null=True))
class PartialDateReadField(serializers.Field):
    """Reads a PartialDate as {iso, precision, text}."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return partial_date_as_dict(value)


class StrictCharField(serializers.CharField):
    """A text field that takes text only: a JSON number, boolean, list or object is a 400,
    never turned into its text (`"text": 123` is not the text "123")."""

    default_error_messages = {"not_text": "Send text (a JSON string), not {kind}."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text", kind=_json_kind(data))
        return super().to_internal_value(data)


class RecordIdField(serializers.PrimaryKeyRelatedField):
    """A record chosen by id: a JSON number with a fraction names no record (1.5 is not id 1,
    as int() would read it), and one past any float (1e400, infinity) is a 400, not a 500."""

    default_error_messages = {"not_whole": "Give the record's id as a whole number."}

    def to_internal_value(self, data):
        if isinstance(data, float):
            if not (math.isfinite(data) and data.is_integer()):
                self.fail("not_whole")
            data = int(data)
        return super().to_internal_value(data)


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "this value"


@extend_schema_field({"type": "string", "pattern": PARTIAL_DATE_PATTERN, "example": "2025-06-24"})
class PartialDateWriteField(StrictCharField):
    """Takes "2020", "2025-06" or "2025-06-24"; says what to type otherwise."""

    def __init__(self, **kwargs):
        # No max_length: DRF would measure the parsed PartialDate; the pattern bounds the text.
        kwargs.setdefault("help_text", f"As {FORMAT_HINT}.")
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        if text == "":
            return None
        try:
            return PartialDate.parse(text)
        except ValueError as error:
            message = str(error)
            raise serializers.ValidationError(f"{message[:1].upper()}{message[1:]}.") from None

    def to_representation(self, value):
        return value.isoformat() if value else None


# --- Writes validated like the admin -------------------------------------------------------


def drf_errors_from_django(error: DjangoValidationError) -> dict | list:
    """Django's ValidationError as DRF field errors ("__all__" becomes non_field_errors)."""
    detail = serializers.as_serializer_error(error)
    if isinstance(detail, dict) and "__all__" in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop("__all__")
    return detail


class ModelCleanSerializer(serializers.ModelSerializer):
    """A ModelSerializer that validates with the model's full_clean, as the admin does.

    Field checks, clean() and every constraint (with its violation message) run on
    the record as it would be saved; what is saved is exactly the cleaned record.
    Text fields take JSON strings only (StrictCharField).
    """

    serializer_related_field = RecordIdField
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }

    def to_internal_value(self, data):
        # DRF reads "" as null for a relation; the schema says a slug, an id or null.
        if isinstance(data, dict):
            empty = {
                name: ["Give a slug or id, or null; not an empty string."]
                for name, field in self.fields.items()
                if isinstance(field, serializers.RelatedField) and data.get(name) == ""
            }
            if empty:
                raise serializers.ValidationError(empty)
        return super().to_internal_value(data)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        record = model._default_manager.get(pk=self.instance.pk) if self.instance else model()
        # The row as stored, to tell an update that changes nothing (_changes_nothing).
        self.stored_values = _field_values(record) if self.instance else None
        if self.instance is not None:
            # Keep the version the client read, so a stale save is refused.
            for name in ("version",):
                if hasattr(self.instance, name):
                    setattr(record, name, getattr(self.instance, name))
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(record, name, value)
        try:
            record.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(drf_errors_from_django(error)) from None
        self.cleaned_record = record
        return attrs

    def create(self, validated_data):
        return self._save_cleaned(validated_data)

    def update(self, instance, validated_data):
        return self._save_cleaned(validated_data)

    def _save_cleaned(self, validated_data):
        record = self.cleaned_record
        if self._changes_nothing(record, validated_data):
            # No new version, no history entry, no revision: nothing readers see has changed.
            # The version compared is the one the client read, so a stale write still saves
            # (and is refused as stale).
            return record
        request = self.context.get("request")
        if request is not None and request.user.is_authenticated:
            # simple_history's middleware does not see the token user; name them here.
            record._history_user = request.user
        try:
            with transaction.atomic():
                record.save()
                for field in record._meta.many_to_many:
                    if field.name in validated_data:
                        getattr(record, field.name).set(validated_data[field.name])
        except IntegrityError as error:
            # A race past full_clean (two clients creating the same URL at once).
            raise serializers.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [_integrity_message(error)]}
            ) from None
        return record

    def _changes_nothing(self, record, validated_data) -> bool:
        """Whether this update writes the row and the links exactly as stored."""
        if self.stored_values is None or _field_values(record) != self.stored_values:
            return False
        return all(
            {related.pk for related in validated_data[field.name]}
            == set(getattr(record, field.name).values_list("pk", flat=True))
            for field in record._meta.many_to_many
            if field.name in validated_data
        )


def _field_values(record) -> dict:
    """The record's column values by attribute name (the version and timestamps included)."""
    return {field.attname: getattr(record, field.attname) for field in record._meta.concrete_fields}


def _integrity_message(error: IntegrityError) -> str:
    lines = str(error).strip().splitlines()
    return f"The database refused this change: {lines[0] if lines else 'a constraint failed'}."


# --- Conditional requests, cache headers, throttling ---------------------------------------


def audience_of(request) -> str:
    """Who a response is for, as far as its content goes: the public, or staff."""
    user = request.user
    return "staff" if is_staff(user) else "public"


def record_tag(record, digest: str) -> str:
    """The part of a detail ETag naming the record's own state, bound to the digest it was
    issued with: it changes on every save, and only this server can make one (keyed with
    SECRET_KEY), so If-Match checks the whole tag, not a part a client could make up."""
    stamp = getattr(record, "updated_at", None)
    state = f"{digest}|{record._meta.label}|{record.pk}|{getattr(record, 'version', '')}|"
    state += f"{stamp and stamp.isoformat()}"
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, state.encode(), hashlib.sha256).hexdigest()[:20]


def detail_tag(record, digest: str) -> str:
    """A detail ETag's value: the response's digest and the record's state."""
    return f"{digest}.{record_tag(record, digest)}"


def not_modified(tag: str, last_modified) -> Response:
    """304, echoing the client's tag: the same digest means the same record state too."""
    response = Response(status=status.HTTP_304_NOT_MODIFIED)
    response["ETag"] = tag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


class CacheHeadersMixin:
    """Cache-Control for every API response: public and short for anonymous readers; an ETag
    (core.revisions) on every read, and 304 when If-None-Match names the current content.

    Anonymous conditional reads are answered 304 earlier still, by
    config.middleware.PublicResponseCacheMiddleware, which also caches their responses.
    """

    public_cache = True  # read by PublicResponseCacheMiddleware

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except NotAcceptable as refusal:
            # Who may not ask (401, 403) and what may not be asked (405) are answered first:
            # the 406 waits (initial) until authentication, permissions and the method pass.
            self.not_acceptable = refusal
            return super().perform_content_negotiation(request, force=True)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refusal = getattr(self, "not_acceptable", None)
        method = request.method.lower()
        if refusal is not None and method in self.http_method_names and hasattr(self, method):
            raise refusal
        unknown = sorted(set(request.query_params) - self.known_query_parameters())
        if unknown:
            takes = ", ".join(sorted(self.known_query_parameters()))
            raise serializers.ValidationError(
                {
                    "parameters": [
                        f"Unknown parameter {name[:50]!r}; this endpoint takes: {takes}."
                        for name in unknown[:10]
                    ]
                }
            )

    def known_query_parameters(self) -> set[str]:
        """The query parameters this endpoint reads: its filters, ordering and paging."""
        known = {api_settings.URL_FORMAT_OVERRIDE}
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None and self.filter_backends:
            known.update(filterset_class.base_filters)
        for backend in self.filter_backends:
            if issubclass(backend, OrderingFilter):
                known.add(backend.ordering_param)
        if self.pagination_class is not None:
            known.update({self.pagination_class.cursor_query_param, "page_size"})
        return known

    def list(self, request, *args, **kwargs):
        return self.conditional(request, lambda: super(CacheHeadersMixin, self).list(request))

    def conditional(self, request, render, *, tag_of=None) -> Response:
        """Answer 304 if the client has the current content, else render and tag it."""
        revision = revisions.of_request(request)
        audience = audience_of(request)
        digest = revisions.digest(request, audience=audience, revision=revision)
        _number, last_modified, _pending = revision.for_audience(audience)
        tag = revisions.matching_tag(request, digest)
        if tag:
            return not_modified(tag, last_modified)
        response = render()
        if response.status_code == 200:
            response["ETag"] = quote_etag(tag_of(digest) if tag_of else digest)
            response["Last-Modified"] = http_date(last_modified.timestamp())
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Accept", "Authorization", "Cookie"))
        if "Cache-Control" in response:
            return response
        if request.method in ("GET", "HEAD") and not request.user.is_authenticated:
            patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response


class ConditionalDetailMixin:
    """ETag/Last-Modified on detail reads (304 when unchanged) and If-Match on updates (412).

    A detail ETag is "<digest>.<record tag>": the digest (core.revisions) says whether
    the response is unchanged, for If-None-Match, without a query beyond the revision; the
    record tag says whether the record itself is unchanged, for If-Match, so an editor's
    update is refused only when someone changed that record, not when anything else changed.
    """

    def retrieve(self, request, *args, **kwargs):
        found = {}

        def render() -> Response:
            found["record"] = record = self.get_object()
            return Response(self.get_serializer(record).data)

        return self.conditional(
            request, render, tag_of=lambda digest: detail_tag(found["record"], digest)
        )

    def precondition_failure(self, request, record) -> Response | None:
        """428 when a write names no version of the record, 412 when it names another one
        (or a weak tag, which names no exact version); None when If-Match names this one.

        Strong comparison on the whole tag: the digest and the record part must be a pair
        this server issued (record_tag), and the record part the record's current state.
        Changes to other records move the digest but leave a tag's pair valid, so they never
        refuse an edit.
        """
        header = request.headers.get("If-Match", "").strip()
        if not header or header == "*":
            return Response(
                {
                    "detail": "Send the record's ETag in If-Match (read it with GET first): "
                    "a write must name the version it changes."
                },
                status=status.HTTP_428_PRECONDITION_REQUIRED,
            )
        for tag in parse_etags(header):
            if tag.startswith("W/") or not (tag.startswith('"') and tag.endswith('"')):
                continue  # a weak or malformed tag names no exact version
            digest, _, part = tag[1:-1].partition(".")
            if part and hmac.compare_digest(part, record_tag(record, digest)):
                return None
        return Response(
            {
                "detail": "This record was changed since you read it, or If-Match is not the "
                "strong ETag it was served with; read it again and apply your change to the "
                "new version."
            },
            status=status.HTTP_412_PRECONDITION_FAILED,
        )


# --- OpenAPI -------------------------------------------------------------------------------

ERROR_DETAIL = inline_serializer(
    name="ErrorDetail", fields={"detail": serializers.CharField(help_text="What went wrong.")}
)
# Field errors ({field: [messages]}), or {"detail": message} for a body that is no JSON at all,
# a missing version (428) and the like; nested fields (a list's items) give an object.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"type": "string"}},
            {"type": "string"},
            {"type": "object"},
        ]
    },
    "example": {"said_after": ["Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."]},
}


# The characters each plain-text rule refuses, as the schema says them (ECMA regex ranges).
PLAIN_TEXT_REFUSED = [
    (validate_one_line, r"\u0000-\u001f\u007f-\u009f\ufffd"),
    (validate_multiline_text, r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd"),
]


# What every read answers, 200 or 304 (CacheHeadersMixin.conditional).
CONDITIONAL_GET_HEADERS = {
    "ETag": "The version of this answer, for If-None-Match (and, on a record's detail, for "
    "If-Match).",
    "Last-Modified": "When content this audience sees last changed (HTTP date).",
}


def _refuses_blank(field) -> bool:
    """A text field that trims what it is sent and refuses what is then empty."""
    return field.trim_whitespace and not field.allow_blank


class ClaimTrackerAutoSchema(AutoSchema):
    """Documents the error answers every endpoint can give, so clients and fuzzers know them."""

    def get_auth(self):
        # Every read is public: anonymous access is declared beside the token and session.
        auth = super().get_auth()
        if self.method in ("GET", "HEAD") and {} not in auth:
            auth.append({})
        return auth

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # Text a client sends keeps to the plain-text rule (core.plain_text): say so.
        refused = next(
            (
                characters
                for rule, characters in PLAIN_TEXT_REFUSED
                if any(validator is rule for validator in field.validators)
            ),
            None,
        )
        if direction == "request" and refused and "pattern" not in schema:
            schema["pattern"] = f"^[^{refused}]*$"
            if isinstance(field, serializers.CharField) and _refuses_blank(field):
                # Whitespace alone is blank once trimmed: at least one other character.
                schema["pattern"] = f"^[^{refused}]*[^\\s{refused}][^{refused}]*$"
        return schema

    def _get_parameters(self):
        parameters = super()._get_parameters()
        filters = getattr(getattr(self.view, "filterset_class", None), "base_filters", {})
        # Free text in a query (a search, a cursor) refuses control characters (400) and
        # what is longer than its filter takes: say so.
        for parameter in parameters:
            limit = getattr(filters.get(parameter["name"]), "extra", {}).get("max_length")
            if limit and parameter["in"] == "query":
                parameter["schema"]["maxLength"] = limit
            schema = parameter.get("schema", {})
            schema = schema.get("items", schema)
            if (
                parameter["in"] == "query"
                and schema.get("type") == "string"
                and not {"pattern", "enum", "format"} & set(schema)
            ):
                schema["pattern"] = r"^[^\u0000-\u001f\u007f]*$"
        return parameters

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "GET":
            # Every read is a conditional GET (CacheHeadersMixin, and the public response cache).
            parameters.append(
                OpenApiParameter(
                    "If-None-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    description="The ETag of an earlier answer: 304 while the content is the "
                    "same, else 200 with the new content and its new ETag.",
                )
            )
            parameters += [
                OpenApiParameter(
                    name,
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    response=["200", "304"],
                    required=True,
                    description=description,
                )
                for name, description in CONDITIONAL_GET_HEADERS.items()
            ]
        if self.method in ("PUT", "PATCH"):
            parameters.append(
                OpenApiParameter(
                    "If-Match",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    required=True,
                    # One or more strong or weak entity tags (RFC 9110); "*" names no version.
                    pattern=r'^(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*$',
                    description="The ETag a GET of this record answered (strong, whole): "
                    "without it the answer is 428, with another version's 412.",
                )
            )
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses

        # Errors come as JSON, and from a JSON-LD view also in its own media type.
        media_types = sorted({"application/json", *self.map_renderers("media_type")})

        def add(code: str, response, description: str) -> None:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=response, description=description),
                    code,
                    media_types=media_types,
                )

        if self.method == "GET":
            add("304", None, "Not modified: If-None-Match named the current ETag.")
        has_path_parameters = "{" in self.path
        is_write = self.method in ("POST", "PUT", "PATCH", "DELETE")
        if self._is_list_view() or is_write or self.method == "GET":
            add("400", FIELD_ERRORS, "Bad input: each offending field with its messages.")
        if is_write:
            add("401", ERROR_DETAIL, "No valid token was given.")
            add("403", ERROR_DETAIL, "The token's user may not do this.")
        if self.method in ("PUT", "PATCH"):
            add(
                "412",
                ERROR_DETAIL,
                "If-Match named an older version of the record, or a weak or unknown tag.",
            )
            add("428", ERROR_DETAIL, "No If-Match: send the ETag the record was read with.")
        if has_path_parameters:
            add("404", ERROR_DETAIL, "No such record (or it is not published).")
        if is_write:
            add("415", ERROR_DETAIL, "The body is not JSON.")
        if "application/json" not in self.map_renderers("media_type"):
            add("406", ERROR_DETAIL, "Accept names no media type this endpoint serves.")
        add("429", ERROR_DETAIL, "Too many requests; retry after the Retry-After seconds.")
        return responses


# --- Permissions and writes ----------------------------------------------------------------


class ReadOrModelPermissions(permissions.DjangoModelPermissions):
    """Anyone reads; writing needs the model's add/change/delete permission (editors have them)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return super().has_permission(request, view)


class WriteThenReadMixin:
    """Writes take `write_serializer_class` and answer with the read representation."""

    write_serializer_class: type[serializers.Serializer]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_serializer_class(self):
        if self.request is not None and self.request.method in ("POST", "PUT", "PATCH"):
            return self.write_serializer_class
        if self.action == "retrieve":
            return self.get_read_serializer_class()
        return super().get_serializer_class()

    def read_representation(self, record) -> dict:
        stored = self.get_queryset().filter(pk=record.pk).first() or record
        serializer_class = self.get_read_serializer_class()
        return serializer_class(stored, context=self.get_serializer_context()).data

    def get_read_serializer_class(self):
        return getattr(self, "detail_serializer_class", None) or self.serializer_class

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        return Response(self.read_representation(serializer.instance), status=201)

    def update(self, request, *args, **kwargs):
        """Replace or change a record: without If-Match a 428; with a stale or weak ETag
        (or after a lost race) a 412."""
        partial = kwargs.pop("partial", False)
        record = self.get_object()
        refused = self.precondition_failure(request, record)
        if refused is not None:
            return refused
        serializer = self.get_serializer(record, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            self.perform_update(serializer)
        except StaleEditError as error:
            return Response({"detail": str(error)}, status=status.HTTP_412_PRECONDITION_FAILED)
        response = Response(self.read_representation(serializer.instance))
        digest = revisions.digest(request, audience=audience_of(request))
        response["ETag"] = quote_etag(detail_tag(serializer.instance, digest))
        return response
