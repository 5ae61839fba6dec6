"""A guest's name as every page shows it: `{{ guest|guest_name }}` gives the name in the reader's
script first and the other spelling beside it, smaller ("张伟 Zhang Wei" to a Chinese reader,
"Zhang Wei 张伟" to an English one); see `Guest.names`."""

from django import template
from django.utils.html import format_html

from hotelqa.i18n import is_chinese

register = template.Library()


def _lang(text):
    return "zh-Hans" if is_chinese(text) else "en"


@register.filter
def guest_name(guest):
    if guest is None:
        return ""
    first, second = guest.names
    if not second:
        return first
    return format_html(
        '{} <span class="guest-other-name fw-normal text-body-secondary small" lang="{}" data-other-name>{}</span>', first, _lang(second), second,
    )
