"""One worker at a time, whatever the number started: the lease, the
takeover, and a scheduled page published exactly once."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from cases.models import CaseStudyPage
from periodic import lease
from periodic.schedule import Job, parse
from periodic.worker import LEASE_NAME, Worker
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

LEASE = 30
RUNS = []


def record_run():
    RUNS.append(True)
    return f"run {len(RUNS)}"


RECORD = Job("tests.periodic.test_worker.record_run", 1)


@pytest.fixture(autouse=True)
def no_runs():
    RUNS.clear()


def at(seconds):
    return timezone.now() + datetime.timedelta(seconds=seconds)


def test_only_the_holder_runs_and_the_other_waits():
    first, second = Worker([RECORD], LEASE, holder="a"), Worker([RECORD], LEASE, holder="b")
    assert first.tick() == [(RECORD.path, "run 1")]
    assert second.tick() == []
    assert not second.holding
    assert len(RUNS) == 1


def test_a_dead_holder_is_taken_over_once_its_lease_expires():
    first, second = Worker([RECORD], LEASE, holder="a"), Worker([RECORD], LEASE, holder="b")
    first.tick(now=at(0))
    assert second.tick(now=at(LEASE - 1)) == []
    assert second.tick(now=at(LEASE + 1)) == [(RECORD.path, "run 2")]
    assert second.holding


def test_a_holder_that_lost_its_lease_runs_nothing_more():
    """Paused past its expiry (a long GC, a frozen VM): when it wakes up,
    its successor holds the lease and it must not run a job beside it."""
    first, second = Worker([RECORD], LEASE, holder="a"), Worker([RECORD], LEASE, holder="b")
    first.tick(now=at(0))
    second.tick(now=at(LEASE + 1))
    assert first.run(RECORD, now=at(LEASE + 2)) is None
    assert first.tick(now=at(LEASE + 2)) == []
    assert len(RUNS) == 2


def test_a_clean_stop_hands_over_at_once():
    first, second = Worker([RECORD], LEASE, holder="a"), Worker([RECORD], LEASE, holder="b")
    first.tick()
    first.stop()
    assert second.tick() == [(RECORD.path, "run 2")]


def test_renewal_keeps_the_lease_past_its_first_expiry():
    first, second = Worker([RECORD], LEASE, holder="a"), Worker([RECORD], LEASE, holder="b")
    first.tick(now=at(0))
    first.tick(now=at(LEASE - 5))
    assert second.tick(now=at(LEASE + 1)) == []


def test_acquire_and_renew_are_refused_to_others():
    assert lease.acquire(LEASE_NAME, "a", LEASE)
    assert not lease.acquire(LEASE_NAME, "b", LEASE)
    assert not lease.renew(LEASE_NAME, "b", LEASE)
    assert lease.renew(LEASE_NAME, "a", LEASE)


def failing():
    raise RuntimeError("合成の失敗")


def test_a_failing_job_is_reported_and_the_next_still_runs():
    worker = Worker([Job("tests.periodic.test_worker.failing", 1), RECORD], LEASE, holder="a")
    ran = dict(worker.tick())
    assert ran["tests.periodic.test_worker.failing"] == "失敗: 合成の失敗"
    assert ran[RECORD.path] == "run 1"


def scheduled_case():
    """A case approved to go live in an hour, then that hour passes."""
    case = CaseFactory(title="予約公開を確かめる合成事例", publish=False)
    case.go_live_at = at(3600)
    case.save_revision().publish()
    revision = Revision.objects.get(approved_go_live_at__isnull=False, object_id=str(case.pk))
    revision.content["go_live_at"] = at(-1).isoformat()
    revision.approved_go_live_at = at(-1)
    revision.save(update_fields=["content", "approved_go_live_at"])
    CaseStudyPage.objects.filter(pk=case.pk).update(go_live_at=at(-1))
    return case


def test_a_scheduled_page_goes_live_exactly_once_with_two_workers(settings, django_capture_on_commit_callbacks):
    case = scheduled_case()
    assert not CaseStudyPage.objects.get(pk=case.pk).live
    jobs = parse(settings.PERIODIC_JOBS)
    workers = [Worker(jobs, LEASE, holder="a"), Worker(jobs, LEASE, holder="b")]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            for worker in workers:
                worker.tick()
                worker.last_started.clear()  # every job due again: only the lease stands in the way
    assert CaseStudyPage.objects.get(pk=case.pk).live
    assert PageLogEntry.objects.filter(page_id=case.pk, action="wagtail.publish.scheduled").count() == 1
    assert not Revision.objects.filter(object_id=str(case.pk), approved_go_live_at__isnull=False).exists()


def test_the_command_runs_once_and_hands_the_lease_back(settings):
    case = scheduled_case()
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert "予約公開 1件" in out.getvalue()
    assert CaseStudyPage.objects.get(pk=case.pk).live
    assert lease.acquire(LEASE_NAME, "someone-else", LEASE)


def test_the_command_refuses_bad_settings(settings):
    settings.PERIODIC_JOBS = [("no-dots", 10)]
    with pytest.raises(Exception, match="dotted path"):
        call_command("worker", "--once", stdout=io.StringIO())
