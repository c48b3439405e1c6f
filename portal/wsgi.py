import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
application = get_wsgi_application()


def warm_up():
    """What a process's first rendered page would otherwise do on a
    visitor's time: import the URLconf with every view, build the table
    reverse() reads, import the template tag libraries. Behind the page
    cache a server may answer only cached pages for a long time; the first
    page a publish purges then waited seconds for this on a loaded machine
    (README, "The rehearsal"). Done once per gunicorn worker as it boots."""
    from django.template import engines
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 (the property builds the table)
    engines.all()


warm_up()
