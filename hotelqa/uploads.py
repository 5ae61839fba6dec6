"""Uploaded files: checked by content (not by name), capped in size, stored under MEDIA_ROOT
(outside the static root, never served as static files) with random names, and handed out only by
views that have checked the user may see the record the file belongs to."""

import csv
import io
import mimetypes
import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}


def _check_size(file, limit=None):
    limit = limit or settings.MAX_UPLOAD_SIZE
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(file.size / 1048576, 1), "limit": round(limit / 1048576)}
        )


def validate_image_upload(file):
    """A real JPEG, PNG, WebP or GIF picture of reasonable size, whatever its name says."""
    from PIL import Image, UnidentifiedImageError

    _check_size(file)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with Image.open(file) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not a photo. Upload a JPEG, PNG or WebP picture."))
    finally:
        file.seek(position)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(_("Photos must be JPEG, PNG or WebP pictures."))
    return kind


def validate_spreadsheet_upload(file):
    """A CSV text file (UTF-8 or GB18030) or an XLSX workbook; returns "csv" or "xlsx"."""
    _check_size(file)
    head = file.read(4)
    file.seek(0)
    if head == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(file) as archive:
                if "[Content_Types].xml" not in archive.namelist():
                    raise zipfile.BadZipFile
        except zipfile.BadZipFile:
            raise ValidationError(_("This file is not an Excel workbook (.xlsx) or a CSV file."))
        finally:
            file.seek(0)
        return "xlsx"
    raw = file.read()
    file.seek(0)
    if b"\x00" in raw:
        raise ValidationError(_("This file is not an Excel workbook (.xlsx) or a CSV file."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            raw.decode(encoding)
            return "csv"
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The CSV file must be saved as UTF-8 text."))


def read_spreadsheet_rows(file):
    """Rows of a validated CSV or XLSX upload as lists of strings (header row first)."""
    kind = validate_spreadsheet_upload(file)
    if kind == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(file, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        return [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    raw = file.read()
    file.seek(0)
    text = None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


@deconstructible
class RandomName:
    """upload_to that keeps only a safe extension and files by date: `<prefix>/2026/11/<uuid>.jpg`."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        from django.utils import timezone

        suffix = PurePosixPath(filename).suffix.lower()
        if suffix not in {".jpg", ".jpeg", ".png", ".webp", ".gif", ".csv", ".xlsx"}:
            suffix = ""
        return f"{self.prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.prefix == self.prefix


def protected_file_response(file_field, *, download_name=None):
    """Send a stored file to a user the calling view has already checked may see its record."""
    if not file_field:
        raise Http404
    try:
        handle = file_field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404
    content_type = mimetypes.guess_type(file_field.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type, as_attachment=bool(download_name), filename=download_name or "")
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response
