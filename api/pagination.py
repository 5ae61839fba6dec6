from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination


class StableCursor(CursorPagination):
    """Cursor pages in newest-first id order: a record added meanwhile neither repeats nor hides one."""

    ordering = "-id"
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            # A cursor is the client's input: a mangled one is a bad request, not a missing page.
            raise exceptions.ValidationError({"cursor": [_("Invalid cursor: use the `next` or `previous` link as given.")]})
