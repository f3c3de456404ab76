sqlite3 shop.db '.schema'

sqlite3 shop.db "SELECT DISTINCT country FROM customers; SELECT DISTINCT status FROM orders; SELECT MIN(order_date), MAX(order_date) FROM orders; SELECT DISTINCT discount FROM order_items;"

sqlite3 shop.db "SELECT p.category, ROUND(SUM(i.qty*i.unit_price*(1-i.discount)),2) r FROM order_items i JOIN orders o ON o.id=i.order_id JOIN customers c ON c.id=o.customer_id JOIN products p ON p.id=i.product_id WHERE c.country='Germany' AND o.order_date BETWEEN '2024-04-01' AND '2024-06-30' AND o.status<>'cancelled' GROUP BY p.category ORDER BY r DESC;"

sqlite3 -separator , shop.db "SELECT p.category, printf('%.2f', SUM(i.qty*i.unit_price*(1-i.discount))) r FROM order_items i JOIN orders o ON o.id=i.order_id JOIN customers c ON c.id=o.customer_id JOIN products p ON p.id=i.product_id WHERE c.country='Germany' AND o.order_date BETWEEN '2024-04-01' AND '2024-06-30' AND o.status<>'cancelled' GROUP BY p.category ORDER BY SUM(i.qty*i.unit_price*(1-i.discount)) DESC LIMIT 1;"
