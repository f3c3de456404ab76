# Wrong: stops one fix short (skips the step starting `python3 - <<'EOF'`), so the hidden tests fail.
cat REFACTOR.md && find . -name '*.py' -not -path './tests/*' | sort

cat shopkit/utils.py

grep -rn "utils" shopkit tests

python3 -m pytest -q 2>&1 | tail -12

python3 - <<'EOF'
import ast
from pathlib import Path
src = Path("shopkit/utils.py").read_text()
funcs = {n.name: ast.get_source_segment(src, n) for n in ast.parse(src).body if isinstance(n, ast.FunctionDef)}
Path("shopkit/text.py").write_text('"""Text helpers."""\nimport re\n\n\n' + "\n\n\n".join(funcs[n] for n in ("slugify", "title_case")) + "\n")
EOF
cat shopkit/text.py

python3 - <<'EOF'
import ast
from pathlib import Path
src = Path("shopkit/utils.py").read_text()
funcs = {n.name: ast.get_source_segment(src, n) for n in ast.parse(src).body if isinstance(n, ast.FunctionDef)}
Path("shopkit/money.py").write_text('"""Money amounts in integer cents."""\n\n\n\n' + "\n\n\n".join(funcs[n] for n in ("parse_money", "format_money")) + "\n")
EOF
cat shopkit/money.py

python3 - <<'EOF'
import ast
from pathlib import Path
src = Path("shopkit/utils.py").read_text()
funcs = {n.name: ast.get_source_segment(src, n) for n in ast.parse(src).body if isinstance(n, ast.FunctionDef)}
Path("shopkit/dates.py").write_text('"""Date helpers."""\nimport datetime as dt\nimport re\n\n\n' + "\n\n\n".join(funcs[n] for n in ("parse_date", "add_business_days")) + "\n")
EOF
cat shopkit/dates.py

sed -i 's/^from shopkit.utils import format_money, slugify, title_case$/from shopkit.money import format_money\nfrom shopkit.text import slugify, title_case/' shopkit/catalog.py && head -3 shopkit/catalog.py

sed -i 's/^from shopkit import utils$/from shopkit import money/; s/utils\.parse_money/money.parse_money/; s/utils\.format_money/money.format_money/' shopkit/cart.py && cat shopkit/cart.py

sed -i 's/^from .utils import add_business_days, parse_date$/from shopkit.dates import add_business_days, parse_date/' shopkit/shipping.py && head -2 shopkit/shipping.py

python3 - <<'EOF'
from pathlib import Path
p = Path("shopkit/invoices.py")
s = p.read_text()
s = s.replace("import datetime as dt\n\nfrom shopkit.utils import add_business_days, format_money, parse_date",
              "from shopkit.dates import add_business_days, parse_date\nfrom shopkit.money import format_money")
s = s.replace("return parse_date(issued_text) + dt.timedelta(days=terms_days)", "return add_business_days(parse_date(issued_text), terms_days)")
p.write_text(s)
EOF
cat shopkit/invoices.py

sed -i 's/^import shopkit.utils as u$/from shopkit.money import format_money\nfrom shopkit.text import slugify/; s/u\.format_money/format_money/; s/u\.slugify/slugify/' shopkit/reports.py && cat shopkit/reports.py

rm shopkit/utils.py && grep -rn "utils" shopkit; python3 -c "import shopkit.catalog, shopkit.cart, shopkit.shipping, shopkit.invoices, shopkit.reports; print('imports ok')"

python3 -m pytest -q 2>&1 | tail -3

python3 -c "import datetime as dt; from shopkit.invoices import due_date; print(due_date('31.05.2024', 3), due_date('2024-12-20', 5))" && ls shopkit

echo done
