python3 bank.py --help && python3 bank.py accounts

python3 bank.py tx --batch stmt-0802 && python3 bank.py tx --batch manual

sqlite3 ledger.db "SELECT account_id, amount_cents, ext_ref, GROUP_CONCAT(id) FROM transactions WHERE batch = 'stmt-0802' GROUP BY 1, 2, 3 HAVING COUNT(*) > 1;"

sqlite3 ledger.db "SELECT MAX(id) FROM transactions WHERE batch = 'stmt-0802' GROUP BY account_id, amount_cents, ext_ref HAVING COUNT(*) > 1 EXCEPT SELECT reversal_of FROM transactions WHERE reversal_of IS NOT NULL;" | while read -r id; do python3 bank.py reverse "$id" --date 2024-08-03 --memo "duplicate import of stmt-0802"; done

sqlite3 ledger.db "SELECT a.id, a.balance_cents, SUM(t.amount_cents) FROM accounts a JOIN transactions t ON t.account_id = a.id GROUP BY a.id HAVING a.balance_cents != SUM(t.amount_cents);" && python3 bank.py tx --batch manual

echo done
