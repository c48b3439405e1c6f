"""The finder's form: what a body tells us about itself, read leniently.

Amounts and fiscal indices are typed the way Japanese pages write them
("３,０００万円", "０．３５"), so they are plain text fields normalised through
supports/money.py; Django's number fields would reject them.  The choices that
come from the database (市区町村, 分野, 前提条件) are passed in already loaded, so
building and validating the form costs no query but two: the chosen body
itself, with its prefecture, block and dated kind changes. The others are
light directory entries (taxonomy.lookup.Entry).

The 市区町村 is typed, not picked from 1,788 options: a name, a よみ or a code,
read by taxonomy.lookup. One exact match is taken; several are offered back
as choices (``municipality_lookup``), which is a form error the page shows
as a list of links."""

from django import forms

from taxonomy.lookup import MAX_QUERY_LENGTH, TOO_LONG_MESSAGE, find_bodies
from taxonomy.models import Municipality

from .eligibility import APPLICANT_KIND_LABELS, DISADVANTAGED_LABELS, LOCAL_GOVERNMENT_KINDS
from .models import SupportKind
from .money import format_yen, parse_fiscal_index, parse_yen

SORT_DEFAULT = ""
SORT_BURDEN = "burden"
YEARS_ALL = "all"
YEARS_CURRENT = "current"
SMALL_YES = "yes"
SMALL_NO = "no"

NOT_IN_LIST = "選択肢にない値が含まれています。一覧から選んでください。"
# Row ids have at most four digits; codes have five or six.
LEGACY_ID_DIGITS = 4


def kinds_held(municipality):
    """Every kind the body had over the recorded years: naming one of them
    (福島市 as 市 for FY2017) is a choice, not a contradiction."""
    changes = municipality.kind_changes.all()
    return {municipality.kind, *(c.before for c in changes), *(c.after for c in changes)}


class CheckboxesField(forms.MultipleChoiceField):
    """Blank values (``?field=`` in a hand-written or shortened URL) mean nothing was ticked."""

    widget = forms.CheckboxSelectMultiple
    default_error_messages = {"invalid_choice": NOT_IN_LIST}

    def to_python(self, value):
        return [item for item in super().to_python(value) if item.strip()]


def _checkboxes(label, choices=()):
    return CheckboxesField(label=label, required=False, choices=choices)


FISCAL_INDEX_ERROR = "財政力指数は0以上3以下の数値で入力してください（例：0.45）。"
COST_ERROR = "事業費は「3000万円」「30,000,000」のように金額で入力してください。"
# Real 財政力指数 stay below 3 (the highest are around 2); a larger value is a typo.
MAX_FISCAL_INDEX = 3
# No single ICT project of a local body comes near 1兆円; more is a typo, not a plan.
MAX_COST_YEN = 10**12


class ApplicantForm(forms.Form):
    """What a body says about itself and its project, shared by the finder and
    the program page's funding calculator so both read input the same way."""

    applicant_kind = forms.ChoiceField(
        label="団体の種類",
        required=False,
        choices=[("", "（市区町村から自動で設定）"), *APPLICANT_KIND_LABELS.items()],
        help_text="第三セクターや民間事業者などは、所在する市区町村とあわせて選べます。",
        error_messages={"invalid_choice": "団体の種類は一覧から選んでください。"},
    )
    disadvantaged = _checkboxes("該当する条件不利地域", DISADVANTAGED_LABELS.items())
    fiscal_index = forms.CharField(
        label="財政力指数（3か年平均）",
        required=False,
        max_length=20,
        help_text="例：0.45。分からなければ空欄のままで構いません（条件付きで判定します）。",
        error_messages={"max_length": FISCAL_INDEX_ERROR},
    )
    cost = forms.CharField(
        label="事業費",
        required=False,
        max_length=30,
        help_text="例：3000万円、30,000,000、1.5億円。入力すると方式ごとの支援額と財源の内訳を計算します。",
        error_messages={"max_length": COST_ERROR},
    )

    def clean_fiscal_index(self):
        text = self.cleaned_data["fiscal_index"].strip()
        if not text:
            return None
        value = parse_fiscal_index(text)
        if value is None or value > MAX_FISCAL_INDEX:
            raise forms.ValidationError(FISCAL_INDEX_ERROR)
        return value

    def clean_cost(self):
        text = self.cleaned_data["cost"].strip()
        if not text:
            return None
        value = parse_yen(text)
        if value is None:
            raise forms.ValidationError(COST_ERROR)
        if value < 1:
            raise forms.ValidationError("事業費は1円以上で入力してください。")
        if value > MAX_COST_YEN:
            raise forms.ValidationError(f"事業費は{format_yen(MAX_COST_YEN)}以下で入力してください。")
        return value


class FinderForm(ApplicantForm):
    municipality = forms.CharField(
        label="市区町村・都道府県",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "js-municipality"}),
        help_text="名称（例：いすみ市）、よみ（ひらがな・カタカナ）、または地方公共団体コード（例：122386、12238）で探せます。"
        "団体の種類と地域ブロックは選んだ団体から決まります。",
        error_messages={"max_length": TOO_LONG_MESSAGE},
    )
    small_municipality = forms.ChoiceField(
        label="小規模地方公共団体に該当するか（市の場合）",
        required=False,
        choices=[("", "分からない"), (SMALL_YES, "該当する"), (SMALL_NO, "該当しない")],
        help_text="都道府県・政令指定都市・中核市・施行時特例市・特別区以外の地方公共団体です。町村は自動で該当します。",
        error_messages={"invalid_choice": "「該当する」「該当しない」「分からない」から選んでください。"},
    )
    prerequisites = _checkboxes("完了済みの前提条件")
    field = _checkboxes("関心のある分野")
    support_kind = _checkboxes("支援の種類", SupportKind.choices)
    years = forms.ChoiceField(
        label="対象の年度",
        required=False,
        choices=[
            (YEARS_ALL, "過去の年度の支援策も表示する"),
            (YEARS_CURRENT, "今年度以降の支援策だけを表示する"),
        ],
        widget=forms.RadioSelect,
        help_text="登録されている支援策は2015〜2018年度の資料に基づくため、初期設定では過去の年度も表示します。",
        error_messages={"invalid_choice": "対象の年度は一覧から選んでください。"},
    )
    sort = forms.ChoiceField(
        label="並び順",
        required=False,
        choices=[
            (SORT_DEFAULT, "資料の順（新しい年度から）"),
            (SORT_BURDEN, "実質負担の少ない順（事業費の入力が必要）"),
        ],
        error_messages={"invalid_choice": "並び順は一覧から選んでください。"},
    )

    field_order = [
        "municipality",
        "applicant_kind",
        "small_municipality",
        "disadvantaged",
        "fiscal_index",
        "cost",
        "prerequisites",
        "field",
        "support_kind",
        "years",
        "sort",
    ]

    def __init__(self, data=None, *, municipalities, fields, prerequisites):
        if data is not None and "years" not in data:
            # Keeps the default radio checked when the form is redisplayed.
            data = data.copy()
            data["years"] = YEARS_ALL
        super().__init__(data, initial={"years": YEARS_ALL}, label_suffix="")
        self._municipalities = municipalities
        self.municipality_lookup = None
        self._fields = {f.slug: f for f in fields}
        self.fields["field"].choices = [(f.slug, f.name) for f in fields]
        self.fields["prerequisites"].choices = [(p, p) for p in prerequisites]

    def clean_municipality(self):
        entry = self._find_municipality(self.cleaned_data["municipality"].strip())
        if entry is None:
            return None
        found = (
            Municipality.objects.select_related("prefecture__block")
            .prefetch_related("kind_changes")
            .filter(pk=entry.pk)
        )
        if not found:
            # Deleted between the two reads.
            raise forms.ValidationError(f"「{entry}」は登録されていません。")
        return found[0]

    def _find_municipality(self, text):
        if not text:
            return None
        if text.isascii() and text.isdigit() and len(text) <= LEGACY_ID_DIGITS:
            # Links and alert profiles saved before the text search carry the row id.
            found = next((m for m in self._municipalities if str(m.pk) == text), None)
            if found is None:
                raise forms.ValidationError(f"「{text}」に当てはまる団体は見つかりませんでした。")
            return found
        lookup = find_bodies(text, self._municipalities)
        if lookup.chosen is not None:
            return lookup.chosen
        if not lookup.matches:
            raise forms.ValidationError(lookup.message)
        self.municipality_lookup = lookup
        more = f"（一致の度合いが高い順に{len(lookup.matches)}件を表示）" if lookup.truncated else ""
        raise forms.ValidationError(
            lookup.message or f"「{text}」に当てはまる団体が{lookup.total}件あります{more}。候補から選んでください。"
        )

    def clean_small_municipality(self):
        return {SMALL_YES: True, SMALL_NO: False}.get(self.cleaned_data["small_municipality"])

    def clean_field(self):
        return [self._fields[slug] for slug in self.cleaned_data["field"]]

    def clean_years(self):
        return self.cleaned_data["years"] or YEARS_ALL

    def clean(self):
        """The body's kind comes from the municipality unless the applicant is
        another kind of body located there (a 第三セクター, a company…)."""
        data = super().clean()
        municipality, kind = data.get("municipality"), data.get("applicant_kind")
        if "municipality" in self.errors or "applicant_kind" in self.errors:
            return data
        data["kind_from_municipality"] = municipality is not None and not kind
        if municipality is None and not kind:
            self.add_error("municipality", "市区町村を入力するか、団体の種類を選んでください。")
        elif municipality is not None and not kind:
            data["applicant_kind"] = municipality.kind
        elif municipality is not None and kind in LOCAL_GOVERNMENT_KINDS and kind not in kinds_held(municipality):
            actual = municipality.get_kind_display()
            self.add_error(
                "applicant_kind",
                f"{municipality}は{actual}です。団体の種類を空欄にするか「{actual}」を選んでください。",
            )
        return data


class FundingCalculatorForm(ApplicantForm):
    """The program page's calculator: a cost and a kind of body, and optionally
    one of the program's financing measures to look at alone."""

    measure = forms.ChoiceField(
        label="財源措置",
        required=False,
        error_messages={"invalid_choice": "財源措置は一覧から選んでください。"},
    )

    def __init__(self, data=None, *, measures):
        super().__init__(data, label_suffix="", auto_id="calc_%s")
        self.fields["applicant_kind"].choices = [("", "選択してください"), *APPLICANT_KIND_LABELS.items()]
        self.fields["applicant_kind"].help_text = ""
        self.fields["fiscal_index"].help_text = "例：0.45。補助率の判定に使います。"
        self.fields["cost"].help_text = "例：3000万円、30,000,000、1.5億円。"
        self.fields["measure"].choices = [("", "すべて比べる"), *((m.key, m.name) for m in measures)]

    def clean(self):
        data = super().clean()
        if not data.get("applicant_kind") and "applicant_kind" not in self.errors:
            self.add_error("applicant_kind", "団体の種類を選んでください。")
        if data.get("cost") is None and "cost" not in self.errors:
            self.add_error("cost", "事業費を入力してください（例：3000万円）。")
        return data
