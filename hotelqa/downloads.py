"""Files built in the background: a user asks for a file, a Celery task builds it, reporting its
progress, and the file lands on the Downloads page.

    downloads.register_kind(
        "monthly_report",
        title=lambda params: _("Monthly quality report %(month)s") % params,
        build=build_monthly_report,          # build(download, progress) -> (file name, bytes)
    )
    download = downloads.request(user=…, property=…, kind="monthly_report", params={…}, key="…")

`request()` writes the row and queues the build through the outbox (`enqueue_on_commit`), so a
rolled-back request queues nothing. A second request with the same key while the first is still
waiting or being built is given the first. The build is idempotent: it claims the row (a row
already finished, or being built by a live worker, is left alone), and a redelivered task finds
the file made. `progress(done, total)` writes the percentage the page polls.

Who may fetch a file: a file a user asked for, that user only (a list export may hold guest data
picked by their own filters); a file the system built for the property (the monthly report on the
1st), whoever holds `hotelqa.view_property_downloads` at its property (managers and admins).
Anyone else — another property's user, or an admin looking for someone else's export — gets a 404.
When a file a user asked for is ready, they are notified in their language with a link to it. Files expire after `DOWNLOAD_KEEP_DAYS` and the daily job
`hotelqa.downloads_cleanup` deletes them.

Every `FilteredListView` (and `ExportMixin` list) sends an XLSX export of more than
`exports.XLSX_DIRECT_MAX_ROWS` rows here (kind "list_export"); CSV streams at any length.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .choices import DownloadStatus

logger = logging.getLogger(__name__)

KEEP_DAYS = getattr(settings, "DOWNLOAD_KEEP_DAYS", 7)
# A build still "running" after this long was abandoned by its worker; the next delivery retries.
STALE_AFTER = dt.timedelta(minutes=20)
VIEW_ALL = "hotelqa.view_property_downloads"


class BuildRefused(Exception):
    """A build that cannot be made (the user lost the permission, the filter is no longer valid):
    the message is shown on the Downloads page."""


@dataclass(frozen=True)
class Kind:
    key: str
    title: object  # params -> str in the active language
    build: object  # (download, progress) -> (filename, bytes)
    on_done: object = None  # (download) -> None, after the file is stored


KINDS: dict[str, Kind] = {}


def register_kind(key, *, title, build, on_done=None):
    KINDS[key] = Kind(key, title, build, on_done)


def title_of(download) -> str:
    kind = KINDS.get(download.kind)
    if kind is None:
        return download.filename or download.kind
    try:
        return str(kind.title(download.params))
    except Exception:  # a list that no longer exists
        logger.warning("download %s: no title", download.pk, exc_info=True)
        return download.filename or download.kind


def request(*, user, property, kind, params, key, language=None):
    """The user's file: the one with the same key still waiting or being built, else a new one
    whose build is queued after the commit."""
    from .models import Download
    from .tasks import build_download

    if kind not in KINDS:
        raise KeyError(kind)
    now = timezone.now()
    with transaction.atomic():
        existing = (
            Download.objects.filter(property=property, requested_by=user, key=key, status__in=[DownloadStatus.PENDING, DownloadStatus.RUNNING])
            .order_by("-pk")
            .first()
        )
        if existing is not None:
            return existing, False
        download = Download.objects.create(
            property=property,
            kind=kind,
            params=params,
            key=key,
            requested_by=user,
            language=language or translation.get_language() or settings.LANGUAGE_CODE,
            expires_at=now + dt.timedelta(days=KEEP_DAYS),
        )
        from .jobs import enqueue_on_commit

        enqueue_on_commit(build_download, download.pk)
    return download, True


def system_build(*, property, kind, params, key, language=None):
    """A file the system makes once (the monthly report on the 1st): a second run finds it."""
    from django.db import IntegrityError

    from .models import Download
    from .tasks import build_download

    existing = Download.objects.filter(property=property, key=key, requested_by__isnull=True).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            download = Download.objects.create(
                property=property, kind=kind, params=params, key=key, requested_by=None,
                language=language or settings.LANGUAGE_CODE,
                expires_at=timezone.now() + dt.timedelta(days=max(KEEP_DAYS, 62)),
            )
            from .jobs import enqueue_on_commit

            enqueue_on_commit(build_download, download.pk)
    except IntegrityError:  # a concurrent run made it first
        return Download.objects.get(property=property, key=key, requested_by__isnull=True), False
    return download, True


def _claim(download_id):
    """Mark the row as being built; None when there is nothing to do."""
    from .models import Download

    now = timezone.now()
    with transaction.atomic():
        download = Download.objects.select_for_update().filter(pk=download_id).first()
        if download is None or download.is_finished:
            return None
        if download.status == DownloadStatus.RUNNING and download.started_at and now - download.started_at < STALE_AFTER:
            return None  # another worker is on it
        download.status, download.started_at, download.progress = DownloadStatus.RUNNING, now, 0
        download.save(update_fields=["status", "started_at", "progress"])
    return download


def progress_reporter(download):
    """progress(done, total): writes the percentage (and row count) when it moved by a step."""
    from .models import Download

    state = {"last": -1}

    def progress(done, total):
        percent = 100 if not total else min(99, int(done * 100 / total))
        if percent >= state["last"] + 2 or done == total:
            state["last"] = percent
            Download.objects.filter(pk=download.pk).update(progress=percent, rows=done)

    return progress


def build(download_id) -> bool:
    """Build one file (the Celery task's body). Idempotent: a finished row is left as it is."""
    from .models import Download

    download = _claim(download_id)
    if download is None:
        return False
    kind = KINDS.get(download.kind)
    language = download.language or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            if kind is None:
                raise BuildRefused(_("This kind of file can no longer be built."))
            filename, content = kind.build(download, progress_reporter(download))
    except BuildRefused as exc:
        Download.objects.filter(pk=download.pk).update(status=DownloadStatus.FAILED, error=str(exc), finished_at=timezone.now())
        return False
    except Exception:
        logger.exception("download %s failed", download.pk)
        with translation.override(language):
            message = _("The file could not be built. Ask for it again; if it fails again, tell your administrator.")
        Download.objects.filter(pk=download.pk).update(status=DownloadStatus.FAILED, error=message, finished_at=timezone.now())
        return False
    with transaction.atomic():
        locked = Download.objects.select_for_update().get(pk=download.pk)
        if locked.is_finished:  # a concurrent delivery finished first
            return False
        locked.file.save(filename, ContentFile(content), save=False)
        locked.filename = filename
        locked.status, locked.progress, locked.finished_at = DownloadStatus.DONE, 100, timezone.now()
        locked.save(update_fields=["file", "filename", "status", "progress", "finished_at"])
        if kind.on_done is not None:
            kind.on_done(locked)
        if locked.requested_by_id is not None:
            _tell_requester(locked)
    return True


def _tell_requester(download):
    """The file the user asked for is ready: a notification (and e-mail) in their language, linking
    to the file."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy

    from .services import Message, absolute_url, notification_send

    user = download.requested_by
    with translation.override(user.language or settings.LANGUAGE_CODE):
        title = title_of(download)
    notification_send(
        recipients=[user],
        title=Message(gettext_lazy("Your file is ready: %(title)s"), {"title": title}),
        body=Message(gettext_lazy("It is kept on the Downloads page until %(date)s."),
                     {"date": timezone.localtime(download.expires_at).strftime("%Y-%m-%d")}),
        url=absolute_url(reverse("download_file", args=[download.pk])),
        property=download.property,
        kind="download",
    )


def may_fetch(user, download) -> bool:
    """The rule of the module docstring: the requester their own file; the property's reports
    those holding VIEW_ALL there."""
    from .permissions import user_can

    if download.requested_by_id is not None:
        return download.requested_by_id == user.pk
    return user_can(user, VIEW_ALL, download.property)


def visible_to(user, property):
    """The downloads of `property` the user may see (`may_fetch`), not yet expired."""
    from .models import Download
    from .permissions import user_can

    qs = Download.objects.filter(property=property, expires_at__gt=timezone.now())
    if user_can(user, VIEW_ALL, property):
        return qs.filter(Q(requested_by=user) | Q(requested_by__isnull=True))
    return qs.filter(requested_by=user)


def for_user_or_404(user, pk):
    """One download the user may fetch, looked up among their properties; else 404."""
    from django.http import Http404

    from .models import Download
    from .shortcuts import object_or_404

    download = object_or_404(Download.objects.for_user(user).filter(expires_at__gt=timezone.now()), pk)
    if not may_fetch(user, download):
        raise Http404
    return download


def cleanup(now=None) -> int:
    """Delete expired downloads and their files."""
    from .models import Download

    now = now or timezone.now()
    removed = 0
    for download in Download.objects.filter(Q(expires_at__lte=now)).iterator():
        if download.file:
            download.file.delete(save=False)
        download.delete()
        removed += 1
    return removed


def _register_list_export():
    from . import exports

    register_kind("list_export", title=exports.list_export_title, build=exports.build_list_export)


_register_list_export()
