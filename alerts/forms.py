from django import forms

from .models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="メールアドレス",
        max_length=254,
        error_messages={
            "required": "メールアドレスを入力してください。",
            "invalid": "メールアドレスの形式が正しくありません（例：joho@example.lg.jp）。",
            "max_length": "メールアドレスは254文字以内で入力してください。",
        },
    )
    frequency = forms.ChoiceField(
        label="受け取る頻度",
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
        help_text="新着がないときはメールを送りません。",
        error_messages={
            "required": "受け取る頻度を選んでください。",
            "invalid_choice": "受け取る頻度は一覧から選んでください。",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["email"].widget.attrs.update(autocomplete="email", inputmode="email")
