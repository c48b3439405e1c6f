"""The services of the cluster rehearsal, each started on loopback with a
free port and stopped by its process id: Debian's redis-server and nginx,
PostgreSQL through scripts/postgres. Elasticsearch nodes and gunicorn come
from tests/resilience."""

import contextlib
import os
import shutil
import socket
import string
import subprocess
import time

import redis

from tests.resilience.conftest import ROOT, free_port

SITE_TEMPLATE = ROOT / "deploy" / "nginx" / "portal.conf"


def wait_for_port(port, process, what, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited: {process.stderr.read()[-2000:] if process.stderr else ''}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {port}")


def stop(process, seconds=20):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=seconds)


class Redis:
    def __init__(self, workdir):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.start()

    def start(self):
        """On the same port and folder: what stop(save=True) kept comes back."""
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        wait_for_port(self.port, self.process, "redis-server")

    def stop(self, save=False):
        if save:
            redis.Redis.from_url(self.url).save()
        stop(self.process)


class Nginx:
    """deploy/nginx/portal.conf rendered as an operator would (placeholders
    filled in), inside a minimal main configuration of its own."""

    def __init__(self, workdir, upstreams, static_root, media_root):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        site = string.Template(SITE_TEMPLATE.read_text()).safe_substitute(
            PORTAL_LISTEN=f"127.0.0.1:{self.port}",
            PORTAL_SERVER_NAME="127.0.0.1",
            PORTAL_UPSTREAMS="\n    ".join(
                f"server {upstream} max_fails=1 fail_timeout=10s;" for upstream in upstreams
            ),
            PORTAL_STATIC_ROOT=str(static_root),
            PORTAL_MEDIA_ROOT=str(media_root),
        )
        (workdir / "portal.conf").write_text(site)
        temp = " ".join(
            f"{kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # As root, nginx's workers would drop to "nobody", who cannot read a
        # private temporary folder.
        user = "user root;" if os.getuid() == 0 else ""
        conf = workdir / "nginx.conf"
        conf.write_text(
            f"{user} daemon off; worker_processes 1; pid {workdir / 'nginx.pid'};\n"
            f"events {{ worker_connections 4096; }}\n"
            f"http {{ include /etc/nginx/mime.types; access_log off; {temp} include {workdir / 'portal.conf'}; }}\n"
        )
        self.process = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(workdir), "-e", str(workdir / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        wait_for_port(self.port, self.process, "nginx")

    def stop(self):
        stop(self.process)


# scripts/postgres's default port and the few above it, which other
# checkouts' test runs on the same machine pick by hand: a free port among
# them now may be taken by one of those runs in a minute.
CONVENTIONAL_PG_PORTS = range(54329, 54340)


class Postgres:
    """scripts/postgres on a port and data folder of its own."""

    def __init__(self):
        self.port = free_port()
        while self.port in CONVENTIONAL_PG_PORTS:
            self.port = free_port()
        self.env = {**os.environ, "PG_PORT": str(self.port)}
        started = subprocess.run(
            [ROOT / "scripts" / "postgres", "start"], env=self.env, capture_output=True, text=True, timeout=300
        )
        if started.returncode:
            raise RuntimeError(f"scripts/postgres start: {started.stderr[-2000:]}")
        self.url = started.stdout.strip().splitlines()[-1]

    def stop(self):
        subprocess.run([ROOT / "scripts" / "postgres", "stop"], env=self.env, capture_output=True, timeout=120)
        shutil.rmtree(f"/tmp/portal-pgdata-{self.port}", ignore_errors=True)
