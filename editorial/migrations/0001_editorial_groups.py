from django.db import migrations

from editorial.groups import APPROVER, COLLECTION_PERMISSIONS, DEFAULT_TASK_NAME, EDITOR, PAGE_PERMISSIONS
from editorial.roles import permission


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Task = apps.get_model("wagtailcore", "GroupApprovalTask")

    root = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name in (EDITOR, APPROVER):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(permission(apps, "wagtailadmin", "admin", "access_admin"))
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission(apps, "wagtailcore", "page", codename)
            )
        for app_label, model, actions in COLLECTION_PERMISSIONS[name]:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(apps, app_label, model, f"{action}_{model}"),
                )
    task = Task.objects.filter(name=DEFAULT_TASK_NAME).first()
    if task is not None:
        task.groups.add(Group.objects.get(name=APPROVER))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, APPROVER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
