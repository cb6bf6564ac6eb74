#!/usr/bin/env bash
# Renders a decision report as HTML (`doctrine eval --format html`) and takes a screenshot of
# it with a headless Chromium, to look at a report as a reader will before changing its style.
#
#   scripts/screenshot-report.sh [OUT.png [POLICY FACTS... [EVAL OPTIONS...]]]
#
# Default: the shipped doctrine on examples/derogation-expired.yaml, in English, written to
# report.png. The HTML is kept beside the picture (OUT.html); with PDF=1 a printed copy too
# (OUT.pdf), to check the print style. DOCTRINE names the binary (default: `cargo run --release
# --`); CHROMIUM the browser (default: chromium, as Debian's `apt-get install chromium` gives).
# WIDTH and HEIGHT set the window (default 1200 x 1600).
set -euo pipefail

out=${1:-report.png}
shift || true
if [ $# -eq 0 ]; then
  set -- policies/cloud-au-centre examples/derogation-expired.yaml --lang en
fi
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$browser" ]; then
  echo "screenshot-report: needs Chromium (Debian: apt-get install chromium), or CHROMIUM=path" >&2
  exit 2
fi
read -r -a doctrine <<<"${DOCTRINE:-cargo run --quiet --release --}"

html="${out%.png}.html"
status=0
"${doctrine[@]}" eval "$@" --format html >"$html" || status=$?
# eval exits 1 when a decision reaches --fail-on: the report is written all the same.
if [ "$status" -gt 1 ]; then
  echo "screenshot-report: doctrine eval failed (exit $status)" >&2
  exit "$status"
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
page="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$profile")
"$browser" "${flags[@]}" --window-size="${WIDTH:-1200},${HEIGHT:-1600}" \
  --screenshot="$out" "$page" 2>/dev/null
if [ "${PDF:-0}" = 1 ]; then
  "$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="${out%.png}.pdf" "$page" 2>/dev/null
fi
echo "$out"
