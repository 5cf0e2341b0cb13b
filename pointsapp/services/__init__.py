"""The domain, without Qt: each module one job (ledger, households, entries, review, rankings, cards, redemption, stars …)."""
