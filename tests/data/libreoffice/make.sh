#!/usr/bin/env bash
# How tests/data/good/libreoffice.xlsx was made: LibreOffice Calc (Debian 12's libreoffice-calc-nogui 7.4)
# converts chain.fods — a small chain typed the way a planner types it — to .xlsx, so the test reads a
# workbook written by LibreOffice's own code, not ours. What chain.fods holds, on purpose:
#   - a chain sheet, Chinese header labels over English names (two header rows), a merged title row;
#   - an id typed as a number (2024), a longitude typed as text ("108.94"), a date (2024-05-06);
#   - booleans as a boolean cell (TRUE), as 否 and as the number 1; a metric as a number.
# LibreOffice writes shared strings, styles with a date format, and boolean cells. To make it again:
#     apt-get install --no-install-recommends libreoffice-calc-nogui
#     bash tests/data/libreoffice/make.sh          # writes tests/data/good/libreoffice.xlsx
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/chain.fods" "$work/libreoffice.fods"
HOME="$work" soffice --headless --norestore --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir "$work" \
    "$work/libreoffice.fods" > "$work/soffice.log" 2>&1 || { cat "$work/soffice.log"; exit 1; }
cp "$work/libreoffice.xlsx" "$here/../good/libreoffice.xlsx"
echo "wrote tests/data/good/libreoffice.xlsx"
