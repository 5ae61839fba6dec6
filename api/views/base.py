from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework.views import APIView

from hotelqa.shortcuts import object_or_404

from ..auth import Allowed, check_at, permitted_property_ids
from ..pagination import StableCursor


class ApiView(APIView):
    """`permissions = {"GET": "app.perm", …}`: the permission a method needs, at some property for
    lists and creates, at the record's own property for a record (another property's is a 404)."""

    permission_classes = [Allowed]
    permissions: dict = {}

    @property
    def permission(self):
        return self.permissions.get(self.request.method)

    def property_ids(self, perm=None):
        return permitted_property_ids(self.request, perm or self.permission)

    def record(self, queryset, pk, perm=None):
        obj = object_or_404(queryset.for_user(self.request.user), pk)
        check_at(self.request, perm or self.permission, obj.property)
        return obj

    def paginate(self, queryset, serializer_class, **context):
        paginator = StableCursor()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True, context={"request": self.request, **context}).data)


PROPERTY_PARAM = OpenApiParameter("property", str, description=gettext_lazy("A property's code: only its records (default: every property you may read)."))
CURSOR_PARAMS = [
    OpenApiParameter("cursor", str, description=gettext_lazy("The `next` or `previous` link's cursor.")),
    OpenApiParameter("page_size", int, description=gettext_lazy("Records per page (at most 100, default 25).")),
]


def page_of(serializer_class):
    """Schema of one cursor page of `serializer_class` records."""
    from drf_spectacular.utils import inline_serializer
    from rest_framework import serializers

    return inline_serializer(
        name=f"{serializer_class.__name__.removesuffix('Serializer')}Page",
        fields={
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )
