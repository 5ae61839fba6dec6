import os

from django.core.wsgi import get_wsgi_application

# A WSGI server is how production runs; development uses manage.py (`make run`), which defaults
# to the local settings.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hotelqa.settings.production")

application = get_wsgi_application()
