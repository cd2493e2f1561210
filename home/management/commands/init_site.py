"""
Make a fresh production site usable: reference data and the empty section pages.

Runs the structural steps of `seed_demo` (the same functions, so the two cannot drift) and
none of its demo content: no accounts, organisations, publications, meetings or threads.
Idempotent: the release step runs it on every deploy, and what editors changed stays.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import seed_home_page
from knowledge.demo import ensure_library_page
from meetings.demo import _index as ensure_meetings_page
from portal.demo import seed_reference_data
from results.demo import _menu_page as ensure_results_page
from results.demo import grant_secretariat_editing


class Command(BaseCommand):
    help = (
        "Create (or complete) the countries, stakeholder groups, locales, home page and the "
        "empty library, meetings and results pages. Safe to run on every deploy."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            countries, groups = seed_reference_data()
            home, locales = seed_home_page()
            ensure_library_page()
            ensure_meetings_page(home)
            ensure_results_page()
            grant_secretariat_editing(groups.get("Secretariat"))
        members = sum(1 for country in countries.values() if country.is_commit_member)
        self.stdout.write(
            self.style.SUCCESS(
                f"Site ready: {members} COMMIT countries, {len(groups)} stakeholder groups, "
                f"{len(locales)} languages; home, library, meetings and results pages."
            )
        )
