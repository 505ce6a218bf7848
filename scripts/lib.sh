# Shared by scripts/run.sh and scripts/test.sh.

# Debian packages the test suite needs (servers and browsers the tests start themselves).
TEST_APT_PACKAGES=(redis-server nginx python3 python3-redis python3-celery chromium publicsuffix)

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
