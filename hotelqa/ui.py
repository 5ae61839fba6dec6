"""Where apps plug into the shell: navigation entries and landing/dashboard panels.

Apps register in their AppConfig.ready():

    nav_item(label=_("Inspections"), url_name="facilities:inspection_list",
             roles={Role.STAFF, Role.SUPERVISOR}, order=20)
    panel(place="landing", key="facilities.my_inspections", roles={Role.STAFF},
          template="facilities/partials/my_inspections.html", context=my_inspections_context)

A panel with `place="record"` is drawn on another app's record page (the case page) and gets the
record: `context(request, obj)`. Two apps that may not import each other meet this way.
"""

from dataclasses import dataclass, field
from typing import Callable, Optional

from django.urls import get_script_prefix, get_urlconf, reverse

from .choices import Role

ALL_ROLES = frozenset(Role.values)


SETTINGS = "settings"  # nav group shown as one "Settings" menu

# A role whose menu has more top-level entries than this sees each group of two or more as one
# drop-down, so the bar fits a 1280 px desk screen in English and Chinese (short menus stay flat).
FLAT_MENU_MAX = 6


@dataclass(frozen=True)
class NavItem:
    label: object
    url_name: str
    roles: frozenset
    order: int = 100
    icon: str = ""
    group: str = ""


@dataclass(frozen=True)
class Panel:
    place: str  # "landing", "dashboard" or "record"
    key: str
    template: str
    roles: frozenset
    context: Optional[Callable] = None  # (request) -> dict
    order: int = 100
    width: str = "col-12 col-lg-6"
    extra: dict = field(default_factory=dict)


_NAV: dict[str, NavItem] = {}
_GROUPS: dict[str, object] = {}  # key -> label
_PANELS: dict[str, Panel] = {}


def nav_item(*, label, url_name, roles=ALL_ROLES, order=100, icon="", group=""):
    _MENUS.clear()
    """A menu entry; `group=SETTINGS` puts configuration pages under one Settings menu."""
    _NAV[url_name] = NavItem(label, url_name, frozenset(roles), order, icon, group)


def nav_group(*, key, label):
    """A named group of menu entries (drawn as a drop-down when the menu is long)."""
    _MENUS.clear()
    _GROUPS[key] = label


def menu_for(nav):
    """The top bar's entries from `nav_for(role)`: links and drop-downs ({"label", "children"}), in
    order. Settings is always a drop-down of its own; other groups fold only when the menu is long."""
    items = [i for i in nav if i["group"] != SETTINGS]
    fold = len(items) > FLAT_MENU_MAX
    menu, folded = [], {}
    sizes = {}
    for item in items:
        sizes[item["group"]] = sizes.get(item["group"], 0) + 1
    for item in items:
        group = item["group"]
        if not (fold and group in _GROUPS and sizes[group] > 1):
            menu.append(item)
            continue
        if group not in folded:
            folded[group] = {"label": _GROUPS[group], "children": [], "url_names": set()}
            menu.append(folded[group])
        folded[group]["children"].append(item)
        folded[group]["url_names"].add(item["url_name"])
    return menu


def panel(*, place, key, template, roles=ALL_ROLES, context=None, order=100, width="col-12 col-lg-6"):
    _PANELS[key] = Panel(place, key, template, frozenset(roles), context, order, width)


def nav_for(role):
    items = sorted((i for i in _NAV.values() if role in i.roles), key=lambda i: i.order)
    return [{"label": i.label, "url": reverse(i.url_name), "url_name": i.url_name, "group": i.group} for i in items]


# A role's menu is the same on every page: worked out once per role (and URL prefix), not per
# request. Labels stay lazy, so each page shows them in its reader's language.
_MENUS: dict = {}


def navigation(role) -> dict:
    """The shell's menus of a role: {"nav_items": top bar (see `menu_for`), "settings_items": …}."""
    key = (role, get_script_prefix(), get_urlconf())
    menus = _MENUS.get(key)
    if menus is None:
        nav = nav_for(role)
        menus = _MENUS[key] = {"nav_items": menu_for(nav), "settings_items": [i for i in nav if i["group"] == SETTINGS],
                               "url_names": frozenset(i["url_name"] for i in nav)}
    return menus


def menu_html(role, view_name) -> str:
    """The main menu's HTML for a role, in the current language, with the current page's entry
    marked: rendered once per (role, language, marked entry) and kept, as it is the same on
    every page. A changed menu template is seen after the development server reloads it."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    menus = navigation(role)
    active = view_name if view_name in menus["url_names"] else None
    key = ("html", role, get_language(), active, get_script_prefix(), get_urlconf())
    html = _MENUS.get(key)
    if html is None:
        html = _MENUS[key] = mark_safe(render_to_string("hotelqa/partials/main_menu.html", {**menus, "active_view": active}).strip())
    return html


def _forget_menus(**kwargs):
    _MENUS.clear()


def panels_for(request, place, role, obj=None):
    rendered = []
    for p in sorted(_PANELS.values(), key=lambda p: p.order):
        if p.place != place or role not in p.roles:
            continue
        args = (request,) if obj is None else (request, obj)
        context = p.context(*args) if p.context else {}
        if context is None:  # the panel has nothing to show this user
            continue
        rendered.append({"panel": p, "context": context})
    return rendered


def qr_svg(url, *, scale=4):
    """Inline SVG of a QR code for `url` (no image files, no external service)."""
    import segno
    from django.utils.safestring import mark_safe

    return mark_safe(segno.make(url, error="m").svg_inline(scale=scale, border=2, omitsize=True))
