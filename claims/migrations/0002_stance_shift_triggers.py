"""Database triggers for the stance-shift rules no CHECK constraint can express:
both statements share the shift's subject and topic, and are in date order
(partial dates: the earlier may also overlap the later, "2025-06" vs "2025")."""

from django.db import migrations

MESSAGE = "stance shift: both statements must share its subject and topic, the earlier dated first"

CONSISTENT = """
    EXISTS (
        SELECT 1 FROM claims_statement e, claims_statement l
        WHERE e.id = {shift}.earlier_id AND l.id = {shift}.later_id
          AND e.subject_id = {shift}.subject_id AND l.subject_id = {shift}.subject_id
          AND e.topic_id = {shift}.topic_id AND l.topic_id = {shift}.topic_id
          AND (e.said_on <= l.said_on OR e.said_on LIKE l.said_on || '%%')
    )
"""

STATEMENT_STILL_FITS = """
    NOT EXISTS (
        SELECT 1 FROM claims_stanceshift s
        JOIN claims_statement e ON e.id = s.earlier_id
        JOIN claims_statement l ON l.id = s.later_id
        WHERE (s.earlier_id = NEW.id OR s.later_id = NEW.id)
          AND NOT (e.subject_id = s.subject_id AND l.subject_id = s.subject_id
                   AND e.topic_id = s.topic_id AND l.topic_id = s.topic_id
                   AND (e.said_on <= l.said_on OR e.said_on LIKE l.said_on || '%%'))
    )
"""

SQLITE_FORWARD = [
    f"""CREATE TRIGGER claims_stanceshift_check_{event.lower()} AFTER {event} ON claims_stanceshift
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}') WHERE NOT {CONSISTENT.format(shift="NEW")}; END"""
    for event in ("INSERT", "UPDATE")
] + [
    f"""CREATE TRIGGER claims_statement_check_shifts AFTER UPDATE OF subject_id, topic_id, said_on
    ON claims_statement
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}') WHERE NOT {STATEMENT_STILL_FITS}; END"""
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS claims_stanceshift_check_insert",
    "DROP TRIGGER IF EXISTS claims_stanceshift_check_update",
    "DROP TRIGGER IF EXISTS claims_statement_check_shifts",
]

POSTGRES_FORWARD = [
    f"""CREATE FUNCTION claims_stanceshift_check() RETURNS trigger AS $$
    BEGIN
        IF NOT {CONSISTENT.format(shift="NEW")} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE CONSTRAINT TRIGGER claims_stanceshift_check AFTER INSERT OR UPDATE ON claims_stanceshift
    DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION claims_stanceshift_check()""",
    f"""CREATE FUNCTION claims_statement_check_shifts() RETURNS trigger AS $$
    BEGIN
        IF NOT {STATEMENT_STILL_FITS} THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE CONSTRAINT TRIGGER claims_statement_check_shifts AFTER UPDATE ON claims_statement
    DEFERRABLE INITIALLY IMMEDIATE FOR EACH ROW EXECUTE FUNCTION claims_statement_check_shifts()""",
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS claims_statement_check_shifts ON claims_statement",
    "DROP FUNCTION IF EXISTS claims_statement_check_shifts()",
    "DROP TRIGGER IF EXISTS claims_stanceshift_check ON claims_stanceshift",
    "DROP FUNCTION IF EXISTS claims_stanceshift_check()",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)

    return apply


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
