#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, if any is missing:
#   chromium                          Playwright e2e (browsers cannot be downloaded here)
#   python3-jwt python3-cryptography  the official PyJWT sample and the partner-token sample
#   golang-go golang-github-golang-jwt-jwt-dev   the official Go sample
#   clickhouse-server clickhouse-client          partner connectors on a real ClickHouse (the tests start their own server)
# As root it installs them with apt-get; otherwise it prints the command and fails.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! /usr/bin/python3 -c 'import jwt, cryptography' >/dev/null 2>&1; then
  missing+=(python3 python3-jwt python3-cryptography)
fi
command -v go >/dev/null 2>&1 || missing+=(golang-go)
[ -d /usr/share/gocode/src/github.com/golang-jwt/jwt ] || missing+=(golang-github-golang-jwt-jwt-dev)
[ -x /usr/sbin/clickhouse-server ] || [ -x /usr/bin/clickhouse-server ] || missing+=(clickhouse-server)
command -v clickhouse-client >/dev/null 2>&1 || missing+=(clickhouse-client)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "datalens-mock tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages for the tests: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
