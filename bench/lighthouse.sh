#!/usr/bin/env bash
# Lighthouse scores of the post page as production serves it: the built site behind nginx with gzip
# (as Netlify compresses), /api proxied to the service, six approved comments. Prints one line per run.
# Usage: bash bench/lighthouse.sh [RUNS]   (needs Debian's nginx and chromium; installs Lighthouse 12)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=$(mktemp -d)
site_port=8790 api_port=8791
make build >/dev/null
npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error >/dev/null
command -v nginx >/dev/null || apt-get install -y -qq nginx-light >/dev/null

export DATABASE_URL="sqlite:///$work/bench.sqlite3" COMMENTS_RATELIMIT_ENABLED=false
flask=".venv/bin/python -m flask --app comments_service"
$flask db upgrade 2>/dev/null
$flask serve --port "$api_port" >"$work/service.log" 2>&1 &
service=$!
sed -e "s|@WORK@|$work|g" -e "s|@SITE@|$PWD/site|" -e "s|@SITE_PORT@|$site_port|" -e "s|@API_PORT@|$api_port|" \
  bench/nginx.conf >"$work/nginx.conf"
nginx -c "$work/nginx.conf"
trap 'kill "$(cat "$work/nginx.pid")" "$service"; rm -rf "$work"' EXIT
sleep 2
for i in 1 2 3 4 5 6; do
  curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"author\": \"Lezer $i\", \"category\": \"coachen\", \"body\": \"Samen bellen en daarna evalueren, punt $i.\"}" \
    "http://127.0.0.1:$api_port/api/threads/leiden-of-lijden/comments"
done
$flask comments approve 1 2 3 4 5 6 >/dev/null

flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
for run in $(seq "$runs"); do
  for preset in mobile desktop; do
    extra=(); [ "$preset" = desktop ] && extra=(--preset=desktop)
    CHROME_PATH=/usr/bin/chromium bench/lighthouse/node_modules/.bin/lighthouse \
      "http://127.0.0.1:$site_port/blog/leiden-of-lijden/" "${extra[@]}" --quiet --chrome-flags="$flags" \
      --only-categories=performance,accessibility,best-practices,seo --output=json --output-path="$work/report.json"
    python3 - "$work/report.json" "$preset" "$run" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scores = " ".join(f"{key}={round(value['score'] * 100)}" for key, value in report["categories"].items())
audits = report["audits"]
timings = " ".join(f"{key}={audits[key]['displayValue']}" for key in
                   ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"))
print(f"run {sys.argv[3]} {sys.argv[2]:<7} {scores}  {timings}")
PY
  done
done
