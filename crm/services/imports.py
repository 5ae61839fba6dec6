"""The life of one uploaded PMS file: mapped, checked (a preview), then saved whole or not at all.
Files of more than SYNC_ROWS rows are checked and saved by a Celery task, which keeps the row's
progress for the page's progress bar."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelqa.jobs import enqueue_on_commit

from .. import importing
from ..choices import ImportStatus
from ..models import StayImport, StayImportMapping
from .stays import write_rows

SYNC_ROWS = 2000
PREVIEW_ROWS = 20


def import_table(stay_import: StayImport) -> importing.Table:
    with stay_import.file.open("rb") as fh:
        return importing.read_table(fh, stay_import.file_name)


def import_set_mapping(*, stay_import: StayImport, mapping: dict, actor) -> None:
    """Keep the mapping on the import and as the property's mapping for its next file."""
    mapping = {k: v for k, v in mapping.items() if v}
    stay_import.mapping = mapping
    stay_import.save(update_fields=["mapping"])
    StayImportMapping.objects.update_or_create(property=stay_import.property, defaults={"mapping": mapping, "updated_by": actor})


def import_start(*, stay_import: StayImport, confirmed: bool) -> None:
    """Check (and with `confirmed`, save) now when the file is small, else in Celery."""
    with transaction.atomic():
        locked = StayImport.objects.select_for_update().get(pk=stay_import.pk)
        if locked.status in (ImportStatus.QUEUED, ImportStatus.RUNNING, ImportStatus.DONE):
            return  # already under way, or done: a second click does nothing
        if confirmed and locked.status != ImportStatus.PREVIEW:
            return  # only a checked, clean file is saved
        locked.confirmed = confirmed
        locked.done_rows = 0
        big = locked.total_rows > SYNC_ROWS
        locked.status = ImportStatus.QUEUED if big else ImportStatus.RUNNING
        locked.save(update_fields=["confirmed", "done_rows", "status"])
        if big:
            from ..tasks import stay_import_task

            enqueue_on_commit(stay_import_task, locked.pk)
    if not big:
        import_process(stay_import.pk)
    stay_import.refresh_from_db()


def _progress(pk, done):
    # Outside the writing transaction on the check pass; the write pass reports when it ends.
    StayImport.objects.filter(pk=pk).update(done_rows=done)


def _saved_key(pk):
    return f"crm:stay-import:{pk}:saved"


def import_saved_rows(stay_import) -> int | None:
    """Stays saved so far by a save under way, or None when nothing tells. The save is one
    transaction, so its count travels through the cache, which other processes read only when it
    is Redis (the embedded default's worker keeps its own)."""
    return cache.get(_saved_key(stay_import.pk))


def import_process(pk) -> StayImport:
    """Check every row; if none fails and the import is confirmed, save them all in one
    transaction. Safe to run twice (a done import is left alone; stays are keyed by their
    reservation number)."""
    stay_import = StayImport.objects.get(pk=pk)
    if stay_import.status in (ImportStatus.DONE, ImportStatus.MAPPING):
        return stay_import
    StayImport.objects.filter(pk=pk).update(status=ImportStatus.RUNNING)
    try:
        table = import_table(stay_import)
    except importing.ImportFileError as exc:
        return _finish(stay_import, status=ImportStatus.FAILED, errors=[{"row": 0, "field": "", "message": str(exc)}], error_count=1)
    try:
        checked = importing.check(table, stay_import.mapping, property=stay_import.property, progress=lambda n: _progress(pk, n))
        preview = [_preview_row(r) for r in checked.rows[:PREVIEW_ROWS]]
        if checked.error_count:
            return _finish(stay_import, status=ImportStatus.FAILED, errors=checked.errors, error_count=checked.error_count, preview=preview)
        if not stay_import.confirmed:
            return _finish(stay_import, status=ImportStatus.PREVIEW, errors=[], error_count=0, preview=preview, done_rows=len(table.rows))
        with transaction.atomic():
            written = write_rows(property=stay_import.property, rows=checked.rows,
                                 progress=lambda n: cache.set(_saved_key(pk), n, timeout=3600))
    except Exception:
        # Not left "running" for ever (it could be neither mapped again nor started again): the
        # import fails, nothing was saved, and the error goes on to the log.
        cache.delete(_saved_key(pk))
        _finish(stay_import, status=ImportStatus.FAILED, error_count=1,
                errors=[{"row": 0, "field": "", "message": _("The import stopped on an unexpected error; nothing was saved.")}])
        raise
    cache.delete(_saved_key(pk))
    return _finish(stay_import, status=ImportStatus.DONE, errors=[], error_count=0, preview=preview, done_rows=len(table.rows),
                   created=written.created, updated=written.updated, unchanged=written.unchanged, finished_at=timezone.now())


def _finish(stay_import, **values):
    StayImport.objects.filter(pk=stay_import.pk).update(**values)
    stay_import.refresh_from_db()
    return stay_import


def _preview_row(row):
    return {k: (v.isoformat() if hasattr(v, "isoformat") else str(v) if v is not None else "") for k, v in row.items() if k != "room_id"}
