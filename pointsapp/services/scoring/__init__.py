"""积分: the append-only ledger, entries, review and public notice, rules, expiry, rankings, statements."""
