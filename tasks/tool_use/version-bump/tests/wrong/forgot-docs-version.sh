# Wrong: bumps the full version everywhere but leaves the short docs version at 2.3.
sed -i 's/^version = "2.3.9"/version = "2.4.0"/' pyproject.toml && sed -i 's/__version__ = "2.3.9"/__version__ = "2.4.0"/' quickmath/__init__.py && sed -i 's/^release = "2.3.9"/release = "2.4.0"/' docs/conf.py

sed -i 's/version-2\.3\.9-/version-2.4.0-/; s/quickmath==2\.3\.9/quickmath==2.4.0/' README.md && sed -i 's/^## Unreleased$/## 2.4.0/' CHANGELOG.md

echo done
