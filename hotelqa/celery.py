from celery import Celery

from hotelqa import settings as settings_modules

settings_modules.use_default("hotelqa.settings.production")

app = Celery("hotelqa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
