from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("API and webhooks")

    # Tokens and webhook subscriptions are the admins' tools, like the rest of the configuration.
    ROLE_PERMISSIONS = {
        "admin": ["api.*"],
    }

    def ready(self):
        from . import schema  # noqa: F401  (security schemes of the OpenAPI document)
        from . import signals  # noqa: F401  (webhook events from the other apps' records)
        from . import tasks  # noqa: F401  (the retry sweep is a periodic job)
