#!/usr/bin/env bash
# Add AlAssess to the desktop menu of the current user (run from the unpacked bundle folder).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
sed "s#@BUNDLE@#${here}#g" "$here/alassess.desktop.in" > "$apps/alassess.desktop"
chmod 644 "$apps/alassess.desktop"
echo "AlAssess added to the applications menu ($apps/alassess.desktop)"
