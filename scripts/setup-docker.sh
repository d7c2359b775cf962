#!/usr/bin/env bash
# Makes a Docker Engine answer on /run/docker.sock with the `local/busybox:latest` image that the
# docker driver's tests use. Idempotent: installs Debian's docker.io and busybox-static when
# missing, starts dockerd in the background when the socket does not answer, and imports the
# image when it is missing (no registry is reachable, so the image is built from busybox-static).
#
# Never fails the caller: on a machine where Docker cannot start it prints a warning, writes the
# reason to $CARAVAN_DOCKER_STATE/unavailable, and exits 0; the docker tests then fail with that
# reason instead of skipping.
set -uo pipefail

ROOT="${CARAVAN_DOCKER_STATE:-/var/lib/caravan-docker}"
SOCK=/run/docker.sock
IMAGE=local/busybox:latest
BIP="${CARAVAN_DOCKER_BIP:-10.213.0.1/24}"
WAIT_S="${CARAVAN_DOCKER_WAIT_S:-60}"
REASON_FILE="$ROOT/unavailable"

say() { echo "setup-docker: $*"; }
give_up() {
  say "WARNING: Docker is not available: $*"
  say "WARNING: the docker driver tests will fail with this reason."
  mkdir -p "$ROOT" 2>/dev/null && echo "$*" >"$REASON_FILE" 2>/dev/null
  exit 0
}

mkdir -p "$ROOT" || give_up "cannot create $ROOT"
rm -f "$REASON_FILE"

# 1. Packages.
if ! command -v dockerd >/dev/null || ! command -v docker >/dev/null || ! command -v busybox >/dev/null; then
  if [ "$(id -u)" != 0 ]; then give_up "dockerd, docker or busybox is missing and we are not root to install them"; fi
  say "installing docker.io and busybox-static (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq docker.io busybox-static >"$ROOT/apt.log" 2>&1 ||
    { apt-get update -qq >>"$ROOT/apt.log" 2>&1 && apt-get install -y -qq docker.io busybox-static >>"$ROOT/apt.log" 2>&1; } ||
    give_up "apt-get install docker.io busybox-static failed (see $ROOT/apt.log)"
fi
BUSYBOX="$(command -v busybox)"

export DOCKER_HOST="unix://$SOCK"
answers() { timeout 10 docker version >/dev/null 2>&1; }

# 2. The daemon.
if answers; then
  say "dockerd answers on $SOCK"
else
  pidfile="$ROOT/dockerd.pid"
  started=""
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "dockerd (pid $(cat "$pidfile")) is running but does not answer yet; waiting"
  else
    say "starting dockerd (bridge $BIP, data under $ROOT, log $ROOT/dockerd.log)"
    rm -f "$pidfile"
    mkdir -p "$ROOT/data" "$ROOT/exec"
    nohup dockerd --host "unix://$SOCK" --data-root "$ROOT/data" --exec-root "$ROOT/exec" \
      --pidfile "$pidfile" --bip "$BIP" >"$ROOT/dockerd.log" 2>&1 </dev/null &
    started=$!
    disown || true
  fi
  deadline=$((SECONDS + WAIT_S))
  until answers; do
    if [ -n "$started" ] && ! kill -0 "$started" 2>/dev/null; then
      give_up "dockerd exited at start (last lines of $ROOT/dockerd.log: $(tail -n 3 "$ROOT/dockerd.log" 2>/dev/null | tr '\n' ' '))"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      give_up "dockerd did not answer on $SOCK within ${WAIT_S}s (last lines of $ROOT/dockerd.log: $(tail -n 3 "$ROOT/dockerd.log" 2>/dev/null | tr '\n' ' '))"
    fi
    sleep 0.5
  done
  say "dockerd answers on $SOCK"
fi

# 3. The image.
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  say "$IMAGE is present"
else
  say "building $IMAGE from $BUSYBOX"
  build="$(mktemp -d)"
  mkdir -p "$build/bin" "$build/tmp" "$build/etc"
  cp "$BUSYBOX" "$build/bin/busybox"
  for app in $("$BUSYBOX" --list); do
    [ "$app" = busybox ] || ln -sf busybox "$build/bin/$app"
  done
  echo 'root:x:0:0:root:/root:/bin/sh' >"$build/etc/passwd"
  echo 'root:x:0:' >"$build/etc/group"
  chmod 1777 "$build/tmp"
  if ! tar -C "$build" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$IMAGE" >/dev/null; then
    rm -rf "$build"
    give_up "docker import of $IMAGE failed"
  fi
  rm -rf "$build"
  say "$IMAGE built"
fi
say "ready"
