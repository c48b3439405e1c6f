"""The sending job against a real SMTP server: what is sent, what is not,
one-click unsubscribe, and no duplicates when a batch is interrupted."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.models import SentItem, Subscription
from alerts.profiles import read_profile
from alerts.sending import delete_stale, send_due_alerts
from supports.finder import load_finder_data, run_finder
from supports.models import SupportProgramPage
from taxonomy.models import Field
from tests.factories import CaseFactory
from tests.mailserver import body

from .conftest import links, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def health(db):
    return Field.objects.get(slug="health")


@pytest.fixture
def disaster(db):
    return Field.objects.get(slug="disaster")


def test_a_matching_publish_is_mailed_and_nothing_else(smtp_server, quiet, health, disaster):
    subscribe("cases", "field=health", email="a@example.lg.jp")
    CaseFactory(title="見守りセンサーの合成事例", fields=[health])
    CaseFactory(title="防災だけの合成事例", fields=[disaster])
    CaseFactory(title="下書きの合成事例", fields=[health], publish=False)
    assert "1通送信" in send_due_alerts()
    [mail] = smtp_server.to("a@example.lg.jp")
    text = body(mail)
    assert "新着1件" in mail["Subject"]
    assert "■ 見守りセンサーの合成事例" in text and "/cases/" in text
    assert "理由：新着：分野：医療・介護・健康に一致" in text
    assert "防災だけの合成事例" not in text and "下書きの合成事例" not in text


def test_no_mail_when_only_non_matching_or_draft_items_appear(smtp_server, quiet, health, disaster):
    subscribe("cases", "field=health", email="a@example.lg.jp")
    CaseFactory(title="防災だけの合成事例", fields=[disaster])
    CaseFactory(title="下書きの合成事例", fields=[health], publish=False)
    send_due_alerts()
    assert smtp_server.messages == []


def test_a_withdrawn_item_is_not_announced(smtp_server, quiet, health):
    subscribe("cases", "field=health", email="a@example.lg.jp")
    case = CaseFactory(title="すぐ取り下げた合成事例", fields=[health])
    case.unpublish()
    send_due_alerts()
    assert smtp_server.messages == []


def test_search_states_with_text_match_like_the_search(smtp_server, quiet, health):
    subscribe("search", "q=棚田センサー", email="a@example.lg.jp")
    CaseFactory(title="棚田センサーの合成事例", fields=[health])
    CaseFactory(title="棚田だけの合成事例", fields=[health])
    send_due_alerts()
    text = body(smtp_server.to("a@example.lg.jp")[0])
    assert "棚田センサーの合成事例" in text and "棚田だけの合成事例" not in text
    assert "「棚田センサー」を含む" in text


def test_one_click_unsubscribe_by_rfc_8058_post(smtp_server, quiet, health):
    subscribe("cases", "field=health", email="a@example.lg.jp")
    CaseFactory(fields=[health])
    send_due_alerts()
    [mail] = smtp_server.messages
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_path = links(mail["List-Unsubscribe"].strip("<>"), "/alerts/unsubscribe/")[0]
    assert header_path in links(body(mail), "/alerts/unsubscribe/")
    # A mail client's POST: no cookie, no CSRF token, the RFC's body.
    response = Client(enforce_csrf_checks=True).post(
        header_path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.exists()
    CaseFactory(fields=[health])
    send_due_alerts()
    assert len(smtp_server.messages) == 1
    again = Client(enforce_csrf_checks=True).post(
        header_path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert again.status_code == 200, "unsubscribing twice is still a success"


def test_an_interrupted_batch_rerun_sends_no_duplicates(smtp_server, quiet, health):
    addresses = [f"user{n}@example.lg.jp" for n in range(4)]
    for address in addresses:
        subscribe("cases", "field=health", email=address)
    CaseFactory(title="一度だけ届く合成事例", fields=[health])
    smtp_server.recorder.refuse.add(addresses[2])
    summary = send_due_alerts(batch_size=2)
    assert "3通送信" in summary and "1通は送信できず" in summary
    smtp_server.recorder.refuse.clear()
    send_due_alerts(batch_size=2)
    # A rerun of the whole batch after its watermarks were lost: the sent
    # records alone must keep it from mailing again.
    Subscription.objects.update(last_checked_at=timezone.now() - datetime.timedelta(minutes=1))
    send_due_alerts(batch_size=2)
    for address in addresses:
        assert len(smtp_server.to(address)) == 1, address
    assert SentItem.objects.count() == 4


def test_daily_and_weekly_wait_for_their_period(smtp_server, quiet, health):
    daily = subscribe("cases", "field=health", email="d@example.lg.jp", frequency="daily")
    weekly = subscribe("cases", "field=health", email="w@example.lg.jp", frequency="weekly")
    CaseFactory(fields=[health])
    send_due_alerts()
    assert smtp_server.messages == []
    Subscription.objects.filter(pk=daily.pk).update(last_checked_at=timezone.now() - datetime.timedelta(days=1))
    Subscription.objects.filter(pk=weekly.pk).update(last_checked_at=timezone.now() - datetime.timedelta(days=2))
    send_due_alerts()
    assert [m["To"] for m in smtp_server.messages] == ["d@example.lg.jp"]


def _told_program(params):
    outcome = run_finder(QueryDict(params))
    return next(r.program for r in outcome.grouped_results if r.status != "ineligible")


def test_finder_profile_gets_the_deadline_reminder_once(smtp_server, quiet):
    params = "applicant_kind=town"
    program = SupportProgramPage.objects.get(pk=_told_program(params).pk)
    today = timezone.localdate()
    program.application_open = today - datetime.timedelta(days=30)
    program.application_close = today + datetime.timedelta(days=5)
    program.save_revision().publish()
    profile, _, canonical = read_profile(params, load_finder_data())
    subscribe("finder", canonical, email="town@example.lg.jp")
    # The change itself is older than the subscription: only the reminder is news.
    from search.models import SearchDocument

    SearchDocument.objects.update(updated_at=timezone.now() - datetime.timedelta(days=1))
    send_due_alerts()
    [mail] = smtp_server.to("town@example.lg.jp")
    text = body(mail)
    assert program.title in text
    close = program.application_close
    assert f"募集締切：{close.year}年{close.month}月{close.day}日（あと5日）" in text
    Subscription.objects.update(last_checked_at=timezone.now() - datetime.timedelta(days=1))
    send_due_alerts()
    assert len(smtp_server.to("town@example.lg.jp")) == 1, "a reminder is sent once per date"


def test_a_profile_that_rules_a_program_out_gets_no_reminder(smtp_server, quiet):
    program = SupportProgramPage.objects.get(pk=_told_program("applicant_kind=town").pk)
    program.application_open = timezone.localdate() + datetime.timedelta(days=3)
    program.application_close = timezone.localdate() + datetime.timedelta(days=40)
    program.save_revision().publish()
    other_kinds = [
        kind for kind, _ in SupportProgramPage._meta.get_field("support_kind").choices if kind != program.support_kind
    ]
    profile, _, canonical = read_profile(f"applicant_kind=town&support_kind={other_kinds[0]}", load_finder_data())
    assert profile is not None
    subscribe("finder", canonical, email="town@example.lg.jp")
    send_due_alerts()
    assert all(program.title not in body(m) for m in smtp_server.messages)


def _queries_for(count, health):
    Subscription.objects.all().delete()
    for n in range(count):
        subscribe("cases", "field=health" if n % 2 else "q=見守り", email=f"u{count}-{n}@example.lg.jp")
    CaseFactory(title=f"見守りの合成事例{count}", fields=[health])
    with CaptureQueriesContext(connection) as captured:
        send_due_alerts(batch_size=100)
    return len(captured)


def test_queries_per_batch_do_not_grow_with_subscriptions(smtp_server, quiet, health):
    assert _queries_for(3, health) == _queries_for(30, health)
    assert len(smtp_server.messages) == 33


def test_stale_subscriptions_and_records_are_deleted(settings):
    old = subscribe("cases", "field=health", email="old@example.lg.jp", confirmed=False)
    fresh = subscribe("cases", "field=health", email="new@example.lg.jp", confirmed=False)
    kept = subscribe("cases", "field=health", email="kept@example.lg.jp")
    Subscription.objects.filter(pk__in=[old.pk, kept.pk]).update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert "1件を削除" in delete_stale()
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}


def test_a_mail_server_that_is_away_claims_nothing(smtp_server, quiet, health, settings):
    subscription = subscribe("cases", "field=health", email="a@example.lg.jp")
    CaseFactory(title="待たされる合成事例", fields=[health])
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = 9  # nothing listens
    with pytest.raises(OSError):
        send_due_alerts()
    assert not SentItem.objects.exists()
    assert Subscription.objects.get().last_checked_at == subscription.last_checked_at
    settings.EMAIL_PORT = port
    send_due_alerts()
    assert "待たされる合成事例" in body(smtp_server.to("a@example.lg.jp")[0])
