"""The 相談窓口 with a real SMTP server: the acknowledgement with its
reference number, the staff notification, abuse limits, the inbox."""

import datetime
import re
import time

import pytest
from django.utils import timezone

from cases.models import CaseStudyPage
from desk.forms import started_token
from desk.models import Enquiry, Status
from desk.retention import delete_expired_enquiries
from taxonomy.models import Municipality
from tests.mailserver import body

pytestmark = pytest.mark.django_db
STAFF = "desk-staff@example.jp"


@pytest.fixture
def notify(settings):
    settings.DESK_NOTIFY_EMAIL = [STAFF]


def _data(**values):
    return {
        "municipality": "122386",
        "organisation": "",
        "name": "情報 太郎",
        "email": "taro@example.lg.jp",
        "topic": "case",
        "question": "この事例の導入費用の内訳を教えてください。",
        "consent": "on",
        "website": "",
        "started": started_token(now=time.time() - 30),
        **values,
    }


def _send(client, django_capture_on_commit_callbacks, **values):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post("/desk/", _data(**values))


def test_form_opened_from_a_case_is_prefilled(client):
    case = CaseStudyPage.objects.live().first()
    text = client.get(f"/desk/?page={case.pk}").content.decode()
    assert f'name="related" value="{case.pk}"' in text
    assert case.title in text
    assert re.search(r'value="case"[^>]*checked', text)
    assert not re.search(r'value="program"[^>]*checked', text)


def test_an_enquiry_is_acknowledged_and_staff_notified(client, smtp_server, notify, django_capture_on_commit_callbacks):
    case = CaseStudyPage.objects.live().first()
    response = _send(client, django_capture_on_commit_callbacks, related=str(case.pk))
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert (enquiry.status, enquiry.related_page_id) == (Status.NEW, case.pk)
    thanks = client.get(response["Location"]).content.decode()
    assert enquiry.reference in thanks
    [ack] = smtp_server.to("taro@example.lg.jp")
    assert enquiry.reference in ack["Subject"] and "導入費用の内訳" in body(ack)
    [staff] = smtp_server.to(STAFF)
    assert enquiry.reference in staff["Subject"]
    assert staff["Reply-To"] == "taro@example.lg.jp"
    assert f"/admin/desk_enquiries/edit/{enquiry.pk}/" in body(staff)


@pytest.mark.parametrize("typed", ["いすみ市", "イスミ", "ｲｽﾐｼ", "122386", "12238", "千葉県いすみ市"])
def test_the_body_is_named_by_name_kana_or_code(client, smtp_server, django_capture_on_commit_callbacks, typed):
    assert _send(client, django_capture_on_commit_callbacks, municipality=typed).status_code == 302
    assert Enquiry.objects.get().municipality == Municipality.objects.get(lg_code="122386")


def test_the_form_offers_no_list_of_every_body(client):
    page = client.get("/desk/").content.decode()
    assert page.count("<option") < 10 and 'name="municipality"' in page


def test_free_text_organisation(client, smtp_server, django_capture_on_commit_callbacks):
    assert (
        _send(client, django_capture_on_commit_callbacks, municipality="", organisation="〇〇広域連合").status_code
        == 302
    )
    assert Enquiry.objects.get().organisation_name == "〇〇広域連合"


@pytest.mark.parametrize(
    "values,message",
    [
        ({"municipality": "", "organisation": ""}, "団体（市区町村・都道府県）か、団体名を入力してください"),
        ({"municipality": "存在しない村"}, "当てはまる団体は見つかりませんでした"),
        ({"municipality": "府中"}, "当てはまる団体が複数あります：東京都府中市（市）、広島県府中市（市）"),
        ({"municipality": "122387"}, "検査数字"),
        ({"municipality": "あ" * 101}, "100文字以内"),
        ({"consent": ""}, "同意が必要です"),
        ({"question": "あ" * 4001}, "4000文字以内"),
        ({"email": "x"}, "形式が正しくありません"),
        ({"topic": "spam"}, "一覧から選んでください"),
        ({"started": "just now"}, "短すぎる"),
        ({"started": "forged"}, "有効期限が切れたか"),
        ({"website": "http://spam.example"}, "送信できませんでした"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_kept(
    client, smtp_server, django_capture_on_commit_callbacks, values, message
):
    if values.get("started") == "just now":
        values = {"started": started_token()}
    response = _send(client, django_capture_on_commit_callbacks, **values)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Enquiry.objects.exists() and smtp_server.messages == []


def test_rate_limit_per_client(client, smtp_server, settings, django_capture_on_commit_callbacks):
    settings.DESK_MAX_PER_CLIENT_HOUR = 2
    for _ in range(2):
        assert _send(client, django_capture_on_commit_callbacks).status_code == 302
    refused = _send(client, django_capture_on_commit_callbacks)
    assert refused.status_code == 429 and "1時間に2件まで" in refused.content.decode()
    assert Enquiry.objects.count() == 2


def test_a_mail_server_outage_keeps_the_enquiry(client, smtp_server, django_capture_on_commit_callbacks):
    smtp_server.recorder.refuse.add("taro@example.lg.jp")
    assert _send(client, django_capture_on_commit_callbacks).status_code == 302
    assert Enquiry.objects.count() == 1


def test_thanks_with_a_forged_reference_is_a_404(client):
    assert client.get("/desk/thanks/20261201-AAAAAA:forged/").status_code == 404


def test_retention(settings):
    settings.DESK_RETENTION_DAYS = 30
    for days, reference in ((31, "OLD"), (29, "NEW")):
        enquiry = Enquiry.objects.create(
            reference=reference,
            organisation="x",
            name="x",
            email="x@example.jp",
            topic="other",
            question="x",
            client_digest="x",
        )
        Enquiry.objects.filter(pk=enquiry.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))
    assert "1件を削除" in delete_expired_enquiries()
    assert list(Enquiry.objects.values_list("reference", flat=True)) == ["NEW"]


def _enquiry(reference, status=Status.NEW, question="質問"):
    return Enquiry.objects.create(
        reference=reference,
        organisation="〇〇町",
        name="情報 花子",
        email="h@example.lg.jp",
        topic="program",
        question=question,
        status=status,
        client_digest="x",
    )


def test_inbox_lists_filters_and_exports(client, superuser):
    _enquiry("A1", question='=HYPERLINK("http://evil")')
    _enquiry("B2", status=Status.ANSWERED)
    client.force_login(superuser)
    listing = client.get("/admin/desk_enquiries/")
    assert listing.status_code == 200
    assert "A1" in listing.content.decode() and "B2" in listing.content.decode()
    filtered = client.get("/admin/desk_enquiries/?status=answered").content.decode()
    assert "B2" in filtered and ">A1<" not in filtered
    export = client.get("/admin/desk_enquiries/?export=csv")
    assert export.status_code == 200
    csv_text = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "受付番号" in csv_text and "A1" in csv_text and "対応状況" in csv_text
    assert "新規" in csv_text and "回答済み" in csv_text


def test_staff_change_status_assignee_and_notes(client, superuser):
    enquiry = _enquiry("C3")
    client.force_login(superuser)
    form = client.get(f"/admin/desk_enquiries/edit/{enquiry.pk}/").content.decode()
    assert 'name="internal_notes"' in form and 'name="question"' not in form
    response = client.post(
        f"/admin/desk_enquiries/edit/{enquiry.pk}/",
        {
            "status": "in_progress",
            "assignee": str(superuser.pk),
            "internal_notes": "総務課に確認中",
        },
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.status, enquiry.assignee, enquiry.internal_notes) == ("in_progress", superuser, "総務課に確認中")
    assert client.get("/admin/desk_enquiries/new/").status_code in (302, 403, 404)


def test_editors_without_the_permission_see_no_inbox(client, editor):
    client.force_login(editor)
    assert client.get("/admin/desk_enquiries/").status_code in (302, 403)
