"""Chinese wording a hotel reads every day: 已完成 not 完成时间, 筛选 not 过滤器, notifications in the
reader's language of today, checklist standards in both languages."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from complaints.choices import CaseKind
from hotelqa.choices import DepartmentKind, Role
from hotelqa.services import Message, notification_send
from tests.complaints.helpers import close_complaint

pytestmark = pytest.mark.django_db
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_a_closed_case_says_done_not_time_done(client_for, property_a, member):
    case = close_complaint(property_a, member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY))
    client, _ = client_for(Role.FRONT_DESK)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assert '<span class="badge text-bg-success">已完成</span>' in page
    assert "完成时间" not in page


@pytest.mark.parametrize("url", ["complaints:case_list", "facilities:workorder_list"])
def test_lists_say_shai_xuan_not_guo_lv_qi(client_for, url):
    client, _ = client_for(Role.SUPERVISOR, department_kind=DepartmentKind.ENGINEERING)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse(url)).content.decode()
    assert "筛选" in page and "过滤器" not in page


def test_case_list_keeps_status_and_grade_on_one_line(client_for, property_a, member):
    close_complaint(property_a, member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY))
    client, _ = client_for(Role.FRONT_DESK)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("complaints:case_list")).content.decode()
    row = page[page.index("<tbody"):page.index("</tbody>")]
    # number, deadline, status, kind, grade, room and received never wrap inside their cell
    assert len(re.findall(r'<td class="[^"]*\btext-nowrap\b', row)) == 7
    assert '<td class="text-nowrap">已关闭</td>' in row or "已结案" in row or "关闭" in row


def test_notifications_follow_the_readers_language_after_a_switch(client_for, property_a):
    client, user = client_for(Role.FRONT_DESK)
    user.language = "en"
    user.save(update_fields=["language"])
    notification_send(
        recipients=[user], property=property_a, email=False,
        title=Message(translation.gettext_lazy("New %(kind)s %(number)s for %(department)s"), {"kind": CaseKind.COMPLAINT.label, "number": "PA-1", "department": "Security"}),
    )
    assert "New Complaint PA-1 for Security" in client.get(reverse("notification_list")).content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get(reverse("notification_list")).content.decode()
    assert "PA-1" in page and "投诉" in page and "New Complaint" not in page


@pytest.mark.slow
def test_demo_checklist_standards_exist_in_both_languages(property_a, member):
    from facilities import demo
    from hotelqa.checklists.models import ChecklistItem

    member(property_a, Role.ADMIN)
    demo.seed(properties=[property_a])
    # Each language in its own field: English in `standard`, Chinese in `standard_zh`.
    standards = [(en, zh) for en, zh in ChecklistItem.objects.values_list("standard", "standard_zh") if en or zh]
    assert standards and all(re.search("[A-Za-z]", en) and not CJK.search(en) and CJK.search(zh) for en, zh in standards)


def test_survey_analysis_groups_by_fen_zu_not_by_operator(client_for):
    """"By" of a grouping is 分组方式; 操作人 is who did something (imports, points)."""
    client, _ = client_for(Role.MANAGER)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("crm:survey_analysis")).content.decode()
    assert "分组方式" in page and "操作人" not in page
