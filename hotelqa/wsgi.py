from django.core.wsgi import get_wsgi_application

from hotelqa import settings as settings_modules

# A WSGI server is how production runs; development uses manage.py (`make run`), which defaults
# to the local settings. Production settings refuse to start on this default: set
# DJANGO_SETTINGS_MODULE explicitly.
settings_modules.use_default("hotelqa.settings.production")

application = get_wsgi_application()

from hotelqa.garbage import settle_for_serving  # noqa: E402 — needs the loaded application

settle_for_serving()
