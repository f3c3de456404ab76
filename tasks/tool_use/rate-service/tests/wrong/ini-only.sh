# Plausible mistake: fixes every ini file but never notices the env file that overrides them.
cat docs/SPEC.md; for f in conf/ratesvc.ini conf/conf.d/*; do echo "== $f"; cat "$f"; done

rm conf/conf.d/90-migration.ini && sed -i 's/^JPY = 2$/JPY = 0/' conf/conf.d/20-checkout.ini

echo done
