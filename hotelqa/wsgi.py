from django.core.wsgi import get_wsgi_application

from hotelqa import settings as settings_modules

settings_modules.use_default("hotelqa.settings.production")

application = get_wsgi_application()
