# Plausible mistake: spots the stale rates file but stops there.
cat docs/SPEC.md; for f in conf/ratesvc.ini conf/conf.d/*; do echo "== $f"; cat "$f"; done

rm conf/conf.d/90-migration.ini

echo done
