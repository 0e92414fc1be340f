#!/usr/bin/env bash
# Dynamic scan of the running app with wapiti (Debian package `wapiti`), production settings:
# DEBUG off, a secret key, ALLOWED_HOSTS=127.0.0.1, no TLS redirect (plain HTTP on loopback).
# A throwaway SQLite database gets the seed articles and a curator; the scan carries the curator's
# session cookie, so the admin and the curation pages are crawled and attacked too.
#   [WAPITI_OPTIONS="-m http_headers,cookieflags,csp,xss"] bench/wapiti_scan.sh [PORT] [MAX_SCAN_SECONDS]  (8107, 600)
# Report: bench/wapiti-report/ (JSON); the summary by category is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${1:-8107}
MAX=${2:-600}
work=$(mktemp -d)
export DEBUG=false SECRET_KEY=wapiti-scan-$RANDOM-$RANDOM-not-for-production ALLOWED_HOSTS=127.0.0.1
export SECURE_SSL_REDIRECT=false SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false SECURE_HSTS_SECONDS=0
export DATABASE_URL=sqlite:///$work/scan.sqlite3 SITE_URL=http://127.0.0.1:$PORT
PY=.venv/bin/python
$PY manage.py migrate --no-input -v0
$PY manage.py collectstatic --no-input -v0
$PY manage.py ingest seeds/ >/dev/null
$PY manage.py create_curator --username scanner --password "scan-$RANDOM-$RANDOM-pass" >/dev/null
session=$($PY manage.py shell -v0 -c '
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
user = get_user_model().objects.get(username="scanner")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), settings.AUTHENTICATION_BACKENDS[0]
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.save()
print(store.session_key)' | tail -n 1)
cat > "$work/cookies.json" <<JSON
{"127.0.0.1": {"/": {"sessionid": {"value": "$session", "expires": null, "secure": false, "port": null, "version": 0}}}}
JSON
.venv/bin/gunicorn config.wsgi -b 127.0.0.1:$PORT -w 2 --access-logfile "$work/access.log" --error-logfile "$work/error.log" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.2; done
rm -rf bench/wapiti-report && mkdir -p bench/wapiti-report
wapiti -u "http://127.0.0.1:$PORT/" --scope folder -c "$work/cookies.json" \
  ${WAPITI_OPTIONS:-} \
  --max-scan-time "$MAX" --max-links-per-page 40 --flush-session -f json -o bench/wapiti-report/report.json || true
# 501 is /oembed/?format=xml (oEmbed's answer to a format not offered); anything else is a bug.
echo "server errors in the access log: $(grep -c '" 50[02-9] ' "$work/access.log" || true) (501s: $(grep -c '" 501 ' "$work/access.log" || true))"
[ -f bench/wapiti-report/report.json ] || { echo "no report (scan interrupted?)"; exit 1; }
$PY - <<'PYEOF'
import json
report = json.load(open("bench/wapiti-report/report.json"))
for section in ("vulnerabilities", "anomalies", "additionals"):
    counts = {name: len(items) for name, items in report.get(section, {}).items() if items}
    print(section, sum(counts.values()), counts)
PYEOF
