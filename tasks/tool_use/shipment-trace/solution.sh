cat claim.txt && sqlite3 logistics.db '.schema'

sqlite3 logistics.db "SELECT * FROM shipments WHERE tracking = 'JD7807584677';"

sqlite3 logistics.db "SELECT s.* FROM scans s JOIN shipments p ON p.id = s.shipment_id WHERE p.tracking = 'JD7807584677' ORDER BY scanned_at;"

sqlite3 logistics.db "SELECT * FROM facilities; SELECT * FROM facility_aliases;"

sqlite3 logistics.db "SELECT st.name FROM facility_aliases a JOIN facilities f ON f.code = a.code JOIN staff st ON st.id = f.manager_id WHERE a.old_code = 'LPZ-HUB';"
