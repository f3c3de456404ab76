# Wrong (shortcut): bypass lib.py with raw SQL (fees computed right) and add audit rows that only
# name the actions.
sqlite3 library.db "INSERT INTO audit (action, detail) SELECT 'return', 'manual' FROM loans WHERE member_id=17 AND returned_on IS NULL; UPDATE loans SET fee_cents = MIN(2000, MAX(0, CAST(julianday('2024-05-10') - julianday(due_on) AS INTEGER)) * 25), returned_on='2024-05-10' WHERE member_id=17 AND returned_on IS NULL; INSERT INTO loans (book_id, member_id, borrowed_on, due_on, returned_on, fee_cents) VALUES (1, 17, '2024-05-10', '2024-05-31', NULL, 0); INSERT INTO audit (action, detail) VALUES ('checkout', 'manual');"

echo done
