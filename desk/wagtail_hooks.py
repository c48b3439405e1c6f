"""The staff inbox: enquiries in the Wagtail admin, filtered by status,
topic, assignee and date, exported as CSV; staff change only the status,
the assignee and the internal notes. Enquiries come from the public form
only, so nobody adds one here."""

import django_filters
from django.contrib.auth.models import Permission
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Enquiry, Status, Topic


class InboxPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a != "add"])


register_permission_policy(Enquiry, InboxPolicy(Enquiry))


class EnquiryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="対応状況", choices=Status.choices, empty_label="すべて")
    topic = django_filters.ChoiceFilter(label="お問い合わせの種類", choices=Topic.choices, empty_label="すべて")
    created_at = django_filters.DateFromToRangeFilter(label="受付日", widget=DateRangePickerWidget)

    class Meta:
        model = Enquiry
        fields = ["status", "topic", "assignee", "created_at"]


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = "相談窓口"
    menu_order = 900
    add_to_admin_menu = True
    name = "desk_enquiries"
    copy_view_enabled = False
    inspect_view_enabled = True
    filterset_class = EnquiryFilterSet
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        "reference",
        Column("created_at", label="受付日時", sort_key="created_at"),
        Column("organisation_name", label="団体"),
        Column("topic", label="種類", accessor="get_topic_display"),
        Column("status", label="対応状況", accessor="get_status_display", sort_key="status"),
        Column("assignee", label="担当者"),
    ]
    list_export = [
        "reference",
        "created_at",
        "organisation_name",
        "name",
        "email",
        "topic_label",
        "related_title",
        "question",
        "status_label",
        "assignee",
        "internal_notes",
    ]
    export_headings = {
        "reference": "受付番号",
        "created_at": "受付日時",
        "organisation_name": "団体",
        "name": "氏名",
        "email": "メールアドレス",
        "topic_label": "種類",
        "related_title": "関連する事例・支援策",
        "question": "ご質問",
        "status_label": "対応状況",
        "assignee": "担当者",
        "internal_notes": "内部メモ",
    }
    export_filename = "desk-enquiries"
    search_fields = ["reference", "organisation", "name", "email", "question"]
    form_fields = ["status", "assignee", "internal_notes"]

    def get_queryset(self, request):
        return Enquiry.objects.select_related("municipality__prefecture", "assignee", "related_page")


@hooks.register("register_admin_viewset")
def register_inbox():
    return EnquiryViewSet()


@hooks.register("register_permissions")
def inbox_permissions():
    return Permission.objects.filter(
        content_type__app_label="desk", codename__in=["view_enquiry", "change_enquiry", "delete_enquiry"]
    )
