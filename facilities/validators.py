from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_photo(file):
    """Photos from phones: at most 10 MB and a real JPEG, PNG, WebP or GIF image."""
    if not file:
        return
    if file.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is larger than 10 MB."), code="too_large")
    image = getattr(file, "image", None)  # set by forms.ImageField after Pillow opened it
    if image is not None and image.format not in PHOTO_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF photo."), code="format")
    content_type = getattr(file, "content_type", None)
    if content_type and not content_type.startswith("image/"):
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF photo."), code="content_type")
