# peers.sh: sourced by run and check-server. Installs the pinned SRP peers into
# project-local folders when missing or at another version, and fails loudly.
#   $ROOT/target/peers/srp-venv   pycognito==2024.5.1, botocore==1.44.8 (Python venv)
#   $ROOT/target/peers/srp-node   amazon-cognito-identity-js@6.3.21 (npm)
PYCOGNITO_VERSION=2024.5.1
BOTOCORE_VERSION=1.44.8
COGNITO_JS_VERSION=6.3.21
VENV="$ROOT/target/peers/srp-venv"
NODE_DIR="$ROOT/target/peers/srp-node"

peers_log() { printf 'srp-peers: %s\n' "$*" >&2; }
peers_die() { peers_log "error: $*"; exit 1; }

ensure_python_peer() {
  local have=""
  if [ -x "$VENV/bin/python" ]; then
    have="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("pycognito"), m.version("botocore"))' 2>/dev/null || true)"
  fi
  if [ "$have" != "$PYCOGNITO_VERSION $BOTOCORE_VERSION" ]; then
    command -v python3 >/dev/null || peers_die "python3 is needed"
    if [ ! -x "$VENV/bin/python" ]; then
      peers_log "creating $VENV"
      python3 -m venv "$VENV" >&2 || peers_die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    fi
    peers_log "installing pycognito==$PYCOGNITO_VERSION botocore==$BOTOCORE_VERSION"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
      "pycognito==$PYCOGNITO_VERSION" "botocore==$BOTOCORE_VERSION" >&2 || peers_die "pip install failed"
  fi
}

ensure_node_peer() {
  local pkg="$NODE_DIR/node_modules/amazon-cognito-identity-js/package.json" have=""
  command -v node >/dev/null || peers_die "node is needed"
  if [ -f "$pkg" ]; then
    have="$(node -p "require('$pkg').version" 2>/dev/null || true)"
  fi
  if [ "$have" != "$COGNITO_JS_VERSION" ]; then
    command -v npm >/dev/null || peers_die "npm is needed"
    mkdir -p "$NODE_DIR"
    peers_log "installing amazon-cognito-identity-js@$COGNITO_JS_VERSION"
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error \
      "amazon-cognito-identity-js@$COGNITO_JS_VERSION" >&2 || peers_die "npm install failed"
  fi
}
