#!/bin/sh
# Installs the Debian packages `make fuzz` needs beyond tools/deps.sh's, only
# those missing: clang, libFuzzer's runtime, llvm-symbolizer for readable
# stacks.  Used by `make fuzz` only; `make test` never needs them.
exec sh "$(dirname "$0")/../../tools/deps.sh" clang-14 libclang-rt-14-dev llvm-14
