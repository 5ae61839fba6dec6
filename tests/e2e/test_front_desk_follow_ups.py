"""The front desk works the one follow-up list: thank-you calls made by the hourly job and the
complaint revisits on the same page, in English and in Chinese."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from complaints.models import Revisit
from complaints.services import revisits_list_due
from crm.engagement import defaults
from crm.models import FollowUp
from crm.tasks import followups_hourly
from hotelqa.choices import DepartmentKind
from hotelqa.models import Property, User
from tests.complaints.helpers import close_complaint
from tests.crm.factories import GuestFactory, StayFactory

from .conftest import PHONE, log_in


@pytest.mark.parametrize("language, texts", [
    ("en", {"revisits": "Complaint revisits", "kind": "Post-stay thank-you", "reached": "Reached the guest", "note": "Note",
            "record": "Record follow-up", "done": "Done", "recorded": "recorded"}),
    ("zh-hans", {"revisits": "投诉回访", "kind": "离店感谢", "reached": "已联系到宾客", "note": "备注",
                 "record": "记录回访", "done": "已完成", "recorded": "已记录"}),
])
def test_front_desk_works_the_follow_up_list(open_page, demo_org, language, texts):
    harbour = Property.objects.get(code="harbour")
    defaults.ensure()  # the data migration's rows (a browser test's database is flushed between tests)
    case = close_complaint(harbour, User.objects.get(username="supervisor.harbour"), department_kind=DepartmentKind.ENGINEERING)
    Revisit.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    revisits_list_due(now=timezone.now())
    guest = GuestFactory(property=harbour, name="Sophie Martin")
    StayFactory(property=harbour, guest=guest, arrival=timezone.localdate() - dt.timedelta(days=3), room_nights=2)
    followups_hourly()
    followups_hourly()  # a second run adds nothing
    assert FollowUp.objects.filter(guest=guest).count() == 1

    page = open_page(viewport=PHONE, language=language)
    log_in(page, "frontdesk.harbour")
    page.goto("/crm/follow-ups/")
    expect(page.locator("main")).to_contain_text(texts["revisits"])
    expect(page.locator("[data-worklist-row]", has_text=case.number)).to_be_visible()
    card = page.locator("[data-followup]", has_text="Sophie Martin")
    expect(card).to_contain_text(texts["kind"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    card.get_by_label(texts["reached"], exact=True).check()
    card.get_by_label(texts["note"]).fill("Thanked her; she will come back in May")
    card.get_by_role("button", name=texts["record"]).click()
    expect(page.locator("#messages")).to_contain_text(texts["recorded"])
    expect(page.locator("[data-followup]", has_text="Sophie Martin")).to_have_count(0)

    page.get_by_role("link", name=texts["done"], exact=True).click()
    expect(page.locator("[data-followup]", has_text="Sophie Martin")).to_contain_text("Thanked her")
    followup = FollowUp.objects.get(guest=guest)
    assert followup.outcome == "reached" and followup.done_by.username == "frontdesk.harbour"
