"""Editors preview pages before they exist and before they are published."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cases.models import CaseIndexPage, CaseStudyPage
from supports.models import SupportIndexPage

pytestmark = pytest.mark.django_db

NEW_CASE = {
    "title": "プレビュー確認用の合成事例",
    "slug": "preview-check",
    "summary": "保存前のプレビューを確かめるための合成データです。",
    "body": streamfield([]),
    "municipality_links": inline_formset([]),
    "program_links": inline_formset([]),
    "effects": inline_formset([]),
    "links": inline_formset([]),
    "comments": inline_formset([]),
}


def preview(client, url, data):
    posted = client.post(url, nested_form_data(data))
    assert posted.status_code == 200 and posted.json()["is_valid"], posted.content[:2000]
    return client.get(url)


def test_an_unsaved_case_previews_without_a_shortlink(client, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_add", args=("cases", "casestudypage", CaseIndexPage.objects.get().pk))
    response = preview(client, url, NEW_CASE)
    html = response.content.decode()
    assert response.status_code == 200 and "プレビュー確認用の合成事例" in html
    assert 'rel="shortlink"' not in html  # no number yet


def test_an_existing_case_previews_its_edit(client, editor):
    client.force_login(editor)
    case = CaseStudyPage.objects.live().first()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(case.pk,))
    response = preview(client, url, {**NEW_CASE, "slug": case.slug, "title": "編集中の題名"})
    assert response.status_code == 200 and "編集中の題名" in response.content.decode()


def test_an_unsaved_support_program_previews(client, editor):
    client.force_login(editor)
    parent = SupportIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:preview_on_add", args=("supports", "supportprogrampage", parent.pk))
    data = {
        "title": "プレビュー確認用の合成支援策",
        "slug": "preview-program",
        "ministry": "総務省",
        "support_kind": "subsidy",
        "fiscal_year": "2018",
        "rules": streamfield([]),
        "comments": inline_formset([]),
    }
    response = preview(client, url, data)
    assert response.status_code == 200 and "プレビュー確認用の合成支援策" in response.content.decode()
