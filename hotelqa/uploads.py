"""Uploaded files: checked by content (not by name), capped in size, stored under MEDIA_ROOT
(outside the static root, never served as static files) with random names, and handed out only by
views that have checked the user may see the record the file belongs to."""

import mimetypes
import uuid
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.views import View
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
    """A real JPEG, PNG, WebP or GIF picture of reasonable size, whatever its name says; returns
    its format. The pixel count is read from the header and checked before anything is decoded,
    so a small file that would unpack to gigabytes is refused cheaply."""
    from PIL import Image, UnidentifiedImageError

    _check_size(file)
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with warnings.catch_warnings():
            # Pillow warns between one and two budgets; the check below refuses those anyway.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(file)  # reads the header only
        with image:
            kind = image.format
            _check_pixels(*image.size)
            image.verify()
    except Image.DecompressionBombError:
        # Pillow's own guard (twice the budget) fires while opening, before our check can.
        raise ValidationError(_too_many_pixels())
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("This file is not a photo. Upload a JPEG, PNG or WebP picture."))
    finally:
        file.seek(position)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(_("Photos must be JPEG, PNG or WebP pictures."))
    return kind


def _too_many_pixels():
    limit = settings.MAX_IMAGE_PIXELS / 1_000_000
    return _("The picture has too many pixels; the limit is %(limit)s megapixels.") % {"limit": f"{limit:g}"}


def _check_pixels(width, height):
    if width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(_too_many_pixels())


class PhotoField(forms.ImageField):
    """A form field for photos: checked by content, size and pixel count before Pillow reads
    more than the header, then named after what it is (a PNG called holiday.jpg is stored as
    .png), so the type it is served with comes from the picture, not from the client."""

    def to_python(self, data):
        if data in self.empty_values:
            return super().to_python(data)
        kind = validate_image_upload(data)
        photo = super().to_python(data)
        photo.name = "photo" + IMAGE_FORMATS[kind]
        return photo


SAFE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".csv", ".xlsx"}


def random_filename(filename):
    """A random name keeping only a known-safe extension: nothing a user typed reaches the disk."""
    suffix = PurePosixPath(filename).suffix.lower()
    return uuid.uuid4().hex + (suffix if suffix in SAFE_SUFFIXES else "")


@deconstructible
class RandomName:
    """upload_to that keeps only a safe extension and files by date: `<prefix>/2026/11/<uuid>.jpg`."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        from django.utils import timezone

        return f"{self.prefix}/{timezone.now():%Y/%m}/{random_filename(filename)}"

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


class ProtectedFileView(View):
    """Sends one stored file after the same checks as the record it belongs to: logged in, the
    record at one of the user's properties (else 404), the permission there (else 403)."""

    model = None
    file_field = None
    property_path = "property"  # lookup from the model to its Property
    permission_required = None

    def get(self, request, pk):
        from django.contrib.auth.views import redirect_to_login
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404

        from .permissions import user_can

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        qs = self.model.objects.select_related(self.property_path.replace(".", "__"))
        if not request.user.sees_all_properties:
            qs = qs.filter(**{f"{self.property_path.replace('.', '__')}__in": request.user.property_ids})
        obj = get_object_or_404(qs, pk=pk)
        property = obj
        for part in self.property_path.split("."):
            property = getattr(property, part)
        if not user_can(request.user, self.permission_required, property):
            raise PermissionDenied
        return protected_file_response(getattr(obj, self.file_field))
