"""Moved to core.plain_text. Kept because landed migrations import these from here
(migrations are never edited); new code imports core.plain_text."""

from core.plain_text import LengthLimit, validate_multiline_text, validate_one_line

__all__ = ["LengthLimit", "validate_multiline_text", "validate_one_line"]
