"""Surveys: the token answers once, a forged one finds nothing; statistics on fixed data by hand."""

import datetime as dt
import math

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from crm.engagement import stats, surveys
from crm.engagement.surveys import SurveyClosed
from crm.models import Dimension, Survey, SurveyAnswer, SurveySource
from crm.tasks import followups_hourly

from .factories import GuestFactory, StayFactory

pytestmark = pytest.mark.django_db

ALL_FIVE = {d: 5 for d in Dimension.values}


@pytest.fixture
def survey(property_a):
    stay = StayFactory(property=property_a, guest=GuestFactory(property=property_a, name="Anna Schmidt", language="en"))
    return surveys.survey_create(source=SurveySource.STAY, guest=stay.guest, property=property_a, stay=stay)


def test_survey_of_a_stay_is_made_once(survey, property_a):
    again = surveys.survey_create(source=SurveySource.STAY, guest=survey.guest, property=property_a, stay=survey.stay)
    assert again == survey and survey.language == "en" and len(survey.token) >= 30


def test_hourly_job_sends_surveys_for_stays_that_ended(property_a):
    today = timezone.localdate()
    StayFactory(property=property_a, arrival=today - dt.timedelta(days=2), room_nights=1)
    followups_hourly()
    followups_hourly()
    assert Survey.objects.filter(source=SurveySource.STAY).count() == 1


def test_token_answers_once(survey):
    surveys.survey_answer(token=survey.token, scores=ALL_FIVE, nps=10)
    with pytest.raises(SurveyClosed, match="already been answered"):
        surveys.survey_answer(token=survey.token, scores={d: 1 for d in Dimension.values}, nps=0)
    assert SurveyAnswer.objects.filter(survey=survey).count() == 6
    survey.refresh_from_db()
    assert (survey.overall, survey.nps) == (5, 10)


def test_forged_and_expired_tokens_are_refused(survey):
    with pytest.raises(SurveyClosed, match="not valid"):
        surveys.survey_answer(token=survey.token[:-1] + ("A" if survey.token[-1] != "A" else "B"), scores=ALL_FIVE, nps=9)
    Survey.objects.filter(pk=survey.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(SurveyClosed, match="expired"):
        surveys.survey_answer(token=survey.token, scores=ALL_FIVE, nps=9)
    assert not SurveyAnswer.objects.exists()


def test_scores_out_of_range_save_nothing(survey):
    with pytest.raises(ValidationError) as exc:
        surveys.survey_answer(token=survey.token, scores={**ALL_FIVE, "staff": 7}, nps=11)
    assert set(exc.value.message_dict) == {"staff", "nps"}
    survey.refresh_from_db()
    assert survey.answered_at is None and not SurveyAnswer.objects.exists()


def test_low_score_opens_a_complaint_case(survey):
    from complaints.models import Case

    surveys.survey_answer(token=survey.token, scores={**ALL_FIVE, "quality": 1}, nps=3, comment="Hair in the bathroom")
    survey.refresh_from_db()
    case = Case.objects.get(number=survey.low_score_case)
    assert case.guest == survey.guest and case.channel == "survey" and "Hair in the bathroom" in case.description
    assert "Cleanliness and quality 1/5" in case.description


# ---- statistics on fixed data, computed by hand -------------------------------------------------

def test_mean_median_and_standard_deviation_by_hand():
    # 1, 2, 4, 4, 5: mean 16/5 = 3.2; median 4; sample variance (4.84+1.44+0.64+0.64+3.24)/4 = 2.7
    n, mean, median, sd = stats.stats_from_counts({1: 1, 2: 1, 4: 2, 5: 1})
    assert (n, mean, median) == (5, 3.2, 4)
    assert math.isclose(sd, math.sqrt(2.7))
    # 2, 3, 4, 5: median (3+4)/2 = 3.5; variance (2.25+0.25+0.25+2.25)/3 = 5/3
    n, mean, median, sd = stats.stats_from_counts({2: 1, 3: 1, 4: 1, 5: 1})
    assert (n, mean, median) == (4, 3.5, 3.5) and math.isclose(sd, math.sqrt(5 / 3))
    assert stats.stats_from_counts({4: 1}) == (1, 4.0, 4, 0.0)
    assert stats.stats_from_counts({}) == (0, None, None, None)


def test_nps_by_hand():
    # 10, 9, 9, 8, 7, 6, 3, 0: promoters 3, detractors 3 (6, 3, 0) → 0
    assert stats.nps_from_counts({10: 1, 9: 2, 8: 1, 7: 1, 6: 1, 3: 1, 0: 1}) == (8, 0)
    # 10, 10, 9, 8, 2: promoters 3, detractors 1 → 100 × 2 / 5 = 40
    assert stats.nps_from_counts({10: 2, 9: 1, 8: 1, 2: 1}) == (5, 40)
    assert stats.nps_from_counts({0: 4}) == (4, -100)


def _answer(property, scores, nps, when):
    stay = StayFactory(property=property)
    s = surveys.survey_create(source=SurveySource.STAY, guest=stay.guest, property=property, stay=stay, now=when)
    return surveys.survey_answer(token=s.token, scores={d: scores for d in Dimension.values}, nps=nps, now=when)


def test_analysis_by_month_from_the_database(property_a):
    jan, feb = timezone.make_aware(dt.datetime(2026, 1, 15, 12)), timezone.make_aware(dt.datetime(2026, 2, 10, 12))
    for score, nps in ((3, 10), (4, 9), (5, 6)):
        _answer(property_a, score, nps, jan)
    _answer(property_a, 4, 8, feb)
    rows = stats.analysis(answers=SurveyAnswer.objects.all(), surveys=Survey.objects.all(), group="month")
    assert [r["key"].strftime("%Y-%m") for r in rows] == ["2026-01", "2026-02"]
    n, mean, median, sd = rows[0]["dimensions"]["overall"]
    assert (n, mean, median, round(sd, 6)) == (3, 4.0, 4, 1.0)
    assert rows[0]["nps"] == (3, 100 * (2 - 1) / 3)
    assert rows[1]["dimensions"]["staff"][:3] == (1, 4.0, 4) and rows[1]["nps"] == (1, 0)


def test_public_page_in_the_guests_language_answered_once(client, survey):
    url = reverse("crm:survey_public", args=[survey.token])
    page = client.get(url)
    assert page.status_code == 200 and "How likely are you to recommend us" in page.content.decode()
    zh = client.get(url, {"lang": "zh-hans"}).content.decode()
    assert "推荐" in zh
    data = {f"score_{d}": "4" for d in Dimension.values} | {"nps": "9", "comment": "Lovely"}
    response = client.post(url, data)
    assert response.status_code == 302
    again = client.post(url, data)
    assert again.status_code == 409 and "already been answered" in again.content.decode()
    assert "already been answered" in client.get(url).content.decode()
    assert SurveyAnswer.objects.filter(survey=survey).count() == 6


def test_public_page_with_a_forged_token_is_not_found(client, survey):
    assert client.get(reverse("crm:survey_public", args=["forged-token-123"])).status_code == 404
    assert client.get("/crm/s/" + "x" * 60 + "/").status_code == 404


def test_public_page_missing_answers_are_shown_next_to_the_question(client, survey):
    url = reverse("crm:survey_public", args=[survey.token])
    response = client.post(url, {"score_overall": "5"})
    body = response.content.decode()
    assert response.status_code == 400 and "Choose a score from 1 to 5." in body and "Choose a number from 0 to 10." in body
    assert Survey.objects.get(pk=survey.pk).answered_at is None
