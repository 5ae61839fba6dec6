"""`makemessages` that also extracts `_lazy("…")`: services import gettext_lazy under that name
next to gettext as `_`, and without the keyword their notification texts fall out of the catalogues."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = makemessages.Command.xgettext_options + ["--keyword=_lazy"]
