"""Writes of the guest side, one module per sub-domain; import them from ``crm.services``."""

from .guests import guest_find_or_create, room_rotate_token
from .merge import guest_merge, guest_relations
from .privacy import anonymize_past_retention, guest_anonymize, guest_data, guest_export_json, guest_export_xlsx, guests_past_retention, retention_days
from .stays import guest_upsert, stay_upsert, write_rows

__all__ = [
    "anonymize_past_retention", "guest_anonymize", "guest_data", "guest_export_json", "guest_export_xlsx", "guest_find_or_create",
    "guest_merge", "guest_relations", "guest_upsert", "guests_past_retention", "retention_days", "room_rotate_token", "stay_upsert",
    "write_rows",
]
