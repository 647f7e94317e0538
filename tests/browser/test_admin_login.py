"""The admin works in a real browser."""

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_editor_logs_in_to_the_admin(page, live_server, editor, log_in):
    log_in(editor, PASSWORD)
    assert page.locator("#site-name").is_visible()
    assert "Site administration" in page.title()
