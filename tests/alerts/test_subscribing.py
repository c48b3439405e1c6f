"""Subscribing through the site, with a real SMTP server: confirmation,
nothing before confirming, limits, and every bad link answered in Japanese."""

import pytest
from django.core import signing
from django.test import Client

from alerts import tokens
from alerts.models import ConfirmationRequest, Subscription
from alerts.sending import send_due_alerts
from taxonomy.models import Field
from tests.factories import CaseFactory
from tests.mailserver import body

from .conftest import links, subscribe

pytestmark = pytest.mark.django_db
ADDRESS = "joho@example.lg.jp"


def _ask(client, query="scope=cases&field=health&sort=newest&page=2", email=ADDRESS, frequency="immediate"):
    return client.post(f"/alerts/subscribe/?{query}", {"email": email, "frequency": frequency})


def test_the_form_names_the_state_without_its_presentation(client):
    response = client.get("/alerts/subscribe/?scope=cases&field=health&sort=title&page=3")
    assert response.status_code == 200
    text = response.content.decode()
    assert "事例（分野：" in text
    assert 'name="email"' in text and 'autocomplete="email"' in text


def test_confirmation_mail_and_nothing_before_confirming(client, smtp_server, quiet):
    response = _ask(client)
    assert response.status_code == 302 and response["Location"] == "/alerts/subscribe/sent/"
    subscription = Subscription.objects.get()
    assert (subscription.scope, subscription.query, subscription.confirmed_at) == ("cases", "field=health", None)
    [confirmation] = smtp_server.to(ADDRESS)
    assert "登録確認" in confirmation["Subject"]
    [path] = links(body(confirmation), "/alerts/confirm/")

    health = Field.objects.get(slug="health")
    CaseFactory(title="確認前に公開された事例", fields=[health])
    send_due_alerts()
    assert len(smtp_server.to(ADDRESS)) == 1, "nothing may be sent before the address is confirmed"

    page = client.get(path)
    assert page.status_code == 200 and "登録を確定する" in page.content.decode()
    assert Subscription.objects.get().confirmed_at is None, "opening the link (a mail scanner) does not confirm"
    assert client.post(path).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None

    CaseFactory(title="確認後に公開された事例", fields=[health])
    send_due_alerts()
    digest_mail = smtp_server.to(ADDRESS)[-1]
    assert "確認後に公開された事例" in body(digest_mail)
    assert "確認前に公開された事例" not in body(digest_mail)


def test_the_same_state_twice_is_one_subscription(client, smtp_server):
    _ask(client, "scope=cases&field=health&field=health&sort=title")
    _ask(client, "scope=cases&sort=newest&field=health")
    assert Subscription.objects.count() == 1


def test_asking_again_for_a_confirmed_state_says_so_by_mail(client, smtp_server):
    subscribe("cases", "field=health", email=ADDRESS)
    assert _ask(client).status_code == 302
    assert Subscription.objects.count() == 1
    assert "すでに登録されています" in smtp_server.to(ADDRESS)[-1]["Subject"]


def test_confirmation_mails_per_address_are_limited(client, smtp_server, settings):
    settings.ALERTS_MAX_CONFIRMATIONS_PER_ADDRESS_HOUR = 2
    for field in ("health", "disaster"):
        assert _ask(client, f"scope=cases&field={field}").status_code == 302
    refused = _ask(client, "scope=cases&field=tourism")
    assert refused.status_code == 429
    assert "1時間に2通まで" in refused.content.decode()
    assert len(smtp_server.to(ADDRESS)) == 2


def test_confirmation_mails_per_client_are_limited(client, smtp_server, settings):
    settings.ALERTS_MAX_CONFIRMATIONS_PER_CLIENT_HOUR = 2
    for n in range(2):
        assert _ask(client, email=f"user{n}@example.lg.jp").status_code == 302
    refused = _ask(client, email="user9@example.lg.jp")
    assert refused.status_code == 429 and "1時間ほどおいて" in refused.content.decode()


def test_subscriptions_per_address_are_limited(client, smtp_server, settings):
    settings.ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS = 1
    subscribe("search", "q=見守り", email=ADDRESS)
    refused = _ask(client)
    assert refused.status_code == 429 and "1件までです" in refused.content.decode()


def test_a_refused_mail_keeps_nothing(client, smtp_server):
    smtp_server.recorder.refuse.add(ADDRESS)
    response = _ask(client)
    assert response.status_code == 503 and "送信できませんでした" in response.content.decode()
    assert not Subscription.objects.exists() and not ConfirmationRequest.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": "", "frequency": "daily"}, "メールアドレスを入力してください"),
        ({"email": "not-an-address", "frequency": "daily"}, "形式が正しくありません"),
        ({"email": ADDRESS, "frequency": "hourly"}, "一覧から選んでください"),
    ],
)
def test_form_errors_are_shown_and_linked(client, data, message):
    response = client.post("/alerts/subscribe/?scope=search&q=見守り", data)
    text = response.content.decode()
    assert response.status_code == 400 and message in text
    assert 'role="alert"' in text and 'aria-invalid="true"' in text


@pytest.mark.parametrize("query", ["", "scope=nothing", "scope=finder&cost=abc", "scope=finder&municipality=999999"])
def test_unknown_states_are_a_400_in_japanese(client, query):
    response = client.get(f"/alerts/subscribe/?{query}")
    assert response.status_code == 400
    assert "お試しください" in response.content.decode() or "お進みください" in response.content.decode()


def test_bad_and_expired_links(client, settings):
    subscription = subscribe("cases", "field=health", confirmed=False)
    assert client.get("/alerts/confirm/garbage/").status_code == 400
    assert client.get("/alerts/unsubscribe/garbage/").status_code == 400
    assert client.post("/alerts/unsubscribe/1.x:garbage/").status_code == 400
    assert client.get("/alerts/manage/garbage/").status_code == 400
    token = tokens.confirm_token(subscription)
    settings.ALERTS_CONFIRM_SECONDS = -1
    expired = client.get(f"/alerts/confirm/{token}/")
    assert expired.status_code == 400 and "有効期限" in expired.content.decode()


def test_a_link_dies_with_its_subscription(client):
    subscription = subscribe("cases", "field=health", confirmed=False)
    token = tokens.confirm_token(subscription)
    subscription.delete()
    assert client.get(f"/alerts/confirm/{token}/").status_code == 404


def test_manage_lists_and_removes_every_subscription_of_the_address(smtp_server):
    client = Client(enforce_csrf_checks=True)
    first = subscribe("cases", "field=health", email=ADDRESS, label="事例（分野：健康・医療・福祉）")
    subscribe("search", "q=見守り", email=ADDRESS, label="サイト内検索（「見守り」）")
    subscribe("search", "q=見守り", email="other@example.lg.jp")
    page = client.get(f"/alerts/manage/{tokens.manage_token(first.email_digest)}/")
    text = page.content.decode()
    assert "事例（分野：健康・医療・福祉）" in text and "サイト内検索（「見守り」）" in text
    assert text.count("停止する</button>") == 2
    assert client.post(f"/alerts/manage/{tokens.manage_token(first.email_digest)}/").status_code == 403, (
        "CSRF applies here"
    )
    csrf = Client()
    csrf.post(f"/alerts/manage/{tokens.manage_token(first.email_digest)}/")
    assert list(Subscription.objects.values_list("email", flat=True)) == ["other@example.lg.jp"]


def test_privacy_note_states_the_limits_and_periods(client, settings):
    settings.ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS = 17
    text = client.get("/alerts/privacy/").content.decode()
    assert "17件まで" in text and "7日後に削除" in text


def test_unsubscribe_tokens_are_signed_values():
    with pytest.raises(signing.BadSignature):
        tokens.read_unsubscribe("1.abc:forged")
