"""Monthly staff assessment: the supervisor drafts it (the figures the system has are filled in),
scores the rest and submits; the manager approves it; the staff member reads it on a phone."""

import datetime as dt

from playwright.sync_api import expect

from audits.choices import AssessmentStatus
from audits.models import StaffAssessment
from hotelqa.models import Property, StaffMember, User

from ..audits.assessment_data import last_month, person_month
from .conftest import PHONE, log_in


def test_supervisor_drafts_and_manager_approves_an_assessment(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    staff = StaffMember.objects.get(property=harbour, user=User.objects.get(username="staff.harbour"))
    staff.hire_date = dt.date(2020, 1, 1)
    staff.save()
    month = last_month()
    person_month(harbour, staff, month)

    supervisor = open_page()
    log_in(supervisor, "supervisor.harbour")
    supervisor.goto("/audits/assessments/new/")
    supervisor.select_option("#id_staff", label=staff.name)
    supervisor.fill("#id_month", f"{month:%Y-%m}")
    supervisor.get_by_role("button", name="Make the draft").click()
    expect(supervisor.locator("#messages")).to_contain_text("Draft made")
    expect(supervisor.locator('[data-criterion="guest_satisfaction"] [data-score]')).to_have_text("70.0")
    expect(supervisor.locator('[data-criterion="task_on_time"] [data-score]')).to_have_text("87.5")
    for code, value in (("task_quality", "80"), ("information_accuracy", "90"), ("teamwork", "70"), ("discipline", "100")):
        supervisor.locator(f'[data-criterion="{code}"] input[type=number]').fill(value)
    supervisor.get_by_label("Supervisor's comment").fill("Handled the burst pipe well")
    supervisor.get_by_role("button", name="Save scores").click()
    expect(supervisor.locator("[data-total]")).to_contain_text("81.0")
    supervisor.get_by_role("button", name="Submit for approval").click()
    expect(supervisor.locator("[data-status]")).to_have_text("Submitted for approval")
    expect(supervisor.get_by_role("button", name="Approve")).to_have_count(0)

    manager = open_page()
    log_in(manager, "manager.harbour")
    assessment = StaffAssessment.objects.get(staff=staff, month=month)
    manager.goto(assessment.get_absolute_url())
    manager.get_by_label("Note to the supervisor").fill("Bonus agreed")
    manager.get_by_label("Reward or sanction").select_option("bonus")
    manager.get_by_label("Amount (¥)").fill("300")
    manager.get_by_label("Reason").fill("Burst pipe at night")
    manager.get_by_role("button", name="Record").click()
    expect(manager.locator("#messages")).to_contain_text("Recorded.")
    manager.get_by_role("button", name="Approve").click()
    expect(manager.locator("[data-status]")).to_have_text("Approved")
    expect(manager.get_by_role("button", name="Save scores")).to_have_count(0)
    assert StaffAssessment.objects.get(pk=assessment.pk).status == AssessmentStatus.APPROVED

    phone = open_page(viewport=PHONE)
    log_in(phone, "staff.harbour")
    phone.goto("/audits/assessments/mine/")
    card = phone.locator(f'[data-assessment="{assessment.pk}"]')
    expect(card).to_contain_text("81.0")
    expect(card).to_contain_text("Good")
    expect(card).to_contain_text("Bonus")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
