from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.contrib.auth.signals import user_login_failed
from wagtail.admin.forms.auth import PasswordResetForm

from .signals import ATTEMPT

SIGN_IN_HELP = "認証アプリに表示されている6桁の数字、または回復コードを入力してください。"
ENROL_HELP = "認証アプリに表示されている6桁の数字を入力してください。"


class CodeForm(forms.Form):
    """A code from the authenticator app (or, at sign-in, a recovery code).
    Spaces are dropped: apps show 123 456."""

    code = forms.CharField(
        label="確認コード",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autocapitalize": "none"}
        ),
        error_messages={"required": "確認コードを入力してください。"},
    )

    def __init__(self, *args, help_text=SIGN_IN_HELP, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class ThrottledPasswordResetForm(PasswordResetForm):
    """Wagtail's reset form under the sign-in limit: each request counts for
    the address typed and the client, so nobody floods a mailbox; past the
    limit no mail is sent and the lockout page (which names no account and
    is the same whether the address exists) is shown."""

    def save(self, *args, request=None, **kwargs):
        credentials = {"username": self.cleaned_data["email"], ATTEMPT: "password_reset"}
        if AxesProxyHandler.is_locked(request, credentials):
            request.axes_locked_out = True
            return
        super().save(*args, request=request, **kwargs)
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
