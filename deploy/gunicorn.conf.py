"""Gunicorn settings for one app server behind nginx (deploy/nginx/portal.conf).

    gunicorn -c deploy/gunicorn.conf.py

Every value comes from the environment, so each server runs the same file."""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Threads let a worker wait on the database or Elasticsearch without holding a core.
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
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
