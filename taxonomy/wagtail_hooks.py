from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

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


class MunicipalityAdmin(ModelAdmin):
    model = Municipality
    menu_icon = "home"
    list_display = ("name", "kana", "prefecture", "kind", "lg_code")
    list_filter = ("kind", "prefecture__block", "prefecture")
    search_fields = ("name", "kana", "prefecture__name", "lg_code")
    list_select_related = ("prefecture",)
    list_per_page = 50


@modeladmin_register
class TaxonomyGroup(ModelAdminGroup):
    menu_label = "分類"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (FieldAdmin, RegionBlockAdmin, PrefectureAdmin, MunicipalityAdmin)
