"""The expected answer of every URL of the project, for every role.

Each route name maps to an `Expect`: how to build its URL for a property (creating a record of
that property where the route needs one), which roles may use it, and what a user of another
property gets for that property's record. A route missing from this table fails the test, so a
new view cannot ship without deciding who may use it.

Statuses: roles in `allow` get `ok` (200 unless said), other roles 403, anonymous users a redirect
to the login page (302) unless the route is `public`. `other` is the answer for a user of another
property (404 for object pages; None where the URL does not name a record).
"""

from dataclasses import dataclass, field
from typing import Callable, Optional

from hotelqa.choices import Role

ALL = frozenset(Role)
MANAGEMENT = frozenset({Role.MANAGER, Role.ADMIN})
NOBODY = frozenset()


@dataclass(frozen=True)
class Expect:
    url: Callable  # (property) -> path
    allow: frozenset = ALL
    ok: int = 200
    ok_for: dict = field(default_factory=dict)  # role -> status where it differs from `ok`
    other: Optional[int] = None
    public: bool = False
    anonymous: int = 302
    method: str = "get"


def _department(property):
    return property.departments.order_by("pk").first()


def _notification(property):
    from hotelqa.models import Notification, User

    user = User.objects.filter(memberships__property=property).first()
    return Notification.objects.create(recipient=user, property=property, title="matrix")


KPI = "hotelqa.notifications_read_24h"
JOB = "hotelqa.kpi_snapshot"

TABLE = {
    # The shell
    "home": Expect(lambda p: "/", ok_for={Role.MANAGER: 302, Role.ADMIN: 302}),
    "healthz": Expect(lambda p: "/healthz", public=True, anonymous=200),
    "favicon": Expect(lambda p: "/favicon.ico", public=True, ok=301, anonymous=301),
    "set_language": Expect(lambda p: "/i18n/setlang/", public=True, ok=302, anonymous=302),
    "login": Expect(lambda p: "/accounts/login/", public=True, ok=302, anonymous=200),
    "logout": Expect(lambda p: "/accounts/logout/", public=True, ok=405, anonymous=405),
    "password_change": Expect(lambda p: "/accounts/password/"),
    "password_change_done": Expect(lambda p: "/accounts/password/done/"),
    "property_switch": Expect(lambda p: "/property/switch/", public=True, ok=405, anonymous=405),
    "notification_list": Expect(lambda p: "/notifications/"),
    "notification_open": Expect(lambda p: f"/notifications/{_notification(p).pk}/open/", public=True, ok=405, anonymous=405),
    "notification_mark_all_read": Expect(lambda p: "/notifications/read-all/", public=True, ok=405, anonymous=405),
    # Organisation and dashboard
    "department_list": Expect(lambda p: "/departments/", allow={Role.SUPERVISOR, Role.TRAINER, Role.MANAGER, Role.ADMIN}),
    "department_detail": Expect(
        lambda p: f"/departments/{_department(p).pk}/",
        allow={Role.SUPERVISOR, Role.TRAINER, Role.MANAGER, Role.ADMIN},
        other=404,
    ),
    "dashboard": Expect(lambda p: "/dashboard/", allow={Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}),
    "kpi_detail": Expect(lambda p: f"/dashboard/kpi/{KPI}/", allow={Role.SUPERVISOR, Role.INSPECTOR, Role.MANAGER, Role.ADMIN}),
    # Settings
    "kpi_target_list": Expect(lambda p: "/settings/kpi-targets/", allow={Role.ADMIN}),
    "kpi_target_edit": Expect(lambda p: f"/settings/kpi-targets/{KPI}/", allow={Role.ADMIN}),
    "audit_list": Expect(lambda p: "/settings/audit/", allow={Role.ADMIN}),
    "job_list": Expect(lambda p: "/settings/jobs/", allow={Role.ADMIN}),
    "job_run_now": Expect(lambda p: f"/settings/jobs/{JOB}/run/", allow={Role.ADMIN}, ok=405),
}
