"""Which periodic jobs are due: plain data in, plain data out."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Job:
    path: str  # dotted path to a callable taking no arguments
    interval: float  # seconds between the starts of two runs


def parse(entries):
    """PERIODIC_JOBS entries, `(dotted_path, interval_seconds)`, checked once."""
    jobs = []
    for entry in entries:
        path, interval = entry
        if not isinstance(path, str) or "." not in path:
            raise ValueError(f"PERIODIC_JOBS: {path!r} is not a dotted path to a callable")
        if not isinstance(interval, (int, float)) or interval <= 0:
            raise ValueError(f"PERIODIC_JOBS: the interval of {path} must be a positive number of seconds")
        jobs.append(Job(path, float(interval)))
    return jobs


def due(jobs, last_started, now):
    """Jobs never run by this holder, or whose interval has passed since
    they last started. A new holder runs everything at once: the jobs are
    idempotent, and it cannot know when its predecessor last ran them."""
    return [job for job in jobs if job.path not in last_started or now - last_started[job.path] >= job.interval]
