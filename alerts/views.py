"""Subscribe, confirm, unsubscribe, manage: thin views over the signed links.
Every answer is a page in Japanese; a bad or expired link is a 400 or 404
that says what to do, never a 500."""

import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts import digests as address_digests
from search.registry import value_labels
from supports.finder import load_finder_data

from . import mail, profiles, tokens
from .forms import SubscribeForm
from .limits import Limits, refusal
from .models import ConfirmationRequest, Subscription
from .states import FINDER, SCOPE_LABELS, describe, search_state

SEND_FAILED = "確認メールを送信できませんでした。時間をおいてもう一度お試しください。"


def _message(request, title, text, status=200, **extra):
    return TemplateResponse(request, "alerts/message.html", {"title": title, "text": text, **extra}, status=status)


def _state(params):
    """(scope, canonical query, label, ignored) or an error message."""
    scope = params.get("scope", "")
    params = params.copy()
    params.pop("scope", None)
    if scope == FINDER:
        query, form, canonical = profiles.read_profile(params, load_finder_data())
        if query is None:
            return "診断の条件に誤りがあります。支援策の診断ページで条件を確かめてから、もう一度お試しください。"
        return scope, canonical, profiles.describe(query), ()
    if scope not in SCOPE_LABELS:
        return "どの一覧の新着を受け取るかが分かりません。事例・支援策・セミナーの一覧や検索結果のリンクからお進みください。"
    state = search_state(scope, params)
    return scope, state.query, describe(scope, state.search, value_labels()), state.ignored


def _limits():
    return Limits(
        settings.ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS,
        settings.ALERTS_MAX_CONFIRMATIONS_PER_ADDRESS_HOUR,
        settings.ALERTS_MAX_CONFIRMATIONS_PER_CLIENT_HOUR,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    state = _state(request.GET)
    if isinstance(state, str):
        return _message(request, "新着メールの登録", state, status=400)
    scope, canonical, label, ignored = state
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "label": label, "ignored": ignored, "action": request.get_full_path()}
    if request.method != "POST":
        return TemplateResponse(request, "alerts/subscribe.html", context)
    if not form.is_valid():
        return TemplateResponse(request, "alerts/subscribe.html", context, status=400)
    email = form.cleaned_data["email"]
    email_digest = tokens.digest(email)
    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    client_digest = address_digests.client_digest(request)
    existing = Subscription.objects.filter(email_digest=email_digest, scope=scope, query=canonical).first()
    refused = refusal(
        _limits(),
        subscriptions=Subscription.objects.filter(email_digest=email_digest).count() - (1 if existing else 0),
        address_mails=ConfirmationRequest.objects.filter(email_digest=email_digest, created_at__gte=hour_ago).count(),
        client_mails=ConfirmationRequest.objects.filter(client_digest=client_digest, created_at__gte=hour_ago).count(),
    )
    if refused:
        form.add_error(None, refused)
        return TemplateResponse(request, "alerts/subscribe.html", context, status=429)
    if existing and existing.confirmed_at:
        message = mail.already(existing)
    else:
        subscription = existing or Subscription(email_digest=email_digest, scope=scope, query=canonical)
        subscription.email, subscription.label = email, label[:500]
        subscription.frequency = form.cleaned_data["frequency"]
        subscription.save()
        message = mail.confirmation(subscription)
    ConfirmationRequest.objects.create(email_digest=email_digest, client_digest=client_digest)
    try:
        message.send()
    except Exception:  # the mail server refused or is away: nothing is kept
        transaction.set_rollback(True)
        form.add_error(None, SEND_FAILED)
        return TemplateResponse(request, "alerts/subscribe.html", context, status=503)
    return redirect("alerts:sent")


def sent(request):
    return _message(
        request,
        "確認メールを送りました",
        "入力したメールアドレスに確認メールを送りました。メールのリンクを開いて登録を確定してください。"
        f"確定するまで新着メールは届きません（{settings.ALERTS_CONFIRM_SECONDS // 86400}日を過ぎると登録は削除されます）。",
    )


def _subscription(pk, nonce):
    return Subscription.objects.filter(pk=pk, nonce=nonce).first()


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        pk, nonce = tokens.read_confirm(token)
    except signing.SignatureExpired:
        return _message(
            request,
            "確認リンクの有効期限切れ",
            "確認リンクの有効期限が切れています。お手数ですが、もう一度登録してください。",
            status=400,
        )
    except signing.BadSignature:
        return _message(
            request,
            "確認リンクが正しくありません",
            "リンクが途中で切れているか、正しくありません。メールのリンク全体を開いてください。",
            status=400,
        )
    subscription = _subscription(pk, nonce)
    if subscription is None:
        return _message(
            request,
            "登録が見つかりません",
            "この登録は停止されたか、期限切れで削除されています。もう一度登録してください。",
            status=404,
        )
    if request.method == "POST":
        if subscription.confirmed_at is None:
            subscription.confirmed_at = subscription.last_checked_at = timezone.now()
            subscription.save(update_fields=["confirmed_at", "last_checked_at"])
        return _message(
            request,
            "登録が完了しました",
            f"「{subscription.label}」の新着を{subscription.get_frequency_display()}お届けします。",
            links=[("このアドレスの登録を確認・停止する", mail.manage_url(subscription.email_digest))],
        )
    return _message(
        request,
        "登録の確定",
        f"「{subscription.label}」の新着メール（{subscription.get_frequency_display()}）の登録を確定します。",
        action=request.path,
        button="登録を確定する",
        csrf=True,
    )


# The signed link is the authority here, and RFC 8058 mail clients POST
# without any cookie or token; this view alone is exempt.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        pk, nonce = tokens.read_unsubscribe(token)
    except signing.BadSignature:
        return _message(
            request,
            "停止リンクが正しくありません",
            "リンクが途中で切れているか、正しくありません。メールのリンク全体を開いてください。",
            status=400,
        )
    subscription = _subscription(pk, nonce)
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()
        return _message(
            request,
            "配信を停止しました",
            "この条件の新着メールの配信を停止しました。メールアドレスも、ほかに登録がなければ削除されています。",
        )
    if subscription is None:
        return _message(request, "配信は停止済みです", "この条件の新着メールは、すでに停止されています。")
    return _message(
        request,
        "配信の停止",
        f"「{subscription.label}」の新着メールを停止します。",
        action=request.path,
        button="配信を停止する",
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        email_digest = tokens.read_manage(token)
    except signing.SignatureExpired:
        return _message(
            request,
            "リンクの有効期限切れ",
            f"このリンクの有効期限（{settings.ALERTS_MANAGE_SECONDS // 86400}日）が切れています。最新の新着メールにあるリンクをお使いください。",
            status=400,
        )
    except signing.BadSignature:
        return _message(
            request,
            "リンクが正しくありません",
            "リンクが途中で切れているか、正しくありません。メールのリンク全体を開いてください。",
            status=400,
        )
    subscriptions = list(Subscription.objects.filter(email_digest=email_digest).order_by("created_at", "pk"))
    if request.method == "POST":
        Subscription.objects.filter(email_digest=email_digest).delete()
        return _message(request, "すべての配信を停止しました", "このメールアドレスの登録をすべて削除しました。")
    rows = [(sub, mail.unsubscribe_url(sub)) for sub in subscriptions]
    return TemplateResponse(request, "alerts/manage.html", {"rows": rows})


def privacy(request):
    return TemplateResponse(
        request,
        "alerts/privacy.html",
        {
            "confirm_days": settings.ALERTS_CONFIRM_SECONDS // 86400,
            "unconfirmed_days": settings.ALERTS_UNCONFIRMED_DAYS,
            "sent_days": settings.ALERTS_SENT_RETENTION_DAYS,
            "limits": _limits(),
        },
    )
