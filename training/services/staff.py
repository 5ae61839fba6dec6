from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.core.exceptions import ValidationError

from hotelqa.models import StaffMember


@transaction.atomic
def staff_save(*, staff: StaffMember) -> StaffMember:
    """Save a new or changed staff record; a duplicate staff number or login is refused on its field."""
    staff.full_clean()
    try:
        with transaction.atomic():
            staff.save()
    except IntegrityError:
        if StaffMember.objects.filter(property=staff.property, staff_number=staff.staff_number).exclude(pk=staff.pk).exists():
            raise ValidationError({"staff_number": _("Another staff member of this property has this staff number.")})
        raise ValidationError({"user": _("This login already has a staff record at this property.")})
    return staff
