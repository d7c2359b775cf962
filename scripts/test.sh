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
echo "== docker"
bash scripts/setup-docker.sh
echo "== tests"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=.test-results.json "$@" || status=$?
node scripts/summarize-tests.js .test-results.json || true
exit $status
