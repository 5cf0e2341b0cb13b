"""English for the lead's strings of session 12 (the clearance given back with a reversal)."""

TRANSLATIONS = {
    "清零返还积分": "Cleared points given back",
}
