#!/usr/bin/env bash
# Registers FlowScope with the desktop for this user: the launcher (Exec points at this build's
# explorer), its icon, and the demo files' MIME type, so a double-click on a .flowscope file opens
# it. Usage: tools/install_desktop.sh [BUILD_DIR]   (default build/; run after building)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
[ -x "$build/flowscope" ] || { echo "install_desktop: no explorer at $build/flowscope (build first)" >&2; exit 1; }
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/mime/packages" "$data/icons/hicolor/scalable/apps"
sed "s|^Exec=flowscope |Exec=$build/flowscope |" resources/desktop/flowscope.desktop > "$data/applications/flowscope.desktop"
cp resources/desktop/flowscope-mime.xml "$data/mime/packages/flowscope.xml"
cp resources/desktop/flowscope.svg "$data/icons/hicolor/scalable/apps/flowscope.svg"
command -v update-mime-database >/dev/null && update-mime-database "$data/mime"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications"
command -v xdg-mime >/dev/null && xdg-mime default flowscope.desktop application/x-flowscope-demo
echo "install_desktop: FlowScope registered under $data (.flowscope files open with $build/flowscope)"
