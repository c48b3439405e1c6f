from django.db import migrations

from editorial.roles import grant_snippet_rights, revoke_snippet_rights


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0001_initial"),
        ("editorial", "0001_editorial_groups"),
    ]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant_snippet_rights(apps, "awards", "award"),
            lambda apps, schema_editor: revoke_snippet_rights(apps, "awards", "award"),
        )
    ]
