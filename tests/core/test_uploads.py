import io

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
    assert first.startswith("photos/") and ".." not in first and first.count(".") == 0
    assert second.endswith(".jpg") and "301" not in second


@pytest.mark.django_db
def test_media_is_not_served_by_url(client):
    assert client.get("/media/anything.jpg").status_code == 404
