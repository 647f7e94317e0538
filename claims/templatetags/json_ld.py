"""`{% json_ld data %}`: embed a dict as a JSON-LD script block that no value can break out of."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As Django's json_script: with <, > and & escaped, no string can close the <script> element.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> str:
    """A <script type="application/ld+json"> element holding `data`, safely escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    # Safe: the JSON above cannot contain "<", ">" or "&" any more.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
