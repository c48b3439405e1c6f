"""Seminars through the Wagtail admin, as the 編集者 and 承認者 use it."""

import datetime
import json

import pytest
from django.test import Client
from django.urls import reverse

from events.models import Seminar
from taxonomy.models import Field, Prefecture
from tests.events.helpers import make_seminar

pytestmark = pytest.mark.django_db

DESCRIPTION = json.dumps(
    {
        "blocks": [
            {
                "key": "a1b2c",
                "text": "合成の説明文です。",
                "type": "unstyled",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)


def url(name, *args):
    return reverse(f"wagtailsnippets_events_seminar:{name}", args=args)


def form_data(**overrides):
    data = {
        "title": "管理画面から登録した合成セミナー",
        "slug": "admin-synthetic-seminar",
        "kind": "workshop",
        "description": DESCRIPTION,
        "fee": "無料",
        "capacity": "40",
        "registration_url": "",
        "organiser": "合成主催者",
        "source": "",
        "start_date": "2018-03-01",
        "end_date": "",
        "start_time": "13:30",
        "end_time": "16:00",
        "venue": "合成会場",
        "city": "福岡市",
        "prefecture": str(Prefecture.objects.get(slug="fukuoka").pk),
        "block": "",
        "status": "scheduled",
        "status_reason": "",
        "fields": [str(Field.objects.get(slug="health").pk)],
        "tags": "合成タグ",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def approver_client(client, approver):
    client.force_login(approver)
    return client


def test_list_loads_with_filters_and_search(editor_client):
    response = editor_client.get(url("list"))
    assert response.status_code == 200
    assert "地域ICT/IoT実装推進セミナーin富山" in response.content.decode()
    for query in (
        {"progress": "cancelled"},
        {"kind": "exhibition"},
        {"block": "5"},
        {"start_date_from": "2018-02-01", "start_date_to": "2018-02-28"},
    ):
        assert editor_client.get(url("list"), query).status_code == 200
    cancelled = editor_client.get(url("list"), {"progress": "cancelled"}).context["object_list"]
    assert [s.slug for s in cancelled] == ["ict-iot-jisso-seminar-fy2017-hokuriku"]
    held = editor_client.get(url("list"), {"progress": "held"}).context["object_list"]
    assert "ict-iot-jisso-seminar-fy2017-hokuriku" not in {s.slug for s in held}


def test_admin_search_finds_a_word_inside_a_japanese_title(editor_client):
    html = editor_client.get(url("list"), {"q": "富山"}).content.decode()
    assert "地域ICT/IoT実装推進セミナーin富山" in html


def test_editor_creates_a_draft_and_cannot_publish(editor_client):
    assert editor_client.get(url("add")).status_code == 200
    response = editor_client.post(url("add"), form_data(**{"action-publish": "action-publish"}))
    assert response.status_code == 302
    seminar = Seminar.objects.get(slug="admin-synthetic-seminar")
    assert not seminar.live  # no publish permission: saved as a draft
    assert seminar.block.slug == "kyushu"  # derived from 福岡県
    assert seminar.start.isoformat() == "2018-03-01T13:30:00+09:00"
    assert [f.slug for f in seminar.fields.all()] == ["health"]
    assert [t.name for t in seminar.tags.all()] == ["合成タグ"]
    assert "合成の説明文です。" in seminar.description


def test_editor_submits_and_approver_publishes(editor_client, editor, approver):
    editor_client.post(url("add"), form_data(**{"action-submit": "action-submit"}))
    seminar = Seminar.objects.get(slug="admin-synthetic-seminar")
    state = seminar.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert not seminar.live
    state.current_task_state.approve(user=approver)
    seminar.refresh_from_db()
    assert seminar.live
    assert seminar.first_published_at is not None


def test_editor_edits_and_the_change_waits_for_moderation(editor_client, approver):
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-kyushu")
    data = form_data(
        slug=seminar.slug, title="合成：改題したセミナー", start_date="2018-02-20", **{"action-submit": "action-submit"}
    )
    response = editor_client.post(url("edit", seminar.pk), data)
    assert response.status_code == 302
    seminar.refresh_from_db()
    assert seminar.title == "地域ICT/IoT実装推進セミナーin熊本"  # live content unchanged until approved
    assert seminar.has_unpublished_changes
    seminar.current_workflow_state.current_task_state.approve(user=approver)
    seminar.refresh_from_db()
    assert seminar.title == "合成：改題したセミナー"


def test_approver_publishes_directly_and_can_schedule(approver_client):
    response = approver_client.post(url("add"), form_data(**{"action-publish": "action-publish"}))
    assert response.status_code == 302
    assert Seminar.objects.get(slug="admin-synthetic-seminar").live
    later = form_data(
        slug="scheduled-synthetic-seminar", go_live_at="2099-01-01 09:00", **{"action-publish": "action-publish"}
    )
    approver_client.post(url("add"), later)
    scheduled = Seminar.objects.get(slug="scheduled-synthetic-seminar")
    assert not scheduled.live and scheduled.scheduled_revision is not None


def test_editor_may_not_delete(editor_client):
    seminar = Seminar.objects.get(slug="2017-01-24-kagawa-briefing")
    assert editor_client.get(url("delete", seminar.pk)).status_code in (302, 403)
    assert Seminar.objects.filter(pk=seminar.pk).exists()


def test_approver_may_delete(approver_client):
    seminar = make_seminar()
    assert approver_client.post(url("delete", seminar.pk)).status_code == 302
    assert not Seminar.objects.filter(pk=seminar.pk).exists()


def test_locking(approver, editor_client):
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-kanto")
    approver_client = Client()
    approver_client.force_login(approver)
    approver_client.post(url("lock", seminar.pk))
    seminar.refresh_from_db()
    assert seminar.locked and seminar.locked_by == approver
    editor_client.post(url("edit", seminar.pk), form_data(slug=seminar.slug, title="ロック中の変更"))
    seminar.refresh_from_db()
    assert seminar.get_latest_revision_as_object().title != "ロック中の変更"


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"end_date": "2018-02-01"}, "end_date", "終了日は開始日より後の日付にしてください。"),
        ({"start_time": "", "end_time": "16:00"}, "end_time", "終了時刻だけを入力することはできません。"),
        ({"end_time": "12:00"}, "end_time", "終了時刻は開始時刻より後にしてください。"),
        ({"status": "cancelled"}, "status_reason", "中止・延期のときは理由を入力してください"),
        ({"status_reason": "理由だけ"}, "status_reason", "理由は中止・延期のときだけ入力します。"),
        ({"slug": "2018"}, "slug", "英字を1文字以上含めてください"),
        ({"slug": "日本語"}, "slug", "半角の英数字"),
        ({"end_date": "2018-03-02", "end_time": ""}, "end_time", "終了時刻も入れてください"),
    ],
)
def test_validation_messages(editor_client, overrides, field, message):
    response = editor_client.post(url("add"), form_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors.get(field, []))
    assert not Seminar.objects.filter(title="管理画面から登録した合成セミナー").exists()


def test_preview_renders_the_public_page(editor_client):
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-hokuriku")
    preview_url = url("preview_on_edit", seminar.pk)
    assert editor_client.post(preview_url, form_data(slug=seminar.slug, title="プレビューの合成題名")).json()[
        "is_valid"
    ]
    html = editor_client.get(preview_url).content.decode()
    assert "プレビューの合成題名" in html and "application/ld+json" in html


def test_history_and_inspect_load(editor_client):
    seminar = Seminar.objects.get(slug="ict-iot-jisso-seminar-fy2017-hokuriku")
    assert editor_client.get(url("history", seminar.pk)).status_code == 200
    assert editor_client.get(url("inspect", seminar.pk)).status_code == 200


def test_seminar_without_a_prefecture_keeps_the_block_the_editor_chose():
    seminar = make_seminar(block_id=None, prefecture=None)
    seminar.block = Prefecture.objects.get(slug="niigata").block
    seminar.save()
    seminar.refresh_from_db()
    assert seminar.block.slug == "shinetsu"
    seminar.prefecture = Prefecture.objects.get(slug="toyama")
    seminar.save()
    seminar.refresh_from_db()
    assert seminar.block.slug == "hokuriku"  # a prefecture decides the block
    assert datetime.date(2018, 2, 14) == seminar.start_date


def test_preview_of_a_seminar_not_yet_saved(editor_client):
    preview_url = url("preview_on_add")
    assert editor_client.post(preview_url, form_data(title="保存前の合成セミナー")).json()["is_valid"]
    response = editor_client.get(preview_url)
    assert response.status_code == 200 and "保存前の合成セミナー" in response.content.decode()
