"""The audit report: page actions and sign-in events together, filterable,
exportable, for 管理者 only, in a constant number of queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.log_actions import log

from accounts import audit
from cases.models import CaseStudyPage

from .conftest import CLIENT, sign_in

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/audit/"


def test_publishes_and_sign_ins_side_by_side(client, staff):
    sign_in(client, "syounin")
    client.logout()
    page = CaseStudyPage.objects.first()
    page.save_revision(user=staff["approver"]).publish(user=staff["approver"])
    client.force_login(staff["admin"])
    html = client.get(REPORT).content.decode()
    assert "監査ログ" in html
    assert f"サインインしました（接続元 {CLIENT}）" in html
    assert page.title in html and "syounin" in html


def test_filter_by_action(client, staff):
    sign_in(client, "syounin")
    client.logout()
    page = CaseStudyPage.objects.first()
    page.save_revision(user=staff["approver"]).publish(user=staff["approver"])
    client.force_login(staff["admin"])
    html = client.get(REPORT, {"action": audit.SIGNIN}).content.decode()
    assert "サインインしました" in html and page.title not in html


def test_csv_export_has_the_client_address(client, staff):
    sign_in(client, "syounin")
    client.logout()
    client.force_login(staff["admin"])
    response = client.get(REPORT, {"export": "csv", "action": audit.SIGNIN})
    assert response.status_code == 200 and "csv" in response["Content-Type"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    signins = [row for row in rows if row["接続元"] == CLIENT]
    assert signins and signins[0]["内容"] == f"サインインしました（接続元 {CLIENT}）"


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_only_administrators_see_the_report(client, staff, role):
    client.force_login(staff[role])
    response = client.get(REPORT)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_bad_filters_do_not_break_the_report(client, staff):
    client.force_login(staff["admin"])
    for params in ({"timestamp_after": "昨日"}, {"user": "abc"}, {"action": "<script>"}, {"p": "9999"}):
        assert client.get(REPORT, params).status_code in (200, 404)


def queries_for_report(client, staff, entries):
    for n in range(entries):
        log(instance=staff["editor"], action=audit.SIGNIN, user=staff["editor"], data={"ip": f"192.0.2.{n % 250}"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REPORT).status_code == 200
    return len(queries)


def test_the_report_costs_the_same_queries_for_few_and_many_entries(client, staff):
    client.force_login(staff["admin"])
    client.get(REPORT)
    # Past one page (50) of sign-ins, so each page holds the same kinds of entry.
    few = queries_for_report(client, staff, 60)
    many = queries_for_report(client, staff, 240)
    assert few == many
