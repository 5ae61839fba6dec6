"""Roles, their permissions, and the one check every view uses.

A user holds one role per property (Membership). Each role is a Django permission group (created by
a data migration); apps declare what their roles may do in `ROLE_PERMISSIONS` on their AppConfig
and `sync_role_permissions` (run after every migrate) adds those permissions to the groups.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .choices import Role

ROLE_GROUP_NAMES = {role.value: f"role:{role.value}" for role in Role}

# Roles that read the dashboard and reports; the rest land on their own work list.
MANAGEMENT_ROLES = {Role.MANAGER, Role.ADMIN}


# Role permissions are kept in each process for ROLE_PERMISSION_SECONDS and read once per request
# (or task) from there: every page checks them, and a query per page for what an admin edits
# rarely was a tenth of a small page's time. Editing a role group's permissions, renaming or
# deleting a group or a permission drops the kept sets in the process that made the change
# (`drop_kept_role_permissions`, connected in `HotelqaConfig.ready`): it applies there on the next
# request, and in the other server processes within ROLE_PERMISSION_SECONDS. Kept in the process,
# not in Redis: pages keep working while Redis is down.
ROLE_PERMISSION_SECONDS = 30
_kept: dict[str, tuple[float, frozenset]] = {}
_role_cache: ContextVar[dict | None] = ContextVar("role_permission_cache", default=None)


@contextmanager
def role_permission_scope():
    """Cache role permissions for the duration of one request or task."""
    token = _role_cache.set({})
    try:
        yield
    finally:
        _role_cache.reset(token)


def role_permissions(role):
    """Set of "app_label.codename" the role grants."""
    if role is None:
        return frozenset()
    scope = _role_cache.get()
    if scope is not None and role in scope:
        return scope[role]
    kept = _kept.get(role)
    if kept is not None and kept[0] > time.monotonic():
        granted = kept[1]
    else:
        perms = Permission.objects.filter(group__name=ROLE_GROUP_NAMES[role]).values_list(
            "content_type__app_label", "codename"
        )
        granted = frozenset(f"{app}.{codename}" for app, codename in perms)
        _kept[role] = (time.monotonic() + ROLE_PERMISSION_SECONDS, granted)
    if scope is not None:
        scope[role] = granted
    return granted


def drop_kept_role_permissions(**kwargs):
    """Signal receiver: a role group's permissions may have changed. Dropped again once the change
    is committed: another thread may have read the old ones meanwhile."""
    _kept.clear()
    transaction.on_commit(_kept.clear)


def clear_role_permission_cache():
    scope = _role_cache.get()
    if scope is not None:
        scope.clear()
    _kept.clear()


def user_can(user, perm, property):
    """May `user` do `perm` (e.g. "facilities.change_workorder") at `property`?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    role = user.role_in(property)
    return perm in role_permissions(role)


def user_has_role(user, property, *roles):
    return user.is_authenticated and user.role_in(property) in roles


def user_is_group_admin(user):
    """Superusers and group admins administer every property: users, roles and group-wide settings."""
    return user.is_authenticated and user.is_active and (user.is_superuser or user.is_group_admin)


def property_ids_with(user, perm):
    """Ids of the properties where `user`'s role there grants `perm`."""
    from .models import Property

    if not user.is_authenticated or not user.is_active:
        return set()
    candidates = Property.objects.values_list("pk", flat=True) if user.sees_all_properties else user.property_ids
    return {pk for pk in candidates if user_can(user, perm, pk)}


def admin_property_ids(user):
    """Ids of the properties `user` administers: where they hold the admin role (every property
    for group admins). The Django admin shows and edits records of these properties only."""
    from .models import Property

    if not user.is_authenticated or not user.is_active:
        return set()
    if user_is_group_admin(user):
        return set(Property.objects.values_list("pk", flat=True))
    return {pk for pk in user.property_ids if user.role_in(pk) == Role.ADMIN}


def declared_role_permissions():
    """Merge every installed app's `ROLE_PERMISSIONS` = {role: ["app.codename" or "app.*model"]}."""
    merged = {role.value: set() for role in Role}
    for config in apps.get_app_configs():
        for role, perms in getattr(config, "ROLE_PERMISSIONS", {}).items():
            merged[role].update(perms)
    return merged


def _resolve(perm):
    """"app.view_x" → that permission; "app.*" → every permission of the app's models."""
    app_label, codename = perm.split(".", 1)
    qs = Permission.objects.filter(content_type__app_label=app_label)
    if codename == "*":
        return list(qs)
    if codename.startswith("view_*"):
        return list(qs.filter(codename__startswith="view_"))
    return list(qs.filter(codename=codename))


def sync_role_permissions(**kwargs):
    """Create the role groups if missing and add every declared permission (never removes)."""
    for role, perms in declared_role_permissions().items():
        group, _ = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])
        wanted = [p for perm in sorted(perms) for p in _resolve(perm)]
        if wanted:
            group.permissions.add(*wanted)
    clear_role_permission_cache()
