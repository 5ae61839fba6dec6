from django.db import migrations, models


def _labels(choices_class):
    """Label → value in every interface language (old rows hold labels in the writer's language)."""
    from django.conf import settings
    from django.utils import translation

    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.update({str(label): value for value, label in choices_class.choices})
    return found


def _in_every_language(message):
    from django.conf import settings
    from django.utils import translation

    texts = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(translation.gettext(message))
    return texts


def structure_old_rows(apps, schema_editor):
    """Turn the display strings earlier versions stored in the writer's language into events."""
    from hotelqa import events
    from hotelqa.models import Department as LiveDepartment

    from complaints import events as case_events
    from complaints.choices import RecoveryKind

    CaseEvent = apps.get_model("complaints", "CaseEvent")
    Revisit = apps.get_model("complaints", "Revisit")
    Department = apps.get_model("hotelqa", "Department")
    recovery_kinds = _labels(RecoveryKind)

    def recovery_params(text):
        label, _sep, cost = text.rpartition(" ")
        kind = recovery_kinds.get(label)
        if kind is None:
            return None
        return {"kind": events.choice(RecoveryKind, kind), "cost": events.money(cost)}

    names = {}  # (property, a department's name in any language) → its names in every language

    def department_name(property_id, name):
        if not name:
            return "—"
        if not any(key[0] == property_id for key in names):
            for department in Department.objects.filter(property_id=property_id):
                text = events.name_of(LiveDepartment(name=department.name, kind=department.kind))
                for value in [department.name, *(v for k, v in text.items() if k != "t")]:
                    names.setdefault((property_id, value), text)
        return names.get((property_id, name), name)

    reopen_prefixes = sorted(
        (t.replace("%(note)s", "").strip() for t in _in_every_language("Revisit: guest not satisfied. %(note)s")), key=len, reverse=True
    )
    batch = []
    rows = CaseEvent.objects.exclude(kind__in=["created", "note"]).select_related("case")
    for row in rows.iterator(chunk_size=1000):
        data = None
        if row.kind == "change" and row.field in case_events.CHANGE_KINDS:
            if row.field == "department":
                old, new = (department_name(row.case.property_id, v) for v in (row.old_value, row.new_value))
            elif row.field in ("response_due", "resolution_due"):
                from django.utils.dateparse import parse_datetime

                old, new = (case_events.change_value(row.field, parse_datetime(v)) if v else "—" for v in (row.old_value, row.new_value))
            else:
                old, new = (case_events.change_value(row.field, v) for v in (row.old_value, row.new_value))
            data = events.event(case_events.CHANGE_KINDS[row.field], old=old, new=new)
        elif row.kind == "recovery" and row.field == "recovery":
            params = recovery_params(row.new_value)
            if params:
                data = events.event(case_events.RECOVERY, **params)
                row.new_value = params["kind"]["v"]
        elif row.kind == "recovery" and row.field == "approval":
            params = recovery_params(row.note)
            if params:
                from complaints.choices import ApprovalStatus

                data = events.event(case_events.RECOVERY_DECISION, decision=events.choice(ApprovalStatus, row.new_value), **params)
                row.note = ""
        elif row.kind == "revisit":
            data = case_events.revisit(row.new_value)
        elif row.kind == "escalation" and row.new_value.isdigit():
            data = case_events.escalation(row.field, int(row.new_value))
        elif row.kind == "transition":
            prefix = next((p for p in reopen_prefixes if row.note.startswith(p)), None)
            if prefix:
                data = events.event(case_events.REOPENED_BY_REVISIT)
                row.note = row.note[len(prefix):].strip()
        if data:
            row.event = data
            batch.append(row)
        if len(batch) >= 1000:
            CaseEvent.objects.bulk_update(batch, ["event", "note", "new_value"])
            batch = []
    CaseEvent.objects.bulk_update(batch, ["event", "note", "new_value"])

    cancelled = _in_every_language("Case reopened before the revisit.")
    Revisit.objects.filter(note__in=cancelled).update(note="", event=events.event(case_events.REVISIT_CANCELLED))


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0007_guest_page_submissions'),
        ('hotelqa', '0007_kpi_snapshot_breakdown_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='caseevent',
            name='event',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='revisit',
            name='event',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(structure_old_rows, migrations.RunPython.noop),
    ]
