from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FinancingMeasure


class FinancingMeasureViewSet(SnippetViewSet):
    """地方債 and 特別交付税措置 with the programs they finance; published
    through the moderation workflow like the programs themselves."""

    model = FinancingMeasure
    icon = "cogs"
    menu_label = "財源措置"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "kind", Column("users_label", label="利用できる団体")]
    list_filter = ["kind"]
    inspect_view_enabled = True


register_snippet(FinancingMeasureViewSet)
