"""Planner hints for PostgreSQL, scoped to a block of the request's transaction."""

from contextlib import contextmanager, nullcontext

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections


@contextmanager
def joins_in_written_order(using=DEFAULT_DB_ALIAS):
    """Within the block, PostgreSQL joins tables in the order the query names them.

    A record's page reads it by its key with its related rows (`select_related`): the record
    first, then each related row by its key, which is the best plan there is. Left to choose,
    the planner weighs every order of the ten or so tables, and that choice costs more than the
    query (an inspection: 2–4 ms of planning against 0.2 ms of running). The same holds for a
    short panel list found on its own table's columns (today's inspections). Lists filtered or
    sorted on a joined table are not for this: there the order of the joins matters.

    `SET LOCAL` lasts until the block ends or the transaction does, whichever is first; outside a
    transaction (or on another database) the block runs as it is."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL join_collapse_limit = 1")
    try:
        yield
    except DatabaseError:
        raise  # the transaction is aborted, and the setting with it
    except BaseException:
        _planner_chooses_again(connection)
        raise
    _planner_chooses_again(connection)


def _planner_chooses_again(connection):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL join_collapse_limit = DEFAULT")


# Up to this many tables the planner's own search is cheap (a handful of orders): the two extra
# round trips of SET LOCAL would cost more than they save.
PLANNED_TABLES = 4


def tables_joined(queryset) -> int:
    """How many related tables `select_related` adds to the query (many, for a bare `select_related()`)."""
    related = queryset.query.select_related
    if related is True:
        return PLANNED_TABLES
    count, pending = 0, [related] if related else []
    while pending:
        level = pending.pop()
        count += len(level)
        pending.extend(child for child in level.values() if child)
    return count


def record_read_planning(queryset):
    """`joins_in_written_order()` for reading one record with many related rows, else nothing."""
    return joins_in_written_order() if tables_joined(queryset) >= PLANNED_TABLES else nullcontext()
