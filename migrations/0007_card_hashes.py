"""Step 7: cards that a copy of the database cannot forge.

Until now a card's QR (``PA1:<village>:<household no>:<serial>:<mac>``) carried an HMAC under a secret kept in
the ``setting`` table, so every backup and every read-only database role could make a valid card for any
household. From now on the database keeps only a one-way hash of each card's payload (``card.token_hash``,
SHA-256); new cards carry a random token (``PA2:…``) that exists in clear only while the card is printed.

Cards already printed keep working: their payloads are computed here one last time, their hashes stored,
and then the secret is deleted. A card whose household or village code changed since it was printed cannot be
recomputed and is left without a hash: it is refused, like any card of a moved household was before.
"""
import base64
import hashlib
import hmac

PREFIX = "PA1"


def _old_payload(secret: bytes, village_code: str, household_no: str, serial: int) -> str:
    message = f"{PREFIX}|{village_code}|{household_no}|{serial}".encode()
    mac = base64.b32encode(hmac.new(secret, message, hashlib.sha256).digest()).decode()[:10]
    return f"{PREFIX}:{village_code}:{household_no}:{serial}:{mac}"


def payload_hash(payload: str) -> str:
    """As ``pointsapp.services.register.cards.payload_hash``."""
    return hashlib.sha256(b"pointsapp-card|" + payload.encode("utf-8")).hexdigest()


def apply(db):
    if "token_hash" not in {c.name for c in db.get_columns("card")}:
        db.execute_sql('ALTER TABLE "card" ADD COLUMN "token_hash" VARCHAR(64)')
    p = db.param
    row = db.execute_sql(f"SELECT value FROM setting WHERE key = {p}", ("card_secret",)).fetchone()
    if row and row[0]:
        secret = row[0].encode()
        cards = db.execute_sql(
            "SELECT c.id, v.code, h.household_no, c.serial FROM card c JOIN household h ON h.id = c.household_id "
            "JOIN village v ON v.id = h.village_id WHERE c.token_hash IS NULL").fetchall()
        for card_id, code, number, serial in cards:
            db.execute_sql(f"UPDATE card SET token_hash = {p} WHERE id = {p}",
                           (payload_hash(_old_payload(secret, code, number, serial)), card_id))
    db.execute_sql(f"DELETE FROM setting WHERE key = {p}", ("card_secret",))
