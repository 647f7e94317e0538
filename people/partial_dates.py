"""Moved to core.partial_dates. Kept because landed migrations import these from here
(migrations are never edited); new code imports core.partial_dates."""

from core.partial_dates import PartialDateField, validate_not_in_the_future

__all__ = ["PartialDateField", "validate_not_in_the_future"]
