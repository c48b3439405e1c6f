from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Award


class AwardViewSet(SnippetViewSet):
    """Editions with their results inline; publishing goes through the
    moderation workflow and can be scheduled for the announcement date."""

    model = Award
    icon = "pick"
    menu_label = "表彰"
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "name",
        Column("period_label", label="年度"),
        Column("entries", label="応募総数"),
        Column("ceremony_date", label="表彰式"),
    ]
    list_filter = ["kind", "fiscal_year"]
    ordering = ["-fiscal_year", "-period_end"]
    inspect_view_enabled = True


register_snippet(AwardViewSet)
