"""星级文明户: the star scheme, evaluations, awards and withdrawals, certificates."""
