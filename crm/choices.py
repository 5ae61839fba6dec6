from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


class IdType(models.TextChoices):
    NONE = "", _("None")
    ID_CARD = "id_card", _("Resident ID card")
    PASSPORT = "passport", _("Passport")
    HOME_RETURN = "home_return", _("Home Return Permit")
    OTHER = "other", _("Other document")


class ConsentChannel(models.TextChoices):
    NONE = "", _("None")
    FRONT_DESK = "front_desk", _("At the front desk")
    PAPER = "paper", _("Signed form")
    WEBSITE = "website", _("Website")
    WECHAT = "wechat", _("WeChat")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone call")
    PMS = "pms", _("PMS import")


class PreferenceCategory(models.TextChoices):
    ROOM = "room", pgettext_lazy("preference", "Room")
    PILLOW = "pillow", _("Pillow & bedding")
    DIET = "diet", _("Diet")
    ALLERGY = "allergy", _("Allergy")
    NEWSPAPER = "newspaper", _("Newspaper")
    SPECIAL_NEED = "special_need", _("Special need")
    OTHER = "other", _("Other")


# Shown to the front desk wherever the guest is picked (quick-log form, case page).
ALERT_CATEGORIES = {PreferenceCategory.ALLERGY, PreferenceCategory.SPECIAL_NEED}


class Classification(models.TextChoices):
    """Guest data classes of 002 §3.5."""

    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")
    CONFIDENTIAL = "confidential", _("Confidential")
    SENSITIVE = "sensitive", _("Sensitive")


class ImportStatus(models.TextChoices):
    MAPPING = "mapping", _("Columns to map")
    PREVIEW = "preview", _("Preview")
    FAILED = "failed", _("Refused")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Imported")


class ErasureReason(models.TextChoices):
    REQUEST = "request", _("The guest's request")
    RETENTION = "retention", _("Retention period passed")
