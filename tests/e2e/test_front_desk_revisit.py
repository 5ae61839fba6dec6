"""Front desk: the revisit call of a closed complaint, once the hourly job has put it on the list."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from complaints.choices import CaseStatus
from complaints.models import Revisit
from complaints.tasks import revisits_due
from hotelqa.choices import DepartmentKind
from hotelqa.models import Property, User
from tests.complaints.helpers import close_complaint

from .conftest import log_in


def test_front_desk_records_revisit_and_sees_outcome_on_case(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    case = close_complaint(harbour, User.objects.get(username="supervisor.harbour"), department_kind=DepartmentKind.ENGINEERING)
    assert case.status == CaseStatus.CLOSED
    Revisit.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    assert revisits_due() == 1

    page = open_page()
    log_in(page, "frontdesk.harbour")
    panel = page.locator(".card", has=page.locator(".card-header", has_text="Revisits due"))
    expect(panel).to_contain_text(case.number)
    panel.get_by_role("link", name=case.number).click()

    card = page.locator(".card", has_text=case.number)
    expect(card).to_contain_text("Li Wei")
    card.get_by_label("Satisfied", exact=True).check()
    card.get_by_label("What the guest said").fill("Quiet since the move, thanks")
    card.get_by_role("button", name="Record revisit").click()

    expect(page.locator("#messages")).to_contain_text(f"Revisit of {case.number} recorded.")
    expect(page.get_by_role("link", name=case.number)).to_have_count(0)
    expect(page.locator("main")).to_contain_text("No revisits due.")

    page.goto(reverse("complaints:case_detail", args=[case.pk]))
    revisits = page.locator(".card", has=page.locator(".card-header", has_text="Revisits"))
    expect(revisits).to_contain_text("Satisfied (Wang Fang")
    expect(revisits).to_contain_text("Quiet since the move, thanks")
    expect(page.locator("#timeline")).to_contain_text("Satisfied")
    expect(page.locator(".case-steps [aria-current=step]")).to_have_text("6. Closed")  # a satisfied guest leaves it closed


def test_unsatisfied_revisit_needs_a_note_and_reopens_the_case(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    case = close_complaint(harbour, User.objects.get(username="supervisor.harbour"), department_kind=DepartmentKind.ENGINEERING)
    Revisit.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    revisits_due()

    page = open_page()
    open_page.allow_errors(r"revisits/\d+/: .*status of 400")  # the refused form comes back as a 400 page
    log_in(page, "frontdesk.harbour")
    page.goto(reverse("complaints:revisit_list"))
    card = page.locator(".card", has_text=case.number)
    card.get_by_label("Not satisfied").check()
    card.get_by_role("button", name="Record revisit").click()
    card = page.locator(".card", has_text=case.number)
    expect(card.locator(".invalid-feedback")).to_have_text("Write down what the guest is not satisfied with.")
    expect(card.get_by_label("Not satisfied")).to_be_checked()  # the choice is kept

    card.get_by_label("What the guest said").fill("Still noisy every night")
    card.get_by_role("button", name="Record revisit").click()
    expect(page.locator("#messages")).to_contain_text(f"Revisit of {case.number} recorded.")

    page.goto(reverse("complaints:case_detail", args=[case.pk]))
    expect(page.locator(".case-steps [aria-current=step]")).to_have_text("Reopened")
    expect(page.locator("#timeline")).to_contain_text("Closed → Reopened")
    expect(page.locator("#timeline")).to_contain_text("Still noisy every night")
