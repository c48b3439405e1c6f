from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit
from .models import StaffSession
from .sessions import remember_session

# Credentials key marking an attempt other than a password (a second-factor
# code, a reset request): it counts towards the same lockout as a wrong
# password, but is not logged as a failed sign-in.
ATTEMPT = "portal_attempt"
PAGE_PASSWORD = "page_password"


@receiver(user_logged_in, dispatch_uid="accounts_signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    remember_session(user, request.session.session_key)
    audit.record(audit.SIGNIN, user, request, actor=user)


@receiver(user_logged_out, dispatch_uid="accounts_signed_out")
def signed_out(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        StaffSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(user_login_failed, dispatch_uid="accounts_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    if request is None or credentials.get(ATTEMPT):
        return
    audit.record(audit.SIGNIN_FAILED, audit.account_named(credentials.get("username")), request)


@receiver(user_locked_out, dispatch_uid="accounts_locked_out")
def locked_out(sender, request, username, ip_address, **kwargs):
    audit.logger.warning("lockout username=%r ip=%s", username, ip_address)
    audit.record(audit.LOCKOUT, audit.account_named(username), request)
