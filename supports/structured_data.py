"""schema.org data for a support programme: a GovernmentService, and a
MonetaryGrant too when it hands money to the applicant."""

from seo.structured_data import CONTEXT, JAPAN

from .eligibility import describe_option

# Kinds that hand money to the applicant are grants as well as services.
GRANT_KINDS = {"subsidy", "local_finance"}


def _yen(**value):
    return {"@type": "MonetaryAmount", "currency": "JPY", **value}


def _grant_amounts(program):
    """The programme's budget, then the most each class of applicant can
    receive under each option (the terms' caps), named after the class."""
    amounts = [_yen(name="予算額", value=program.budget_yen)] if program.budget_yen is not None else []
    for rule in program.rule_objects():
        for option in rule.options:
            if option.ceiling_yen is not None:
                amounts.append(_yen(name=f"{rule.label}：{describe_option(option)}", maxValue=option.ceiling_yen))
    return amounts


def support_program(program, url):
    ministry = {"@type": "GovernmentOrganization", "name": program.ministry}
    data = {
        "@context": CONTEXT,
        "@type": "GovernmentService",
        "name": program.title,
        "description": program.meta_description(),
        "url": url,
        "serviceType": program.get_support_kind_display(),
        "provider": ministry,
        "areaServed": JAPAN,
    }
    if program.eligible_bodies:
        data["audience"] = {"@type": "Audience", "audienceType": program.eligible_bodies}
    if program.support_kind in GRANT_KINDS:
        data["@type"] = ["GovernmentService", "MonetaryGrant"]
        data["funder"] = ministry
        amounts = _grant_amounts(program)
        if amounts:
            data["amount"] = amounts
    if program.official_url:
        data["sameAs"] = program.official_url
    return data
