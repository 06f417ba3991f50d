"""Signed, expiring tokens for e-mail links (verification); invitations use random tokens."""

import hashlib
import secrets

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Like the password-reset token, but void once the address is verified.

    Expires after `PASSWORD_RESET_TIMEOUT` (3 days by default).
    """

    key_salt = "accounts.tokens.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        verified = "" if user.email_verified_at is None else user.email_verified_at.isoformat()
        return f"{user.pk}{user.email}{verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()


def invitation_token_new() -> tuple[str, str]:
    """A random URL-safe token and the SHA-256 stored in its place."""
    token = secrets.token_urlsafe(32)
    return token, invitation_token_hash(token)


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
