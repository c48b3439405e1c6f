import pytest
from django.core.exceptions import ValidationError

from supports.blocks import OptionBlock, RuleBlock


def option(**values):
    return OptionBlock().to_python({"method": "rate", "rate": "1/2", "cap_yen": None, "note": "", **values})


@pytest.mark.parametrize(
    "values",
    [
        {"method": "rate", "rate": ""},
        {"method": "special_tax", "rate": ""},
        {"method": "rate", "rate": "abc"},
        {"method": "rate", "rate": "3/2"},
        {"method": "fixed", "rate": "1/2"},
    ],
)
def test_an_option_the_evaluator_cannot_use_is_refused(values):
    with pytest.raises(ValidationError):
        OptionBlock().clean(option(**values))


@pytest.mark.parametrize(
    "values", [{"method": "rate", "rate": "2/3"}, {"method": "fixed", "rate": "", "cap_yen": 15_000_000}]
)
def test_valid_options_pass(values):
    OptionBlock().clean(option(**values))


def rule(**values):
    data = {
        "label": "町村",
        "applicant_kinds": ["town"],
        "disadvantaged_any": [],
        "max_fiscal_index": "",
        "small_municipality": False,
        "prerequisites": [],
        "note": "",
        "options": [{"method": "rate", "rate": "1/2", "cap_yen": None, "note": ""}],
        **values,
    }
    return RuleBlock().to_python(data)


def test_bad_fiscal_index_is_refused():
    with pytest.raises(ValidationError):
        RuleBlock().clean(rule(max_fiscal_index="-1"))


def test_a_valid_rule_passes():
    RuleBlock().clean(rule(max_fiscal_index="0.8"))


@pytest.mark.django_db
def test_rules_read_from_stored_json_equal_the_block_values():
    from supports.blocks import rule_dict
    from supports.models import SupportProgramPage

    for program in SupportProgramPage.objects.all():
        assert program.rule_dicts() == [rule_dict(block.value) for block in program.rules], program.slug
