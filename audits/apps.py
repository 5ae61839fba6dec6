from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import assessment_apps


def _merge(*tables):
    merged = {}
    for table in tables:
        for role, perms in table.items():
            merged.setdefault(role, []).extend(p for p in perms if p not in merged.get(role, []))
    return merged


# Audits, plans and corrective actions (the codenames are spelled out: the app holds other models too).
_AUDIT_READ = ["audits.view_audit", "audits.view_correctiveaction", "audits.view_finding"]
_AUDIT_WORK = ["audits.change_correctiveaction", "audits.add_correctiveactionphoto"]
_AUDIT_RUN = [
    "audits.view_auditplan", "audits.add_auditplan", "audits.change_auditplan", "audits.add_audit", "audits.change_audit",
    "audits.verify_correctiveaction", "audits.view_auditor_identity", "audits.change_finding",
]
AUDIT_PERMISSIONS = {
    "front_desk": _AUDIT_READ + _AUDIT_WORK,
    "staff": _AUDIT_READ + _AUDIT_WORK,
    "supervisor": _AUDIT_READ + _AUDIT_WORK + ["audits.view_auditplan"],
    "inspector": _AUDIT_READ + _AUDIT_WORK + _AUDIT_RUN,
    "manager": _AUDIT_READ + _AUDIT_WORK + ["audits.view_auditplan", "audits.verify_correctiveaction", "audits.view_auditor_identity"],
    # Admins also read the mystery-guest links in the Django admin (made and used on the audit pages).
    "admin": _AUDIT_READ + _AUDIT_WORK + _AUDIT_RUN + ["audits.delete_auditplan", "audits.view_mysteryguestlink"],
}


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = _("Audits & KPIs")

    ROLE_PERMISSIONS = _merge(AUDIT_PERMISSIONS, assessment_apps.ROLE_PERMISSIONS)

    def ready(self):
        from .wiring import audits_ready

        audits_ready()
        assessment_apps.ready()
