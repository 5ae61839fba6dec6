from django.db import models
from django.utils.translation import gettext_lazy as _


class GuestType(models.TextChoices):
    BUSINESS = "business", _("Business")
    LEISURE = "leisure", _("Leisure")
    FAMILY = "family", _("Family")
    GROUP = "group", _("Group")


class GuestLanguage(models.TextChoices):
    ZH = "zh-hans", _("Chinese")
    EN = "en", _("English")
    OTHER = "other", _("Other")


class VipLevel(models.TextChoices):
    NONE = "", _("None")
    VIP1 = "vip1", _("VIP 1")
    VIP2 = "vip2", _("VIP 2")
    VIP3 = "vip3", _("VIP 3 (top)")
