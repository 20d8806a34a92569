# shellcheck shell=bash
# scripts/lib/common.sh: what the scripts under scripts/ share. Source this one file from a bash
# script that runs with `set -euo pipefail`; it sources lib/peers.sh and lib/emulators.sh too:
#     . "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"       (an entry point: scripts/NAME)
#     . "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"    (a helper: scripts/FOLDER/NAME)
#
# What it gives:
#   COGNITO_ROOT                the repository root
#   PEERS_DIR, PINS_DIR         .peers/ (installs, pid files, logs) and scripts/peers/ (the pins)
#   log / die / banner          messages on stderr (tagged with $LOG_TAG or the script's name); die exits 1
#   need_cmd / now_ms           a required command; milliseconds since the epoch
#   scope_begin / on_exit       run cleanups on EXIT, INT (exit 130) and TERM (exit 143)
#   isolate_from_aws_env        unset every AWS_* variable; keep loopback away from proxies
#   free_port                   a free loopback port, chosen by the kernel (bind to port 0)
#   lib/peers.sh                ensure_moto, ensure_cognito_local, ensure_srp_peers,
#                               ensure_python_peer, ensure_node_peer: pinned installs into .peers/
#   lib/emulators.sh            launch_* / await_* / stop_peer: emulators on free loopback ports
#
# Every third-party peer is installed into .peers/ at the repository root (git-ignored, outside
# target/, so `cargo clean` keeps it), exactly as pinned in scripts/peers/, and nowhere else.

# ---- paths ------------------------------------------------------------------------------------
# Physical paths: a linked scripts/ (scripts/readme-console runs in a scratch folder) still
# finds the repository.
COGNITO_ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
PEERS_DIR="$COGNITO_ROOT/.peers"
PINS_DIR="$COGNITO_ROOT/scripts/peers"
PEERS_RUN="$PEERS_DIR/run"
PEERS_LOGS="$PEERS_DIR/logs"

# ---- messages ---------------------------------------------------------------------------------
log() { printf '%s: %s\n' "${LOG_TAG:-$(basename "$0")}" "$*" >&2; }
die() { log "error: $*"; exit 1; }
banner() { printf '\n==== %s ====\n' "$*" >&2; }
need_cmd() { command -v "$1" >/dev/null 2>&1 || die "'$1' is not installed: $2"; }
now_ms() { date +%s%3N; }

# ---- cleanup on exit, failure and Ctrl-C -----------------------------------------------------
# scope_begin starts a fresh cleanup list for this shell (call it at the top of a script or of a
# subshell; traps are not inherited by subshells). on_exit adds a command; they run in reverse.
_CLEANUPS=()
scope_begin() {
  _CLEANUPS=()
  trap '_run_cleanups' EXIT
  trap 'exit 130' INT   # the EXIT trap then runs the cleanups
  trap 'exit 143' TERM
}
on_exit() { _CLEANUPS+=("$*"); }
_run_cleanups() {
  local i
  for ((i = ${#_CLEANUPS[@]} - 1; i >= 0; i--)); do
    eval "${_CLEANUPS[i]}" || true
  done
  _CLEANUPS=()
}

# ---- environment ------------------------------------------------------------------------------
LOOPBACK=127.0.0.1

# Live tests and the demo must not see a developer's real AWS settings: unsigned calls have to
# work with no credentials anywhere, and the endpoint comes from the test's own variable.
isolate_from_aws_env() {
  local v
  for v in $(compgen -e); do
    case "$v" in AWS_*) unset "$v" ;; esac
  done
  export NO_PROXY="$LOOPBACK,localhost${NO_PROXY:+,$NO_PROXY}"
  export no_proxy="$NO_PROXY"
}

free_port() {
  python3 - "$LOOPBACK" <<'PY'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind((sys.argv[1], 0))
print(s.getsockname()[1])
s.close()
PY
}

# shellcheck source=scripts/lib/peers.sh
. "$COGNITO_ROOT/scripts/lib/peers.sh"
# shellcheck source=scripts/lib/emulators.sh
. "$COGNITO_ROOT/scripts/lib/emulators.sh"
