"""A trainer runs a session on a tablet in the room: opens today's session from the landing page,
taps the people present, enters everyone's scores in one form; a failed attendee is planned again."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from hotelqa.models import Property, StaffMember
from training import services
from training.models import Attendance, Course, PlanItem

from .conftest import log_in

TABLET = {"width": 1024, "height": 768}


def test_trainer_runs_session_on_tablet(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    course = Course.objects.create(property=harbour, code="ETQ-02", name="Speech and manner", name_zh="言谈举止", category="etiquette", pass_mark=70)
    people = [StaffMember.objects.create(property=harbour, staff_number=f"T{i:03d}", name=f"Trainee {i}", department=harbour.departments.first(),
                                         hire_date=dt.date(2022, 1, 1)) for i in range(1, 6)]
    session = services.session_create(property=harbour, course=course, date=timezone.localdate(), place="Training room", staff=people)

    page = open_page(viewport=TABLET)
    log_in(page, "trainer.harbour")
    page.goto("/")
    page.locator("[data-trainer-today]").get_by_role("link", name="Speech and manner").first.click()
    expect(page.locator("h1")).to_contain_text("Speech and manner")

    for name in ("Trainee 1", "Trainee 2", "Trainee 3"):
        page.get_by_role("button", name=name).click()
        expect(page.get_by_role("button", name=name)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-present]")).to_have_text("3")
    page.get_by_role("button", name="Trainee 3").click()  # a wrong tap undone
    expect(page.locator("[data-present]")).to_have_text("2")
    page.get_by_role("button", name="Trainee 3").click()
    expect(page.locator("[data-present]")).to_have_text("3")

    page.locator("[data-enter-scores]").click()
    scores = page.locator("[data-score]")
    scores.nth(0).fill("85")
    scores.nth(1).fill("64")
    scores.nth(2).fill("120")
    page.get_by_role("button", name="Save scores").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("0 to 100")
    assert not Attendance.objects.filter(session=session, score__isnull=False).exists()  # nothing half-saved
    page.locator("[data-score]").nth(2).fill("90")
    page.get_by_role("button", name="Save scores").click()
    expect(page.locator(".alert-success, .alert")).to_contain_text("2 passed, 1 failed")

    assert Attendance.objects.filter(session=session, attended=True).count() == 3
    failed = Attendance.objects.get(session=session, passed=False)
    assert PlanItem.objects.filter(staff=failed.staff, course=course, status="planned", source="retake").exists()
