import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import services
from complaints.choices import CaseStatus, Channel
from complaints.models import Case, RecoveryAction, Revisit
from crm.models import Guest
from hotelqa.choices import DepartmentKind, Role

from ..crm.factories import RoomFactory
from .helpers import close_complaint, log_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_b(property_b, member):
    return close_complaint(property_b, member(property_b, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY))


# --- property scoping --------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.STAFF, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN])
def test_other_propertys_case_is_404_for_every_view(client_for, case_b, role):
    client, _user = client_for(role, department_kind=DepartmentKind.SECURITY if role in (Role.STAFF, Role.SUPERVISOR) else None)
    assert client.get(reverse("complaints:case_detail", args=[case_b.pk])).status_code == 404
    for name in ("case_reassign", "case_translation", "recovery_create"):
        assert client.post(reverse(f"complaints:{name}", args=[case_b.pk]), {}).status_code in (403, 404)
    response = client.post(reverse("complaints:case_transition", args=[case_b.pk, "reopened"]), {"version": case_b.version, "note": "x"})
    assert response.status_code == 404
    revisit = case_b.revisits.get()
    assert client.post(reverse("complaints:revisit_record", args=[revisit.pk]), {"outcome": "satisfied"}).status_code in (403, 404)
    assert Case.objects.get(pk=case_b.pk).status == CaseStatus.CLOSED
    assert Revisit.objects.get(pk=revisit.pk).done_at is None


def test_other_propertys_recovery_and_room_are_404(client_for, case_b, property_b):
    action = RecoveryAction.objects.create(property=property_b, case=case_b, kind="refund", cost=900, approval="pending")
    room = RoomFactory(property=property_b)
    client, _ = client_for(Role.ADMIN)
    assert client.post(reverse("complaints:recovery_decide", args=[action.pk]), {"decision": "approve"}).status_code == 404
    assert client.post(reverse("complaints:room_rotate", args=[room.pk])).status_code == 404


@pytest.mark.parametrize("url_name", ["case_list", "case_mine", "case_department"])
def test_lists_show_only_the_active_property(client_for, property_a, case_b, url_name):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    mine = log_complaint(property_a, user, assignee=user)
    response = client.get(reverse(f"complaints:{url_name}"))
    assert response.status_code == 200
    assert mine.number in response.content.decode()
    assert case_b.number not in response.content.decode()


def test_export_is_scoped_and_filtered(client_for, property_a, case_b):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    urgent = log_complaint(property_a, user, grade="urgent")
    general = log_complaint(property_a, user, grade="general")
    response = client.get(reverse("complaints:case_export") + "?grade=urgent")
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert urgent.number in body and general.number not in body and case_b.number not in body


def test_search_finds_guest_name_room_and_text(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user, description="Aircon rattles all night", room="1207")
    other = log_complaint(property_a, user, description="Cold breakfast", room="301")
    for query in ("rattles", "1207", "li wei"):
        content = client.get(reverse("complaints:case_list"), {"q": query}).content.decode()
        assert case.number in content
        if query != "li wei":
            assert other.number not in content


def test_search_finds_two_character_words_in_every_searched_field(client_for, property_a, property_b):
    """Two characters go through the character-pair indexes on PostgreSQL (trigrams need three)."""
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    by_text = log_complaint(property_a, user, description="房间空调太吵", room="1207")
    by_translation = log_complaint(property_a, user, description="Noisy", description_translation="客人说隔壁吵闹")
    by_room = log_complaint(property_a, user, description="Lights", room="大堂")
    by_guest = log_complaint(property_a, user, description="Late check-out")
    Guest.objects.filter(pk=by_guest.guest_id).update(name="王伟", other_name="Wang Wei")
    unrelated = log_complaint(property_a, user, description="Cold breakfast", room="301")
    elsewhere = log_complaint(property_b, None, description="空调坏了")
    for query, case in (("空调", by_text), ("吵闹", by_translation), ("大堂", by_room), ("王伟", by_guest), ("wa", by_guest), ("07", by_text)):
        table = client.get(reverse("complaints:case_list"), {"q": query}).context["table"]
        found = {row.record.pk for row in table.page.object_list}
        assert case.pk in found, query
        assert unrelated.pk not in found and elsewhere.pk not in found, query
    number = client.get(reverse("complaints:case_list"), {"q": by_room.number[-2:]}).context["table"]
    assert by_room.pk in {row.record.pk for row in number.page.object_list}


@pytest.mark.parametrize("common", [True, False], ids=["common character", "rare character"])
def test_search_finds_a_single_character_in_the_guests_name_and_the_text(client_for, property_a, property_b, monkeypatch, common):
    """A single character (a surname) is matched on each case's own guest when many guests have
    it, and through the few matching guests otherwise: the same cases either way."""
    from complaints import filters

    monkeypatch.setattr(filters, "SEARCH_ROWS", 1 if common else 10)
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    by_name = log_complaint(property_a, user, description="Late check-out")
    by_other_name = log_complaint(property_a, user, description="Noisy")
    by_text = log_complaint(property_a, user, description="王经理说明天修")
    unrelated = log_complaint(property_a, user, description="Cold breakfast")
    elsewhere = log_complaint(property_b, None, description="Lights")
    Guest.objects.filter(pk=by_name.guest_id).update(name="王伟", other_name="Wang Wei")
    Guest.objects.filter(pk=by_other_name.guest_id).update(name="Li Na", other_name="王丽娜")
    Guest.objects.filter(pk=unrelated.guest_id).update(name="张敏", other_name="Zhang Min")
    Guest.objects.filter(pk=elsewhere.guest_id).update(name="王芳", other_name="")
    table = client.get(reverse("complaints:case_list"), {"q": "王"}).context["table"]
    found = {row.record.pk for row in table.page.object_list}
    assert found == {by_name.pk, by_other_name.pk, by_text.pk}


def test_search_indexes_of_character_pairs_answer_a_two_character_word():
    if connection.vendor != "postgresql":
        pytest.skip("character-pair indexes are created on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_pairs"])
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM complaints_case WHERE hotelqa_bigrams(UPPER(description::text)) @> ARRAY[UPPER('空调')]")
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert {"complaints_case_description_pairs", "complaints_case_number_pairs", "crm_guest_name_pairs"} <= names
    assert "complaints_case_description_pairs" in plan


def test_overdue_filter(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    late = log_complaint(property_a, user, grade="urgent", received_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    fresh = log_complaint(property_a, user, grade="general")
    content = client.get(reverse("complaints:case_list"), {"overdue": "on"}).content.decode()
    assert late.number in content and fresh.number not in content


@pytest.mark.parametrize("url_name", ["case_list", "case_mine", "case_department", "revisit_list"])
def test_list_query_count_does_not_grow_with_rows(client_for, property_a, url_name):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    url = reverse(f"complaints:{url_name}")

    def make(n):
        for _ in range(n):
            case = close_complaint(property_a, user) if url_name == "revisit_list" else log_complaint(property_a, user, assignee=user)
            Revisit.objects.filter(case=case).update(listed_at=case.received_at)

    make(2)
    client.get(url)  # warm the per-process role-permission cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    make(12)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_case_page_query_count_is_bounded(client_for, property_a, django_assert_max_num_queries):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = close_complaint(property_a, user)
    with django_assert_max_num_queries(40):
        assert client.get(reverse("complaints:case_detail", args=[case.pk])).status_code == 200


# --- steps through the web -----------------------------------------------------------------------


def test_skipping_a_step_by_posting_directly_is_refused(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user)
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "closed"]), {"version": case.version, "result_told": "on", "satisfaction": "5"})
    assert response.status_code == 400
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECORDED


def test_step_form_errors_are_shown_next_to_the_field(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user)
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "classified"]), {"version": case.version, "category": "noise", "grade": "major"})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == CaseStatus.RECORDED


def test_classify_through_the_web(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user)
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "classified"]), {
        "version": case.version, "category": "noise", "grade": "major", "department": case.department_id, "assignee": user.pk,
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.grade, case.assignee) == (CaseStatus.CLASSIFIED, "major", user)


def test_get_never_changes_state(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user)
    assert client.get(reverse("complaints:case_transition", args=[case.pk, "classified"])).status_code == 405


def test_concurrent_edit_is_refused_and_input_kept(client_for, property_a, member):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user)
    opened_version = case.version
    # Someone else saves first.
    services.case_reassign(case=Case.objects.get(pk=case.pk), actor=user, expected_version=opened_version, department=case.department, assignee=user, grade="urgent")
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "classified"]), {
        "version": opened_version, "category": "billing", "grade": "general", "department": case.department_id, "assignee": user.pk,
        "note": "My carefully typed note",
    })
    content = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this case" in content
    assert "My carefully typed note" in content
    case.refresh_from_db()
    assert case.status == CaseStatus.RECORDED and case.grade == "urgent"
    # The kept form carries the current version, so a deliberate second save goes through.
    assert f'value="{case.version}"' in content


def test_staff_cannot_classify_through_the_web(client_for, property_a):
    client, user = client_for(Role.STAFF, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, user)
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "classified"]), {
        "version": case.version, "category": "noise", "grade": "major", "department": case.department_id, "assignee": user.pk,
    })
    assert response.status_code == 403
    assert "Classify and assign" not in client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()


def test_recovery_above_limit_through_the_web(client_for, property_a, member):
    client, user = client_for(Role.FRONT_DESK)
    case = log_complaint(property_a, user)
    client.post(reverse("complaints:recovery_create", args=[case.pk]), {"kind": "refund", "cost": "900", "guest_accepted": "on"})
    action = RecoveryAction.objects.get()
    assert action.approval == "pending"
    assert client.post(reverse("complaints:recovery_decide", args=[action.pk]), {"decision": "approve"}).status_code == 403
    manager = member(property_a, Role.MANAGER)
    client.force_login(manager)
    client.post(reverse("complaints:recovery_decide", args=[action.pk]), {"decision": "approve"})
    assert RecoveryAction.objects.get().approval == "approved"


def test_revisit_list_and_record_reopens(client_for, property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = close_complaint(property_a, supervisor)
    revisit = case.revisits.get()
    services.revisits_list_due(now=revisit.due_at)
    client, _ = client_for(Role.FRONT_DESK)
    assert case.number in client.get(reverse("complaints:revisit_list")).content.decode()
    response = client.post(reverse("complaints:revisit_record", args=[revisit.pk]), {"outcome": "not_satisfied", "note": ""})
    assert response.status_code == 400 and "not satisfied with" in response.content.decode()
    client.post(reverse("complaints:revisit_record", args=[revisit.pk]), {"outcome": "not_satisfied", "note": "Still noisy"})
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REOPENED


# --- guest QR page -------------------------------------------------------------------------------


def test_guest_page_creates_qr_case_without_login(client, property_a, member):
    member(property_a, Role.STAFF, department_kind=DepartmentKind.HOUSEKEEPING)
    room = RoomFactory(property=property_a, number="1208")
    url = reverse("complaints:guest_page", args=[room.guest_token])
    assert client.get(url).status_code == 200
    response = client.post(url, {"category": "request:amenities", "text": "Two more towels please", "status": "closed", "grade": "urgent"})
    assert response.status_code == 302
    case = Case.objects.get()
    assert (case.channel, case.kind, case.status, case.room, case.property) == (Channel.QR, "request", CaseStatus.ASSIGNED, room, property_a)
    assert case.department.kind == DepartmentKind.HOUSEKEEPING and case.grade == "general"


def test_guest_complaint_waits_for_staff_to_apologise(client, property_a):
    room = RoomFactory(property=property_a)
    client.post(reverse("complaints:guest_page", args=[room.guest_token]), {"category": "complaint:noise", "text": "Very loud music next door"})
    case = Case.objects.get()
    assert case.kind == "complaint" and case.status == CaseStatus.RECEIVED and case.category == "noise"


def test_guest_page_rejects_bad_input_and_unknown_token(client, property_a):
    room = RoomFactory(property=property_a)
    response = client.post(reverse("complaints:guest_page", args=[room.guest_token]), {"category": "complaint:hack", "text": ""})
    assert response.status_code == 200 and not Case.objects.exists()
    assert client.get(reverse("complaints:guest_page", args=["not-a-token"])).status_code == 404


def test_rotated_token_stops_the_old_label(client_for, property_a):
    room = RoomFactory(property=property_a)
    old = room.guest_token
    client, _ = client_for(Role.ADMIN)
    assert client.get(reverse("complaints:room_labels")).status_code == 200
    client.post(reverse("complaints:room_rotate", args=[room.pk]))
    room.refresh_from_db()
    assert room.guest_token != old
    client.logout()
    assert client.get(reverse("complaints:guest_page", args=[old])).status_code == 404
    assert client.get(reverse("complaints:guest_page", args=[room.guest_token])).status_code == 200


# --- languages, panels, dashboard ---------------------------------------------------------------


@pytest.mark.parametrize("language,expected", [("en", "Log a case"), ("zh-hans", "登记")])
def test_pages_render_in_english_and_chinese(client_for, property_a, language, expected):
    client, user = client_for(Role.FRONT_DESK)
    case = log_complaint(property_a, user)
    client.cookies["django_language"] = language
    for url in (reverse("complaints:case_create"), reverse("complaints:case_list"), reverse("complaints:case_detail", args=[case.pk]), "/"):
        response = client.get(url)
        assert response.status_code == 200
    assert expected in client.get(reverse("complaints:case_create")).content.decode()


def test_guest_page_in_chinese(client, property_a):
    room = RoomFactory(property=property_a)
    client.cookies["django_language"] = "zh-hans"
    assert "需要" in client.get(reverse("complaints:guest_page", args=[room.guest_token])).content.decode()


@pytest.mark.parametrize("role,key", [
    (Role.FRONT_DESK, "complaints.front_desk"), (Role.STAFF, "complaints.my_queue"), (Role.SUPERVISOR, "complaints.department_queue"),
])
def test_landing_panels(client_for, property_a, role, key):
    """Each role's panel is on its landing page and lists its work (menu labels alone do not count)."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from complaints.models import Revisit

    client, user = client_for(role, department_kind=DepartmentKind.SECURITY if role != Role.FRONT_DESK else None)
    case = log_complaint(property_a, user, assignee=user if role != Role.FRONT_DESK else None)
    if role == Role.FRONT_DESK:  # a revisit call on the front desk's list
        Revisit.objects.create(property=property_a, case=case, due_at=timezone.now(), listed_at=timezone.now())
    response = client.get("/")
    panels = {item["panel"].key: item for item in response.context["panels"]}
    assert key in panels
    html = render_to_string(panels[key]["panel"].template, {"panel": panels[key]["context"]}, request=response.wsgi_request)
    assert case.number in html or case.room_number in html  # the panel shows the case …
    assert html.strip() in response.content.decode()  # … and is on the page as rendered


def test_dashboard_shows_pareto_with_links(client_for, property_a, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from hotelqa.services import kpi_snapshot_day

    client, user = client_for(Role.MANAGER)
    case = log_complaint(property_a, user, description="Noise from the bar")
    yesterday = timezone.now() - dt.timedelta(days=1)
    Case.objects.filter(pk=case.pk).update(received_at=yesterday)
    kpi_snapshot_day(property=property_a, day=timezone.localdate(yesterday))
    with CaptureQueriesContext(connection) as queries:
        content = client.get(reverse("dashboard")).content.decode()
    # Tiles and the Pareto read the daily snapshots; only the live "today so far" strip counts
    # cases, in one query over today's and open ones.
    case_queries = [q["sql"] for q in queries.captured_queries if "complaints_case" in q["sql"]]
    assert len(case_queries) == 1 and "COUNT" in case_queries[0]
    assert "complaints-pareto-data" in content and "category=noise" in content and "complaints/pareto.js" in content


def test_recording_a_qr_complaint_can_attach_the_guest_staying_in_the_room(client_for, property_a):
    from ..crm.factories import StayFactory

    room = RoomFactory(property=property_a, number="707")
    stay = StayFactory(property=property_a, room=room)
    case = services.case_log(property=property_a, actor=None, kind="complaint", channel=Channel.QR, description="Noisy", room=room)
    client, _ = client_for(Role.FRONT_DESK)
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assert stay.guest.name in page
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "recorded"]), {
        "version": case.version, "apology_confirmed": "on", "room_number": "707", "description": "Noisy", "guest": stay.guest.pk,
    })
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.RECORDED and case.guest == stay.guest


def test_admin_lists_only_own_property_cases(client_for, property_a, case_b):
    client, user = client_for(Role.ADMIN)
    mine = log_complaint(property_a, user)
    content = client.get("/admin/complaints/case/").content.decode()
    assert mine.number in content and case_b.number not in content
    assert client.get(f"/admin/complaints/case/{case_b.pk}/change/").status_code in (302, 404)


def test_export_neutralises_spreadsheet_formulas(client_for, property_a):
    room = RoomFactory(property=property_a)
    services.case_log(property=property_a, actor=None, kind="request", channel=Channel.QR, description="=HYPERLINK(\"http://evil\")", room=room)
    client, _ = client_for(Role.SUPERVISOR)
    body = b"".join(client.get(reverse("complaints:case_export")).streaming_content).decode()
    assert "'=HYPERLINK" in body


def test_search_indexes_exist_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are created on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        names = {row[0] for row in cursor.fetchall()}
    assert {"complaints_case_description_trgm", "complaints_case_room_trgm", "crm_guest_name_trgm"} <= names


def test_log_and_start_another_returns_to_an_empty_form(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    response = client.post(reverse("complaints:case_create"), {"kind": "request", "channel": "phone", "description": "Wake-up call at 6", "room_number": "808", "another": "1"})
    assert response.status_code == 302 and response.url == reverse("complaints:case_create")
    assert Case.objects.get().category == "wake_up"


def test_guest_page_category_decides_the_department(client, property_a, member):
    for kind in (DepartmentKind.HOUSEKEEPING, DepartmentKind.FOOD_BEVERAGE):
        member(property_a, Role.STAFF, department_kind=kind)
    room = RoomFactory(property=property_a)
    client.post(reverse("complaints:guest_page", args=[room.guest_token]), {"category": "request:amenities", "text": "Could you bring some please"})
    client.post(reverse("complaints:guest_page", args=[room.guest_token]), {"category": "complaint:food", "text": "Not good at all"})
    kinds = dict(Case.objects.values_list("category", "department__kind"))
    assert kinds == {"amenities": DepartmentKind.HOUSEKEEPING, "food": DepartmentKind.FOOD_BEVERAGE}


def test_export_of_my_queue_has_only_my_open_cases(client_for, property_a, member):
    client, user = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    mine = log_complaint(property_a, user, assignee=user)
    other = log_complaint(property_a, user, assignee=member(property_a, Role.STAFF))
    page = client.get(reverse("complaints:case_mine")).content.decode()
    assert 'href="?export=csv"' in page  # the queue exports itself
    body = b"".join(client.get(reverse("complaints:case_mine") + "?export=csv").streaming_content).decode()
    assert mine.number in body and other.number not in body
    body = b"".join(client.get(reverse("complaints:case_export") + "?scope=mine").streaming_content).decode()
    assert mine.number in body and other.number not in body
