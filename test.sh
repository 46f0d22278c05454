#!/usr/bin/env bash
# Runs every test of the solution with the real dependencies they use, then prints 'N passed, N failed'.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
"$root/scripts/ensure-deps.sh" test || exit 3
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
dotnet build Reelay.slnx -c Release --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
# Reelay.slnx lists every test project: Reelay.Tests, Reelay.IntegrationTests and Reelay.BrowserTests (headless
# /usr/bin/chromium, installed by ensure-deps.sh test; screenshots in artifacts/screenshots/).
dotnet test Reelay.slnx -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" \
  --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=1500000 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
# The reliability suite in its short mode (RELIABILITY.md's campaigns), counted as one more test; its report goes to
# the results dir, so a test run never rewrites the committed RELIABILITY.md.
if dotnet run -c Release --no-build --project reliability/Reelay.Reliability -- --out "$results/RELIABILITY.md" 2>&1 | tee "$results/reliability.log"; then
  reliability_failed=0
else
  reliability_failed=1
fi
passed=$((1 - reliability_failed)); failed=$reliability_failed
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  p=$(grep -o 'passed="[0-9]*"' "$f" | head -1 | tr -dc 0-9); x=$(grep -o 'failed="[0-9]*"' "$f" | head -1 | tr -dc 0-9)
  passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0}))
done
# The failures again, last, so a log cut to its tail still names them (test, then the first line of its message).
for f in "$results"/*.trx; do
  [ -f "$f" ] || continue
  if command -v python3 >/dev/null; then python3 "$root/scripts/trx-failures.py" "$f" || true
  else grep -o 'testName="[^"]*"[^>]*outcome="Failed"' "$f" | sed -E 's/testName="([^"]*)".*/FAILED \1/' || true; fi
done
[ "$reliability_failed" -eq 0 ] || echo "FAILED reliability suite: see $results/reliability.log"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
