from celery import Celery

# No default settings here: this module is imported with the `hotelqa` package, also by the WSGI
# server, which must get production settings. The worker and beat are started with
# DJANGO_SETTINGS_MODULE set (the Procfile sets the local settings for `make run`).

app = Celery("hotelqa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
