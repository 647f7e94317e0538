"""What the bad-input corpus shares: hostile values, and the database state it must leave alone."""

from django.apps import apps

MEGABYTE = "x" * (1024 * 1024)
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
SQL = "Robert'); DROP TABLE people_person; -- ' OR '1'='1"


def row_counts() -> dict[str, int]:
    """Rows in every table of our apps: what 'the database did not change' is checked against."""
    return {
        model._meta.label: model._base_manager.count()
        for app in ("people", "sources", "claims")
        for model in apps.get_app_config(app).get_models()
    }


def database_state() -> dict[str, list[dict]]:
    """Every row of every table of our apps (history included), as plain values."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for app in ("people", "sources", "claims")
        for model in apps.get_app_config(app).get_models()
    }


def refuse_nul_bytes_as_postgresql_does(execute, sql, params, many, context):
    """A database execute wrapper: PostgreSQL refuses a NUL byte in a string parameter (a
    500), where SQLite stores it; with this the suite's SQLite runs see that 500 too."""
    rows = params if many else [params]
    for row in rows or ():
        values = row.values() if isinstance(row, dict) else row or ()
        if any(isinstance(value, str) and "\x00" in value for value in values):
            raise ValueError("A string literal cannot contain NUL (0x00) characters.")
    return execute(sql, params, many, context)
