from django.db import migrations

from editorial.roles import grant_snippet_rights, revoke_snippet_rights


class Migration(migrations.Migration):
    dependencies = [
        ("supports", "0003_financing_measures"),
        ("editorial", "0001_editorial_groups"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant_snippet_rights(apps, "supports", "financingmeasure"),
            lambda apps, schema_editor: revoke_snippet_rights(apps, "supports", "financingmeasure"),
        )
    ]
