import hashlib
import hmac

from django.conf import settings

from .client_ip import client_ip


def keyed_digest(value):
    """A keyed, one-way digest of an address (e-mail or IP): lets rate limits
    and signed links find what belongs together without storing the value."""
    return hmac.new(settings.SECRET_KEY.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def client_digest(request):
    # The address sign-in throttling counts: behind nginx, REMOTE_ADDR is the
    # proxy's, and every visitor would share one limit.
    return keyed_digest(client_ip(request))
