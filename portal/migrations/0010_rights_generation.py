"""
A rights generation: a number the database itself raises, in the same transaction, with
every change to what `portal.permissions.rights_of` reads (an account's `is_active` and
`suspended_at`, memberships, a group's role, Django group or country, a country's
code). Long-lived websockets read it once per event and re-read the rights of their
readers only when it moved (`portal.permissions.rights_generation`), instead of
reading every reader's rights on every event (14-22 ms per post at 1,000 readers,
bench/README.md "Forum fan-out").

Triggers, not signals or actions: they also see bulk updates (`QuerySet.update`,
`bulk_create`), cascades, the admin, data migrations and hand-written SQL, so no path
that changes rights can forget to raise it. The table is not a Django model, so test
flushes (which truncate model tables) leave its row in place; truncating a table it
watches raises it too.
"""

from django.db import migrations

TABLE = "portal_rights_generation"

# (table, the columns whose change alters rights on UPDATE; None: any insert, update or
# delete counts)
WATCHED = [
    ("portal_user", ["is_active", "suspended_at"]),
    ("portal_membership", ["user_id", "group_id", "status"]),
    ("portal_stakeholdergroup", ["role", "auth_group_id", "country_id"]),
    ("portal_country", ["code"]),
]


def _changed(columns: list[str]) -> str:
    return " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns)


def _postgresql() -> tuple[list[str], list[str]]:
    bump = f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1"
    forward = [
        f"CREATE TABLE {TABLE} (id smallint PRIMARY KEY, value bigint NOT NULL)",
        f"INSERT INTO {TABLE} (id, value) VALUES (1, 0)",
        "CREATE FUNCTION portal_raise_rights_generation() RETURNS trigger AS $$ "
        f"BEGIN {bump}; RETURN NULL; END $$ LANGUAGE plpgsql",
    ]
    backward = []
    for table, columns in WATCHED:
        # A row inserted or deleted in the users, groups or countries tables changes no
        # one's rights by itself (memberships are what join them); for memberships it does.
        events = "INSERT OR DELETE OR UPDATE" if table == "portal_membership" else "UPDATE"
        when = f"WHEN ({_changed(columns)})"
        if table == "portal_membership":
            forward.append(
                f"CREATE TRIGGER {table}_rights_insert_delete AFTER INSERT OR DELETE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION portal_raise_rights_generation()"
            )
            events = "UPDATE"
        forward += [
            f"CREATE TRIGGER {table}_rights_update AFTER {events} ON {table} "
            f"FOR EACH ROW {when} EXECUTE FUNCTION portal_raise_rights_generation()",
            f"CREATE TRIGGER {table}_rights_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION portal_raise_rights_generation()",
        ]
        backward += [
            f"DROP TRIGGER IF EXISTS {table}_rights_insert_delete ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_rights_update ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_rights_truncate ON {table}",
        ]
    backward += [
        "DROP FUNCTION IF EXISTS portal_raise_rights_generation()",
        f"DROP TABLE IF EXISTS {TABLE}",
    ]
    return forward, backward


def _sqlite() -> tuple[list[str], list[str]]:
    bump = f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1;"
    forward = [
        f"CREATE TABLE {TABLE} (id integer PRIMARY KEY, value integer NOT NULL)",
        f"INSERT INTO {TABLE} (id, value) VALUES (1, 0)",
    ]
    backward = []
    for table, columns in WATCHED:
        forward.append(
            f"CREATE TRIGGER {table}_rights_update AFTER UPDATE ON {table} "
            f"FOR EACH ROW WHEN {_changed(columns)} BEGIN {bump} END"
        )
        backward.append(f"DROP TRIGGER IF EXISTS {table}_rights_update")
        if table == "portal_membership":
            for event in ("INSERT", "DELETE"):
                forward.append(
                    f"CREATE TRIGGER {table}_rights_{event.lower()} AFTER {event} ON {table} "
                    f"FOR EACH ROW BEGIN {bump} END"
                )
                backward.append(f"DROP TRIGGER IF EXISTS {table}_rights_{event.lower()}")
    backward.append(f"DROP TABLE IF EXISTS {TABLE}")
    return forward, backward


def _statements(vendor: str, backwards: bool) -> list[str]:
    if vendor == "postgresql":
        forward, backward = _postgresql()
    elif vendor == "sqlite":
        forward, backward = _sqlite()
    else:
        raise NotImplementedError(f"No rights generation triggers for {vendor}")
    return backward if backwards else forward


def create(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, backwards=False):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, backwards=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("portal", "0009_staff_group_permissions")]

    operations = [migrations.RunPython(create, drop)]
