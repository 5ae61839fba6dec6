"""Timestamps parsed by psycopg's C loader on PostgreSQL.

Django pins the time zone of the timestamps a query reads with a loader of its own, derived from
psycopg's pure-Python one (Django ticket #36960), so with psycopg's C build installed every
timestamp is still parsed in Python: about a tenth of a list page's time (25 inspections or
cases, each with its due, answered and changed times). When the connection's time zone is UTC,
which it is with USE_TZ and no TIME_ZONE in DATABASES, the C loader returns the very same values,
aware datetimes in `datetime.timezone.utc`, so each new connection gets it back.
"""

import datetime
import functools

from django.db.backends.signals import connection_created


@functools.cache
def utc_timestamp_loader():
    """A loader class that Django accepts as its own and that parses in C; None without the C build."""
    import psycopg
    from psycopg.pq import Format

    oid = psycopg.adapters.types["timestamptz"].oid
    fast = psycopg.adapters.get_loader(oid, Format.TEXT)  # the C class, when psycopg has one
    if fast is None or fast.__module__.startswith("psycopg.types"):
        return None

    class UtcTimestampLoader(psycopg.adapt.Loader):
        # Django compares a connection's loader's `timezone` with its own before each cursor.
        timezone = datetime.timezone.utc

        def __init__(self, oid, context=None):
            super().__init__(oid, context)
            self._fast = fast(oid, context)
            self.load = self._fast.load  # psycopg then calls the C method without this class's frame

        def load(self, data):
            return self._fast.load(data)

    return UtcTimestampLoader


def use_c_timestamp_loader(sender, connection, **kwargs):
    if connection.vendor != "postgresql" or connection.timezone is not datetime.timezone.utc:
        return
    if connection.connection.info.parameter_status("TimeZone") != "UTC":
        return  # psycopg's loader would give the session's zone, not Django's
    loader = utc_timestamp_loader()
    if loader is not None:
        connection.connection.adapters.register_loader("timestamptz", loader)


def connect():
    connection_created.connect(use_c_timestamp_loader, dispatch_uid="hotelqa.timestamp_loader")
