# shellcheck shell=bash
# shellcheck disable=SC2034  # the *_VERSION, *_VENV and *_DIR variables are for the caller
# scripts/lib/peers.sh (sourced by lib/common.sh): installs the third-party peers, each exactly as
# scripts/peers/ pins it, into its own folder of .peers/ at the repository root. .peers/ is
# git-ignored and outside target/, so `cargo clean` keeps the installs (and the emulators' pid
# files and logs in .peers/run/ and .peers/logs/). Nothing is installed anywhere else.
#
#   .peers/NAME, a venv         from scripts/peers/NAME.txt, every package of the tree at ==VERSION:
#                               pip install --no-deps -r, then pip check (so nothing comes unpinned)
#   .peers/NAME, node_modules   from scripts/peers/NAME/package.json and package-lock.json: npm ci
#
#   NAME            holds                                      used by (under scripts/)
#   moto-venv       moto[server] 5.2.5                         demo, test (live), record-fixtures, emulators/
#   cognito-local   cognito-local 5.3.0 (npm)                  test (live), emulators/
#   srp-venv        pycognito 2024.5.1, botocore 1.44.8        srp/vectors, srp/check-server, test (srp-fresh)
#   srp-node        amazon-cognito-identity-js 6.3.21 (npm)    srp/vectors, srp/check-server, test (srp-fresh)
#   botocore-venv   botocore 1.44.8                            gen/model, gen/partitions, sigv4/run
#   jwt-venv        cryptography 50.0.2, PyJWT 2.15.1          gen/test-tokens
#   jwt-node        aws-jwt-verify 5.2.1 (npm)                 bench
#   bench-venv      pycognito 2024.5.1, gmpy2 2.3.2, boto3     bench
#   browser-node    playwright-core 1.65.2 (npm)               test (browser)
#   oauth-node      oidc-provider 9.13.3 (npm)                 test (oauth), emulators/start-oauth
#
# A folder is reused when its install finished with the pins of today (a copy of them is kept in
# it) and its packages report the pinned versions; it says so in one line. Otherwise it is
# installed afresh, with a progress line before and after. One install runs at a time
# (.peers/.install.lock). Every failure is loud; nothing is skipped.
#
#   ensure_python_peer NAME PACKAGE...   ready .peers/NAME (a venv); the PACKAGEs name it in messages
#   ensure_node_peer NAME PACKAGE        ready .peers/NAME (node_modules)
#   pinned_version NAME PACKAGE          the version scripts/peers/NAME(.txt) pins PACKAGE to
#   ensure_moto / ensure_cognito_local / ensure_srp_peers   the emulators and the SRP peers

# pinned_version NAME PACKAGE: the version scripts/peers/NAME.txt (pip) or
# scripts/peers/NAME/package.json (npm) pins PACKAGE to.
pinned_version() {
  local line=""
  if [ -f "$PINS_DIR/$1.txt" ]; then
    line="$(grep -iE "^$2(\[[^]]*\])?==" "$PINS_DIR/$1.txt" | head -n 1)" || true
    line="${line##*==}"
  elif [ -f "$PINS_DIR/$1/package.json" ]; then
    line="$(grep -oE "\"$2\": *\"[^\"]+\"" "$PINS_DIR/$1/package.json" | head -n 1)" || true
    line="${line%\"}"
    line="${line##*\"}"
  fi
  [ -n "$line" ] || die "scripts/peers/ pins no $2 for .peers/$1"
  echo "$line"
}

MOTO_VERSION="$(pinned_version moto-venv moto)"
COGNITO_LOCAL_VERSION="$(pinned_version cognito-local cognito-local)"
MOTO_VENV="$PEERS_DIR/moto-venv"
COGNITO_LOCAL_DIR="$PEERS_DIR/cognito-local"
SRP_VENV="$PEERS_DIR/srp-venv"
SRP_NODE_DIR="$PEERS_DIR/srp-node"

# _describe NAME PACKAGE...: "moto 5.2.5", "pycognito 2024.5.1, botocore 1.44.8"
_describe() {
  local name=$1 pkg out=""
  shift
  for pkg in "$@"; do
    out="${out:+$out, }$pkg $(pinned_version "$name" "$pkg")"
  done
  echo "$out"
}

# _with_install_lock CMD...: CMD, alone among the installs of this checkout (a subshell holds
# .peers/.install.lock). Exits when CMD fails.
_with_install_lock() {
  mkdir -p "$PEERS_DIR"
  if command -v flock >/dev/null 2>&1; then
    (
      exec 9>"$PEERS_DIR/.install.lock"
      flock 9
      "$@"
    ) || exit 1
  else
    ("$@") || exit 1
  fi
}

_check_peer_name() {
  case "$1" in '' | *[!a-z0-9-]*) die "a peer folder name is lowercase letters, digits and '-', got '$1'" ;; esac
}

ensure_venv_module() {
  need_cmd python3 "install CPython 3.11 (Debian: apt-get install python3 python3-venv)"
  if python3 -c 'import venv, ensurepip' 2>/dev/null; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    && [ "$(command -v python3)" = /usr/bin/python3 ]; then
    log "python3 has no venv module; installing Debian's python3-venv (running as root)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >&2 \
      || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv >&2; } \
      || die "apt-get install python3-venv failed"
    python3 -c 'import venv, ensurepip' || die "python3 still has no venv module after installing python3-venv"
  else
    die "python3 ($(command -v python3)) has no venv module: install it (Debian/Ubuntu: sudo apt-get install python3-venv) and retry"
  fi
}

# ---- Python peers -----------------------------------------------------------------------------

# _python_peer_ready NAME PACKAGE...: the venv finished an install of today's pins, and each
# PACKAGE reports its pinned version.
_python_peer_ready() {
  local name=$1 venv="$PEERS_DIR/$1" want="" pkg have
  shift
  cmp -s "$PINS_DIR/$name.txt" "$venv/.pins" || return 1
  for pkg in "$@"; do want="${want:+$want }$(pinned_version "$name" "$pkg")"; done
  have="$("$venv/bin/python" - "$@" 2>/dev/null <<'PY'
import importlib.metadata as m, sys
print(" ".join(m.version(p) for p in sys.argv[1:]))
PY
)" || return 1
  [ "$have" = "$want" ]
}

ensure_python_peer() {
  local name=$1
  shift
  _check_peer_name "$name"
  [ -f "$PINS_DIR/$name.txt" ] || die "no pins for .peers/$name: scripts/peers/$name.txt is missing"
  if _python_peer_ready "$name" "$@"; then
    log "$(_describe "$name" "$@") present in .peers/$name (as pinned by scripts/peers/$name.txt)"
    return 0
  fi
  _with_install_lock _install_python_peer "$name" "$@"
}

_install_python_peer() {
  local name=$1 venv="$PEERS_DIR/$1" pins="$PINS_DIR/$1.txt" what started why
  shift
  what="$(_describe "$name" "$@")"
  if _python_peer_ready "$name" "$@"; then # another run installed it while we waited for the lock
    log "$what present in .peers/$name (as pinned by scripts/peers/$name.txt)"
    return 0
  fi
  ensure_venv_module
  why="first run"
  [ ! -e "$venv" ] || why="the pins changed or an install was cut short; starting afresh"
  log "installing $what into .peers/$name ($why; every package as pinned by scripts/peers/$name.txt; about a minute) ..."
  started=$(now_ms)
  rm -rf -- "$venv"
  python3 -m venv "$venv" >&2 || die "python3 -m venv .peers/$name failed (Debian: apt-get install python3-venv)"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps -r "$pins" >&2 \
    || die "pip install -r scripts/peers/$name.txt failed (is PyPI reachable?)"
  local check
  check="$("$venv/bin/python" -m pip check 2>&1)" \
    || die "scripts/peers/$name.txt misses a dependency, pin it there (pip check: $check)"
  cp "$pins" "$venv/.pins"
  _python_peer_ready "$name" "$@" || die "after the install, .peers/$name does not report $what"
  log "installed $what into .peers/$name ($((($(now_ms) - started) / 1000)) s)"
}

# ---- Node peers -------------------------------------------------------------------------------

# _node_peer_ready NAME PACKAGE: the folder holds today's package.json and lock and PACKAGE
# reports its pinned version.
_node_peer_ready() {
  local dir="$PEERS_DIR/$1" have
  cmp -s "$PINS_DIR/$1/package.json" "$dir/package.json" || return 1
  cmp -s "$PINS_DIR/$1/package-lock.json" "$dir/package-lock.json" || return 1
  [ -f "$dir/.installed" ] || return 1
  have="$(node -p 'require(process.argv[1]).version' "$dir/node_modules/$2/package.json" 2>/dev/null)" || return 1
  [ "$have" = "$(pinned_version "$1" "$2")" ]
}

ensure_node_peer() {
  local name=$1 pkg=$2
  _check_peer_name "$name"
  if [ ! -f "$PINS_DIR/$name/package.json" ] || [ ! -f "$PINS_DIR/$name/package-lock.json" ]; then
    die "no pins for .peers/$name: scripts/peers/$name/package.json and package-lock.json"
  fi
  need_cmd node "install Node.js 20 with npm"
  if _node_peer_ready "$name" "$pkg"; then
    log "$pkg $(pinned_version "$name" "$pkg") present in .peers/$name (npm, as locked by scripts/peers/$name/)"
    return 0
  fi
  _with_install_lock _install_node_peer "$name" "$pkg"
}

_install_node_peer() {
  local name=$1 pkg=$2 dir="$PEERS_DIR/$1" what started why
  what="$pkg $(pinned_version "$name" "$pkg")"
  if _node_peer_ready "$name" "$pkg"; then
    log "$what present in .peers/$name (npm, as locked by scripts/peers/$name/)"
    return 0
  fi
  need_cmd npm "install npm (it comes with Node.js 20)"
  why="first run"
  [ ! -e "$dir" ] || why="the lock changed or an install was cut short; starting afresh"
  log "installing $what into .peers/$name ($why; npm ci from scripts/peers/$name/package-lock.json; 10-30 s) ..."
  started=$(now_ms)
  rm -rf -- "$dir"
  mkdir -p "$dir"
  cp "$PINS_DIR/$name/package.json" "$PINS_DIR/$name/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >&2 \
    || die "npm ci for $what failed (is the npm registry reachable?)"
  touch "$dir/.installed"
  _node_peer_ready "$name" "$pkg" || die "after npm ci, .peers/$name does not hold $what"
  log "installed $what into .peers/$name ($((($(now_ms) - started) / 1000)) s)"
}

# ---- the peers by purpose ---------------------------------------------------------------------

# ensure_moto: .peers/moto-venv with moto[server] (its moto_server command).
ensure_moto() {
  ensure_python_peer moto-venv moto
  [ -x "$MOTO_VENV/bin/moto_server" ] || die ".peers/moto-venv has no moto_server; remove .peers/moto-venv and retry"
}

# ensure_cognito_local: .peers/cognito-local with its cognito-local command.
ensure_cognito_local() {
  ensure_node_peer cognito-local cognito-local
  [ -x "$COGNITO_LOCAL_DIR/node_modules/.bin/cognito-local" ] \
    || die ".peers/cognito-local has no node_modules/.bin/cognito-local; remove .peers/cognito-local and retry"
}

# ensure_srp_peers: the two SRP peer libraries: pycognito (with botocore) in .peers/srp-venv and
# amazon-cognito-identity-js in .peers/srp-node. Exports SRP_NODE_MODULES for drive.js and
# js_login.js (which vectors.py and check_server.py run under node).
ensure_srp_peers() {
  ensure_python_peer srp-venv pycognito botocore
  ensure_node_peer srp-node amazon-cognito-identity-js
  export SRP_NODE_MODULES="$SRP_NODE_DIR/node_modules"
}
