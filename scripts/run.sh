#!/usr/bin/env bash
# Runs JobStream on http://localhost:8000 (the UI at /, Swagger UI at /swagger) on embedded defaults: in-memory
# streams, no Redis needed. Development settings allow scraping loopback sites, for trying it locally.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_dotnet
# Chromium renders script-driven career pages; without it the service runs and /status says so.
ensure_apt_packages chromium-headless-shell publicsuffix || echo "Could not install chromium-headless-shell and publicsuffix: script-driven career pages will not be rendered (the bundled public suffix list is used)." >&2
# The UI at /; the API runs without it when it cannot be built (no Node.js, no registry), and says so.
build_ui || echo "Could not build the UI: the API runs without it (Swagger UI and the streams work as ever)." >&2
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:8000}"
echo "JobStream on ${ASPNETCORE_URLS} (${ASPNETCORE_ENVIRONMENT}): the UI at ${ASPNETCORE_URLS%%;*}/, Swagger UI at ${ASPNETCORE_URLS%%;*}/swagger"
exec dotnet run --project src/JobStream.Api -c Release --no-launch-profile "$@"
