# Wrong: reverses the earlier copy (lower id) of each duplicate instead of the later one.
sqlite3 ledger.db "SELECT MIN(id) FROM transactions WHERE batch = 'stmt-0802' GROUP BY account_id, amount_cents, ext_ref HAVING COUNT(*) > 1;" | while read -r id; do python3 bank.py reverse "$id" --date 2024-08-03 --memo "duplicate import of stmt-0802"; done

echo done
