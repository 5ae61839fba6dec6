"""A guest answers the satisfaction survey on a phone from the link (no login), in their
language; the link then says it was answered; a low score opens a complaint."""

import pytest
from playwright.sync_api import expect

from crm.engagement import defaults, surveys
from crm.models import Dimension, Survey, SurveyAnswer, SurveySource
from hotelqa.models import Property
from tests.crm.factories import GuestFactory, StayFactory

from .conftest import PHONE


def _survey(language):
    defaults.ensure()  # the data migration's rows (a browser test's database is flushed between tests)
    harbour = Property.objects.get(code="harbour")
    guest = GuestFactory(property=harbour, name="Anna Schmidt" if language == "en" else "王芳", language=language)
    stay = StayFactory(property=harbour, guest=guest)
    return surveys.survey_create(source=SurveySource.STAY, guest=guest, property=harbour, stay=stay)


@pytest.mark.parametrize("language, texts", [
    ("en", {"question": "Overall satisfaction", "nps": "recommend", "send": "Send my answers", "thanks": "Thank you!", "again": "already been answered"}),
    ("zh-hans", {"question": "总体满意度", "nps": "推荐", "send": "提交我的答复", "thanks": "谢谢", "again": "本调查已提交过"}),
])
def test_guest_answers_the_survey_on_a_phone_once(open_page, demo_org, language, texts):
    survey = _survey(language)
    page = open_page(viewport=PHONE, language="en")  # the guest's language comes from the profile, not the browser
    page.goto(f"/crm/s/{survey.token}/")
    expect(page.locator("main")).to_contain_text(texts["question"])
    expect(page.locator("main")).to_contain_text(texts["nps"])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    open_page.allow_errors(r"status of 400")  # the form sent back with its messages answers 400
    page.get_by_role("button", name=texts["send"]).click()  # nothing chosen: told next to each question
    expect(page.locator('[data-question="score_overall"] .invalid-feedback')).to_be_visible()

    for dim in Dimension.values:
        page.locator(f'[data-question="score_{dim}"] label', has_text="4").click()
    page.locator('[data-question="nps"] label').get_by_text("9", exact=True).click()
    page.locator("textarea").fill("Lovely view" if language == "en" else "景色很好")
    page.get_by_role("button", name=texts["send"]).click()
    expect(page.locator("[data-survey-closed]")).to_contain_text(texts["thanks"])

    survey.refresh_from_db()
    assert survey.answered_at and (survey.overall, survey.nps) == (4, 9) and SurveyAnswer.objects.filter(survey=survey).count() == 6
    page.goto(f"/crm/s/{survey.token}/")
    expect(page.locator("[data-survey-closed]")).to_contain_text(texts["again"])


def test_a_low_score_on_the_phone_opens_a_complaint(open_page, demo_org):
    from complaints.models import Case

    survey = _survey("en")
    page = open_page(viewport=PHONE)
    page.goto(f"/crm/s/{survey.token}/")
    for dim in Dimension.values:
        page.locator(f'[data-question="score_{dim}"] label', has_text="1" if dim == "quality" else "5").click()
    page.locator('[data-question="nps"] label').get_by_text("3", exact=True).click()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator("[data-survey-closed]")).to_be_visible()
    number = Survey.objects.get(pk=survey.pk).low_score_case
    assert Case.objects.filter(number=number, guest=survey.guest).exists()
