# Shared settings for the .ci scripts (sourced, not run).
# Tools that are not Rust crates live outside the repository, in a cache folder.

BLACKOUT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Pinned versions. wasm-bindgen-cli is not listed: it must equal the
# `wasm-bindgen` crate in Cargo.lock (read by lock_version below).
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"

BLACKOUT_TOOLS_DIR="${BLACKOUT_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/blackout-tools}"
BINARYEN_DIR="$BLACKOUT_TOOLS_DIR/binaryen-$BINARYEN_VERSION"
E2E_DIR="$BLACKOUT_ROOT/tests/e2e"

# wasm-opt (npm binaryen) first, then cargo-installed tools.
export PATH="$BINARYEN_DIR/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk must never reach the network (no GitHub downloads, no update check).
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true

say() { printf '==> %s\n' "$*"; }
warn() { printf '!!! %s\n' "$*" >&2; }
die() { printf '!!! %s\n' "$*" >&2; exit 1; }

# Run a command as root (sudo only when not root already).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# lock_version NAME: the version of package NAME in Cargo.lock (first match).
lock_version() {
  awk -v want="$1" '
    /^\[\[package\]\]/ { name = "" }
    /^name = /         { name = $3; gsub(/"/, "", name) }
    /^version = / && name == want { v = $3; gsub(/"/, "", v); print v; exit }
  ' "$BLACKOUT_ROOT/Cargo.lock"
}

# tool_version CMD: the second word of `CMD --version` (empty if CMD is missing).
tool_version() {
  command -v "$1" >/dev/null 2>&1 || return 0
  "$1" --version 2>/dev/null | head -n1 | awk '{print $2}'
}
