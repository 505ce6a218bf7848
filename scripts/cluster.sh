#!/usr/bin/env bash
# Runs a JobStream cluster on loopback: redis-server, two JobStream instances sharing it, and nginx in
# front of them with docs/deploy/nginx.conf. Prints the nginx URL once everything answers; Ctrl-C
# (or SIGTERM) stops everything. The environment is passed through to the instances, so any setting
# of docs/configuration.md can be given, e.g. `Scraping__Companies__0=example.com scripts/cluster.sh`.
#   CLUSTER_PORT (8080)   where nginx listens
#   INSTANCE_PORTS ("8001 8002"), REDIS_PORT (6390)
#   --redis-cluster       a Redis Cluster instead of one server: 3 primaries with a replica each, on
#                         REDIS_PORT and the five ports after it
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_dotnet
ensure_apt_packages redis-server nginx curl chromium-headless-shell publicsuffix

port="${CLUSTER_PORT:-8080}"
read -r -a instances <<< "${INSTANCE_PORTS:-8001 8002}"
redis_port="${REDIS_PORT:-6390}"
work="$(mktemp -d)"
pids=()

stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop INT TERM EXIT

wait_for() { # url, name
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  echo "$2 did not answer at $1" >&2
  exit 1
}

dotnet build src/JobStream.Api -c Release -nologo -clp:ErrorsOnly
bin="$(pwd)/src/JobStream.Api/bin/Release/net10.0"

redis_nodes=()
if [[ "${1:-}" == "--redis-cluster" ]]; then
  for offset in 0 1 2 3 4 5; do
    node_port=$((redis_port + offset))
    mkdir -p "$work/redis-$node_port"
    redis-server --port "$node_port" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync always \
      --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000 \
      --dir "$work/redis-$node_port" > "$work/redis-$node_port.log" 2>&1 &
    pids+=($!)
    redis_nodes+=("127.0.0.1:$node_port")
  done
  for node in "${redis_nodes[@]}"; do
    until redis-cli -h 127.0.0.1 -p "${node#*:}" ping > /dev/null 2>&1; do sleep 0.1; done
  done
  redis-cli --cluster create "${redis_nodes[@]}" --cluster-replicas 1 --cluster-yes > "$work/redis-cluster.log"
  until redis-cli -p "$redis_port" cluster info | grep -q "cluster_state:ok"; do sleep 0.2; done
  # The primaries; the instances find the replicas and follow a failover themselves.
  default_redis="$(IFS=,; echo "${redis_nodes[*]:0:3}")"
else
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync always --dir "$work" > "$work/redis.log" 2>&1 &
  pids+=($!)
  default_redis="redis://127.0.0.1:${redis_port}"
fi

# One secret for all instances, so a token from one is valid on the other.
export JWT_SECRET="${JWT_SECRET:-$(head -c 48 /dev/urandom | base64 -w0)}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
export REDIS_URL="${REDIS_URL:-$default_redis}"
export ForwardedHeaders__KnownProxies__0="${ForwardedHeaders__KnownProxies__0:-127.0.0.1}"
export Security__HttpsRedirection="${Security__HttpsRedirection:-false}"
for instance in "${instances[@]}"; do
  ASPNETCORE_URLS="http://127.0.0.1:${instance}" dotnet "$bin/JobStream.Api.dll" --contentRoot "$bin" > "$work/instance-${instance}.log" 2>&1 &
  pids+=($!)
done

sed -e "s/listen 127.0.0.1:8080;/listen 127.0.0.1:${port};/" \
    -e "s/server 127.0.0.1:8001;/server 127.0.0.1:${instances[0]};/" \
    -e "s/server 127.0.0.1:8002;/server 127.0.0.1:${instances[1]};/" \
    docs/deploy/nginx.conf > "$work/nginx.conf"
mkdir -p "$work/tmp"
nginx -p "$work" -c nginx.conf -g 'daemon off;' &
pids+=($!)

for instance in "${instances[@]}"; do wait_for "http://127.0.0.1:${instance}/health" "instance ${instance}"; done
wait_for "http://127.0.0.1:${port}/health" "nginx"
echo "JobStream cluster on http://127.0.0.1:${port} (instances ${instances[*]}, Redis ${REDIS_URL}; logs in ${work})"
wait -n "${pids[@]}" || true
echo "a process of the cluster stopped; stopping the rest" >&2
