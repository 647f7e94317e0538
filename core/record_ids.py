"""Record ids read from text (a query string, a hidden field, a command's argument)."""

from __future__ import annotations

import re

# The largest value of a 64-bit id column (BigAutoField on PostgreSQL and SQLite).
LARGEST_ID = 2**63 - 1

# ASCII digits only: str.isdigit() also takes "²" and "①", which int() refuses.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,19}")


def parse_record_id(text: str) -> int | None:
    """The whole number `text` spells in ASCII digits, if an id column can hold it, else None."""
    if not _WHOLE_NUMBER.fullmatch(text) or int(text) > LARGEST_ID:
        return None
    return int(text)
