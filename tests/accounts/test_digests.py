from accounts.digests import client_digest


def test_rate_limits_count_the_client_behind_a_trusted_proxy(settings, rf):
    """Alerts' and the desk's per-client limits use the address sign-in
    throttling uses: behind nginx every visitor would otherwise be one client."""
    settings.TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    first = rf.get("/", HTTP_X_REAL_IP="203.0.113.5", REMOTE_ADDR="127.0.0.1")
    second = rf.get("/", HTTP_X_REAL_IP="203.0.113.6", REMOTE_ADDR="127.0.0.1")
    assert client_digest(first) != client_digest(second)
    settings.TRUSTED_CLIENT_IP_HEADER = ""
    assert client_digest(first) == client_digest(second)
