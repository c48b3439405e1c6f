from importlib import import_module

from django.conf import settings

from .models import StaffSession


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def remember_session(user, session_key):
    StaffSession.objects.get_or_create(session_key=session_key, defaults={"user": user})


def end_other_sessions(user, keep_session_key=None):
    """Signs the account out everywhere but the session it acts from."""
    store = session_store()
    others = StaffSession.objects.filter(user=user).exclude(session_key=keep_session_key or "")
    for session_key in others.values_list("session_key", flat=True):
        store(session_key=session_key).delete()
    others.delete()
