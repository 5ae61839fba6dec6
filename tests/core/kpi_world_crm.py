"""The CRM's part of the fixed KPI data: guests who complained (some recovered, some not) and
came back or not, surveys sent and answered, follow-ups due and done, loyalty members."""

import datetime as dt

from complaints.choices import CaseKind
from complaints.models import Case
from crm.models import FollowUp, Guest, LoyaltyMember, LoyaltyTier, Stay, Survey, SurveySource, SurveyTemplate


def build_crm(property, rng, first, origin, moment, departments, days):
    guests = Guest.objects.bulk_create(Guest(home_property=property, name=f"Returning guest {i}") for i in range(15))
    stays = []
    for guest in guests:
        for _ in range(3):
            arrival = first + dt.timedelta(days=rng.randrange(-5, days))
            stays.append(Stay(property=property, guest=guest, arrival=arrival, departure=arrival + dt.timedelta(days=rng.randint(1, 3)),
                              room_nights=1, spend=rng.randint(300, 3000)))
    Stay.objects.bulk_create(stays)

    # Complaints resolved get a guest; within each department they alternate recovered / not.
    resolved = list(Case.objects.filter(property=property, kind=CaseKind.COMPLAINT, resolved_at__isnull=False).order_by("department_id", "resolved_at"))
    for i, case in enumerate(resolved):
        case.guest = guests[i % len(guests)]
        case.guest_accepted = i % 2 == 0
    Case.objects.bulk_update(resolved, ["guest", "guest_accepted"])

    templates = {t.source: t for t in SurveyTemplate.objects.all()}
    surveys = []
    for i in range(400):
        sent = moment()
        answered = sent + dt.timedelta(hours=rng.uniform(0.5, 48)) if rng.random() < 0.75 else None
        source = SurveySource.STAY if i % 2 else SurveySource.COMPLAINT
        surveys.append(Survey(
            property=property, template=templates[source], guest=rng.choice(guests), source=source,
            case_id_ref=i if source == SurveySource.COMPLAINT else None,
            department=rng.choice(departments + [None]), sent_at=sent, expires_at=sent + dt.timedelta(days=30), answered_at=answered,
            overall=rng.randint(1, 5) if answered else None, nps=rng.randint(0, 10) if answered and rng.random() < 0.9 else None,
        ))
    Survey.objects.bulk_create(surveys)

    FollowUp.objects.bulk_create(
        FollowUp(property=property, guest=rng.choice(guests), kind="thank_you", key=f"kpi:{i}", due_on=first + dt.timedelta(days=rng.randrange(-5, days)),
                 done_at=moment() if rng.random() < 0.8 else None, outcome="reached")
        for i in range(250)
    )

    standard = LoyaltyTier.objects.get(code="standard")
    LoyaltyMember.objects.bulk_create(
        LoyaltyMember(property=property, guest=guest, number=f"KPI{i:05d}", tier=standard, enrolled_at=origin) for i, guest in enumerate(guests[:10])
    )
