"""Steps that several apps' data migrations share. Migrations already applied call these, so a
change here changes what an old migration does: add a new function rather than alter one.

They take the migration's historical app registry (`apps`), never import models.
"""

BATCH = 1000


def escalations_to_the_watch(apps, *, old_model: str, record: str, record_type: tuple[str, str], to_row) -> None:
    """Copy an app's own escalation rows into the deadline watch's `hotelqa.Escalation`.

    `old_model` is "app_label.ModelName" of the old rows, `record` the name of their foreign key
    to the watched record (whose property the copy takes), `record_type` that record's
    (app_label, model) content type, and `to_row(old)` the copy's other fields (deadline key,
    level, due, created_at …) in the keys the watch computes, so nothing is sent again. A row the
    watch already holds is kept as it is.
    """
    Old = apps.get_model(*old_model.split("."))
    if not Old.objects.exists():
        return
    New = apps.get_model("hotelqa", "Escalation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=record_type[0], model=record_type[1])
    batch = []
    for old in Old.objects.select_related(record).iterator(chunk_size=BATCH):
        batch.append(New(
            property_id=getattr(old, record).property_id, content_type_id=content_type.pk,
            object_id=getattr(old, f"{record}_id"), **to_row(old),
        ))
        if len(batch) == BATCH:
            New.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    New.objects.bulk_create(batch, ignore_conflicts=True)


def escalations_back_from_the_watch(apps, *, old_model: str, record: str, record_type: tuple[str, str], to_old) -> None:
    """The reverse of `escalations_to_the_watch`: the watch's rows of `record_type` go back to the
    app's own table (`to_old(row)` gives the old row's fields besides the record) and leave the watch."""
    New = apps.get_model("hotelqa", "Escalation")
    Old = apps.get_model(*old_model.split("."))
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label=record_type[0], model=record_type[1]).first()
    if content_type is None:
        return
    rows = New.objects.filter(content_type_id=content_type.pk)
    Old.objects.bulk_create([Old(**{f"{record}_id": row.object_id}, **to_old(row)) for row in rows], ignore_conflicts=True)
    rows.delete()
