"""The limits on subscribing, decided from counts alone (table-tested)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    subscriptions_per_address: int
    confirmations_per_address_hour: int
    confirmations_per_client_hour: int


def refusal(limits, subscriptions, address_mails, client_mails):
    """The message shown when a new subscription would go past a limit, or ''."""
    if subscriptions >= limits.subscriptions_per_address:
        return (
            f"1つのメールアドレスで登録できる条件は{limits.subscriptions_per_address}件までです。"
            "届いたメールの「登録をすべて確認・停止する」から、不要な登録を停止してください。"
        )
    if address_mails >= limits.confirmations_per_address_hour:
        return (
            f"このメールアドレスへの確認メールは1時間に{limits.confirmations_per_address_hour}通までです。"
            "届いている確認メールをご確認いただくか、1時間ほどおいてからお試しください。"
        )
    if client_mails >= limits.confirmations_per_client_hour:
        return (
            f"短時間に多くの登録がありました（1時間に{limits.confirmations_per_client_hour}件まで）。"
            "1時間ほどおいてからお試しください。"
        )
    return ""
