"""
The search thesaurus becomes a table the secretariat edits in the admin, filled from
knowledge/search/thesaurus.csv (the initial data, read here as it is at this migration:
one concept a row, a column per language, alternatives separated by "|"), and the
secretariat's groups get the rights to edit it (portal.staff_permissions).

The concepts' index words are now built on the table's keys: run
`manage.py search_index --rebuild` once after migrating.
"""

import csv
from pathlib import Path

from django.db import migrations, models

from portal.staff_permissions import grant_staff_permissions

CSV_PATH = Path(__file__).resolve().parent.parent / "search" / "thesaurus.csv"
COLUMNS = {"en": "en", "km": "km", "zh-hans": "zh_hans", "lo": "lo", "my": "my", "th": "th", "vi": "vi"}


def load_thesaurus(apps, schema_editor):
    ThesaurusConcept = apps.get_model("knowledge", "ThesaurusConcept")
    if ThesaurusConcept.objects.exists() or not CSV_PATH.exists():
        return
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("concept") or "").strip()
            if not name:
                continue
            cells = {
                field: "\n".join(t.strip() for t in (row.get(column) or "").split("|") if t.strip())
                for column, field in COLUMNS.items()
            }
            ThesaurusConcept.objects.create(name=name, **cells)


def grant(apps, schema_editor):
    StakeholderGroup = apps.get_model("portal", "StakeholderGroup")
    for group in StakeholderGroup.objects.filter(role="secretariat").select_related("auth_group"):
        grant_staff_permissions(apps, group.auth_group, group.role)


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0007_pending_index_updates'),
        ('portal', '0002_membership_and_access'),
        # Its admin-access permission exists before the grant looks it up (else both create it).
        ('wagtailadmin', '0001_create_admin_access_permissions'),
    ]

    operations = [
        migrations.CreateModel(
            name='ThesaurusConcept',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(help_text='What the terms below name, in English (e.g. “debt bondage”).', max_length=120, unique=True, verbose_name='concept')),
                ('en', models.TextField(blank=True, help_text='One term a line (or several on a line, separated by “|”).', verbose_name='English')),
                ('km', models.TextField(blank=True, help_text='One term a line (or several on a line, separated by “|”).', verbose_name='Khmer')),
                ('zh_hans', models.TextField(blank=True, help_text='One term a line (or several on a line, separated by “|”).', verbose_name='Chinese (Simplified)')),
                ('lo', models.TextField(blank=True, help_text='One term a line (or several on a line, separated by “|”).', verbose_name='Lao')),
                ('my', models.TextField(blank=True, help_text='One term a line (or several on a line, separated by “|”).', verbose_name='Burmese')),
                ('th', models.TextField(blank=True, help_text='One term a line (or several on a line, separated by “|”).', verbose_name='Thai')),
                ('vi', models.TextField(blank=True, help_text='One term a line (or several on a line, separated by “|”).', verbose_name='Vietnamese')),
            ],
            options={
                'verbose_name': 'thesaurus concept',
                'verbose_name_plural': 'thesaurus concepts',
                'ordering': ['name'],
            },
        ),
        migrations.RunPython(load_thesaurus, migrations.RunPython.noop),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
