from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import AnswerType, VersionStatus
from hotelqa.checklists.models import ChecklistItem
from hotelqa.checklists.scoring import score_checklist

from .factories import item, published_template

pytestmark = pytest.mark.django_db


def I(pk, answer_type=AnswerType.PASS_FAIL, weight=1, critical=False, min_value=None, max_value=None):
    return SimpleNamespace(pk=pk, answer_type=answer_type, weight=Decimal(weight), critical=critical,
                           min_value=min_value, max_value=max_value)


def A(**values):
    base = dict(value_bool=None, value_score=None, value_number=None, value_text="", photo=None)
    base.update(values)
    return SimpleNamespace(**base)


class TestScoring:
    def test_weighted_share_of_points(self):
        items = [I(1, weight=3), I(2, weight=1)]
        result = score_checklist(items, {1: A(value_bool=True), 2: A(value_bool=False)}, Decimal(70))
        assert result.score == Decimal("75.00")
        assert result.passed is True
        assert [i.pk for i in result.failed_items] == [2]

    def test_below_pass_mark_fails(self):
        items = [I(1, weight=1), I(2, weight=1)]
        result = score_checklist(items, {1: A(value_bool=True), 2: A(value_bool=False)}, Decimal(80))
        assert result.score == Decimal("50.00") and result.passed is False

    def test_critical_fail_fails_whatever_the_score(self):
        items = [I(1, weight=99), I(2, weight=1, critical=True)]
        result = score_checklist(items, {1: A(value_bool=True), 2: A(value_bool=False)}, Decimal(50))
        assert result.score == Decimal("99.00")
        assert result.critical_failed is True and result.passed is False

    def test_score_items_count_as_share_and_below_three_fails(self):
        items = [I(1, AnswerType.SCORE), I(2, AnswerType.SCORE)]
        result = score_checklist(items, {1: A(value_score=5), 2: A(value_score=2)}, Decimal(0))
        assert result.score == Decimal("70.00")  # (1 + 0.4) / 2
        assert [i.pk for i in result.failed_items] == [2]

    def test_number_outside_min_max_fails(self):
        items = [I(1, AnswerType.NUMBER, min_value=Decimal(45), max_value=Decimal(65))]
        assert score_checklist(items, {1: A(value_number=Decimal(50))}, Decimal(80)).passed is True
        low = score_checklist(items, {1: A(value_number=Decimal("44.9"))}, Decimal(80))
        high = score_checklist(items, {1: A(value_number=Decimal(66))}, Decimal(80))
        assert low.passed is False and low.score == 0 and high.failed_items

    def test_text_is_not_scored(self):
        items = [I(1), I(2, AnswerType.TEXT, weight=10)]
        result = score_checklist(items, {1: A(value_bool=True), 2: A(value_text="note")}, Decimal(80))
        assert result.score == Decimal("100.00")


class TestVersioning:
    def test_publish_freezes_and_edit_makes_a_new_version(self, property_a):
        template = published_template(property_a, [item("Lights")])
        v1 = template.current_version
        assert v1.status == VersionStatus.PUBLISHED and v1.number == 1
        with pytest.raises(ValidationError):
            cl.checklist_item_add(section=v1.sections.first(), **item("Sneaky"))

        draft = cl.checklist_draft_get_or_create(template=template)
        assert draft.number == 2 and draft.pk != v1.pk
        assert cl.checklist_draft_get_or_create(template=template) == draft  # one draft at a time
        copied = draft.items.get()
        assert copied.text == "Lights" and copied.pk != v1.items.get().pk
        copied.text = "Lights and switches"
        copied.save()
        cl.checklist_item_add(section=draft.sections.first(), **item("Curtains"))
        cl.checklist_version_publish(version=draft, actor=None)

        template.refresh_from_db()
        v1.refresh_from_db()
        assert template.current_version == draft
        assert v1.status == VersionStatus.RETIRED
        assert list(v1.items.values_list("text", flat=True)) == ["Lights"]
        assert list(draft.items.values_list("text", flat=True)) == ["Lights and switches", "Curtains"]

    def test_empty_draft_cannot_be_published(self, property_a):
        template = cl.checklist_template_create(property=property_a, name="Empty")
        with pytest.raises(ValidationError):
            cl.checklist_version_publish(version=cl.checklist_draft(template=template), actor=None)

    def test_item_order_moves(self, property_a):
        template = cl.checklist_template_create(property=property_a, name="Order")
        draft = cl.checklist_draft(template=template)
        section = cl.checklist_section_add(version=draft, title="S")
        a = cl.checklist_item_add(section=section, **item("a"))
        cl.checklist_item_add(section=section, **item("b"))
        cl.checklist_item_move(item=a, up=False)
        assert list(ChecklistItem.objects.filter(section=section).values_list("text", flat=True)) == ["b", "a"]

    def test_number_item_rejects_min_above_max(self, property_a):
        template = cl.checklist_template_create(property=property_a, name="Numbers")
        section = cl.checklist_section_add(version=cl.checklist_draft(template=template), title="S")
        with pytest.raises(ValidationError):
            cl.checklist_item_add(section=section, **item("t", AnswerType.NUMBER, min_value=Decimal(5), max_value=Decimal(1)))


def test_a_new_draft_keeps_the_defect_categories_facilities_hooked_onto_items(property_a):
    from facilities.selectors import defect_category
    from facilities.services import checklist_item_set_defect_category

    from .factories import AssetCategoryFactory

    lift = AssetCategoryFactory(property=property_a, code="lift")
    template = published_template(property_a, [item("Lift door closes"), item("Button lights")])
    published = {i.text: i for i in template.current_version.items.all()}
    checklist_item_set_defect_category(item=published["Lift door closes"], category=lift)

    draft = cl.checklist_draft_get_or_create(template=template)
    copies = {i.text: i for i in draft.items.all()}
    assert copies["Lift door closes"].pk != published["Lift door closes"].pk
    assert defect_category(copies["Lift door closes"]) == lift
    assert defect_category(copies["Button lights"]) is None


def test_a_defect_category_of_another_property_is_refused(property_a, property_b):
    from facilities.services import checklist_item_set_defect_category

    from .factories import AssetCategoryFactory

    template = published_template(property_a, [item("Lift door closes")])
    with pytest.raises(ValidationError):
        checklist_item_set_defect_category(item=template.current_version.items.get(), category=AssetCategoryFactory(property=property_b))
