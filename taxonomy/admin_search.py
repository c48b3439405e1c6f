"""The editors' searches over the 1,788 bodies (the case editor's chooser and
the admin list) read the query the way the finder does (taxonomy.lookup):
name or よみ in either kana script, substrings, and codes. Wagtail's own
chooser search and ModelAdmin's icontains compare the stored hiragana only
(イスミ found nothing), and the chooser did not search codes at all."""

import re

from django import forms
from django.db.models import Case, IntegerField, Value, When
from wagtail.admin.forms.choosers import BaseFilterForm

from search.normalize import normalize

from .lookup import MAX_QUERY_LENGTH, find_bodies

_PARTIAL_CODE = re.compile(r"\d{1,6}")


def search_bodies(queryset, text):
    """``queryset`` narrowed to the bodies ``text`` finds, exact matches first
    (two queries whatever the number of bodies). Digits that are not yet a
    whole code find the codes starting with them."""
    digits = normalize(text).replace(" ", "")
    lookup = find_bodies(text, queryset.select_related("prefecture"), limit=None)
    if not lookup.matches:
        if _PARTIAL_CODE.fullmatch(digits):
            return queryset.filter(lg_code__startswith=digits)
        return queryset.none()
    exact = [body.pk for body in lookup.matches[: lookup.exact]]
    return queryset.filter(pk__in=[body.pk for body in lookup.matches]).order_by(
        Case(When(pk__in=exact, then=Value(0)), default=Value(1), output_field=IntegerField()),
        "prefecture__code",
        "lg_code",
    )


class MunicipalityFilterForm(BaseFilterForm):
    q = forms.CharField(
        label="名称・よみ・コード",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"placeholder": "名称・よみ（ひらがな・カタカナ）・地方公共団体コード"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = self.cleaned_data.get("q")
        if query:
            objects = search_bodies(objects, query)
            self.is_searching = True
            self.search_query = query
        return objects
