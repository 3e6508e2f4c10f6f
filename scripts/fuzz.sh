#!/usr/bin/env bash
# Fuzzes every reader of outside bytes (strict JSON, wire envelopes, sync messages, sealed
# bodies, export manifests) with libFuzzer, which ships with the Swift toolchain.
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer options…]    (default: 60 s)
#
# The target is built in release mode with -sanitize=fuzzer in .build/fuzz (apart from the
# normal build). The seed corpus comes from protocol/ (scripts/fuzz_corpus.py); what libFuzzer
# finds interesting is kept in .build/fuzz/corpus between runs. A crash leaves its input in
# .build/fuzz/crash-*; replay it with `swift run VMVPFuzz FILE`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true

swift build -c release --scratch-path .build/fuzz --product VMVPFuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING
binary=".build/fuzz/release/VMVPFuzz"

seeds=".build/fuzz/seeds"
corpus=".build/fuzz/corpus"
rm -rf "$seeds"
python3 scripts/fuzz_corpus.py "$seeds"
mkdir -p "$corpus"

# One worker per core would starve the rest of CI on 2 cores: one job, a bounded input size
# (the hub refuses bodies over 32 MiB; 64 KiB inputs reach every reader's limits that matter).
"$binary" "$corpus" "$seeds" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix=.build/fuzz/ -print_final_stats=1 "$@"
