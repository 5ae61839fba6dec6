"""Photos from phones are checked by the foundation: real JPEG/PNG/WebP/GIF content, size-capped."""

from hotelqa.uploads import validate_image_upload as validate_photo

__all__ = ["validate_photo"]
