#!/usr/bin/env bash
# The server and store tests under ThreadSanitizer: concurrent identical and different
# requests (ConcurrentRequestTests), the JSON API (ServerAPITests), the store and its alert
# outbox (StoreTests, AlertOutboxStoreTests), the result cache, the parallel map.
#   bash scripts/check-thread-safety.sh [FILTER]
# Builds the tests with -sanitize=thread in its own scratch path (.build-tsan, ignored by
# git; a first build takes several minutes) and fails on any report (TSAN_OPTIONS
# halt_on_error=1). Not part of .ci/run, which it would push past its time budget.
set -euo pipefail
cd "$(dirname "$0")/.."
filter="${1:-ConcurrentRequestTests|ServerAPITests|StoreTests|AlertOutboxStoreTests|ParallelTests}"
export RISKFLOW_HOME="${RISKFLOW_HOME:-$(mktemp -d)}"
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
export RISKFLOW_PROPERTY_SWEEP=1   # enables ConcurrentRequestTests (a heavy suite)
swift build --build-tests --sanitize=thread --scratch-path .build-tsan
swift test --skip-build --sanitize=thread --scratch-path .build-tsan --filter "$filter"
echo "ThreadSanitizer: no data race reported in $filter"
