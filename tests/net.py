"""The one free-port helper of the test servers (browser, resilience, mail)
and of bench/pages_bench.py."""

import socket


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
