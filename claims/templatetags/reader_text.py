"""Filters for how reader pages word statements (claims.wording)."""

from django import template
from django.utils.text import Truncator

from claims import wording

register = template.Library()


@register.filter(is_safe=True)
def quoted(text: str) -> str:
    """`{{ statement.text|quoted }}`: between quotation marks once, even when the text has them."""
    return wording.quoted(str(text))


@register.filter
def speaker_on_subject(statement) -> str:
    """`{{ statement|speaker_on_subject }}`: "Karam Chowdhury on Zohran Mamdani", or just the
    speaker (a person, a label or an organization) for one's own words."""
    return wording.speaker_on_subject(statement)


@register.filter
def kind_beside_speaker(statement) -> str:
    """`{{ statement|kind_beside_speaker }} by ...`: "Characterization", not "Characterization
    by another person"."""
    return wording.kind_beside_speaker(statement)


@register.filter
def statement_title(statement) -> str:
    """`{{ statement|statement_title }}`: "Zohran Mamdani: …", "Karam Chowdhury on Zohran
    Mamdani: …", the words cut to a title's length."""
    return wording.statement_title(statement, lambda text: Truncator(text).chars(70))
