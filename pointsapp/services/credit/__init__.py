"""积分贷: the points certificate a bank verifies from its QR code, and the village list for whole-village credit."""
