#!/usr/bin/env bash
# Build the one-folder Linux application with PyInstaller and pack it as a .tar.gz.
#   pip install -e ".[dev]" && bash packaging/build.sh
# Result: dist/AlAssess/ (run dist/AlAssess/AlAssess, or dist/AlAssess/alassess for the commands)
# and dist/AlAssess-<version>-linux-<arch>.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python -c "import alassess; print(alassess.__version__)")
python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/alassess.spec
bundle=dist/AlAssess
cp packaging/icons/alassess.png "$bundle/"
cp packaging/linux/alassess.desktop.in packaging/linux/install-desktop-entry.sh "$bundle/"
chmod +x "$bundle/install-desktop-entry.sh"
cp README.md "$bundle/README.md"
# smoke test: the bundle starts and knows its version
"$bundle/alassess" --version
tarball="dist/AlAssess-${version}-linux-$(uname -m).tar.gz"
tar -C dist -czf "$tarball" AlAssess
echo "built $bundle and $tarball ($(du -sh "$bundle" | cut -f1))"
