"""The public enquiry form. The 市区町村 list is passed in already loaded;
the honeypot and the signed start time are checked here, the per-client rate
in the view (it needs the database)."""

import time

from django import forms
from django.conf import settings
from django.core import signing

from taxonomy.lookup import find_bodies

from .models import Topic

STARTED_SALT = "desk.started"
MAX_FORM_AGE = 24 * 3600
QUESTION_MAX = 4000
RETRY = "送信できませんでした。お手数ですが、内容を確認してもう一度送信してください。"


def started_token(now=None):
    return signing.TimestampSigner(salt=STARTED_SALT).sign(str(int(now or time.time())))


def fill_problem(token, min_seconds, now=None):
    """'' when the form was opened long enough ago (and not too long), else the message."""
    try:
        opened = int(signing.TimestampSigner(salt=STARTED_SALT).unsign(token, max_age=MAX_FORM_AGE))
    except (signing.BadSignature, ValueError):
        return "フォームの有効期限が切れたか、正しく読み込まれていません。" + RETRY
    if (now or time.time()) - opened < min_seconds:
        return "入力から送信までが短すぎるため、自動送信と区別できませんでした。" + RETRY
    return ""


CANDIDATES = 5


class EnquiryForm(forms.Form):
    municipality = forms.CharField(
        label="団体（市区町村・都道府県）",
        required=False,
        max_length=100,
        help_text="名称、よみ、または全国地方公共団体コード（例：いすみ市、いすみし、122386）。"
        "広域連合など、地方公共団体でない団体は次の欄に団体名を入力してください。",
        error_messages={"max_length": "団体は100文字以内で入力してください。"},
    )
    organisation = forms.CharField(
        label="団体名（一覧にない場合）",
        required=False,
        max_length=100,
        error_messages={"max_length": "団体名は100文字以内で入力してください。"},
    )
    name = forms.CharField(
        label="氏名",
        max_length=100,
        error_messages={"required": "氏名を入力してください。", "max_length": "氏名は100文字以内で入力してください。"},
    )
    email = forms.EmailField(
        label="メールアドレス",
        max_length=254,
        help_text="受付番号と回答をお送りします。",
        error_messages={
            "required": "メールアドレスを入力してください。",
            "invalid": "メールアドレスの形式が正しくありません（例：joho@example.lg.jp）。",
            "max_length": "メールアドレスは254文字以内で入力してください。",
        },
    )
    topic = forms.ChoiceField(
        label="お問い合わせの種類",
        choices=Topic.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "お問い合わせの種類を選んでください。",
            "invalid_choice": "お問い合わせの種類は一覧から選んでください。",
        },
    )
    related = forms.CharField(required=False, widget=forms.HiddenInput, max_length=12)
    question = forms.CharField(
        label="ご質問",
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"{QUESTION_MAX}文字以内。個人の健康情報など、必要のない個人情報は書かないでください。",
        error_messages={
            "required": "ご質問を入力してください。",
            "max_length": f"ご質問は{QUESTION_MAX}文字以内で入力してください（現在%(show_value)d文字）。",
        },
    )
    consent = forms.BooleanField(
        label="個人情報の取り扱いに同意する",
        error_messages={"required": "送信するには、個人情報の取り扱いへの同意が必要です。"},
    )
    # Left empty by people (hidden from them and from assistive technology);
    # form-filling robots tend to fill it.
    website = forms.CharField(label="ウェブサイト（入力しないでください）", required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput, max_length=100, required=False)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self._bodies = bodies
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["organisation"].widget.attrs.update(autocomplete="organization")
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")

    def clean_municipality(self):
        """The pk of the one body the text names (taxonomy.lookup, as the
        finder reads it), or None when left empty; several or no bodies are
        an error that says which to choose."""
        text = self.cleaned_data["municipality"].strip()
        if not text:
            return None
        found = find_bodies(text, self._bodies, limit=CANDIDATES)
        if found.chosen:
            return found.chosen.pk
        if not found.matches:
            raise forms.ValidationError(found.message)
        names = "、".join(f"{body}（{body.kind_label}）" for body in found.matches)
        more = "など" if found.truncated else ""
        raise forms.ValidationError(
            f"「{text}」に当てはまる団体が複数あります：{names}{more}。都道府県名から入力するか、コードで指定してください。"
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("website"):
            raise forms.ValidationError(RETRY)
        problem = fill_problem(data.get("started", ""), settings.DESK_MIN_FILL_SECONDS)
        if problem:
            raise forms.ValidationError(problem)
        if not data.get("municipality") and not data.get("organisation", "").strip():
            self.add_error("municipality", "団体（市区町村・都道府県）か、団体名を入力してください。")
        return data
