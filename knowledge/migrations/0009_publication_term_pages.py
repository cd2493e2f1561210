"""
The database backend keeps where each term stands in a publication's pages, so a search
reads its page hits instead of cutting the pages again. Until
`manage.py search_index --rebuild` (or `--database-only`) fills it, searches cut the pages
as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0008_thesaurus_concepts"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicationterm",
            name="pages",
            field=models.TextField(blank=True, null=True),
        ),
    ]
