"""Revisits when the guest is reachable: recorded before they are due, listed as soon as a case closes."""

import pytest
from django.urls import reverse

from complaints.choices import RevisitOutcome
from complaints.models import ComplaintSettings, Revisit
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Notification

from .helpers import close_complaint

pytestmark = pytest.mark.django_db


def test_a_revisit_due_at_once_is_listed_when_the_case_closes(property_a, member, django_capture_on_commit_callbacks):
    ComplaintSettings.objects.create(property=property_a, revisit_after_hours=0)
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    desk = member(property_a, Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE)
    with django_capture_on_commit_callbacks(execute=True):
        case = close_complaint(property_a, supervisor)
    revisit = Revisit.objects.get(case=case)
    assert revisit.listed_at is not None  # not waiting for the hourly job
    assert Notification.objects.filter(recipient=desk, kind="revisit").exists()


def test_upcoming_tab_lists_revisits_before_they_are_due(client_for, property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = close_complaint(property_a, supervisor)  # due in three days
    client, _ = client_for(Role.FRONT_DESK)
    url = reverse("complaints:revisit_list")
    assert case.number not in client.get(url).content.decode()
    page = client.get(url, {"tab": "upcoming"}).content.decode()
    assert case.number in page and "data-revisit-form" in page
    client.cookies["django_language"] = "zh-hans"
    assert "即将回访" in client.get(url, {"tab": "upcoming"}).content.decode()


def test_front_desk_records_a_revisit_from_the_case_page(client_for, property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = close_complaint(property_a, supervisor)
    client, desk = client_for(Role.FRONT_DESK)
    case_url = reverse("complaints:case_detail", args=[case.pk])
    page = client.get(case_url).content.decode()
    revisit = case.revisits.get()
    assert reverse("complaints:revisit_record", args=[revisit.pk]) in page
    response = client.post(reverse("complaints:revisit_record", args=[revisit.pk]), {"outcome": RevisitOutcome.SATISFIED, "note": "Called at checkout", "next": case_url})
    assert response.status_code == 302 and response["Location"] == case_url
    revisit.refresh_from_db()
    assert revisit.done_by == desk and revisit.outcome == RevisitOutcome.SATISFIED
    # A crafted "next" never leaves the site.
    other = close_complaint(property_a, supervisor).revisits.get()
    response = client.post(reverse("complaints:revisit_record", args=[other.pk]), {"outcome": RevisitOutcome.SATISFIED, "next": "https://evil.example/"})
    assert response["Location"] == reverse("complaints:revisit_list")


def test_an_inspector_sees_no_revisit_form_on_the_case(client_for, property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = close_complaint(property_a, supervisor)
    client, _ = client_for(Role.INSPECTOR)
    assert "data-revisit-form" not in client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
