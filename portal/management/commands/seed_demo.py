"""
Build demo content for every app that has a `demo` module.

Each app's `demo.seed(command)` creates its part (accounts, pages, meetings, ...)
idempotently; apps run in INSTALLED_APPS order, so accounts exist before the
pages and discussions that refer to them.
"""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Create (or refresh) the demo accounts, page tree and content. Never in production."

    def handle(self, *args, **options):
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "seed_demo refuses to run with these settings: demo accounts share a published "
                "password. Use config.settings.dev (the default of manage.py) or "
                "config.settings.test."
            )
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                if app_config.path.startswith(str(settings.BASE_DIR)) and module_has_submodule(
                    app_config.module, "demo"
                ):
                    import_module(f"{app_config.name}.demo").seed(self)
        password = settings.DEMO_PASSWORD
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready. Demo accounts sign in with password {password!r}."
            )
        )
