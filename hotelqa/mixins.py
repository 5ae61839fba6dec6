"""The one permission-and-scope mechanism every view uses.

    class WorkOrderListView(PropertyListMixin, ListView):
        model = WorkOrder
        permission_required = "facilities.view_workorder"

    class WorkOrderDetailView(PropertyObjectMixin, DetailView):
        model = WorkOrder
        permission_required = "facilities.view_workorder"

- Anonymous users are sent to the login page.
- List and create views work on the active property and need the permission there (else 403).
- Object views look the object up among the properties the user belongs to (another property's
  record is a 404, never a 403, so its existence is not disclosed) and need the permission at the
  object's property.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.shortcuts import render

from .permissions import user_can
from .query_planning import record_read_planning


class PropertyRequiredMixin(LoginRequiredMixin):
    permission_required = None  # "app.codename" or a tuple of them (all required)

    def required_permissions(self):
        perms = self.permission_required
        if perms is None:
            return ()
        return (perms,) if isinstance(perms, str) else tuple(perms)

    def has_permission_at(self, property):
        return all(user_can(self.request.user, p, property) for p in self.required_permissions())

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.property is None:
            return render(request, "hotelqa/no_property.html", status=403)
        if not self.check_active_property_permission():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_active_property_permission(self):
        return self.has_permission_at(self.request.property)


class PropertyListMixin(PropertyRequiredMixin):
    """Records of the active property only."""

    def get_queryset(self):
        return super().get_queryset().for_property(self.request.property)


class PropertyCreateMixin(PropertyRequiredMixin):
    """Creates the record at the active property."""

    def form_valid(self, form):
        form.instance.property = self.request.property
        return super().form_valid(form)


class PropertyObjectMixin(PropertyRequiredMixin):
    """Detail, update and action views on one record of any property the user belongs to."""

    def check_active_property_permission(self):
        return True  # checked against the object's own property in get_object()

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user)

    def get_object(self, queryset=None):
        if queryset is None:
            queryset = self.get_queryset()
        with record_read_planning(queryset):
            obj = super().get_object(queryset)
        self.attach_known_property(obj)
        if not self.has_permission_at(obj.property):
            raise PermissionDenied
        return obj

    def attach_known_property(self, obj):
        """The record's property from the ones read with the user's memberships, instead of
        another query: a property the user cannot see stays unread here (and is refused above)."""
        try:
            field = obj._meta.get_field("property")
        except FieldDoesNotExist:  # a record reached through another one's property
            return
        if field.many_to_one and not field.is_cached(obj):
            known = next((p for p in self.request.accessible_properties if p.pk == obj.property_id), None)
            if known is not None:
                field.set_cached_value(obj, known)


class PropertyFormKwargsMixin:
    """Gives the form the record's property (or the active one for a new record), so its
    choices are scoped: `def __init__(self, *args, property, **kwargs)`."""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        obj = getattr(self, "object", None)
        kwargs["property"] = obj.property if obj is not None else self.request.property
        return kwargs


def can(request, perm, property=None):
    """`user_can` for the request's user at `property`, by default the active one."""
    return user_can(request.user, perm, property or request.property)
