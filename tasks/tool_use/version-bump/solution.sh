grep -rn "2\.3\.9\|2\.3\b\|Unreleased" . 

cat quickmath/compat.py docs/conf.py CHANGELOG.md README.md

sed -i 's/^version = "2.3.9"/version = "2.4.0"/' pyproject.toml && sed -i 's/__version__ = "2.3.9"/__version__ = "2.4.0"/' quickmath/__init__.py && sed -i 's/^release = "2.3.9"/release = "2.4.0"/; s/^version = "2.3"/version = "2.4"/' docs/conf.py

sed -i 's/version-2\.3\.9-/version-2.4.0-/; s/quickmath==2\.3\.9/quickmath==2.4.0/' README.md && sed -i 's/^## Unreleased$/## 2.4.0/' CHANGELOG.md

grep -rn "2\.3\.9\|2\.4" . && python3 -c "import quickmath; print(quickmath.__version__)"

echo done
