"""
A live generation: a number the database raises, in the same transaction, with every
change to what the judgement of a live event reads besides the readers' rights (a
forum's audience and settings, a thread's place and state, a post once written, the
names members appear by). The rights generation (portal/migrations/0010) covers the
rest: accounts, memberships, groups, countries.

The process that writes a post from a live socket reads both numbers before it reads
anything else, and sends what it wrote and read with the event (forums/events.py). Each
server process reads them again when the event reaches it: unchanged, nothing that the
judgement reads has changed since, so what came with the event is what the process would
have read, and it judges from it instead of reading the thread, its forum and the event
again (5 ms of every post, bench/README.md "Forum fan-out: the live generation"). Moved,
it reads them afresh, as it always did before.

Triggers, as for the rights generation: they see the admin, bulk updates, cascades and
hand-written SQL as well as the portal's actions. A thread's last activity, bumped by
every post, a member's last login, and a post's insertion are not watched (the event
that goes with a post is what is being sent); on PostgreSQL every other column is, so a
column added later is watched without anyone remembering to. The duty that comes with
it: a judgement that starts reading another table must have it watched here.

On SQLite (`make run`, one process) any update counts, the threads' last activity
included, so a post's data never travels there: the processes read it, as always.

Both trigger functions take the rights generation's row before the live one, so two
transactions that raise both cannot wait for each other in opposite orders.
"""

from django.db import migrations

TABLE = "forums_live_generation"

# (table, the columns whose change alone does not count on UPDATE, whether INSERT counts)
WATCHED = [
    ("forums_forum", [], False),
    ("forums_forum_allowed_groups", [], True),
    ("forums_thread", ["last_activity_at"], False),
    ("forums_post", [], False),
    ("portal_user", ["last_login"], False),
]


def _changed(ignored: list[str]) -> str:
    if not ignored:
        return "OLD.* IS DISTINCT FROM NEW.*"
    left = " - ".join(["to_jsonb(OLD)", *(f"'{column}'" for column in ignored)])
    right = " - ".join(["to_jsonb(NEW)", *(f"'{column}'" for column in ignored)])
    return f"({left}) IS DISTINCT FROM ({right})"


def _postgresql() -> tuple[list[str], list[str]]:
    bump = (
        "PERFORM 1 FROM portal_rights_generation WHERE id = 1 FOR UPDATE; "
        f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1"
    )
    forward = [
        f"CREATE TABLE {TABLE} (id smallint PRIMARY KEY, value bigint NOT NULL)",
        f"INSERT INTO {TABLE} (id, value) VALUES (1, 0)",
        "CREATE FUNCTION forums_raise_live_generation() RETURNS trigger AS $$ "
        f"BEGIN {bump}; RETURN NULL; END $$ LANGUAGE plpgsql",
    ]
    backward = []
    for table, ignored, inserts in WATCHED:
        rows = "INSERT OR DELETE" if inserts else "DELETE"
        forward += [
            f"CREATE TRIGGER {table}_live_update AFTER UPDATE ON {table} "
            f"FOR EACH ROW WHEN ({_changed(ignored)}) "
            "EXECUTE FUNCTION forums_raise_live_generation()",
            f"CREATE TRIGGER {table}_live_rows AFTER {rows} ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION forums_raise_live_generation()",
            f"CREATE TRIGGER {table}_live_truncate AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION forums_raise_live_generation()",
        ]
        backward += [
            f"DROP TRIGGER IF EXISTS {table}_live_update ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_live_rows ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_live_truncate ON {table}",
        ]
    backward += [
        "DROP FUNCTION IF EXISTS forums_raise_live_generation()",
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
    for table, _ignored, inserts in WATCHED:
        forward.append(
            f"CREATE TRIGGER {table}_live_update AFTER UPDATE ON {table} "
            f"FOR EACH ROW BEGIN {bump} END"
        )
        backward.append(f"DROP TRIGGER IF EXISTS {table}_live_update")
        for event in ("INSERT", "DELETE") if inserts else ("DELETE",):
            forward.append(
                f"CREATE TRIGGER {table}_live_{event.lower()} AFTER {event} ON {table} "
                f"FOR EACH ROW BEGIN {bump} END"
            )
            backward.append(f"DROP TRIGGER IF EXISTS {table}_live_{event.lower()}")
    backward.append(f"DROP TABLE IF EXISTS {TABLE}")
    return forward, backward


def _statements(vendor: str, backwards: bool) -> list[str]:
    if vendor == "postgresql":
        forward, backward = _postgresql()
    elif vendor == "sqlite":
        forward, backward = _sqlite()
    else:
        raise NotImplementedError(f"No live generation triggers for {vendor}")
    return backward if backwards else forward


def create(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, backwards=False):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, backwards=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("forums", "0004_moderation_log_into_portal_trail")]

    operations = [migrations.RunPython(create, drop)]
