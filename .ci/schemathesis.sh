#!/usr/bin/env bash
# Fuzzes the running API from its own OpenAPI document with schemathesis (issue 7):
# builds and starts the server on the embedded store on 127.0.0.1, seeds one realistic case, then runs
# `st run --checks all` with a fixed seed and bounded examples as a unit of several agency types.
# Any 5xx, schema violation or other failed check makes it exit non-zero.
#
#   .ci/schemathesis.sh            # all agency types below, FUZZ_EXAMPLES (default 25) per operation
#   FUZZ_UNITS="polres-nunukan" FUZZ_EXAMPLES=10 .ci/schemathesis.sh
#
# schemathesis is installed with pip into a virtualenv cached under ~/.cache/tppo-schemathesis.
set -euo pipefail
cd "$(dirname "$0")/.."

ST_VERSION="${ST_VERSION:-4.32.5}"
VENV="${HOME}/.cache/tppo-schemathesis/${ST_VERSION}"
EXAMPLES="${FUZZ_EXAMPLES:-25}"
SEED="${FUZZ_SEED:-20261205}"
# Police, a service unit, a prosecutor, LPSK and the ministry: every audience of the API.
UNITS="${FUZZ_UNITS:-polres-nunukan uptd-ppa-nunukan kejari-nunukan lpsk-ri kemenpppa}"

if [ ! -x "${VENV}/bin/st" ]; then
  echo "== schemathesis ${ST_VERSION}: installing into ${VENV}"
  if ! python3 -m venv "${VENV}" 2>/dev/null; then
    # Debian ships venv separately.
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq python3-venv >/dev/null; else sudo apt-get install -y -qq python3-venv >/dev/null; fi
    python3 -m venv "${VENV}"
  fi
  "${VENV}/bin/pip" install --quiet --disable-pip-version-check "schemathesis==${ST_VERSION}"
fi

echo "== building the API"
npx nest build coordination-api >/dev/null

DATA_DIR="$(mktemp -d)"
LOG="${DATA_DIR}/server.log"
PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
BASE="http://127.0.0.1:${PORT}"
cleanup() {
  if [ -n "${SERVER_PID:-}" ]; then kill "${SERVER_PID}" 2>/dev/null || true; wait "${SERVER_PID}" 2>/dev/null || true; fi
  rm -rf "${DATA_DIR}"
}
trap cleanup EXIT

# NODE_ENV=test keeps /docs-json; rate limits off so the fuzzer measures behaviour, not the throttle
# (the throttle has its own tests). Logs go to a file: printed only when the run fails.
NODE_ENV=test DATA_DIR="${DATA_DIR}" HOST=127.0.0.1 PORT="${PORT}" LOG_LEVEL=warn RATE_LIMIT_PER_MINUTE=0 RATE_LIMIT_REPORTS_PER_MINUTE=0 \
  node dist/apps/coordination-api/apps/coordination-api/src/main.js >"${LOG}" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if curl -fs "${BASE}/health/ready" >/dev/null 2>&1; then break; fi
  if ! kill -0 "${SERVER_PID}" 2>/dev/null; then cat "${LOG}"; echo "the API did not start" >&2; exit 1; fi
  sleep 0.2
done
curl -fs "${BASE}/health/ready" >/dev/null

token() { npx tsx apps/coordination-api/src/cli/token.ts --unit "$1" --data-dir "${DATA_DIR}" --user "fuzz@$1"; }

# Random ids in paths only ever meet 404s: each unit's run gets a case of its own, seeded through the
# API (one run's commands would close or hand over the next one's case), and the hooks put its ids into paths.
SCHEMATHESIS_HOOKS="$(pwd)/.ci/schemathesis_hooks.py"
export SCHEMATHESIS_HOOKS
seed_case() {
  FUZZ_SEEDED_IDS="$(FUZZ_BASE="${BASE}" POLICE_TOKEN="$(token polres-nunukan)" UPTD_TOKEN="$(token uptd-ppa-nunukan)" npx tsx .ci/seed-fuzz-case.ts)"
  export FUZZ_SEEDED_IDS
  CASE_ID="$(node -p 'JSON.parse(process.argv[1]).caseId' "${FUZZ_SEEDED_IDS}")"
}
case_revision() { curl -fs -H "Authorization: Bearer $(token polres-nunukan)" "${BASE}/cases/${CASE_ID}" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).revision'; }

failed=0
for unit in ${UNITS}; do
  seed_case
  SEEDED_REVISION="$(case_revision)"
  echo "== schemathesis as ${unit}: --checks all, ${EXAMPLES} examples per operation, seed ${SEED}, on the seeded case ${FUZZ_SEEDED_IDS}"
  # One worker: CPython 3.11's ast.parse, which hypothesis calls, is not thread-safe (it failed
  # with "AST constructor recursion depth mismatch" under two workers).
  if ! "${VENV}/bin/st" --config-file .ci/schemathesis.toml run "${BASE}/docs-json" \
      --checks all \
      --max-examples "${EXAMPLES}" \
      --seed "${SEED}" \
      --workers 1 \
      --request-timeout 10 \
      --no-color \
      --header "Authorization: Bearer $(token "${unit}")"; then
    failed=1
  fi
  # Proof that the run reached its case: what its commands wrote there. Only the police run must
  # write something (it leads the case); another unit's commands may all be refused by the rules.
  FUZZED_REVISION="$(case_revision)"
  echo "== as ${unit}, the seeded case went from revision ${SEEDED_REVISION} to ${FUZZED_REVISION}"
  if [ "${unit}" = polres-nunukan ] && [ "${FUZZED_REVISION}" -le "${SEEDED_REVISION}" ]; then
    echo "the fuzzer wrote nothing to the seeded case as ${unit}: its ids did not reach the paths" >&2
    failed=1
  fi
done

if [ "${failed}" != 0 ]; then
  echo "== server log (last 100 lines)"
  tail -n 100 "${LOG}"
  echo "schemathesis found failures" >&2
  exit 1
fi
echo "== schemathesis: no failures"
