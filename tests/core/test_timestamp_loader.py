"""On PostgreSQL, timestamps are read by psycopg's C loader with the same values Django's gives."""

import datetime

import pytest
from django.db import connection

from hotelqa.choices import Role
from hotelqa.models import Notification
from hotelqa.services import notification_send

pytestmark = pytest.mark.django_db


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="psycopg's loaders: PostgreSQL only")
def test_timestamps_come_back_as_written_in_utc(property_a, member):
    from psycopg.pq import Format

    from hotelqa.timestamp_loader import utc_timestamp_loader

    [sent] = notification_send(recipients=[member(property_a, Role.STAFF)], title="T", property=property_a, email=False)
    written = datetime.datetime(2026, 3, 29, 1, 30, 15, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    Notification.objects.filter(pk=sent.pk).update(created_at=written, read_at=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")  # a live connection
        loader = connection.connection.adapters.get_loader(connection.connection.adapters.types["timestamptz"].oid, Format.TEXT)
    assert loader is utc_timestamp_loader()
    read = Notification.objects.values_list("created_at", "read_at").get(pk=sent.pk)
    assert read == (written, None)
    assert read[0].tzinfo is datetime.timezone.utc and read[0].hour == 17  # 01:30 at +08:00 is 17:30 UTC the day before
    assert Notification.objects.filter(created_at=written).count() == 1
