from accounts.checks import demo_passwords_refused, second_factor_required


def test_the_deploy_checks_fail_on_the_development_switches(settings):
    settings.SECOND_FACTOR_REQUIRED = False
    settings.REFUSE_DEMO_PASSWORDS = False
    assert [error.id for error in second_factor_required(None)] == ["accounts.E001"]
    assert [error.id for error in demo_passwords_refused(None)] == ["accounts.E002"]


def test_the_deploy_checks_pass_with_production_values(settings):
    settings.SECOND_FACTOR_REQUIRED = True
    settings.REFUSE_DEMO_PASSWORDS = True
    assert second_factor_required(None) == [] and demo_passwords_refused(None) == []
