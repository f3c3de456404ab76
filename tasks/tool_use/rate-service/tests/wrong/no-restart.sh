# Plausible mistake: finds and fixes every cause in the configuration but never restarts the
# service, so the running process still serves the old, wrong conversions.
for f in conf/ratesvc.ini conf/conf.d/* conf/ratesvc.env; do echo "== $f"; cat "$f"; done

rm conf/conf.d/90-migration.ini && sed -i 's/^JPY = 2$/JPY = 0/' conf/conf.d/20-checkout.ini && sed -i -e 's/^RATESVC_SERVICE_ROUNDING=down$/RATESVC_SERVICE_ROUNDING=half_up/' -e 's/^RATESVC_SERVICE_FEE_BPS=500$/RATESVC_SERVICE_FEE_BPS=50/' conf/ratesvc.env && cat conf/conf.d/20-checkout.ini conf/ratesvc.env

echo done
