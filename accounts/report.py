from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.views.reports.audit_logging import LogEntriesView


class AuditLogView(LogEntriesView):
    """Wagtail's site history (publishes, edits, workflow steps) with the
    sign-in events beside them (their message names the client address,
    and the export has it as a column), for 管理者 only; filter by action, user, type and date; CSV/XLSX export."""

    page_title = "監査ログ"
    header_icon = "history"
    index_url_name = "accounts_audit"
    index_results_url_name = "accounts_audit_results"
    export_headings = {**LogEntriesView.export_headings, "message": "内容", "client_ip": "接続元"}
    list_export = [*LogEntriesView.list_export, "message", "client_ip"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filename(self):
        return super().get_filename().replace("audit-log", "portal-audit-log")

    def decorate_paginated_queryset(self, queryset):
        entries = super().decorate_paginated_queryset(queryset)
        for entry in entries:
            entry.client_ip = entry.data.get("ip", "") if isinstance(entry.data, dict) else ""
        return entries

    def get_index_url(self):
        return reverse(self.index_url_name)
