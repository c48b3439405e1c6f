import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django_otp import user_has_device

from .policy import ENROL, Account, second_factor_step

# Reachable by a signed-in session that has not shown its second factor yet.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_sprite",
    "wagtailadmin_javascript_catalog",
    "accounts_two_factor_verify",
    "accounts_two_factor_setup",
}


def account_of(user):
    return Account(
        is_superuser=user.is_superuser,
        group_names=frozenset(user.groups.values_list("name", flat=True)),
        has_device=user_has_device(user),
    )


SEEN_KEY = "accounts_seen"


def refresh_due(seen, now, idle_seconds):
    """Whether to push the session's expiry forward now. At most once a
    minute (or twice per idle period, if shorter): each refresh is a session
    write, and reading the admin should not write on every request."""
    return now - seen >= min(60, idle_seconds / 2)


class StaffSessionMiddleware:
    """Idle expiry for every signed-in session, and the second-factor gate in
    front of the whole admin: nothing there (editing, publishing, approving
    a workflow task) is reachable before the step the policy names."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self.keep_alive(request.session)
            step_url = self.pending_step_url(request)
            if step_url:
                return redirect(f"{step_url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def keep_alive(session):
        now = time.time()
        if refresh_due(session.get(SEEN_KEY, 0), now, settings.STAFF_SESSION_IDLE_SECONDS):
            session[SEEN_KEY] = now
            session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)

    def pending_step_url(self, request):
        if request.user.is_verified() or not request.path_info.startswith(reverse("wagtailadmin_home")):
            return None
        try:
            if resolve(request.path_info).url_name in OPEN_VIEWS:
                return None
        except Resolver404:
            return None
        step = second_factor_step(account_of(request.user), settings.SECOND_FACTOR_REQUIRED)
        if step is None:
            return None
        return reverse("accounts_two_factor_setup" if step == ENROL else "accounts_two_factor_verify")
