# shellcheck shell=bash
# shellcheck disable=SC2034  # launch_* set variables (MOTO_PID, …) for the caller
# shellcheck disable=SC2153  # MOTO_VENV, COGNITO_LOCAL_DIR: set by lib/peers.sh
# scripts/lib/emulators.sh (sourced by lib/common.sh): start, await and stop the emulators and our
# SRP server on free loopback ports. Install them first (lib/peers.sh: ensure_moto, …).
#
#   launch_moto / launch_cognito_local   start one emulator on a free port (in its own session)
#   await_peer                  wait until a launched emulator answers
#   stop_peer                   stop one emulator (TERM its process group, then KILL)
#   launch_moto_totp            a second moto that checks TOTP codes (MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP)
#   launch_cognito_local_seeded cognito-local whose database starts from a fixture
#   launch_srp_server / await_srp_server   scripts/srp/srp_server.py (checks SRP proofs) on a free port
#   launch_oauth_server         scripts/oauth/server.mjs (oidc-provider with Cognito's paths); await_peer oauth-server
#   forget_dead_peers / recorded_ports     the records of emulators started earlier
#
# Every emulator this library starts is recorded in .peers/run/<kind>-<port>.pid, and its log
# goes to .peers/logs/<kind>-<port>.log (kept after it stops, for diagnosis; `cargo clean` keeps
# both, so scripts/emulators/stop-* still find an emulator started before a clean).

COGNITO_LOCAL_CODE="${COGNITO_LOCAL_CODE:-135790}"   # the fixed code cognito-local sends (CODE=…)
PEER_START_TIMEOUT="${PEER_START_TIMEOUT:-60}"        # seconds to wait for an emulator to answer

# ---- starting and stopping emulators ---------------------------------------------------------
# _spawn KIND PORT CWD TIED CMD...: start CMD in CWD, in a new session (so its whole process group
# can be signalled and a Ctrl-C on the terminal does not reach it), logging to the peer log.
# With TIED=tied the process also gets SIGTERM when this shell dies, even by SIGKILL
# (PR_SET_PDEATHSIG, set by a tiny python3 wrapper that then execs CMD).
# Sets SPAWNED_PID and writes .peers/run/KIND-PORT.pid.
_spawn() {
  local kind=$1 port=$2 cwd=$3 tied=$4
  shift 4
  mkdir -p "$PEERS_RUN" "$PEERS_LOGS"
  local logfile="$PEERS_LOGS/$kind-$port.log"
  local wrap=()
  if [ "$tied" = tied ]; then
    wrap=(python3 -c '
import ctypes, os, signal, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG: die with the shell that started us
if os.getppid() != int(sys.argv[1]):
    sys.exit("the starting shell is gone")
os.execvp(sys.argv[2], sys.argv[2:])' "$BASHPID")
  fi
  (cd "$cwd" && exec setsid "${wrap[@]}" "$@" >"$logfile" 2>&1 </dev/null) &
  SPAWNED_PID=$!
  echo "$SPAWNED_PID" >"$PEERS_RUN/$kind-$port.pid"
}

# launch_moto [tied|detached]: sets MOTO_PORT, MOTO_PID, MOTO_ENDPOINT. Call await_peer next.
launch_moto() {
  forget_dead_peers
  MOTO_PORT="$(free_port)"
  # moto reads MOTO_* switches from its environment; keep the run reproducible.
  _spawn moto "$MOTO_PORT" "$PEERS_DIR" "${1:-tied}" \
    env -u MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP \
    "$MOTO_VENV/bin/moto_server" -H "$LOOPBACK" -p "$MOTO_PORT"
  MOTO_PID=$SPAWNED_PID
  MOTO_ENDPOINT="http://$LOOPBACK:$MOTO_PORT"
}

# launch_cognito_local [tied|detached]: sets COGNITO_LOCAL_PORT, COGNITO_LOCAL_PID,
# COGNITO_LOCAL_ENDPOINT and COGNITO_LOCAL_HOME (a fresh temporary directory holding
# .cognito/config.json; cognito-local keeps its database there; stop_peer removes it).
launch_cognito_local() {
  forget_dead_peers
  COGNITO_LOCAL_PORT="$(free_port)"
  COGNITO_LOCAL_HOME="$(mktemp -d "${TMPDIR:-/tmp}/cognito-local.XXXXXX")"
  mkdir -p "$COGNITO_LOCAL_HOME/.cognito"
  # Without this, every pool defaults to email usernames (peers README §2.1).
  printf '{"UserPoolDefaults":{"UsernameAttributes":[]}}\n' >"$COGNITO_LOCAL_HOME/.cognito/config.json"
  mkdir -p "$PEERS_RUN"
  echo "$COGNITO_LOCAL_HOME" >"$PEERS_RUN/cognito-local-$COGNITO_LOCAL_PORT.home"
  # Only launch_cognito_local_seeded sets this (a local of its own): the database, before start-up.
  if [ -n "${_COGNITO_LOCAL_SEED:-}" ]; then
    _seed_cognito_local "$_COGNITO_LOCAL_SEED" "$COGNITO_LOCAL_HOME/.cognito/db"
  fi
  _spawn cognito-local "$COGNITO_LOCAL_PORT" "$COGNITO_LOCAL_HOME" "${1:-tied}" \
    env HOST="$LOOPBACK" PORT="$COGNITO_LOCAL_PORT" CODE="$COGNITO_LOCAL_CODE" \
    "$COGNITO_LOCAL_DIR/node_modules/.bin/cognito-local"
  COGNITO_LOCAL_PID=$SPAWNED_PID
  COGNITO_LOCAL_ENDPOINT="http://$LOOPBACK:$COGNITO_LOCAL_PORT"
}

# await_peer KIND PORT PID: wait until the emulator answers (moto: a ListUserPools POST gives 200;
# cognito-local: GET /health gives 200). On failure: print the log's tail, stop it, die.
await_peer() {
  local kind=$1 port=$2 pid=$3 started rc=0
  started=$(now_ms)
  python3 - "$kind" "$LOOPBACK" "$port" "$pid" "$PEER_START_TIMEOUT" <<'EOF' || rc=$?
import http.client, sys, time
kind, host, port, pid, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], float(sys.argv[5])

def alive():
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False

deadline = time.monotonic() + timeout
while True:
    if not alive():
        sys.exit(2)
    try:
        c = http.client.HTTPConnection(host, port, timeout=2)
        if kind == "moto":
            c.request("POST", "/", body='{"MaxResults": 1}', headers={
                "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools",
                "Content-Type": "application/x-amz-json-1.1"})
        elif kind == "oauth-server":
            c.request("GET", "/.well-known/openid-configuration")
        else:
            c.request("GET", "/health")
        r = c.getresponse()
        r.read()
        if r.status == 200 and alive():
            sys.exit(0)
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit(3)
    time.sleep(0.05)
EOF
  if [ "$rc" != 0 ]; then
    case "$rc" in
      2) log "$kind (pid $pid) exited during startup; last lines of its log:" ;;
      3) log "$kind (pid $pid) did not answer on port $port within ${PEER_START_TIMEOUT}s; last lines of its log:" ;;
      *) log "waiting for $kind failed (exit $rc); last lines of its log:" ;;
    esac
    tail -n 25 "$PEERS_LOGS/$kind-$port.log" >&2 || true
    stop_peer "$kind" "$port" "$pid"
    die "$kind did not start"
  fi
  log "$kind ready on http://$LOOPBACK:$port (pid $pid, $(($(now_ms) - started)) ms; log: ${PEERS_LOGS#"$COGNITO_ROOT"/}/$kind-$port.log)"
}

_proc_alive() { # PID: running and not a zombie
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != Z ]
}

_proc_is() { # PID KIND: the process's command line is that emulator's
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)" || return 1
  case "$2" in
    moto) [[ "$cmd" == *moto_server* ]] ;;
    cognito-local) [[ "$cmd" == *cognito-local* ]] ;;
    srp-server) [[ "$cmd" == *srp_server.py* ]] ;;
    oauth-server) [[ "$cmd" == *oauth/server.mjs* ]] ;;
    *) return 1 ;;
  esac
}

# stop_peer KIND PORT [PID]: stop the emulator on that port (PID, else the one recorded for the
# port), if it is running; removes its record and, for cognito-local, its temporary directory.
stop_peer() {
  local kind=$1 port=$2 pidfile="$PEERS_RUN/$1-$2.pid" homefile="$PEERS_RUN/$1-$2.home" pid=${3:-}
  if [ -z "$pid" ] && [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile")"
  fi
  if [ -n "$pid" ]; then
    if _proc_alive "$pid" && _proc_is "$pid" "$kind"; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      local i
      for ((i = 0; i < 100; i++)); do
        _proc_alive "$pid" || break
        sleep 0.05
      done
      if _proc_alive "$pid"; then
        log "$kind (pid $pid) ignored SIGTERM for 5 s; sending SIGKILL"
      fi
      # KILL whatever is left of its process group (it is its own session; nothing else is in it).
      kill -KILL -- "-$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      log "stopped $kind on port $port (pid $pid)"
    fi
  fi
  rm -f "$pidfile"
  if [ -f "$homefile" ]; then
    local home
    home="$(cat "$homefile")"
    case "$home" in
      */cognito-local.*) rm -rf -- "$home" ;;
    esac
    rm -f "$homefile"
  fi
}

# forget_dead_peers: remove the records (pid file, cognito-local's directory) of emulators that are
# no longer running, e.g. after a scripts/test killed with SIGKILL (its emulators die with it).
# Never signals anything.
forget_dead_peers() {
  local kind port pid
  for kind in moto cognito-local oauth-server; do
    for port in $(recorded_ports "$kind"); do
      pid="$(cat "$PEERS_RUN/$kind-$port.pid" 2>/dev/null || true)"
      if [ -z "$pid" ] || ! _proc_alive "$pid" || ! _proc_is "$pid" "$kind"; then
        stop_peer "$kind" "$port"
      fi
    done
  done
}

# recorded_ports KIND: the ports of every emulator of that kind recorded in .peers/run/.
recorded_ports() {
  local f
  for f in "$PEERS_RUN/$1"-*.pid; do
    [ -e "$f" ] || continue
    f="${f##*/}"
    f="${f#"$1"-}"
    echo "${f%.pid}"
  done
}

# ---- sign-in peers: a TOTP-checking moto, a seeded cognito-local, the verifying SRP server ----

# launch_moto_totp [tied|detached]: a second moto whose whole process checks TOTP codes
# (MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true: the code of the exact current 30 s step, no window,
# secret `asdfasdfasdf` for everyone). Sets MOTO_TOTP_PORT, MOTO_TOTP_PID, MOTO_TOTP_ENDPOINT;
# await_peer moto and stop_peer moto work on it as on the first.
launch_moto_totp() {
  forget_dead_peers
  MOTO_TOTP_PORT="$(free_port)"
  _spawn moto "$MOTO_TOTP_PORT" "$PEERS_DIR" "${1:-tied}" \
    env MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true \
    "$MOTO_VENV/bin/moto_server" -H "$LOOPBACK" -p "$MOTO_TOTP_PORT"
  MOTO_TOTP_PID=$SPAWNED_PID
  MOTO_TOTP_ENDPOINT="http://$LOOPBACK:$MOTO_TOTP_PORT"
}

# launch_cognito_local_seeded SEED.json [tied|detached]: launch_cognito_local, with the database
# folder filled before the emulator starts (it loads .cognito/db/*.json once, at start-up). SEED.json
# maps file names (clients.json, <pool id>.json) to their JSON content, plus a `source` member,
# e.g. fixtures/cognito-local/sms-mfa-seed.json. Sets what launch_cognito_local sets.
launch_cognito_local_seeded() {
  local seed=$1
  shift
  [ -f "$seed" ] || die "no cognito-local seed at $seed"
  local _COGNITO_LOCAL_SEED=$seed
  launch_cognito_local "$@"
}

# _seed_cognito_local SEED.json DB_DIR: writes each file-named member of SEED.json into DB_DIR.
_seed_cognito_local() {
  mkdir -p "$2"
  python3 - "$1" "$2" <<'PY' || die "could not seed cognito-local from $1"
import json, os, sys
seed, db = sys.argv[1], sys.argv[2]
with open(seed, encoding="utf-8") as f:
    doc = json.load(f)
if not doc.get("source"):
    sys.exit(f"{seed} does not say where it came from (no `source`)")
files = {k: v for k, v in doc.items() if k != "source"}
if "clients.json" not in files or not any(k.endswith(".json") and k != "clients.json" for k in files):
    sys.exit(f"{seed} needs clients.json and at least one <pool id>.json member")
for name, content in files.items():
    if os.path.basename(name) != name or not name.endswith(".json"):
        sys.exit(f"{seed}: {name!r} is not a plain .json file name")
    with open(os.path.join(db, name), "w", encoding="utf-8") as f:
        json.dump(content, f, indent=2)
PY
}

# launch_srp_server CONFIG.json [tied|detached]: scripts/srp/srp_server.py (Python standard library;
# really checks PASSWORD_CLAIM_SIGNATURE, TIMESTAMP and SECRET_HASH) on a free loopback port.
# Sets SRP_SERVER_PORT, SRP_SERVER_PID, SRP_SERVER_ENDPOINT. Call await_srp_server next;
# stop it with stop_peer srp-server "$SRP_SERVER_PORT" "$SRP_SERVER_PID".
launch_srp_server() {
  local config=$1
  [ -f "$config" ] || die "no SRP server config at $config"
  SRP_SERVER_PORT="$(free_port)"
  _spawn srp-server "$SRP_SERVER_PORT" "$COGNITO_ROOT" "${2:-tied}" \
    python3 "$COGNITO_ROOT/scripts/srp/srp_server.py" --config "$config" --port "$SRP_SERVER_PORT"
  SRP_SERVER_PID=$SPAWNED_PID
  SRP_SERVER_ENDPOINT="http://$LOOPBACK:$SRP_SERVER_PORT"
}

# await_srp_server: wait until the server has printed its port (it does so once listening) and
# answers GET /_requests. On failure: print its log, stop it, die.
await_srp_server() {
  local logfile="$PEERS_LOGS/srp-server-$SRP_SERVER_PORT.log" started rc=0
  started=$(now_ms)
  python3 - "$LOOPBACK" "$SRP_SERVER_PORT" "$SRP_SERVER_PID" "$logfile" "$PEER_START_TIMEOUT" <<'PY' || rc=$?
import http.client, sys, time
host, port, pid, logfile, timeout = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
deadline = time.monotonic() + timeout
def alive():
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
while True:
    if not alive():
        sys.exit(2)
    try:
        with open(logfile, encoding="utf-8", errors="replace") as f:
            first = f.readline().strip()
        if first == str(port):
            c = http.client.HTTPConnection(host, port, timeout=2)
            c.request("GET", "/_requests")
            r = c.getresponse()
            r.read()
            if r.status == 200:
                sys.exit(0)
    except OSError:
        pass
    if time.monotonic() > deadline:
        sys.exit(3)
    time.sleep(0.05)
PY
  if [ "$rc" != 0 ]; then
    log "the SRP server (pid $SRP_SERVER_PID) did not come up on port $SRP_SERVER_PORT (exit $rc); its log:"
    tail -n 25 "$logfile" >&2 || true
    stop_peer srp-server "$SRP_SERVER_PORT" "$SRP_SERVER_PID"
    die "the SRP server did not start"
  fi
  log "SRP server ready on $SRP_SERVER_ENDPOINT (pid $SRP_SERVER_PID, $(($(now_ms) - started)) ms; log: ${logfile#"$COGNITO_ROOT"/})"
}

# ---- OAuth 2.0: oidc-provider dressed as a user pool domain ------------------------------------

# launch_oauth_server [tied|detached]: scripts/oauth/server.mjs (oidc-provider, installed into
# .peers/oauth-node by ensure_node_peer oauth-node oidc-provider) on a free port, with
# client_credentials tokens living $OAUTH_CC_TTL seconds (default 6). Sets OAUTH_PORT, OAUTH_PID,
# OAUTH_DOMAIN. Call await_peer oauth-server "$OAUTH_PORT" "$OAUTH_PID" next.
launch_oauth_server() {
  forget_dead_peers
  OAUTH_PORT="$(free_port)"
  _spawn oauth-server "$OAUTH_PORT" "$PEERS_DIR" "${1:-tied}" \
    env OAUTH_HOST="$LOOPBACK" OAUTH_PORT="$OAUTH_PORT" OAUTH_CC_TTL="${OAUTH_CC_TTL:-6}" \
    OAUTH_MODULES="$PEERS_DIR/oauth-node/node_modules" \
    node "$COGNITO_ROOT/scripts/oauth/server.mjs"
  OAUTH_PID=$SPAWNED_PID
  OAUTH_DOMAIN="http://$LOOPBACK:$OAUTH_PORT"
}
