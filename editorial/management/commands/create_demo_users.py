from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from editorial.groups import APPROVER, EDITOR

DEMO_USERS = [
    ("demo-editor", "demo-editor-pass", EDITOR, False),
    ("demo-approver", "demo-approver-pass", APPROVER, False),
    ("demo-admin", "demo-admin-pass", None, True),
]


class Command(BaseCommand):
    help = "開発用のデモアカウント（編集者・承認者・管理者）を作成します。DEBUG=True のときだけ動作します。"

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("デモアカウントは開発環境（DEBUG=True）でのみ作成できます。")
        User = get_user_model()
        for username, password, group, superuser in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_staff = user.is_superuser = superuser
            user.save()
            if group:
                user.groups.set([Group.objects.get(name=group)])
            role = group or "管理者"
            self.stdout.write(f"  {role}: ユーザー名 {username} / パスワード {password}")
        self.stdout.write(
            "管理画面: http://127.0.0.1:8000/admin/ （開発用のアカウントです。本番では使わないでください）"
        )
