#!/usr/bin/env bash
# Guard rails run by scripts/test.sh (and so by CI): the tree follows .swift-format
# (line length 150, as Hummingbird uses), and no Swift source file passes 400 lines
# (past that, a file holds two things). Fix formatting with:
#   swift format -i -r --parallel Sources Tests Package.swift
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
if ! swift format lint --strict --recursive --parallel Sources Tests Package.swift; then
    echo "lint: the files above do not follow .swift-format (run: swift format -i -r Sources Tests Package.swift)"
    status=1
fi

max_lines=400
while IFS= read -r file; do
    lines=$(wc -l < "$file")
    if [ "$lines" -gt "$max_lines" ]; then
        echo "lint: $file has $lines lines (at most $max_lines: split it by responsibility)"
        status=1
    fi
done < <(find Sources -name '*.swift' | sort)
# No GRDB read is awaited: an async read keeps its reader until the awaiting task resumes on
# Swift's cooperative pool, and the synchronous reads made from that pool can then wait for a
# reader that is never given back (the hub froze under 300 nodes, docs/benchmark.md).
if grep -rnE 'await[^/]*\b(pool|dbPool|database|reader|writer)\.(read|unsafeRead|readWithoutTransaction)\b' Sources; then
    echo "lint: the lines above await a GRDB read: read synchronously (see Storage/Log/Ingest.swift)"
    status=1
fi
exit $status
