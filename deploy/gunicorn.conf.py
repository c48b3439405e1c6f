"""Gunicorn settings for one app server behind nginx (deploy/nginx/portal.conf).

    gunicorn -c deploy/gunicorn.conf.py

Every value comes from the environment, so each server runs the same file."""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sized to the machine, not to the traffic. One process per core (the GIL
# runs one thread of a process at a time) and two threads each, so one can
# render while the other waits on the database or Elasticsearch. More
# requests in flight than the cores can work on do not finish sooner: they
# move the queue into Elasticsearch, where a search waiting longer than
# ELASTICSEARCH_TIMEOUT is answered by the database fallback and switches
# every server to it for ELASTICSEARCH_RETRY_AFTER. Waiting here instead
# costs only the wait (nginx allows proxy_read_timeout). The rehearsal
# measured it: 2 servers × 2 workers × 8 threads on two cores, with one
# Elasticsearch node killed, had searches time out (README, "The rehearsal").
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
# Longer than nginx's proxy_read_timeout would be pointless: nginx has given up by then.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# nginx keeps connections to the app servers open (upstream keepalive).
keepalive = 15
# Only nginx may say which scheme the visitor used (X-Forwarded-Proto, trusted
# by the production settings through SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
