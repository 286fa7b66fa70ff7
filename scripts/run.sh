#!/usr/bin/env bash
# The main job on the bundled data: validates the chains, then for the NEV chain, Suzhou Industrial Park
# with hub Shanghai, writes the target list and SVG maps to out/; for Weinan with hub Xi'an, the priorities
# chart, a comparison with Baoji (both against Xi'an), and the meeting report (.pdf, .xlsx); opens the viewer when a
# display is present.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
mkdir -p build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCHAINATLAS_BUILD_TESTS=OFF > build/configure.log 2>&1 || { cat build/configure.log; exit 1; }
cmake --build build -j"$(nproc)"

cli=build/cli/chainatlas
chain=chains/nev.json
mkdir -p out
$cli validate chains/*.json
$cli stats "$chain"
$cli analyze "$chain" --region suzhou --hub shanghai --top 10
$cli analyze "$chain" --region suzhou --hub shanghai --format csv -o out/targets-suzhou.csv
$cli analyze "$chain" --region suzhou --hub shanghai --format json -o out/analysis-suzhou.json
$cli map "$chain" --region suzhou --hub shanghai --lang zh -o out/map-suzhou.svg
$cli map "$chain" --region suzhou --hub shanghai --lang en --level firm -o out/map-suzhou-firms.svg
$cli map "$chain" --region weinan --hub xian --lang zh -o out/map-weinan.svg
$cli map "$chain" --region weinan --hub xian --lang zh --view priorities -o out/priorities-weinan.svg
$cli compare "$chain" --region weinan --region baoji --hub xian --lang zh
$cli report "$chain" --region weinan --hub xian --lang zh -o out/report-weinan.pdf
$cli report "$chain" --region weinan --hub xian --lang zh -o out/report-weinan.xlsx
echo
echo "Written to $(pwd)/out: targets-suzhou.csv (opens in Excel/WPS), analysis-suzhou.json, map-suzhou.svg,"
echo "map-suzhou-firms.svg, map-weinan.svg, priorities-weinan.svg, report-weinan.pdf and report-weinan.xlsx (meeting documents)"

if [ -x build/viewer/chainatlas-viewer ] && [ -n "${DISPLAY:-}" ]; then
  exec build/viewer/chainatlas-viewer "$chain" --region suzhou --hub shanghai
fi
