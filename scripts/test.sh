#!/usr/bin/env bash
# `npm test`: installs and starts the real components the tests need, then lint, typecheck and
# every test. Prints a closing "N passed, N failed" line.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== lint"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== typecheck"
npx tsc -p tsconfig.json --noEmit
echo "== build"
npm run --silent build
echo "== host tools"
# The exec driver and its tests use these; Debian's packages provide them when a machine lacks one.
missing=()
for pair in ps:procps script:bsdutils nsenter:util-linux unshare:util-linux mount:mount chroot:coreutils; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} (apt-get)"
  apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "${missing[@]}" >/dev/null; }
fi
echo "== docker"
bash scripts/setup-docker.sh
echo "== tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results.json "$@" || status=$?
node scripts/summarize-tests.js .test-results.json || true
exit $status
