# Wrong (the trap): groups by account and amount only, ignoring the external reference, and
# reverses every copy after the first, so a genuine look-alike is reversed too.
sqlite3 ledger.db "SELECT id FROM transactions t WHERE batch = 'stmt-0802' AND reversal_of IS NULL AND id > (SELECT MIN(id) FROM transactions u WHERE u.batch = 'stmt-0802' AND u.account_id = t.account_id AND u.amount_cents = t.amount_cents) AND id NOT IN (SELECT reversal_of FROM transactions WHERE reversal_of IS NOT NULL);" | while read -r id; do python3 bank.py reverse "$id" --date 2024-08-03 --memo "duplicate import of stmt-0802"; done

echo done
