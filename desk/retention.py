import datetime

from django.conf import settings
from django.utils import timezone

from .models import Enquiry


def delete_expired_enquiries():
    """Periodic job: enquiries older than DESK_RETENTION_DAYS are deleted."""
    limit = timezone.now() - datetime.timedelta(days=settings.DESK_RETENTION_DAYS)
    deleted, _ = Enquiry.objects.filter(created_at__lt=limit).delete()
    return f"相談窓口：保存期間を過ぎた相談{deleted}件を削除"
