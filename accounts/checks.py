from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def second_factor_required(app_configs, **kwargs):
    """SECOND_FACTOR_REQUIRED=0 exists for development only."""
    if getattr(settings, "SECOND_FACTOR_REQUIRED", True):
        return []
    return [
        Error(
            "SECOND_FACTOR_REQUIRED is off: 承認者 and 管理者 could publish with a password alone.",
            hint="Unset SECOND_FACTOR_REQUIRED; switching it off is for development only.",
            id="accounts.E001",
        )
    ]


@register(Tags.security, deploy=True)
def demo_passwords_refused(app_configs, **kwargs):
    if getattr(settings, "REFUSE_DEMO_PASSWORDS", False):
        return []
    return [
        Error(
            "REFUSE_DEMO_PASSWORDS is off: the published demo passwords would sign in.",
            hint="Use portal.settings.production, which refuses them.",
            id="accounts.E002",
        )
    ]
