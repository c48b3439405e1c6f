from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "同義語・表記ゆれ"
    menu_order = 900
    add_to_settings_menu = True
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)
