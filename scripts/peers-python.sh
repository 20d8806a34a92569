#!/usr/bin/env bash
# peers-python.sh VENV SPEC... — make sure target/peers/VENV exists with the pinned
# requirements SPEC installed, then print the path of its python on stdout.
# Messages go to stderr. Installs only what is missing; fails loudly.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
name="$1"; shift
venv="$root/target/peers/$name"
py="${PYTHON:-python3}"
command -v "$py" >/dev/null || { echo "peers-python: $py not found; install Python 3.9+" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p "$(dirname "$venv")"
  echo "peers-python: creating $venv" >&2
  "$py" -m venv "$venv" >&2 || {
    echo "peers-python: '$py -m venv' failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }
fi
missing=()
for spec in "$@"; do
  pkg="${spec%%[*}"; pkg="${pkg%%==*}"; want="${spec##*==}"
  have="$("$venv/bin/python" -c "import importlib.metadata as m; print(m.version('$pkg'))" 2>/dev/null || true)"
  [ "$have" = "$want" ] || missing+=("$spec")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "peers-python: installing ${missing[*]} into $venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "${missing[@]}" >&2 \
    || { echo "peers-python: pip install ${missing[*]} failed" >&2; exit 1; }
fi
echo "$venv/bin/python"
