import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from hotelqa.uploads import RandomName, validate_image_upload


def png_bytes(size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_real_picture_is_accepted_whatever_its_name():
    assert validate_image_upload(SimpleUploadedFile("scan.txt", png_bytes())) == "PNG"


@pytest.mark.parametrize("body", [b"", b"GIF89a not really", b"<svg onload=alert(1)>", b"MZ\x90\x00" + b"\x00" * 100])
def test_anything_else_named_like_a_photo_is_refused(body):
    with pytest.raises(ValidationError, match="not a photo"):
        validate_image_upload(SimpleUploadedFile("photo.jpg", body))


def test_oversized_upload_is_refused(settings):
    settings.MAX_UPLOAD_SIZE = 100
    with pytest.raises(ValidationError, match="too large"):
        validate_image_upload(SimpleUploadedFile("big.png", png_bytes((200, 200))))


def test_stored_names_are_random_and_keep_only_safe_extensions():
    upload_to = RandomName("photos")
    first, second = upload_to(None, "../../etc/passwd"), upload_to(None, "room 301.JPG")
    # Nothing of the uploaded name is kept but a safe extension: the name is 32 random hex digits
    # (which may happen to contain "301", so the pattern is checked rather than the digits).
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}", first)
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", second)
    assert first.rsplit("/", 1)[1] != second.rsplit("/", 1)[1].removesuffix(".jpg")


@pytest.mark.django_db
def test_media_is_not_served_by_url(client):
    assert client.get("/media/anything.jpg").status_code == 404


def png_header_claiming(width, height):
    """A PNG whose header claims `width` × `height` pixels, with no real pixel data behind it."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("width, height", [(8000, 6000), (100_000, 100_000)])
def test_a_picture_over_the_pixel_budget_is_refused_from_its_header_without_decoding(width, height, monkeypatch):
    from PIL import ImageFile

    def no_decoding(self):
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    with pytest.raises(ValidationError, match="megapixels"):
        validate_image_upload(SimpleUploadedFile("big.png", png_header_claiming(width, height)))


def test_the_pixel_budget_is_a_setting_and_pillow_obeys_it(settings):
    from PIL import Image as PilImage

    # Pillow's own guard (for any image opened elsewhere) uses the same budget.
    assert PilImage.MAX_IMAGE_PIXELS == settings.MAX_IMAGE_PIXELS == 40_000_000
    settings.MAX_IMAGE_PIXELS = 100
    with pytest.raises(ValidationError, match="megapixels"):
        validate_image_upload(SimpleUploadedFile("p.png", png_bytes((20, 20))))


def test_the_photo_form_field_names_the_file_after_its_content():
    from hotelqa.uploads import PhotoField

    cleaned = PhotoField().clean(SimpleUploadedFile("holiday.jpg", png_bytes(), content_type="image/jpeg"))
    assert cleaned.name.endswith(".png") and cleaned.content_type == "image/png"
