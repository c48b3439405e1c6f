from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .admin_search import MunicipalityFilterForm


class MunicipalityChooseView(ChooseView):
    filter_form_class = MunicipalityFilterForm


class MunicipalityChooseResultsView(ChooseResultsView):
    filter_form_class = MunicipalityFilterForm


class MunicipalityChooserViewSet(ChooserViewSet):
    model = "taxonomy.Municipality"
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView
    icon = "site"
    choose_one_text = "市区町村を選択"
    choose_another_text = "別の市区町村を選択"
    edit_item_text = "市区町村を編集"
    form_fields = ["name", "kana", "prefecture", "kind"]
    per_page = 30


municipality_chooser_viewset = MunicipalityChooserViewSet("municipality_chooser")
