"""Plain text: which characters an editor may type into a text field, one rule for every way in.

Every free-text field of our models carries one of the two validators below. The admin
forms, the API's writes, CSV/JSON import and the seed loader all run the model's
full_clean, so they refuse the same characters with the same message:

- control characters (Unicode category Cc: U+0000 to U+001F and U+007F to U+009F). Nobody
  types them on purpose; a NUL byte cannot even be stored in PostgreSQL. Tab, line feed
  and carriage return are the exceptions, and only in multi-line text (TextField: aliases,
  quotes, analyses, notes); a one-line field (CharField: names, titles, slugs, URLs) takes
  none of them;
- lone surrogates (U+D800 to U+DFFF): halves of a UTF-16 pair, not characters; they cannot
  be written as UTF-8 (JSON may smuggle them in as "\\ud800");
- the replacement character U+FFFD: what a decoder puts in place of bytes that were not
  UTF-8 (Django does so with a form post it cannot decode), so text holding it was garbled
  on the way and is not what was said.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

# C0 control characters and DEL: what a query parameter (a filter, a cursor) may never hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

_REFUSED_IN_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")
_REFUSED_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffd]")


def validate_one_line(value: str) -> None:
    """Refuse control characters (tabs and line breaks too), lone surrogates and U+FFFD."""
    _refuse_first(_REFUSED_IN_ONE_LINE.search(str(value)), one_line=True)


def validate_multiline_text(value: str) -> None:
    """Refuse control characters other than tab and line breaks, lone surrogates and U+FFFD."""
    _refuse_first(_REFUSED_IN_TEXT.search(str(value)), one_line=False)


def _refuse_first(match: re.Match | None, *, one_line: bool) -> None:
    if match is None:
        return
    character = match.group()
    params = {"code": f"U+{ord(character):04X}", "position": match.start() + 1}
    if character in "\t\n\r":
        message, code = (
            "Remove the tab or line break (%(code)s at character %(position)s): "
            "this field takes a single line of text.",
            "line_break",
        )
    elif "\ud800" <= character <= "\udfff":
        message, code = (
            "Remove the invalid character %(code)s at character %(position)s: a lone "
            "surrogate is not a character, so this is not valid Unicode text.",
            "surrogate",
        )
    elif character == "\ufffd":
        message, code = (
            "Remove the replacement character %(code)s at character %(position)s: it stands for "
            "bytes that were not valid text; paste the original text again.",
            "replacement_character",
        )
    else:
        allowed = "" if one_line else " (tabs and line breaks are fine)"
        message, code = (
            "Remove the control character %(code)s at character %(position)s: control "
            f"characters are not allowed{allowed}.",
            "control_character",
        )
    raise ValidationError(message, code=code, params=params)


class LengthLimit(MaxLengthValidator):
    """A maximum length for a text field, with a message saying what to do about it."""

    def __init__(self, limit_value: int, *, advice: str = "shorten it"):
        self.advice = advice
        super().__init__(
            limit_value,
            message=(
                "This is too long: at most %(limit_value)s characters (it has %(show_value)s); "
                f"{advice}."
            ),
        )

    def __eq__(self, other):
        return super().__eq__(other) and self.advice == getattr(other, "advice", None)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return path, (self.limit_value,), {"advice": self.advice}
