"""The loyalty and satisfaction card on the guest profile: `{% engagement_card guest %}`."""

from django import template

from hotelqa.permissions import user_can

from ..engagement.loyalty import balance
from ..models import GuestSegment, LoyaltyMember, Survey

register = template.Library()


@register.inclusion_tag("crm/engage/guest_card.html", takes_context=True)
def engagement_card(context, guest):
    request = context["request"]
    user, prop = request.user, getattr(request, "property", None)
    # The tier and balance are group-wide; the ledger opens at the member's home hotel.
    member = LoyaltyMember.objects.select_related("tier").filter(guest=guest).first()
    show = user_can(user, "crm.view_loyaltymember", prop) if prop else False
    return {
        "show": show, "guest": guest, "member": member, "balance": balance(member) if member and show else None,
        "may_open": bool(member and user_can(user, "crm.view_loyaltymember", member.property_id)),
        "may_enrol": bool(prop and user_can(user, "crm.add_loyaltymember", prop)),
        "segment": GuestSegment.objects.filter(guest=guest, property=prop).first() if prop else None,
        "last_survey": Survey.objects.filter(guest=guest, answered_at__isnull=False).order_by("-answered_at").first() if show else None,
        "csrf_token": context.get("csrf_token"),
    }
