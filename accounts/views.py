from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.account import AccountView
from wagtail.views import authenticate_with_password

from . import audit, devices
from .forms import ENROL_HELP, CodeForm
from .lockouts import active_lockouts
from .sessions import end_other_sessions
from .signals import ATTEMPT, PAGE_PASSWORD


def next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def show_recovery_codes(request, codes):
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": next_url(request)})


def setup(request):
    """Enrolment: scan (or type) the secret, prove it with a code, receive
    recovery codes once. An account with a device must verify first, so a
    stolen password cannot add a second device."""
    user = request.user
    if devices.has_app_device(user):
        return redirect("accounts_two_factor" if user.is_verified() else "accounts_two_factor_verify")
    device = devices.pending_app_device(user)
    form = CodeForm(request.POST or None, help_text=ENROL_HELP)
    if form.is_valid():
        if devices.confirm_app_device(device, form.cleaned_data["code"]):
            codes = devices.issue_recovery_codes(user)
            otp_login(request, device)
            end_other_sessions(user, keep_session_key=request.session.session_key)
            audit.record(audit.SECOND_FACTOR_ENROLLED, user, request, actor=user)
            return show_recovery_codes(request, codes)
        form.add_error("code", "確認コードが正しくありません。認証アプリに今表示されている数字を入力してください。")
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr_svg": devices.qr_svg(device.config_url),
            "secret": devices.typed_secret(device),
            "next": next_url(request),
        },
    )


def verify(request):
    """The second step of signing in. Wrong codes count towards the same
    lockout as wrong passwords (per account and client address)."""
    user = request.user
    if user.is_verified() or not user_has_device(user):
        return redirect(next_url(request))
    credentials = {"username": user.get_username(), ATTEMPT: "second_factor"}
    if AxesProxyHandler.is_locked(request, credentials):
        return locked_out(request)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = devices.remaining_recovery_codes(user)
                messages.warning(request, f"回復コードでサインインしました。残りの回復コードは{left}個です。")
            return redirect(next_url(request))
        audit.record(audit.SECOND_FACTOR_FAILED, user, request)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
        form.add_error("code", "確認コードが正しくありません。")
    return render(request, "accounts/verify.html", {"form": form, "next": next_url(request)})


def locked_out(request):
    logout(request)
    return lockout_response(request)


def lockout_response(request, original_response=None, credentials=None):
    """The same page whether or not the account exists (axes counts names,
    not accounts), and it names no account. A visitor locked out of a
    password-protected page gets the public site's version."""
    public = (credentials or {}).get(ATTEMPT) == PAGE_PASSWORD
    return render(
        request,
        "accounts/page_password_locked.html" if public else "accounts/lockout.html",
        {"minutes": settings.AXES_COOLOFF_MINUTES},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def page_password(request, page_view_restriction_id, page_id):
    """Wagtail's form for a password-protected page, under the same limit,
    counted per restriction and client address. Wagtail answers a wrong
    password by showing the form again (200), a right one with a redirect."""
    credentials = {"username": f"page-password:{page_view_restriction_id}", ATTEMPT: PAGE_PASSWORD}
    if request.method == "POST" and AxesProxyHandler.is_locked(request, credentials):
        return lockout_response(request, credentials=credentials)
    response = authenticate_with_password(request, page_view_restriction_id, page_id)
    if request.method == "POST" and response.status_code == 200:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return response


wagtail_account = AccountView.as_view()
PASSWORD_CHANGE = "password_change"


def account(request):
    """Wagtail's account page, with its change-password form under the
    sign-in limit: the current password it asks for is a secret a stolen
    session could guess at. Wrong ones count per account and client address;
    past the limit the session is ended and the lockout page shown."""
    old_password = request.POST.get("password-old_password") if request.method == "POST" else None
    if not old_password:
        return wagtail_account(request)
    user = request.user
    credentials = {"username": user.get_username(), ATTEMPT: PASSWORD_CHANGE}
    if AxesProxyHandler.is_locked(request, credentials):
        return locked_out(request)
    if not user.check_password(old_password):
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return locked_out(request)
    return wagtail_account(request)


def status(request):
    user = request.user
    if request.method == "POST" and devices.has_app_device(user):
        codes = devices.issue_recovery_codes(user)
        audit.record(audit.RECOVERY_CODES_RENEWED, user, request, actor=user)
        return show_recovery_codes(request, codes)
    return render(
        request,
        "accounts/status.html",
        {
            "enrolled": devices.has_app_device(user),
            "recovery_codes_left": devices.remaining_recovery_codes(user),
        },
    )


def superuser_only(view):
    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@superuser_only
def overview(request):
    """Current lockouts and every staff account's second factor, for 管理者."""
    User = get_user_model()
    accounts = (
        User.objects.filter(is_active=True)
        .filter(Q(groups__isnull=False) | Q(is_staff=True) | Q(is_superuser=True))
        .distinct()
        .annotate(enrolled=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .order_by(User.USERNAME_FIELD)
    )
    return render(
        request,
        "accounts/overview.html",
        {
            "lockouts": active_lockouts(),
            "accounts": accounts,
        },
    )


@require_POST
@superuser_only
def unlock(request, pk):
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    audit.record(
        audit.LOCKOUT_LIFTED,
        audit.account_named(attempt.username),
        request,
        actor=request.user,
        target_ip=attempt.ip_address,
    )
    attempt.delete()
    messages.success(request, "サインインの一時停止を解除しました。")
    return redirect("accounts_overview")


@require_POST
@superuser_only
def reset_second_factor(request, user_id):
    account = get_object_or_404(get_user_model(), pk=user_id)
    devices.remove_devices(account)
    end_other_sessions(account, keep_session_key=request.session.session_key if account == request.user else None)
    audit.record(audit.SECOND_FACTOR_RESET, account, request, actor=request.user)
    messages.success(
        request, f"{account.get_username()} の二段階認証をリセットしました。次のサインインで登録し直します。"
    )
    return redirect("accounts_overview")
