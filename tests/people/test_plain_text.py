"""The plain-text rule: which characters a text field takes, and that every text field has it."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models

from core.partial_dates import PartialDateField
from core.plain_text import validate_multiline_text, validate_one_line

# Written by the machine, not typed: archived copies of pages, the audit log, seed keys.
MACHINE_WRITTEN = {"sources.Snapshot", "claims.AuditEntry", "claims.SeedKey"}


def typed_text_fields():
    for app in ("people", "sources", "claims"):
        for model in apps.get_app_config(app).get_models():
            label = model._meta.label
            if label in MACHINE_WRITTEN or model.__name__.startswith("Historical"):
                continue
            for field in model._meta.concrete_fields:
                if (
                    isinstance(field, models.CharField | models.TextField)
                    and field.editable
                    and not field.choices
                    and not isinstance(field, models.SlugField | PartialDateField)
                ):
                    yield f"{label}.{field.name}", field


def test_every_text_an_editor_types_follows_the_plain_text_rule():
    """A new text field without the rule fails here (slugs, choices and dates have their own)."""
    fields = dict(typed_text_fields())
    assert len(fields) > 30
    for name, field in fields.items():
        wanted = (
            validate_multiline_text if isinstance(field, models.TextField) else validate_one_line
        )
        assert wanted in field.validators, name


@pytest.mark.parametrize(
    "text",
    [
        "Zohran Mamdani",
        "জোহরান মামদানি",  # Bengali
        "زهران ممداني",  # Arabic, right to left
        "👩🏽‍⚖️ judge",  # an emoji joined with U+200D
        "Café, naïve, 50 % — “quoted”",
        "\u00a0non-breaking space",
    ],
)
def test_printable_text_of_any_script_is_fine_everywhere(text):
    validate_one_line(text)
    validate_multiline_text(text)


def test_tabs_and_line_breaks_are_fine_only_in_multi_line_text():
    validate_multiline_text("one\r\ntwo\tthree\n")
    with pytest.raises(ValidationError) as refused:
        validate_one_line("one\ntwo")
    assert refused.value.messages == [
        "Remove the tab or line break (U+000A at character 4): "
        "this field takes a single line of text."
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a\x00b",
            "Remove the control character U+0000 at character 2: control characters are not "
            "allowed (tabs and line breaks are fine).",
        ),
        ("\x1b[31m", "Remove the control character U+001B at character 1"),
        ("x\x7f", "Remove the control character U+007F at character 2"),
        ("x\x9f", "Remove the control character U+009F at character 2"),
        (
            "ab\ud800",
            "Remove the invalid character U+D800 at character 3: a lone surrogate is not a "
            "character, so this is not valid Unicode text.",
        ),
        (
            "Caf\ufffd",
            "Remove the replacement character U+FFFD at character 4: it stands for bytes that "
            "were not valid text; paste the original text again.",
        ),
    ],
)
def test_control_characters_surrogates_and_u_fffd_are_refused_by_both_rules(text, message):
    for validate in (validate_one_line, validate_multiline_text):
        with pytest.raises(ValidationError) as refused:
            validate(text)
        [said] = refused.value.messages
        one_line = validate is validate_one_line
        assert said.startswith(
            message.replace(" (tabs and line breaks are fine)", "") if one_line else message
        )
