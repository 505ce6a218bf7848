#!/usr/bin/env bash
# Builds JobStream in Release and runs the benchmarks (docs/benchmarks.md):
#   bench/run.sh [quality|scrape|scrapy|render|hub|delivery|cluster|jobs|search|watches|heap|all] [--quick] [--rounds=N] [--only=baseline|jobstream|sqlite|postgres] [--redis-cluster] [--postgres]
#   scrape: 50 domains' timing, then 1,000 and 10,000 domains as one stream and one job (BENCH_CONCURRENCY=N at once, 256 unset); scrapy: the HTTP path beside a Scrapy spider
#   render: BENCH_BROWSER_ARGS adds Chromium switches, BENCH_PAGES sets the pages at once; BENCH_API_DLL runs another build of the API (a published one)
#   hub --redis-cluster: JobStream on one redis-server beside JobStream on a 3-primary Redis Cluster
#   watches: 1,000 watches every minute for ten minutes on one instance (SQLite; --postgres for PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
require_dotnet
ensure_apt_packages chromium-headless-shell redis-server postgresql python3-scrapy
# 10,000 streams need 10,000 sockets in the server and as many in the client: as many files as allowed.
ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 12000 ]; then
  echo "warning: only $(ulimit -n) open files allowed; the 10,000-stream scenarios need about 10,100" >&2
fi
dotnet build JobStream.sln -c Release -nologo -clp:ErrorsOnly
exec dotnet bench/JobStream.Benchmarks/bin/Release/net10.0/JobStream.Benchmarks.dll "$@"
