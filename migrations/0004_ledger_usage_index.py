"""Step 4: an index for the rule-usage (caps and frequency) check of every entry and inspection sheet.

``rules.usage`` asks, for some households and rules, what each household already has from
each rule in one year. Without this index SQLite walked every entry of the households (all
years) or every entry of the rules (all households); with it each (household, rule, year)
is one short range, however many years the ledger holds.
"""


def apply(db):
    db.execute_sql('CREATE INDEX IF NOT EXISTS "ledger_entry_household_id_rule_id_occurred_on" '
                   'ON "ledger_entry" ("household_id", "rule_id", "occurred_on")')
