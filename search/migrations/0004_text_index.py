from django.db import migrations, models

from search import textindex


def fill_tokens(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    for row in SearchDocument.objects.iterator(chunk_size=500):
        row.text_tokens = textindex.index_tokens(row.text)
        row.title_tokens = textindex.index_tokens(row.title_text)
        row.save(update_fields=["text_tokens", "title_tokens"])


def install(apps, schema_editor):
    textindex.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    textindex.uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_synonym_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="text_tokens",
            field=models.TextField(blank=True, verbose_name="本文の索引語"),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="title_tokens",
            field=models.TextField(blank=True, verbose_name="タイトルの索引語"),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.RunPython(install, uninstall),
    ]
