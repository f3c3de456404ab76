"""Signed API tokens: `<account>.<hex hmac>`."""
import hashlib
import hmac


def sign(account, secret):
    return f"{account}.{hmac.new(secret.encode(), account.encode(), hashlib.sha256).hexdigest()[:16]}"


def verify(token, secret):
    """The account a token was issued for, or None when the signature is wrong."""
    account, _, mac = token.rpartition(".")
    return account if account and hmac.compare_digest(sign(account, secret), token) else None
