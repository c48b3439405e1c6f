from django.db import models


class Lease(models.Model):
    """Who runs the periodic jobs, and until when. A worker that stops
    renewing loses it at `expires_at`, and any other worker may take it."""

    name = models.CharField("名前", max_length=100, unique=True)
    holder = models.CharField("保持しているワーカー", max_length=200)
    expires_at = models.DateTimeField("期限")

    class Meta:
        verbose_name = "定期処理のリース"
        verbose_name_plural = "定期処理のリース"

    def __str__(self):
        return f"{self.name}: {self.holder}"
