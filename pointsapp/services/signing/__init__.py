"""签名: signing keys, signed writes and their verification (issue 21)."""
