"""The Django admin is scoped like the pages: a property admin works on the properties where they
hold the admin role only, cannot raise anyone's privileges, and only group admins manage users
across the group. (The per-model, per-role walk is in tests/test_permission_matrix.py.)"""

import pytest

from hotelqa import services
from hotelqa.choices import Role
from hotelqa.models import AuditEvent, Membership, User
from tests.factories import UserFactory, make_member

pytestmark = pytest.mark.django_db


def user_form(user, **changes):
    """The admin's change form for `user` as the browser would post it, with `changes`."""
    data = {
        "username": user.username, "first_name": "", "last_name": "", "email": user.email,
        "display_name": user.display_name, "phone": user.phone, "language": "",
        "is_active": "on", "date_joined_0": "2026-01-01", "date_joined_1": "00:00:00",
        "last_login_0": "", "last_login_1": "",
    }
    memberships = list(user.memberships.all())
    data.update({
        "memberships-TOTAL_FORMS": str(len(memberships)), "memberships-INITIAL_FORMS": str(len(memberships)),
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    })
    for i, m in enumerate(memberships):
        data.update({
            f"memberships-{i}-id": str(m.pk), f"memberships-{i}-user": str(user.pk),
            f"memberships-{i}-property": str(m.property_id), f"memberships-{i}-role": m.role,
            f"memberships-{i}-department": str(m.department_id or ""),
        })
    data.update(changes)
    return data


def add_membership(data, user, property, role):
    i = int(data["memberships-TOTAL_FORMS"])
    data.update({
        "memberships-TOTAL_FORMS": str(i + 1), f"memberships-{i}-user": str(user.pk),
        f"memberships-{i}-property": str(property.pk), f"memberships-{i}-role": role,
        f"memberships-{i}-department": "",
    })
    return data


def test_property_admin_cannot_make_anyone_superuser_staff_or_group_manager(client_for, property_a):
    client, admin = client_for(Role.ADMIN)
    colleague = make_member(property_a, Role.FRONT_DESK)
    for target in (admin, colleague):
        data = user_form(target, is_superuser="on", is_staff="on", is_group_manager="on", is_group_admin="on")
        client.post(f"/admin/hotelqa/user/{target.pk}/change/", data)
        target.refresh_from_db()
        assert not target.is_superuser
        assert not target.is_group_manager
        assert not target.is_group_admin
    colleague.refresh_from_db()
    assert not colleague.is_staff  # staff status follows the roles, never a tick box


def test_property_admin_cannot_put_anyone_in_a_permission_group(client_for, property_a):
    from django.contrib.auth.models import Group

    client, admin = client_for(Role.ADMIN)
    colleague = make_member(property_a, Role.FRONT_DESK)
    admin_group = Group.objects.get(name="role:admin")
    client.post(f"/admin/hotelqa/user/{colleague.pk}/change/", user_form(colleague, groups=[admin_group.pk]))
    assert not colleague.groups.filter(pk=admin_group.pk).exists()
    page = client.get(f"/admin/hotelqa/user/{colleague.pk}/change/").content.decode()
    assert 'name="groups"' not in page and 'name="user_permissions"' not in page and 'name="is_superuser"' not in page


def test_property_admin_grants_roles_at_their_property_only(client_for, property_a, property_b):
    client, admin = client_for(Role.ADMIN)
    colleague = make_member(property_a, Role.FRONT_DESK)
    data = add_membership(user_form(colleague), colleague, property_b, Role.ADMIN)
    response = client.post(f"/admin/hotelqa/user/{colleague.pk}/change/", data)
    assert response.status_code == 200  # the form again, with the refused choice marked
    assert not Membership.objects.filter(user=colleague, property=property_b).exists()
    # The property choice lists only where the admin is admin.
    page = client.get(f"/admin/hotelqa/user/{colleague.pk}/change/").content.decode()
    assert property_b.name not in page
    # At their own property the same form works.
    data = user_form(colleague, **{"memberships-0-role": Role.SUPERVISOR})
    assert client.post(f"/admin/hotelqa/user/{colleague.pk}/change/", data).status_code == 302
    assert colleague.memberships.get().role == Role.SUPERVISOR


def test_admin_at_one_property_and_front_desk_at_another_administers_only_the_first(client_for, property_a, property_b):
    client, admin = client_for(Role.ADMIN)
    services.membership_set(user=admin, property=property_b, role=Role.FRONT_DESK)
    own, other = property_a.departments.first(), property_b.departments.first()
    assert client.get(f"/admin/hotelqa/department/{own.pk}/change/").status_code == 200
    assert client.get(f"/admin/hotelqa/department/{other.pk}/change/").status_code == 302  # "does not exist"
    response = client.post(f"/admin/hotelqa/department/{other.pk}/change/", {"property": property_b.pk, "kind": "other", "name": "Taken"})
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.name != "Taken"
    # New records can be attached to the administered property only.
    response = client.post("/admin/hotelqa/department/add/", {"property": property_b.pk, "kind": "other", "name": "Smuggled"})
    assert response.status_code == 200 and not property_b.departments.filter(name="Smuggled").exists()
    # Users who work only at B are not listed; B's colleagues cannot be edited.
    colleague_b = make_member(property_b, Role.FRONT_DESK, username="only-at-b")
    assert "only-at-b" not in client.get("/admin/hotelqa/user/").content.decode()
    assert client.get(f"/admin/hotelqa/user/{colleague_b.pk}/change/").status_code == 302


def test_a_user_who_also_works_elsewhere_is_managed_by_group_admins_only(client_for, property_a, property_b):
    client, admin = client_for(Role.ADMIN)
    shared = make_member(property_a, Role.FRONT_DESK)
    services.membership_set(user=shared, property=property_b, role=Role.ADMIN)
    # Visible (they work here), but their password and account are not this admin's to change.
    assert client.get(f"/admin/hotelqa/user/{shared.pk}/change/").status_code == 200
    response = client.post(f"/admin/hotelqa/user/{shared.pk}/password/", {"password1": "Taken-over-123", "password2": "Taken-over-123"})
    assert response.status_code == 403
    shared.refresh_from_db()
    assert not shared.check_password("Taken-over-123")
    response = client.post(f"/admin/hotelqa/user/{shared.pk}/change/", user_form(shared, email="mine@example.com"))
    assert response.status_code == 403
    # The memberships elsewhere are not shown to this admin.
    page = client.get(f"/admin/hotelqa/user/{shared.pk}/change/").content.decode()
    assert property_b.name not in page


def test_property_admin_cannot_take_over_a_superuser_who_holds_a_role_here(client_for, property_a):
    client, _ = client_for(Role.ADMIN)
    boss = make_member(property_a, Role.MANAGER, is_superuser=True)
    response = client.post(f"/admin/hotelqa/user/{boss.pk}/password/", {"password1": "Taken-over-123", "password2": "Taken-over-123"})
    assert response.status_code == 403
    boss.refresh_from_db()
    assert not boss.check_password("Taken-over-123")


def test_group_admin_manages_users_across_the_group(client, property_a, property_b):
    group_admin = UserFactory(is_group_admin=True)
    services.user_sync_groups(user=group_admin)
    client.force_login(group_admin)
    at_b = make_member(property_b, Role.FRONT_DESK)
    data = add_membership(user_form(at_b), at_b, property_a, Role.SUPERVISOR)
    assert client.post(f"/admin/hotelqa/user/{at_b.pk}/change/", data).status_code == 302
    assert at_b.memberships.get(property=property_a).role == Role.SUPERVISOR
    # Group admins may make group managers, not superusers.
    client.post(f"/admin/hotelqa/user/{at_b.pk}/change/", user_form(at_b, is_group_manager="on", is_superuser="on"))
    at_b.refresh_from_db()
    assert at_b.is_group_manager and not at_b.is_superuser


def test_foreign_key_choices_are_scoped(client_for, property_a, property_b):
    client, _ = client_for(Role.ADMIN)
    page = client.get("/admin/complaints/servicecalendar/add/").content.decode()
    b_departments = [d.pk for d in property_b.departments.all()]
    a_departments = [d.pk for d in property_a.departments.all()]
    assert f'value="{a_departments[0]}"' in page
    for pk in b_departments:
        assert f'<option value="{pk}"' not in page
    # A department of another property typed into the post is refused.
    response = client.post("/admin/complaints/servicecalendar/add/", {
        "property": property_a.pk, "department": b_departments[0], "always_open": "on",
        "hours-TOTAL_FORMS": "0", "hours-INITIAL_FORMS": "0", "holidays-TOTAL_FORMS": "0", "holidays-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    # List filters name the administered properties only.
    page = client.get("/admin/hotelqa/department/").content.decode()
    assert property_b.name not in page


def test_notifications_and_audit_trail_in_the_admin_are_scoped(client_for, property_a, property_b):
    from hotelqa.audit import audit_record
    from tests.factories import NotificationFactory

    client, _ = client_for(Role.ADMIN)
    services.membership_set(user=_, property=property_b, role=Role.MANAGER)
    b_user = make_member(property_b, Role.FRONT_DESK)
    theirs = NotificationFactory(recipient=b_user, property=property_b, title="Secret at B")
    assert "Secret at B" not in client.get("/admin/hotelqa/notification/").content.decode()
    assert client.get(f"/admin/hotelqa/notification/{theirs.pk}/change/").status_code == 302
    audit_record(action="permission_denied", property=property_b, actor=b_user)
    event = AuditEvent.objects.get(property=property_b)
    assert client.get(f"/admin/hotelqa/auditevent/{event.pk}/change/").status_code == 302
    assert f"/admin/hotelqa/auditevent/{event.pk}/change/" not in client.get("/admin/hotelqa/auditevent/").content.decode()


def test_viewing_a_guest_in_the_admin_is_audited(client_for, property_a):
    from tests.crm.factories import GuestFactory

    client, admin = client_for(Role.ADMIN)
    guest = GuestFactory(property=property_a, phone="13912345678")
    assert client.get(f"/admin/crm/guest/{guest.pk}/change/").status_code == 200
    event = AuditEvent.objects.get(action="guest_profile_view", object_id=str(guest.pk))
    assert event.actor == admin and event.property == property_a and event.object_type == "crm.Guest"


def test_role_permission_change_applies_on_the_next_request(client_for):
    from django.contrib.auth.models import Group, Permission

    client, _ = client_for(Role.FRONT_DESK)
    assert client.get("/crm/guests/").status_code == 200
    group = Group.objects.get(name="role:front_desk")
    group.permissions.remove(Permission.objects.get(codename="view_guest", content_type__app_label="crm"))
    assert client.get("/crm/guests/").status_code == 403


def test_role_permissions_are_kept_between_requests_until_a_group_changes(client_for):
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _ = client_for(Role.FRONT_DESK)
    client.get("/crm/guests/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/crm/guests/").status_code == 200
    assert not [q for q in queries if "auth_permission" in q["sql"]]
    Group.objects.get(name="role:front_desk").save()  # a renamed or edited group
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/crm/guests/").status_code == 200
    assert [q for q in queries if "auth_permission" in q["sql"]]


def test_property_admin_adds_a_colleague_with_a_role_at_their_property(client_for, property_a, property_b):
    client, _ = client_for(Role.ADMIN)
    form = {
        "username": "newcomer", "usable_password": "true", "password1": "Welcome-2026!", "password2": "Welcome-2026!",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0", "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000", "memberships-0-property": str(property_a.pk),
        "memberships-0-role": Role.FRONT_DESK, "memberships-0-department": "",
    }
    # Without a role at their property the account would vanish from their list: refused.
    response = client.post("/admin/hotelqa/user/add/", {**form, "memberships-0-property": "", "memberships-0-role": ""})
    assert response.status_code == 200 and not User.objects.filter(username="newcomer").exists()
    assert "Give this person a role at one of your properties" in response.content.decode()
    # Nor at a property they do not administer.
    response = client.post("/admin/hotelqa/user/add/", {**form, "memberships-0-property": str(property_b.pk)})
    assert response.status_code == 200 and not User.objects.filter(username="newcomer").exists()
    response = client.post("/admin/hotelqa/user/add/", form)
    assert response.status_code == 302
    newcomer = User.objects.get(username="newcomer")
    assert newcomer.role_in(property_a) == Role.FRONT_DESK and not newcomer.is_staff
    assert client.get(f"/admin/hotelqa/user/{newcomer.pk}/change/").status_code == 200


def test_admin_index_lists_what_each_admin_may_open(client_for):
    client, _ = client_for(Role.ADMIN)
    page = client.get("/admin/").content.decode()
    assert "/admin/crm/guest/" in page and "/admin/hotelqa/user/" in page
    assert "/admin/auth/group/" not in page and "/admin/axes/" not in page  # superusers' only
    front_desk, _ = client_for(Role.FRONT_DESK)
    assert front_desk.get("/admin/").status_code == 302  # not staff: the admin's log-in page


def test_two_tabs_changing_a_user_in_the_admin_never_silently_overwrite(client, property_a):
    group_admin = UserFactory(is_group_admin=True)
    services.user_sync_groups(user=group_admin)
    client.force_login(group_admin)
    colleague = make_member(property_a, Role.FRONT_DESK)
    url = f"/admin/hotelqa/user/{colleague.pk}/change/"
    opened = client.get(url).context["adminform"].form["edit_snapshot"].value()
    assert opened, "the change form carries the snapshot it was opened with"
    second_tab = user_form(colleague, phone="13800000002", edit_snapshot=opened)
    assert client.post(url, second_tab).status_code == 302
    first_tab = user_form(colleague, phone="13800000001", edit_snapshot=opened)
    response = client.post(url, first_tab)
    assert response.status_code == 200  # shown again with the error, input kept
    colleague.refresh_from_db()
    assert colleague.phone == "13800000002"
    assert "Someone else saved this record" in response.content.decode()
    assert 'value="13800000001"' in response.content.decode()
