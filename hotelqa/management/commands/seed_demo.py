import importlib

from django.apps import apps
from django.core.management.base import BaseCommand

from hotelqa import demo
from hotelqa.services import emails_suppressed


class Command(BaseCommand):
    help = "Create demo properties, users and data for every app. Safe to run again: nothing is duplicated."

    def handle(self, *args, **options):
        with emails_suppressed():  # demo assignments notify in the app, not by email
            self.seed()

    def seed(self):
        properties = demo.seed()
        self.stdout.write(self.style.SUCCESS(f"Organisation: {len(properties)} properties with departments and users."))
        # Each app may ship `demo.py` with `seed(properties=…, stdout=…)`; run in INSTALLED_APPS order.
        for config in apps.get_app_configs():
            if config.name == "hotelqa":
                continue
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            module.seed(properties=properties, stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Logins (password for all: {demo.DEMO_PASSWORD}):")
        for username, who in demo.logins():
            self.stdout.write(f"  {username:24} {who}")
