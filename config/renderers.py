"""Response renderers for the API: DRF's JSON, encoded by orjson."""

import orjson
from rest_framework.renderers import JSONRenderer

# orjson writes these two as they are; DRF escapes them so the JSON is also valid JavaScript.
_LINE_SEPARATOR, _PARAGRAPH_SEPARATOR = "\u2028".encode(), "\u2029".encode()


class FastJSONRenderer(JSONRenderer):
    """DRF's JSONRenderer with orjson doing the encoding: the same bytes, several times faster
    (docs/bench.md). tests/api/test_renderer.py compares the two on every kind of value.

    What orjson cannot encode the way DRF does goes to DRF's own encoder: dates and times
    (DRF writes UTC as "Z" and cuts microseconds to milliseconds), lazy strings, decimals
    (OPT_PASSTHROUGH_DATETIME and `default`). What it refuses (integer keys, integers past 64
    bits, lone surrogates) and indented output (`Accept: application/json; indent=4`, the
    browsable API) are rendered by DRF itself. Two differences remain, for values the API
    never holds: a float is written in its shortest form (1e16, not 1e+16), and NaN or
    infinity is written as null where DRF's strict JSON raises an error.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        indent = self.get_indent(accepted_media_type, renderer_context or {})
        if indent is not None or self.ensure_ascii or not self.compact:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            rendered = orjson.dumps(
                data,
                default=self.encoder_class().default,
                option=orjson.OPT_PASSTHROUGH_DATETIME,
            )
        except TypeError:  # orjson.JSONEncodeError included
            return super().render(data, accepted_media_type, renderer_context)
        if _LINE_SEPARATOR in rendered or _PARAGRAPH_SEPARATOR in rendered:
            rendered = rendered.replace(_LINE_SEPARATOR, b"\\u2028")
            rendered = rendered.replace(_PARAGRAPH_SEPARATOR, b"\\u2029")
        return rendered
