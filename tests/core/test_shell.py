import pytest

from hotelqa.choices import Role
from hotelqa.services import notification_send

pytestmark = pytest.mark.django_db


def test_language_switch_renders_chinese(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True)
    page = response.content.decode()
    assert '<html lang="zh-hans">' in page
    assert "前台" in page  # the landing title "Today at the front desk"
    assert "退出登录" in page  # "Log out"
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Log out" in client.get("/").content.decode()


def test_navigation_shows_each_role_what_it_uses(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    page = client.get("/").content.decode()
    assert 'href="/settings/jobs/"' not in page
    assert 'href="/dashboard/"' not in page
    admin, _ = client_for(Role.ADMIN)
    page = admin.get("/dashboard/").content.decode()
    assert 'href="/settings/jobs/"' in page
    assert 'href="/settings/kpi-targets/"' in page


def test_notifications_show_unread_count_and_open_marks_read(client_for, property_a, mailoutbox, django_capture_on_commit_callbacks):
    client, user = client_for(Role.STAFF)
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = notification_send(
            recipients=[user], title="Work order WO-7 assigned to you", url="/departments/", property=property_a
        )
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    page = client.get("/").content.decode()
    assert "Work order WO-7 assigned to you" in page
    assert 'id="unread-count">1<' in page
    response = client.post(f"/notifications/{notification.pk}/open/")
    assert response["Location"] == "/departments/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'id="unread-count"' not in client.get("/").content.decode()


def test_someone_elses_notification_cannot_be_opened(client_for, property_a):
    client, _ = client_for(Role.STAFF)
    _, other = client_for(Role.STAFF)
    [notification] = notification_send(recipients=[other], title="Not yours", property=property_a, email=False)
    client.force_login(client_for(Role.STAFF)[1])
    assert client.post(f"/notifications/{notification.pk}/open/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_state_changes_refuse_get(client_for):
    client, _ = client_for(Role.STAFF)
    assert client.get("/notifications/read-all/").status_code == 405
    assert client.get("/property/switch/").status_code == 405


def test_login_page_and_bad_password_message(client, db):
    from tests.factories import UserFactory

    UserFactory(username="desk1")
    response = client.post("/accounts/login/", {"username": "desk1", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    response = client.post("/accounts/login/", {"username": "desk1", "password": "pw"})
    assert response.status_code == 302


def test_notifications_reach_each_recipient_in_their_language(client_for, property_a):
    from django.utils.translation import gettext_lazy

    from hotelqa.services import Message

    client, chinese_reader = client_for(Role.STAFF)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    chinese_reader.refresh_from_db()
    assert chinese_reader.language == "zh-hans"
    _, english_reader = client_for(Role.STAFF)
    notes = notification_send(
        recipients=[chinese_reader, english_reader],
        title=Message(gettext_lazy("Now working at %(property)s."), {"property": "A"}),
        property=property_a,
        email=False,
    )
    titles = {n.recipient_id: n.title for n in notes}
    assert titles[chinese_reader.pk] == "当前门店：A。"
    assert titles[english_reader.pk] == "Now working at A."


def test_standard_department_names_follow_the_reader_language(property_a):
    from django.utils import translation

    engineering = property_a.departments.get(kind="engineering")
    with translation.override("zh-hans"):
        assert str(engineering) == "工程部"
    engineering.name = "Maintenance"  # renamed by an admin: their name is kept
    with translation.override("zh-hans"):
        assert str(engineering) == "Maintenance"


def test_long_menus_fold_groups_short_ones_stay_flat(client_for, monkeypatch):
    from hotelqa import ui

    supervisor, _ = client_for(Role.SUPERVISOR, department_kind="engineering")
    page = supervisor.get("/").content.decode()
    # Queues and facility pages sit under drop-downs, so the bar fits a desk screen.
    assert 'class="nav-link dropdown-toggle' in page and ">Settings<" in page
    assert 'class="dropdown-item" href="/complaints/department/"' in page
    # A menu no longer than FLAT_MENU_MAX entries stays a flat row of links.
    monkeypatch.setattr(ui, "FLAT_MENU_MAX", 99)
    ui._MENUS.clear()
    staff, _ = client_for(Role.STAFF, department_kind="engineering")
    page = staff.get("/").content.decode()
    assert page.count('class="nav-link dropdown-toggle') == 0
    assert 'class="nav-link text-nowrap" href="/facilities/work-orders/"' in page
    ui._MENUS.clear()


def test_the_shell_is_worked_out_once_per_request_and_menus_once_per_role(client_for, property_a, monkeypatch):
    """The list page renders two templates with the request (the page and its table): the top
    bar's data is computed once, and a role's menu is kept across requests."""
    from hotelqa import context_processors, ui

    client, _ = client_for(Role.MANAGER)
    ui._MENUS.clear()
    built, counted = [], []
    real_nav_for, real_count = ui.nav_for, context_processors._unread_count
    monkeypatch.setattr(ui, "nav_for", lambda role: built.append(role) or real_nav_for(role))
    monkeypatch.setattr(context_processors, "_unread_count", lambda request: counted.append(1) or real_count(request))
    first = client.get("/complaints/").content.decode()
    second = client.get("/complaints/").content.decode()
    assert built == [Role.MANAGER] and len(counted) == 2  # menu once in all, unread count once per request
    assert 'href="/dashboard/"' in first and first.count('href="/dashboard/"') == second.count('href="/dashboard/"')
    saved = ui._NAV.get("password_change")
    ui.nav_item(label="Extra", url_name="password_change", roles={Role.MANAGER}, order=999)  # a new entry shows at once
    try:
        assert ">Extra<" in client.get("/complaints/").content.decode()
    finally:
        if saved is None:
            ui._NAV.pop("password_change")
        else:
            ui._NAV["password_change"] = saved
        ui._MENUS.clear()


def test_top_bar_properties_come_with_the_memberships(property_a, property_b, member, django_assert_num_queries):
    from hotelqa.models import Membership, Property, User

    user = member(property_a, Role.STAFF)
    Membership.objects.create(user=user, property=property_b, role=Role.FRONT_DESK)
    closed = Property.objects.create(code="closed", name="A closed hotel", is_active=False)
    Membership.objects.create(user=user, property=closed, role=Role.STAFF)
    user = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        places = user.accessible_property_list()
        assert user.role_in(property_b) == Role.FRONT_DESK and set(user.property_ids) == {property_a.pk, property_b.pk, closed.pk}
    assert places == list(user.accessible_properties())


def test_the_kept_menu_marks_each_page_and_speaks_each_language(client_for):
    import re

    client, _ = client_for(Role.FRONT_DESK)

    def active(url, language):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        menu = page[page.index('id="mainnav"'):page.index("</nav>")]
        return re.findall(r'class="[^"]*\bactive"[^>]*>([^<]+)<', menu)

    for _ in range(2):  # the second time from the kept menus
        assert active("/complaints/", "en") == ["Cases", "All cases"]
        assert active("/complaints/revisits/", "en") == ["Cases", "Revisits"]
        assert active("/complaints/", "zh-hans")[-1] == "全部事项"
        assert active("/complaints/revisits/", "zh-hans")[-1] == "回访"
        assert active("/notifications/", "en") == []


def test_the_top_bar_reads_the_unread_count_with_the_memberships(property_a, property_b, member, django_assert_num_queries):
    from hotelqa.models import User

    user = member(property_a, Role.STAFF)
    other = member(property_b, Role.STAFF)
    notification_send(recipients=[user], title="One", property=property_a, email=False)
    notification_send(recipients=[user], title="Two", property=property_a, email=False)
    notification_send(recipients=[other], title="Not theirs", property=property_b, email=False)
    user = User.objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        user.load_memberships(count_unread=True)
        assert user.role_in(property_a) == Role.STAFF
        assert user.unread_notification_count() == 2
    nobody = User.objects.get(pk=member(property_a, Role.FRONT_DESK).pk)
    with django_assert_num_queries(1):
        nobody.load_memberships(count_unread=True)
        assert nobody.unread_notification_count() == 0



def test_the_bell_counts_up_to_99_then_shows_99_plus(client_for, property_a):
    from hotelqa.models import Notification

    client, user = client_for(Role.STAFF)
    Notification.objects.bulk_create([Notification(recipient=user, title=f"N{i}", property=property_a) for i in range(99)])
    assert 'id="unread-count">99<' in client.get("/notifications/").content.decode()
    Notification.objects.create(recipient=user, title="One more", property=property_a)
    page = client.get("/notifications/").content.decode()
    assert 'id="unread-count">99+<' in page and 'aria-label="Notifications 99+"' in page
