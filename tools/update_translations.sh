#!/usr/bin/env bash
# Refreshes resources/translations/*.ts from the sources' tr() strings (Qt's lupdate), keeping
# every existing translation; the build turns the .ts files into .qm (qt_add_lrelease).
# The -I paths let lupdate see the classes' headers, so contexts carry their namespaces
# ("flowscope::ui::StepStrip"), as the running program looks them up.
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
for ts in resources/translations/flowscope_*.ts; do
  lang=${ts#resources/translations/flowscope_}
  "$lupdate" -I . -I app -I widgets -locations none -no-obsolete -target-language "${lang%.ts}" \
    app widgets -ts "$ts"
done
