# Shared by scripts/run.sh and scripts/test.sh.

# Debian packages the test suite needs (servers and browsers the tests start themselves).
TEST_APT_PACKAGES=(redis-server nginx postgresql python3 python3-redis python3-celery chromium chromium-headless-shell publicsuffix)

require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET SDK is missing: install .NET 10 (see global.json) and run this again." >&2
    exit 1
  fi
}

# Installs the named Debian packages that are not installed yet; does nothing when all are.
ensure_apt_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Node.js and npm for the UI: Debian's packages where no node and npm are on the PATH yet.
ensure_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    return 0
  fi
  ensure_apt_packages nodejs npm
}

# Builds the UI (ui/) into the API's static files when the build is missing or older than its sources.
# Packages come from the npm registry, pinned by ui/package-lock.json.
build_ui() {
  local built=src/JobStream.Api/wwwroot/index.html
  if [ -f "$built" ] && [ -z "$(find ui/src ui/index.html ui/package.json ui/package-lock.json ui/vite.config.ts -newer "$built" -print -quit)" ]; then
    return 0
  fi
  ensure_node
  echo "Building the UI (ui/ into src/JobStream.Api/wwwroot)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
}
