"""Cursor pagination for API lists (kept apart from api_base: DRF imports it while loading)."""

from __future__ import annotations

import re

from django.db import models
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination

from core.partial_dates import PartialDate, PartialDateField
from core.plain_text import CONTROL_CHARACTERS
from core.record_ids import LARGEST_ID

CONTROL_CHARACTER_MESSAGE = "Control characters (such as a NUL byte) are not allowed."


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

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

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
            if not self._position_fits(field, cursor.position):
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
        return value.isoformat() if isinstance(value, PartialDate) else str(value)
