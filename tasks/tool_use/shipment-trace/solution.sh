cat claim.txt && sqlite3 logistics.db '.schema'

sqlite3 logistics.db "SELECT * FROM shipments WHERE tracking = 'JD7807584677';"

sqlite3 logistics.db "SELECT s.* FROM scans s JOIN shipments p ON p.id = s.shipment_id WHERE p.tracking = 'JD7807584677' ORDER BY scanned_at;"

sqlite3 logistics.db "SELECT * FROM facilities; SELECT * FROM facility_aliases;"

sqlite3 -separator , logistics.db "SELECT st.name, s.scanned_at FROM scans s JOIN shipments p ON p.id = s.shipment_id JOIN facility_aliases a ON a.old_code = s.facility JOIN facilities f ON f.code = a.code JOIN staff st ON st.id = f.manager_id WHERE p.tracking = 'JD7807584677' AND s.event = 'sorted';"
