#!/usr/bin/env bash
# Accepts every pending snapshot: renames each *.received.cs (generated code) and *.received.txt (public API listings)
# beside the tests to *.approved.*. Review the diff (git diff) before committing.
set -euo pipefail
cd "$(dirname "$0")"
find . \( -name '*.received.cs' -o -name '*.received.txt' \) -print0 | while IFS= read -r -d '' received; do
  mv "$received" "${received/.received./.approved.}"
  echo "accepted ${received#./}"
done
