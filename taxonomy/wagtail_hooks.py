from wagtail import hooks
from wagtail_modeladmin.helpers.search import BaseSearchHandler
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .admin_search import search_bodies
from .models import Field, Municipality, Prefecture, RegionBlock
from .views import municipality_chooser_viewset


@hooks.register("register_admin_viewset")
def register_municipality_chooser():
    return municipality_chooser_viewset


# ModelAdmin's search is plain ORM icontains, which finds a Japanese word
# inside a longer name (港北区 in 横浜市港北区); that is why the taxonomies
# live here rather than behind the full-text backend.
class FieldAdmin(ModelAdmin):
    model = Field
    menu_icon = "tag"
    list_display = ("name", "slug", "sort_order", "color")
    search_fields = ("name", "slug", "description")
    ordering = ("sort_order",)


class RegionBlockAdmin(ModelAdmin):
    model = RegionBlock
    menu_icon = "globe"
    list_display = ("name", "slug", "bureau", "council", "sort_order")
    search_fields = ("name", "slug", "bureau", "council")


class PrefectureAdmin(ModelAdmin):
    model = Prefecture
    menu_icon = "site"
    list_display = ("code", "name", "slug", "block")
    list_filter = ("block",)
    search_fields = ("name", "slug", "code")


class MunicipalitySearchHandler(BaseSearchHandler):
    def search_queryset(self, queryset, search_term, **kwargs):
        return search_bodies(queryset, search_term)


class MunicipalityAdmin(ModelAdmin):
    model = Municipality
    menu_icon = "home"
    list_display = ("name", "kana", "prefecture", "kind", "lg_code")
    list_filter = ("kind", "prefecture__block", "prefecture")
    # Read like the finder's field: either kana script, the prefecture with the name, or a code.
    search_handler_class = MunicipalitySearchHandler
    list_select_related = ("prefecture",)
    list_per_page = 50


@modeladmin_register
class TaxonomyGroup(ModelAdminGroup):
    menu_label = "分類"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (FieldAdmin, RegionBlockAdmin, PrefectureAdmin, MunicipalityAdmin)
