"""A record's page has PostgreSQL join its related rows in the written order, and only while
the record is read."""

import pytest
from django.db import connection, transaction

from hotelqa.query_planning import joins_in_written_order

pytestmark = pytest.mark.django_db


def _join_collapse_limit():
    with connection.cursor() as cursor:
        cursor.execute("SHOW join_collapse_limit")
        return cursor.fetchone()[0]


def test_the_written_order_holds_inside_the_block_only():
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")
    default = _join_collapse_limit()
    with transaction.atomic():
        with joins_in_written_order():
            assert _join_collapse_limit() == "1"
        assert _join_collapse_limit() == default
        with pytest.raises(LookupError):
            with joins_in_written_order():
                raise LookupError  # a 404 on the way, say
        assert _join_collapse_limit() == default


def test_a_record_page_reads_its_record_in_the_written_order(client_for, property_a):
    """The case page sets the order for the record's read and hands the planner back its choice."""
    from django.test.utils import CaptureQueriesContext

    from tests.complaints.helpers import log_complaint

    client, user = client_for("supervisor")
    case = log_complaint(property_a, user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200 and case.number in response.content.decode()
    statements = [q["sql"] for q in queries.captured_queries]
    if connection.vendor != "postgresql":
        assert not any("join_collapse_limit" in s for s in statements)
        return
    start = statements.index("SET LOCAL join_collapse_limit = 1")
    assert statements[start + 2] == "SET LOCAL join_collapse_limit = DEFAULT"
    assert '"complaints_case"."id" =' in statements[start + 1]


def test_a_record_read_with_few_joins_is_left_to_the_planner(client_for, property_a):
    """Answering an inspection item reads the inspection with its version only: no SET LOCAL
    round trips around a read whose plan is cheap to find."""
    from django.test.utils import CaptureQueriesContext

    from facilities.models import Inspection
    from facilities.views.inspections import InspectionDetailView
    from hotelqa.query_planning import PLANNED_TABLES, tables_joined
    from tests.facilities.factories import InspectionFactory, item, published_template

    assert tables_joined(Inspection.objects.all()) == 0
    assert tables_joined(Inspection.objects.select_related("version")) == 1
    assert tables_joined(InspectionDetailView.queryset) >= PLANNED_TABLES
    client, _ = client_for("staff", department_kind="engineering")
    template = published_template(property_a, [item("Lamp works")])
    inspection = InspectionFactory(property=property_a, version=template.current_version)
    answered = template.current_version.items.get()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/facilities/inspections/{inspection.pk}/answer/{answered.pk}/", {f"i{answered.pk}-value": "1"})
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.response.answers.get().value_bool is True
    assert not any("join_collapse_limit" in q["sql"] for q in queries.captured_queries)
