"""The taxonomy of DOMAIN.md, so a new library starts with the terms editors expect."""

from django.db import migrations

AREAS = [
    ("policy", "Policy and cooperation"),
    ("protection", "Victim protection"),
    ("justice", "Criminal justice"),
    ("prevention", "Prevention"),
    ("research-and-data", "Research and data"),
    ("youth", "Youth"),
    ("civil-society", "Civil society"),
]
FORMS = [
    ("forced-labour", "Forced labour"),
    ("fishing-and-seafood", "Fishing and seafood"),
    ("forced-marriage", "Forced marriage"),
    ("sexual-exploitation", "Sexual exploitation"),
    ("domestic-servitude", "Domestic servitude"),
    ("forced-criminality", "Forced criminality (scam compounds)"),
    ("child-trafficking", "Child trafficking"),
    ("forced-begging", "Forced begging"),
    ("organ-removal", "Organ removal"),
]
TYPES = [
    ("research-report", "Research report"),
    ("policy-brief", "Policy brief"),
    ("guideline-or-toolkit", "Guideline or toolkit"),
    ("data-and-statistics", "Data and statistics"),
    ("training-material", "Training material"),
    ("meeting-report", "Meeting report"),
    ("legal-text", "Legal text"),
    ("news", "News"),
]


def create_terms(apps, schema_editor):
    for model_name, terms in (
        ("SpaArea", AREAS),
        ("ExploitationForm", FORMS),
        ("PublicationType", TYPES),
    ):
        model = apps.get_model("knowledge", model_name)
        for order, (slug, name) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
