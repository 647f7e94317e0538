"""How reader pages and feeds word a statement: who said it of whom, and its words quoted once."""

from __future__ import annotations

OPENING_MARKS = "“\"‘'«„"
CLOSING_MARKS = "”\"’'»“"


def quoted(text: str) -> str:
    """The text between quotation marks, unless it already stands between them."""
    text = text.strip()
    if len(text) >= 2 and text[0] in OPENING_MARKS and text[-1] in CLOSING_MARKS:
        return text
    return f"“{text}”"


def kind_beside_speaker(statement) -> str:
    """The statement's kind where its speaker is named right after it: "Characterization by
    Karam Chowdhury", not the editors' "Characterization by another person by ..."."""
    if statement.kind == "characterization":
        return "Characterization"
    return statement.get_kind_display()


def speaker_on_subject(statement) -> str:
    """ "Karam Chowdhury on Zohran Mamdani"; just "Zohran Mamdani" for one's own words."""
    if statement.is_about_someone_else:
        return f"{statement.speaker_display} on {statement.subject.name}"
    return statement.speaker_display


def statement_title(statement, shortened) -> str:
    """ "Zohran Mamdani: “…”" for a quote, "Karam Chowdhury on Zohran Mamdani: …" otherwise."""
    words = shortened(statement.text)
    if statement.kind == "quote":
        words = quoted(words)
    return f"{speaker_on_subject(statement)}: {words}"
