"""API token strings: how one is made, read from a header and hashed. No Django models here.

A token reads ``ssk_<prefix>_<secret>``: ``prefix`` (8 characters from an alphabet without
look-alikes) is public: it identifies the token in the admin and in the logs, and finds its
row. ``secret`` is 32 random bytes (``secrets.token_urlsafe``, 43 characters): only its
SHA-256 digest (of the whole token string) is stored.

Why a fast hash: a password needs a slow, salted hash because people choose guessable
passwords, so an attacker holding the digests can try likely ones. A 256-bit random secret
cannot be guessed: trying 2^256 candidates is out of reach at any hashing speed, so a slow hash
would add nothing but a cost on every API call. SHA-256 is one-way, so a leaked table of
digests still gives no usable token. The digest is compared with ``hmac.compare_digest``
(constant time), after the row was found by its public prefix.
"""

import hashlib
import hmac
import re
import secrets

SCHEME = "ssk"
PREFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PREFIX_LENGTH = 8
SECRET_BYTES = 32
TOKEN_PATTERN = re.compile(
    rf"^{SCHEME}_(?P<prefix>[{PREFIX_ALPHABET}]{{{PREFIX_LENGTH}}})_(?P<secret>[A-Za-z0-9_-]{{43}})$"
)


def new_token():
    """(token, prefix): a fresh token string and its public prefix."""
    prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH))
    return f"{SCHEME}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}", prefix


def digest(token):
    """The stored form of a token: the hex SHA-256 of the whole string."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def prefix_of(token):
    """The public prefix of a well-formed token, else None."""
    match = TOKEN_PATTERN.match(token)
    return match["prefix"] if match else None


def matches(token, stored_digest):
    """Whether the token hashes to the stored digest, compared in constant time."""
    return hmac.compare_digest(digest(token), stored_digest)


def bearer_token(authorization):
    """The token of an ``Authorization: Bearer <token>`` header value; None when the header
    is absent or uses another scheme; "" when it says Bearer with nothing usable after it."""
    if not authorization:
        return None
    scheme, _space, value = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()
