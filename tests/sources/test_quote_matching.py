"""Finding a quote in a text: typographic differences are tolerated, nothing else."""

import pytest

from sources.quote_matching import ELLIPSIS_MAX_OMITTED, find_quote

TEXT = (
    "Harrison said he still needs to make inroads with rank-and-file officers, however.\n"
    "“It’s important that he says some things — and actions speak louder than words — "
    "that show he supports the rank and file,” he told the New York Times."
)


def found_text(quote: str, text: str = TEXT) -> str | None:
    match = find_quote(quote, text)
    return text[match.start : match.end] if match else None


def test_an_exact_quote_is_found_where_it_is():
    match = find_quote("actions speak louder than words", TEXT)

    assert match is not None
    assert TEXT[match.start : match.end] == "actions speak louder than words"


@pytest.mark.parametrize(
    "quote",
    [
        "It's important that he says some things",  # straight apostrophe for a curly one
        '"It’s important that he says some things - and actions speak louder than words',
        "It’s important that he says some things -- and actions speak louder than words",
        "It’s important that he says some things—and actions speak louder than words",
        "It’s important that he says some things – and actions speak louder than words",
        "IT’S IMPORTANT that he says some things",
        "It’s  important\nthat he\u00a0says some things",
        "“It’s important that he says some things … that show he supports the rank and file.”",
        "It’s important that he says some things ... that show he supports the rank and file",
        "It’s important that he says some things [...] that show he supports the rank and file",
    ],
)
def test_typographic_variants_are_found(quote):
    assert found_text(quote) is not None


def test_a_quote_spanning_a_line_break_is_found():
    assert found_text("however. “It’s important") == "however.\n“It’s important"


def test_the_match_covers_the_quote_from_its_first_to_its_last_word():
    assert found_text("“It’s important … rank and file.”") == (
        "It’s important that he says some things — and actions speak louder than words — "
        "that show he supports the rank and file"
    )


@pytest.mark.parametrize(
    "quote",
    [
        "It’s important that he says many things",  # one word changed
        "It’s important that he says some things and actions speak louder than words",  # dash dropped
        "It’s very important that he says some things",  # a word added
        "It’s important he says some things",  # a word left out without an ellipsis
        "the rank and file … It’s important",  # ellipsis parts out of order
        "supports the rank and files",  # inside a longer word
        "upports the rank",  # starting inside a word
        "It’s important that he says some things!",  # other punctuation
        "",
        "  … ",
    ],
)
def test_anything_more_than_typography_is_a_miss(quote):
    assert find_quote(quote, TEXT) is None


def test_an_ellipsis_does_not_stand_for_pages():
    text = "We will act. " + "Filler words here. " * (ELLIPSIS_MAX_OMITTED // 10) + "Soon."

    assert find_quote("We will act … Soon", text) is None
    assert find_quote("We will act … Filler words", text) is not None


def test_a_quote_given_with_its_quotation_marks_is_found_from_the_opening_mark():
    assert found_text("“It's important that he says") == "“It’s important that he says"


def test_a_quote_given_with_its_quotation_marks_is_found_where_the_text_has_none():
    assert found_text("“make inroads with rank-and-file officers”") == (
        "make inroads with rank-and-file officers"
    )
