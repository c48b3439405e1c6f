"""What the 編集者 and 承認者 groups may do with the publishable snippets
(seminars, award editions), mirroring their page rights: 編集者 writes and
submits for moderation, 承認者 also publishes, locks and deletes. The
default moderation workflow applies to each such model.

Used by data migrations (editorial, events and awards), so everything here
works on historical models passed in as `apps`."""

from editorial.groups import APPROVER, DEFAULT_TASK_NAME, EDITOR

SNIPPET_ACTIONS = {
    EDITOR: ["add", "change"],
    APPROVER: ["add", "change", "delete", "publish", "lock", "unlock"],
}


def permission(apps, app_label, model, codename):
    """Permissions are normally created after migrations; on a fresh
    database they do not exist yet, so create them as Django would."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
    )[0]


def grant_snippet_rights(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    for group_name, actions in SNIPPET_ACTIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for action in actions:
            group.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))
    link = WorkflowTask.objects.filter(task__name=DEFAULT_TASK_NAME).select_related("workflow").first()
    if link is not None:
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": link.workflow})


def revoke_snippet_rights(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
    if content_type is not None:
        for group in apps.get_model("auth", "Group").objects.filter(name__in=SNIPPET_ACTIONS):
            group.permissions.remove(*group.permissions.filter(content_type=content_type))
        apps.get_model("wagtailcore", "WorkflowContentType").objects.filter(content_type=content_type).delete()
