#!/usr/bin/env bash
# Builds JobStream in Release and runs the benchmarks: bench/run.sh [quality|scrape|render|all] [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
require_dotnet
ensure_apt_packages chromium
ulimit -n 65536 2>/dev/null || true
dotnet build JobStream.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet bench/JobStream.Benchmarks/bin/Release/net10.0/JobStream.Benchmarks.dll "$@"
