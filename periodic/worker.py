"""The loop behind `manage.py worker`: hold the lease, run what is due."""

import logging
import os
import socket
import time
import uuid

from django.db import transaction
from django.utils.module_loading import import_string

from . import lease
from .schedule import due

logger = logging.getLogger("portal.periodic")

LEASE_NAME = "periodic-jobs"


def holder_name():
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Worker:
    def __init__(self, jobs, lease_seconds, holder=None, clock=time.monotonic):
        self.jobs = jobs
        self.lease_seconds = lease_seconds
        self.holder = holder or holder_name()
        self.clock = clock
        self.last_started = {}
        self.holding = False

    def tick(self, now=None):
        """One round: take or renew the lease, then run each due job.
        Returns [(path, summary)] of the jobs run."""
        self.holding = lease.acquire(LEASE_NAME, self.holder, self.lease_seconds, now=now)
        if not self.holding:
            self.last_started.clear()
            return []
        ran = []
        for job in due(self.jobs, self.last_started, self.clock()):
            self.last_started[job.path] = self.clock()
            outcome = self.run(job, now)
            if outcome is None:  # the lease was lost: the successor runs the rest
                self.holding = False
                self.last_started.clear()
                break
            ran.append((job.path, outcome))
        return ran

    def run(self, job, now=None):
        """The job's summary ("" when it had nothing to say), or None when
        the lease was no longer ours. A failing job is logged, not fatal:
        the next round tries it again."""
        try:
            with transaction.atomic():
                if not lease.renew(LEASE_NAME, self.holder, self.lease_seconds, now=now):
                    return None
                return import_string(job.path)() or ""
        except Exception as error:  # a job's failure must not stop the others
            logger.exception("periodic job %s failed", job.path)
            return f"失敗: {error}"

    def stop(self):
        if self.holding:
            lease.release(LEASE_NAME, self.holder)
            self.holding = False
