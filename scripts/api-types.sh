#!/usr/bin/env bash
# Writes the API's OpenAPI document to ui/openapi.json and regenerates the UI's types from it
# (ui/src/client/schema.d.ts, openapi-typescript). Run it after changing what an endpoint or an
# event carries; the test suite fails while either file is behind the API.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_dotnet
ensure_node
dotnet build tests/JobStream.Api.FunctionalTests -c Release -nologo -clp:ErrorsOnly
JOBSTREAM_WRITE_OPENAPI=1 dotnet test tests/JobStream.Api.FunctionalTests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~The_uis_copy_of_the_openapi_document_is_the_one_the_api_serves"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run types)
