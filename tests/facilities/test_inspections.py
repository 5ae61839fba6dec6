import datetime as dt
import os
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from facilities import services
from facilities.choices import InspectionStatus, Priority, WorkOrderSource, WorkOrderStatus
from facilities.models import Inspection, WorkOrder, WorkOrderHistory
from hotelqa.checklists.choices import AnswerType
from hotelqa.choices import Role

from .factories import InspectionFactory, item, published_template

pytestmark = pytest.mark.django_db


def png(name="p.png", size=(20, 20)):
    buf = io.BytesIO()
    Image.new("RGB", size, "red").save(buf, "PNG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/png")


@pytest.fixture
def staff(property_a, member):
    return member(property_a, Role.STAFF, department_kind="engineering")


@pytest.fixture
def inspection(property_a):
    template = published_template(property_a, [
        item("Lock works", critical=True),
        item("Hot water", AnswerType.NUMBER, weight=2, min_value=Decimal(45), max_value=Decimal(65), unit="°C"),
        item("Clean", AnswerType.SCORE),
        item("Remarks", AnswerType.TEXT, required=False),
    ])
    return InspectionFactory(property=property_a, version=template.current_version)


def items(inspection):
    return {i.text: i for i in inspection.version.items.all()}


def answer(inspection, text, actor, **kwargs):
    return services.inspection_answer(inspection=inspection, item=items(inspection)[text], actor=actor, **kwargs)


def test_first_answer_starts_the_inspection(inspection, staff):
    answer(inspection, "Lock works", staff, value=True)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.IN_PROGRESS
    assert inspection.response.answers.count() == 1
    assert inspection.assignee == staff


def test_a_second_tap_that_wrote_the_items_first_answer_meanwhile_is_answered_over(inspection, staff, monkeypatch):
    # Two taps on one item at once: both look, find no answer yet, and both write one. The later
    # write goes over the earlier instead of failing on the one-answer-per-item rule.
    from django.db.models import QuerySet

    answer(inspection, "Lock works", staff, value=False)
    real_first, looked = QuerySet.first, []

    def first_as_if_not_written_yet(queryset):
        if not looked and queryset.model.__name__ == "ChecklistAnswer":
            looked.append(queryset)
            return None
        return real_first(queryset)

    monkeypatch.setattr(QuerySet, "first", first_as_if_not_written_yet)
    saved = answer(inspection, "Lock works", staff, value=True)
    monkeypatch.undo()
    assert looked, "the save did not look for an existing answer"
    inspection.refresh_from_db()
    only = inspection.response.answers.get()
    assert only.pk == saved.pk and only.value_bool is True and only.is_failed is False


def test_submit_scores_and_opens_work_orders_for_failures(inspection, staff):
    answer(inspection, "Lock works", staff, value=True)
    answer(inspection, "Hot water", staff, value=Decimal(30), note="Lukewarm")
    answer(inspection, "Clean", staff, value=2)
    answer(inspection, "Clean", staff, fixed_on_spot=True, fix_note="Re-cleaned the basin")
    inspection = services.inspection_submit(inspection=inspection, actor=staff)
    assert inspection.status == InspectionStatus.SUBMITTED
    # points: lock 1×1, hot water 2×0, clean 1×0.4 → 1.4 / 4
    assert inspection.score == Decimal("35.00")
    assert inspection.passed is False
    orders = list(WorkOrder.objects.filter(inspection=inspection))
    assert len(orders) == 1  # the cleanliness fail was fixed on the spot
    wo = orders[0]
    assert wo.source == WorkOrderSource.INSPECTION and wo.status == WorkOrderStatus.OPEN
    assert "Hot water" in wo.title and "Lukewarm" in wo.description
    assert wo.department.kind == "engineering"
    assert WorkOrderHistory.objects.filter(work_order=wo, to_status=WorkOrderStatus.OPEN).count() == 1


def test_critical_failure_fails_and_opens_a_high_priority_order(inspection, staff):
    answer(inspection, "Lock works", staff, value=False)
    answer(inspection, "Hot water", staff, value=Decimal(50))
    answer(inspection, "Clean", staff, value=5)
    inspection = services.inspection_submit(inspection=inspection, actor=staff)
    assert inspection.score == Decimal("75.00") and inspection.passed is False
    assert inspection.response.critical_failed
    assert WorkOrder.objects.get(inspection=inspection).priority == Priority.HIGH


def test_missing_answers_block_submission(inspection, staff):
    answer(inspection, "Lock works", staff, value=True)
    with pytest.raises(ValidationError) as exc:
        services.inspection_submit(inspection=inspection, actor=staff)
    assert any("Hot water" in m for m in exc.value.messages)
    inspection.refresh_from_db()
    assert inspection.status == InspectionStatus.IN_PROGRESS
    assert not WorkOrder.objects.exists()


def test_fixed_on_spot_needs_a_note(inspection, staff):
    answer(inspection, "Lock works", staff, value=True)
    answer(inspection, "Hot water", staff, value=Decimal(50))
    answer(inspection, "Clean", staff, value=1)
    answer(inspection, "Clean", staff, fixed_on_spot=True, fix_note="  ")
    with pytest.raises(ValidationError):
        services.inspection_submit(inspection=inspection, actor=staff)


def test_submitted_inspection_is_read_only(inspection, staff):
    answer(inspection, "Lock works", staff, value=True)
    answer(inspection, "Hot water", staff, value=Decimal(50))
    answer(inspection, "Clean", staff, value=5)
    services.inspection_submit(inspection=inspection, actor=staff)
    with pytest.raises(ValidationError):
        answer(inspection, "Clean", staff, value=1)
    with pytest.raises(ValidationError):
        services.inspection_submit(inspection=inspection, actor=staff)


def test_photo_required_item(property_a, staff):
    template = published_template(property_a, [item("Overview photo", AnswerType.PHOTO)])
    inspection = InspectionFactory(property=property_a, version=template.current_version)
    services.inspection_start(inspection=inspection, actor=staff)
    with pytest.raises(ValidationError):
        services.inspection_submit(inspection=inspection, actor=staff)
    answer(inspection, "Overview photo", staff, photo=png())
    assert services.inspection_submit(inspection=inspection, actor=staff).passed is True


def test_late_submission_counts_as_not_on_time(inspection, staff):
    Inspection.objects.filter(pk=inspection.pk).update(due_end=inspection.due_start + dt.timedelta(minutes=1),
                                                       status=InspectionStatus.OVERDUE)
    answer(inspection, "Lock works", staff, value=True)
    answer(inspection, "Hot water", staff, value=Decimal(50))
    answer(inspection, "Clean", staff, value=5)
    inspection = services.inspection_submit(inspection=inspection, actor=staff)
    assert inspection.status == InspectionStatus.SUBMITTED and not inspection.on_time


class TestAnswerEndpoint:
    def url(self, inspection, text):
        return reverse("facilities:inspection_answer", args=[inspection.pk, items(inspection)[text].pk])

    def test_htmx_answer_is_saved_and_item_returned(self, inspection, login, staff):
        client = login(staff)
        it = items(inspection)["Hot water"]
        response = client.post(self.url(inspection, "Hot water"), {f"i{it.pk}-value": "30"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        assert b"answer-item" in response.content and b"is-failed" in response.content
        inspection.refresh_from_db()
        saved = inspection.response.answers.get(item=it)
        assert saved.value_number == Decimal(30) and saved.is_failed

    def test_htmx_answer_updates_what_still_stops_submission(self, inspection, login, staff):
        client = login(staff)
        it = items(inspection)["Lock works"]
        response = client.post(self.url(inspection, "Lock works"), {f"i{it.pk}-value": "1"}, HTTP_HX_REQUEST="true")
        problems = response.content.decode().split('id="inspection-problems"')[1]
        assert 'hx-swap-oob="true"' in problems
        assert "“Hot water” is not answered." in problems and "Lock works" not in problems

    def test_bad_number_gets_a_message_and_keeps_nothing(self, inspection, login, staff):
        client = login(staff)
        it = items(inspection)["Hot water"]
        response = client.post(self.url(inspection, "Hot water"), {f"i{it.pk}-value": "warm"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 422
        assert b"invalid-feedback" in response.content
        inspection.refresh_from_db()
        assert inspection.response is None

    def test_photo_that_is_not_an_image_is_refused(self, inspection, login, staff):
        client = login(staff)
        it = items(inspection)["Clean"]
        fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
        response = client.post(self.url(inspection, "Clean"), {f"i{it.pk}-photo": fake}, HTTP_HX_REQUEST="true")
        assert response.status_code == 422
        assert not Inspection.objects.get(pk=inspection.pk).response_id

    def test_photo_over_the_upload_limit_is_refused(self, inspection, login, staff, settings):
        settings.MAX_UPLOAD_SIZE = 100
        client = login(staff)
        it = items(inspection)["Clean"]
        response = client.post(self.url(inspection, "Clean"), {f"i{it.pk}-photo": png(size=(200, 200))}, HTTP_HX_REQUEST="true")
        assert response.status_code == 422
        assert b"too large" in response.content

    def test_get_is_not_allowed(self, inspection, login, staff):
        assert login(staff).get(self.url(inspection, "Clean")).status_code == 405

    def test_submitted_inspection_refuses_answers(self, inspection, login, staff):
        for text, kw in [("Lock works", {"value": True}), ("Hot water", {"value": Decimal(50)}), ("Clean", {"value": 4})]:
            answer(inspection, text, staff, **kw)
        services.inspection_submit(inspection=inspection, actor=staff)
        client = login(staff)
        it = items(inspection)["Clean"]
        response = client.post(self.url(inspection, "Clean"), {f"i{it.pk}-value": "1"}, HTTP_HX_REQUEST="true")
        assert response.status_code == 422
        inspection.refresh_from_db()
        assert inspection.response.answers.get(item=it).value_score == 4

    def test_submit_view(self, inspection, login, staff):
        for text, kw in [("Lock works", {"value": True}), ("Hot water", {"value": Decimal(80)}), ("Clean", {"value": 4})]:
            answer(inspection, text, staff, **kw)
        response = login(staff).post(reverse("facilities:inspection_submit", args=[inspection.pk]), follow=True)
        assert response.status_code == 200
        inspection.refresh_from_db()
        assert inspection.status == InspectionStatus.SUBMITTED
        assert WorkOrder.objects.filter(inspection=inspection).count() == 1
        # The page is now read-only: no answer forms.
        assert b"hx-post" not in response.content


def test_a_failed_item_files_its_work_order_under_the_items_defect_category(property_a, staff):
    from .factories import AssetCategoryFactory

    plumbing = AssetCategoryFactory(property=property_a, code="plumbing")
    template = published_template(property_a, [item("No leak under the sink")])
    services.checklist_item_set_defect_category(item=template.current_version.items.get(), category=plumbing)
    inspection = InspectionFactory(property=property_a, version=template.current_version)
    answer(inspection, "No leak under the sink", staff, value=False)
    services.inspection_submit(inspection=inspection, actor=staff)
    assert WorkOrder.objects.get(inspection=inspection).category == plumbing


class TestAnswerPhotoFiles:
    """A photo is stored under the type its content has, and replacing it removes the old file."""

    def post_photo(self, client, inspection, upload):
        it = items(inspection)["Clean"]
        url = reverse("facilities:inspection_answer", args=[inspection.pk, it.pk])
        return client.post(url, {f"i{it.pk}-photo": upload}, HTTP_HX_REQUEST="true")

    def test_a_png_named_jpg_is_stored_and_served_as_png(self, inspection, login, staff, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        client = login(staff)
        assert self.post_photo(client, inspection, png(name="room.jpg")).status_code == 200
        stored = Inspection.objects.get(pk=inspection.pk).response.answers.get()
        assert stored.photo.name.endswith(".png")
        served = client.get(reverse("facilities:answer_photo_file", args=[stored.pk]))
        assert served["Content-Type"] == "image/png"

    def test_a_replaced_photo_file_is_deleted(self, inspection, login, staff, settings, tmp_path, django_capture_on_commit_callbacks):
        settings.MEDIA_ROOT = tmp_path
        client = login(staff)
        with django_capture_on_commit_callbacks(execute=True):
            self.post_photo(client, inspection, png())
        first = Inspection.objects.get(pk=inspection.pk).response.answers.get().photo.path
        with django_capture_on_commit_callbacks(execute=True):
            self.post_photo(client, inspection, png(size=(30, 30)))
        second = Inspection.objects.get(pk=inspection.pk).response.answers.get().photo.path
        assert second != first
        assert not os.path.exists(first) and os.path.exists(second)
