"""Where an app that uses the checklist engine plugs in.

- `items_copied`: a new draft copies the items of the published version; receivers get
  `pairs=[(old_item, new_item), …]` and copy the data they keep about items (facilities copies
  each item's defect category), so a draft never loses it.
- `register_template_page(kind, url_name)`: the page that shows a template of that kind
  (`TemplateKind.INSPECTION` → "facilities:template_detail"), used by `get_absolute_url`.
"""

from django.dispatch import Signal

items_copied = Signal()

_template_pages = {}


def register_template_page(kind, url_name):
    _template_pages[kind] = url_name


def template_page(kind):
    return _template_pages.get(kind)
