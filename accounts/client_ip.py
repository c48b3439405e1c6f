"""The address a sign-in attempt is counted under."""

from django.conf import settings


def header_meta_key(header):
    """X-Real-IP → HTTP_X_REAL_IP, as Django stores request headers."""
    return "HTTP_" + header.strip().upper().replace("-", "_")


def client_ip(request):
    """REMOTE_ADDR unless a trusted proxy header is configured.

    A proxy that appends to a list (X-Forwarded-For) puts the address it saw
    last: the entries before it were written by the client, so only the last
    one is trusted."""
    header = settings.TRUSTED_CLIENT_IP_HEADER
    if header:
        value = request.META.get(header_meta_key(header), "")
        last = value.split(",")[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
