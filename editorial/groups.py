"""The two editorial roles and what each may do.

編集者 writes and submits for moderation; 承認者 publishes and approves the
default workflow's task. Kept as data so the migration and the tests read the
same definition."""

EDITOR = "編集者"
APPROVER = "承認者"

PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page"],
    APPROVER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

COLLECTION_PERMISSIONS = {
    EDITOR: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
    APPROVER: [
        ("wagtailimages", "image", ["add", "change", "choose"]),
        ("wagtaildocs", "document", ["add", "change", "choose"]),
    ],
}

DEFAULT_TASK_NAME = "Moderators approval"
