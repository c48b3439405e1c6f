"""Eligibility rules as StreamField blocks.

A rule block holds the same keys as the evaluator's rule dict (see
supports/eligibility.py), so editors change the finder's answers without code;
`rule_dict` is the one place where a block value becomes an evaluator input."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .eligibility import APPLICANT_KIND_LABELS, DISADVANTAGED_LABELS, METHOD_LABELS, Option, Rule
from .money import parse_fiscal_index

APPLICANT_KIND_CHOICES = list(APPLICANT_KIND_LABELS.items())
DISADVANTAGED_CHOICES = list(DISADVANTAGED_LABELS.items())
METHOD_CHOICES = list(METHOD_LABELS.items())


class OptionBlock(blocks.StructBlock):
    method = blocks.ChoiceBlock(label="方式", choices=METHOD_CHOICES)
    rate = blocks.CharBlock(
        label="補助率・措置率", required=False, max_length=10, help_text="例：1/2、2/3（定額・なしの場合は空欄）"
    )
    cap_yen = blocks.IntegerBlock(
        label="上限額（円）", required=False, min_value=0, help_text="特別交付税では対象経費の上限"
    )
    note = blocks.CharBlock(label="補足", required=False, max_length=200)

    def clean(self, value):
        # The evaluator's own parser is the judge, so nothing an editor can
        # save is rejected later by the finder or the program page.
        value = super().clean(value)
        try:
            Option.from_dict(option_dict(value))
        except ValueError:
            if value["method"] in {"rate", "special_tax"}:
                message = "補助率・措置率を分数で入力してください（例：1/2）"
            else:
                message = "定額・委託・なしの方式では補助率を空欄にしてください"
            raise StructBlockValidationError(block_errors={"rate": ValidationError(message)}) from None
        return value

    class Meta:
        label = "支援の方式"
        icon = "form"


class RuleBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="区分名", max_length=100, help_text="例：条件不利地域の市町村")
    applicant_kinds = blocks.MultipleChoiceBlock(label="対象となる団体等", choices=APPLICANT_KIND_CHOICES)
    disadvantaged_any = blocks.MultipleChoiceBlock(
        label="条件不利地域（いずれかに該当）", choices=DISADVANTAGED_CHOICES, required=False
    )
    max_fiscal_index = blocks.CharBlock(
        label="財政力指数の上限（3か年平均）", required=False, max_length=10, help_text="例：0.8"
    )
    small_municipality = blocks.BooleanBlock(label="小規模地方公共団体に限る", required=False)
    prerequisites = blocks.ListBlock(blocks.CharBlock(max_length=200), label="前提条件", default=[])
    options = blocks.ListBlock(OptionBlock(), label="支援の方式（いずれかを選択）", min_num=1)
    note = blocks.CharBlock(label="補足", required=False, max_length=300)

    def clean(self, value):
        value = super().clean(value)
        index = value.get("max_fiscal_index")
        if index and parse_fiscal_index(index) is None:
            raise StructBlockValidationError(
                block_errors={"max_fiscal_index": ValidationError("0以上の数値で入力してください（例：0.8）")}
            )
        try:
            Rule.from_dict(rule_dict(value))
        except ValueError as error:
            raise ValidationError(f"この区分は判定に使えません：{error}") from None
        return value

    class Meta:
        label = "対象区分と支援内容"
        icon = "list-ul"


def _blank_to_none(value):
    return value if value not in ("", None) else None


def option_dict(value):
    return {
        "method": value["method"],
        "rate": _blank_to_none(value["rate"]),
        "cap_yen": value["cap_yen"],
        "note": value["note"] or "",
    }


def rule_dict(value):
    """The evaluator's dict for one rule block value (empty text → None)."""
    return {
        "label": value["label"],
        "applicant_kinds": list(value["applicant_kinds"]),
        "disadvantaged_any": list(value["disadvantaged_any"] or []),
        "max_fiscal_index": _blank_to_none(value["max_fiscal_index"]),
        "small_municipality": bool(value["small_municipality"]),
        "prerequisites": [p for p in value["prerequisites"] if p],
        "options": [option_dict(option) for option in value["options"]],
        "note": value["note"] or "",
    }


def _list_items(raw):
    """A ListBlock's stored items: [{"type": "item", "value": …, "id": …}], or
    bare values as older revisions stored them."""
    return [item["value"] if isinstance(item, dict) and item.get("type") == "item" else item for item in raw or []]


_RAW_RULE_DEFAULTS = {"disadvantaged_any": [], "max_fiscal_index": "", "small_municipality": False, "note": ""}
_RAW_OPTION_DEFAULTS = {"rate": "", "cap_yen": None, "note": ""}


def raw_rule_dict(raw):
    """``rule_dict`` read from a rule block's stored JSON, without building block
    values: converting every choice through the blocks was a large share of the
    finder's time, and the stored JSON already passed RuleBlock.clean."""
    options = [{**_RAW_OPTION_DEFAULTS, **option} for option in _list_items(raw.get("options"))]
    return rule_dict(
        {**_RAW_RULE_DEFAULTS, **raw, "prerequisites": _list_items(raw.get("prerequisites")), "options": options}
    )
