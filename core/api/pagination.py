"""Cursor pagination for API lists (kept apart from api_base: DRF imports it while loading)."""

from __future__ import annotations

import re

from django.db import models
from django.db.models import Q
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination

from core.partial_dates import PartialDate, PartialDateField
from core.plain_text import CONTROL_CHARACTERS
from core.record_ids import LARGEST_ID

CONTROL_CHARACTER_MESSAGE = "Control characters (such as a NUL byte) are not allowed."
# Between a position's value and the id after it ("2020~17"): in no partial date or number.
POSITION_SEPARATOR = "~"


class StableCursorPagination(CursorPagination):
    """Cursor pagination (stable under inserts, no deep offsets) that rejects forged cursors."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
    invalid_cursor_message = "This cursor is not valid; follow the next and previous links."

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size,
                }
                parameter["description"] = (
                    f"Rows per page, 1 to {self.max_page_size} (else a 400); {self.page_size} "
                    "by default."
                )
        return parameters

    def get_page_size(self, request) -> int:
        """The page size asked for: a whole number from 1 to max_page_size, else a 400."""
        asked = request.query_params.getlist(self.page_size_query_param)
        if not asked:
            return self.page_size
        if (
            len(asked) > 1
            or not re.fullmatch(r"[0-9]{1,4}", asked[0])
            or not (1 <= int(asked[0]) <= self.max_page_size)
        ):
            raise exceptions.ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(asked[0])

    def get_ordering(self, request, queryset, view):
        """The view's ordering, then the id in the same direction: every row has a position
        of its own, so rows said the same day (or year) are paged by id."""
        ordering = tuple(super().get_ordering(request, queryset, view))
        if ordering[0].lstrip("-") in ("id", "pk"):
            return ordering[:1]
        return (ordering[0], "-id" if ordering[0].startswith("-") else "id")

    def paginate_queryset(self, queryset, request, view=None):
        """DRF's CursorPagination.paginate_queryset, except that a page starts after the
        (value, id) pair of its cursor rather than after the value and an offset into the rows
        that share it: a row added or removed among those between two requests would shift
        that offset, repeating or skipping a row on the next page."""
        self.model = queryset.model
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        offset, reverse, current_position = self.cursor or (0, False, None)
        ordering = self.ordering
        if reverse:
            ordering = tuple(term[1:] if term[0] == "-" else f"-{term}" for term in ordering)
        queryset = queryset.order_by(*ordering)
        if current_position is not None:
            queryset = queryset.filter(self._after(current_position, ordering))
        results = list(queryset[offset : offset + self.page_size + 1])
        self.page = results[: self.page_size]
        following = None
        if len(results) > len(self.page):
            following = self._get_position_from_instance(results[-1], self.ordering)
        if reverse:
            self.page.reverse()
            self.has_next = current_position is not None or offset > 0
            self.has_previous = following is not None
            self.next_position, self.previous_position = current_position, following
        else:
            self.has_next = following is not None
            self.has_previous = current_position is not None or offset > 0
            self.next_position, self.previous_position = following, current_position
        if (self.has_previous or self.has_next) and self.template is not None:
            self.display_page_controls = True
        return self.page

    @staticmethod
    def _split_position(position: str, ordering: tuple[str, ...]) -> tuple[str, str | None]:
        """A position's first-column value and id; no id for a one-column ordering, or for a
        cursor made before positions named the id (value and offset)."""
        value, separator, pk = position.rpartition(POSITION_SEPARATOR)
        if separator and len(ordering) > 1:
            return value, pk
        return position, None

    def _after(self, position: str, ordering: tuple[str, ...]) -> Q:
        """The rows after a position, in the order the query walks."""
        first = ordering[0]
        name, comparison = first.lstrip("-"), "lt" if first.startswith("-") else "gt"
        value, pk = self._split_position(position, ordering)
        if pk is None:
            return Q(**{f"{name}__{comparison}": value})
        # The id follows the first column's direction (get_ordering).
        return Q(**{f"{name}__{comparison}": value}) | Q(**{name: value, f"id__{comparison}": pk})

    def decode_cursor(self, request):
        if len(request.query_params.getlist(self.cursor_query_param)) > 1:
            raise exceptions.ValidationError({self.cursor_query_param: ["Give one cursor."]})
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and CONTROL_CHARACTERS.search(encoded):
            raise exceptions.ValidationError({self.cursor_query_param: [CONTROL_CHARACTER_MESSAGE]})
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise exceptions.ValidationError(
                {self.cursor_query_param: [self.invalid_cursor_message]}
            ) from None
        if cursor is not None and cursor.position is not None:
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            value, pk = self._split_position(cursor.position, self.ordering)
            fits = self._position_fits(field, value) and (
                pk is None or self._position_fits(self.model._meta.pk, pk)
            )
            if not fits:
                raise exceptions.ValidationError(
                    {self.cursor_query_param: [self.invalid_cursor_message]}
                )
        return cursor

    @staticmethod
    def _position_fits(field: models.Field, position: str) -> bool:
        """Whether a decoded position is a value the ordering column can hold."""
        if isinstance(field, PartialDateField):
            try:
                PartialDate.parse(position)
            except ValueError:
                return False
            return True
        if isinstance(field, models.IntegerField):
            return bool(re.fullmatch(r"-?\d{1,19}", position)) and abs(int(position)) <= LARGEST_ID
        return False

    def _get_position_from_instance(self, instance, ordering):
        name = ordering[0].lstrip("-")
        value = getattr(instance, name)
        # str(PartialDate) is for people ("June 2025"); the cursor needs the sortable form.
        position = value.isoformat() if isinstance(value, PartialDate) else str(value)
        if len(ordering) > 1:  # the id that orders rows of the same value (get_ordering)
            position = f"{position}{POSITION_SEPARATOR}{instance.pk}"
        return position
