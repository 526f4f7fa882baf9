#!/usr/bin/env bash
# Refreshes the vendored Chart.js that the HTML report inlines (it must open offline, so it is not fetched at run time).
# Usage: lab/Lab.Results/Reports/Assets/update-chartjs.sh [VERSION]   (default: the version in the file's banner)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${1:-$(sed -n 's/^ \* Chart.js v\(.*\)$/\1/p' "$here/chart.umd.min.js")}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "chart.js@$version" >/dev/null && tar xzf chart.js-*.tgz)
cp "$work/package/dist/chart.umd.min.js" "$here/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$here/chart.js.LICENSE.md"
echo "Chart.js $version: $(sha256sum "$here/chart.umd.min.js" | cut -d' ' -f1)"
