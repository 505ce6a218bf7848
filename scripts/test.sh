#!/usr/bin/env bash
# Builds the solution (warnings are errors) and runs every test project. Installs what the tests need
# that a fresh machine lacks, then prints one summary line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_dotnet
ensure_apt_packages "${TEST_APT_PACKAGES[@]}"

# The UI first: its types are current with ui/openapi.json and ESLint passes (npm run check), its unit
# tests (Vitest), and its build, which the browser tests of the suite load. The .NET suite holds
# ui/openapi.json to the document the API serves (scripts/api-types.sh rewrites both).
ensure_node
log=$(mktemp)
ui_log=$(mktemp)
trap 'rm -f "$log" "$ui_log"' EXIT
status=0
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent && npx vitest run --reporter=default) 2>&1 | tee "$ui_log" || status=$?
(cd ui && npm run check --silent) || { status=1; echo "ui: the types are behind ui/openapi.json (npm run types) or ESLint found problems" >&2; }

dotnet build JobStream.sln -c Release -nologo -clp:ErrorsOnly
dotnet test JobStream.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$log" || status=$?

# One "Passed!/Failed! - Failed: F, Passed: P, Skipped: S" line per test project; add them up.
read -r passed failed skipped projects < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(/,/, ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
    n++
  }
  END { print p + 0, f + 0, s + 0, n + 0 }' "$log")
# Vitest's "Tests  N passed | M failed (T)" line.
read -r ui_passed ui_failed < <(sed 's/\x1b\[[0-9;]*m//g' "$ui_log" | awk '
  /^ +Tests +[0-9]/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p = $(i-1); if ($i ~ /^failed/) f = $(i-1) } }
  END { print p + 0, f + 0 }')
passed=$((passed + ui_passed))
failed=$((failed + ui_failed))
echo
echo "Test projects run: ${projects} .NET, and the UI's (${ui_passed} passed, ${ui_failed} failed)"
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$projects" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test project reported results" >&2
  status=1
fi
exit "$status"
