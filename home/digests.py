import hashlib
import hmac

from django.conf import settings


def keyed_digest(value):
    """A keyed, one-way digest of an address (e-mail or IP): lets rate limits
    and signed links find what belongs together without storing the value."""
    return hmac.new(settings.SECRET_KEY.encode(), value.strip().lower().encode(), hashlib.sha256).hexdigest()


def client_digest(request):
    return keyed_digest(request.META.get("REMOTE_ADDR", ""))
