# Shared by the benchmark scripts (sourced; they define log and die first).

APT_UPDATED=0
# apt_install PACKAGE...: installs Debian packages, running apt-get update once per script.
apt_install() {
    if (( APT_UPDATED == 0 )); then
        log "apt-get update"
        apt-get update -qq >/dev/null
        APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# venv_matches VENV REQUIREMENTS: whether every pinned package of REQUIREMENTS is installed at its version.
venv_matches() {
    "$1/bin/python" - "$2" <<'PY' 2>/dev/null
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, want = line.split("==")
        if version(name) != want:
            sys.exit(1)
PY
}

# ensure_venv VENV REQUIREMENTS: creates VENV if needed and installs REQUIREMENTS into it unless already there.
ensure_venv() {
    local venv=$1 requirements=$2
    command -v python3 >/dev/null || apt_install python3 python3-venv
    if [[ ! -x "$venv/bin/python" ]]; then
        log "creating $venv"
        if ! python3 -m venv "$venv" 2>/dev/null; then
            rm -rf "$venv"
            apt_install python3-venv
            python3 -m venv "$venv"
        fi
    fi
    if ! venv_matches "$venv" "$requirements"; then
        log "pip install -r $(basename "$requirements") into $venv"
        "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
        venv_matches "$venv" "$requirements" || die "the venv does not match $requirements after pip install"
    fi
}
