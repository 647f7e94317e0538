"""The one rule for a web address an editor gives (a source's, an organization's website):
http or https, written out. An address without its scheme is refused, never completed with a
guessed one: "example.org" may be served only over https, or not at all."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

http_url_validator = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http:// or https://."
)


def validate_web_address(value: str) -> None:
    """An http or https address with a port a connection can use: URLValidator takes any
    five digits (99999, 0), which normalize_url cannot read or would drop."""
    http_url_validator(value)
    try:
        port = urlsplit(value).port
    except ValueError:
        port = 0
    if port == 0:
        raise ValidationError("Give a port from 1 to 65535, or none.", code="invalid")
