"""The Django admin scoped like the pages.

The admin is the admin role's tool. A property admin works on the properties where they hold the
admin role, and nowhere else (admin at A and front desk at B edits nothing of B): the lists, the
records that open, the foreign-key choices of the forms and the list filters are narrowed to
those properties, and each action needs the permission of the role held at the record's
property. Group admins (superusers, or users with `is_group_admin`) administer every property;
only they manage users who also work elsewhere and change group-wide settings (periodic tasks).

Every registered ModelAdmin is one of:

- `PropertyScopedAdmin`: records that belong to one property (`property_lookup` names the path);
- `GroupWideAdmin`: settings of the whole group — readable by admins, changed by group admins.
  A model registered without a scoped admin is wrapped in it when the project starts
  (`scope_unscoped_admins`), so nothing is ever left unscoped.
"""

from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth import get_permission_codename

from .forms import OptimisticModelForm
from .permissions import admin_property_ids, user_can, user_is_group_admin

ACTIONS = ("view", "add", "change", "delete")


def administered(request):
    """Ids of the properties the requester administers (cached on the request)."""
    if not hasattr(request, "_administered_property_ids"):
        request._administered_property_ids = admin_property_ids(request.user)
    return request._administered_property_ids


def property_path(model):
    """The lookup from `model` to its property ("property", "case__property", ...), "pk" for
    Property itself, or None for a model that belongs to no property."""
    from .models import Membership, Property, User

    if model is Property:
        return "pk"
    if model is User:
        return "memberships__property"
    if model is Membership:
        return "property"
    field = getattr(model._default_manager.all(), "property_field", None)
    if field:
        return field
    names = {f.name: f for f in model._meta.get_fields() if f.concrete}
    if "property" in names and names["property"].is_relation:
        return "property"
    for f in names.values():  # one step through a parent record (an answer's response)
        if f.many_to_one and f.related_model is not model:
            inner = getattr(f.related_model._default_manager.all(), "property_field", None)
            if inner:
                return f"{f.name}__{inner}"
    return None


def scoped_choices(model, request, queryset=None, path=None):
    """The records of `model` the requester may see or pick in an admin form or filter."""
    queryset = model._default_manager.all() if queryset is None else queryset
    if user_is_group_admin(request.user):
        return queryset
    path = path or property_path(model)
    if path is None:
        return queryset.none()  # group-wide records are group admins' to pick
    if path.startswith("memberships"):  # people work at several properties: no duplicate rows
        return queryset.filter(pk__in=model._default_manager.filter(**{f"{path}__in": administered(request)}).values("pk"))
    return queryset.filter(**{f"{path}__in": administered(request)})


def record_property_id(obj, path):
    """The id of the property `obj` belongs to, following `path` ("case__property")."""
    if path == "pk":
        return obj.pk
    *through, last = path.split("__")
    for name in through:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def perm_name(model, action):
    return f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}"


def may(request, model, action, property_id=None):
    """May the requester do `action` on `model` in the admin, at `property_id` (None: at any
    property they administer)?"""
    user = request.user
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    perm = perm_name(model, action)
    if property_id is not None:
        return property_id in administered(request) and user_can(user, perm, property_id)
    return any(user_can(user, perm, pk) for pk in administered(request))


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A list filter on a relation that names only records the requester may see."""

    def field_choices(self, field, request, model_admin):
        allowed = scoped_choices(field.related_model, request).values("pk")
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(include_blank=False, limit_choices_to={"pk__in": allowed}, ordering=ordering)


class ScopedFormMixin:
    """Foreign-key and many-to-many choices narrowed like the records themselves."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = scoped_choices(db_field.related_model, request, kwargs.get("queryset"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = scoped_choices(db_field.related_model, request, kwargs.get("queryset"))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdminBase(ScopedFormMixin, admin.ModelAdmin):
    def get_list_filter(self, request):
        scoped = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and get_fields_from_path(self.model, entry)[-1].is_relation:
                entry = (entry, ScopedRelatedFilter)
            scoped.append(entry)
        return scoped

    def has_module_permission(self, request):
        return self.has_view_or_change_permission(request)


class PropertyScopedAdmin(ScopedAdminBase):
    """Records of one property: listed, opened and changed at the properties the requester
    administers, with the permission of the role held there."""

    # A change made while someone else saved the record is refused with the input kept, as on
    # the application's own edit pages.
    form = OptimisticModelForm
    property_lookup = None  # the path to the property; found from the model when not given

    def property_path(self):
        return self.property_lookup or property_path(self.model)

    def get_queryset(self, request):
        return scoped_choices(self.model, request, super().get_queryset(request), path=self.property_path())

    def _may(self, request, action, obj):
        if obj is None:
            return may(request, self.model, action)
        property_id = record_property_id(obj, self.property_path())
        if property_id is None:  # a record of no property (a log-in) is reached through the scoped list only
            return may(request, self.model, action)
        return may(request, self.model, action, property_id)

    def has_view_permission(self, request, obj=None):
        return self._may(request, "view", obj) or self._may(request, "change", obj)

    def has_add_permission(self, request):
        return may(request, self.model, "add")

    def has_change_permission(self, request, obj=None):
        return self._may(request, "change", obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, "delete", obj)


class GroupWideAdmin(ScopedAdminBase):
    """Settings of the whole group (periodic tasks, permission groups): admins read them, group
    admins change them. What the wrapped admin itself refuses stays refused."""

    def has_view_permission(self, request, obj=None):
        return (may(request, self.model, "view") or self.has_change_permission(request, obj)) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return user_is_group_admin(request.user) and may(request, self.model, "add") and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return user_is_group_admin(request.user) and may(request, self.model, "change") and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return user_is_group_admin(request.user) and may(request, self.model, "delete") and super().has_delete_permission(request, obj)


class ScopedInline(ScopedFormMixin, admin.options.InlineModelAdmin):
    """An inline may do no more than its parent record allows."""

    def parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self.parent_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.parent_admin().has_change_permission(request, obj) if obj else self.parent_admin().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.parent_admin().has_change_permission(request, obj) if obj else self.parent_admin().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.parent_admin().has_change_permission(request, obj) if obj else False


class ScopedTabularInline(ScopedInline, admin.TabularInline):
    pass


class ReadOnlyAdminMixin:
    """Records written by the application only (logs, trails): readable, never edited here."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def scope_unscoped_admins(site=admin.site):
    """Wrap every admin registered without a scoped base (Django's, third-party apps') in
    `GroupWideAdmin`: such models belong to no property, so they are group-wide settings."""
    for model, model_admin in list(site._registry.items()):
        if isinstance(model_admin, ScopedAdminBase):
            continue
        cls = type(model_admin)
        site.unregister(model)
        site.register(model, type(f"GroupWide{cls.__name__}", (GroupWideAdmin, cls), {"__module__": __name__}))
