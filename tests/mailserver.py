"""A real SMTP server in the test process (aiosmtpd), so mail goes through
Django's SMTP backend and a socket exactly as in production."""

import email
import email.policy
import threading

from aiosmtpd.controller import Controller

from tests.net import free_port


class Recorder:
    def __init__(self):
        self.messages = []
        self.refuse = set()  # recipients answered with a temporary failure
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.refuse & set(envelope.rcpt_tos):
            return "451 4.3.0 try again later"
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


class MailServer:
    def __init__(self):
        self.recorder = Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    @property
    def messages(self):
        with self.recorder.lock:
            return list(self.recorder.messages)

    def to(self, address):
        return [m for m in self.messages if address in m["To"]]

    def clear(self):
        with self.recorder.lock:
            self.recorder.messages.clear()


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()
