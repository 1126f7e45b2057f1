#!/usr/bin/env bash
# Runs the gateway as a fleet on this machine, for tests and benchmarks: the 47-hospital demo
# network as a process of its own, N gateway instances on one PostgreSQL database, and HAProxy in
# front of them on port 8080 (round robin, no stickiness, each instance health-checked).
#
#   scripts/cluster.sh up [N]        start everything (N instances, default 3); returns when all
#                                    answer through the load balancer
#   scripts/cluster.sh down          stop everything it started
#   scripts/cluster.sh status        each process, and what HAProxy thinks of each instance
#   scripts/cluster.sh restart NAME  stop an instance (gw1, gw2, ...) gracefully, start it again;
#                                    returns when HAProxy sends it requests again
#   scripts/cluster.sh kill NAME     kill an instance with SIGKILL (restart brings it back)
#   scripts/cluster.sh clean         when down: drop the database and data/cluster
#
# Everything lives in data/cluster/: instances.tsv (name, pid, port; one line per instance),
# network.pid, haproxy.pid, each process's log, the network's file (network.json) and the demo's
# keys, which all instances share (they run in that folder). Build first:
#   ./mvnw -q -DskipTests package
#
# Settings (environment): PORT (8080), BASE_PORT (8081: instances on 8081..), STATS_PORT (8404,
# HAProxy's statistics, CSV at /;csv), DB (hiway_cluster), PGHOST (127.0.0.1), PGPORT (5432),
# PGUSER (postgres), GATEWAY_JAVA_OPTS (-Xmx1g), NETWORK_JAVA_OPTS (-Xmx1g), GATEWAY_ARGS (more
# --name=value settings for every instance), NETWORK_ARGS (for the network: --persons=,
# --latency-ms=, --jitter-ms=, --tls=false, ...), TIMEOUT (seconds to wait for each start, 300),
# GATEWAY_CPUS (empty: instances run on every core; a list such as "0 1": instance gwN runs only on
# the list's ((N-1) mod length)th CPU, with taskset, as a pod whose CPU limit is one core).
# Needs java (JAVA_HOME), curl, psql; installs HAProxy with apt-get when it is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$ROOT/data/cluster
JAR=$ROOT/gateway/target/gateway.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
PORT=${PORT:-8080}
BASE_PORT=${BASE_PORT:-8081}
STATS_PORT=${STATS_PORT:-8404}
DB=${DB:-hiway_cluster}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
TIMEOUT=${TIMEOUT:-300}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xmx1g}
NETWORK_JAVA_OPTS=${NETWORK_JAVA_OPTS:--Xmx1g}
read -r -a CPUS <<< "${GATEWAY_CPUS:-}"
INSTANCES=$DIR/instances.tsv
LAUNCHER=org.springframework.boot.loader.launch.PropertiesLauncher

say() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
die() { say "$*"; exit 1; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
elapsed() { echo $(($(date +%s) - $1)); }

# A process started in its own session (so that a Ctrl-C meant for this script spares it), with
# its pid written from inside: the pid of what it execs.
#   spawn PIDFILE LOG COMMAND...
spawn() {
  local pidfile=$1 log=$2
  shift 2
  rm -f "$pidfile"
  setsid bash -c 'echo $$ > "$1"; shift; cd "$0" && exec "$@"' "$DIR" "$pidfile" "$@" \
    < /dev/null > "$log" 2>&1 &
  for _ in $(seq 50); do [ -s "$pidfile" ] && return 0; sleep 0.1; done
  die "could not start $*"
}

# Whether a pid is still the process we started: its command line contains $2.
ours() { alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -qF -- "$2"; }

# Stops a pid with SIGTERM if it is still the process we started, and waits for it.
stop_pid() {
  local pid=$1 what=$2
  ours "$pid" "$what" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 600); do alive "$pid" || return 0; sleep 0.1; done
  say "pid $pid did not stop within 60 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
}

INSTANCE="-jar $JAR"   # what an instance's command line contains, and the network's does not

instance_line() { awk -F '\t' -v n="$1" '$1 == n' "$INSTANCES" 2>/dev/null; }

# Sets an instance's line in instances.tsv (name, pid, port), in the order of the names.
set_instance() {
  { awk -F '\t' -v n="$1" '$1 != n' "$INSTANCES" 2>/dev/null; printf '%s\t%s\t%s\n' "$@"; } |
    sort -t $'\t' -k1.3n > "$INSTANCES.tmp"
  mv "$INSTANCES.tmp" "$INSTANCES"
}

# Starts an instance with the arguments kept at "up" (gateway.args), and records it.
start_instance() {
  local name=$1 port=$2 args=()
  for _ in $(seq 50); do listening "$port" || break; sleep 0.2; done
  listening "$port" && die "port $port is taken: cannot start $name"
  mapfile -t args < <(sed "s/@PORT@/$port/" "$DIR/gateway.args")
  local pin=()
  if [ ${#CPUS[@]} -gt 0 ]; then
    pin=(taskset -c "${CPUS[$(((${name#gw} - 1) % ${#CPUS[@]}))]}")
  fi
  # shellcheck disable=SC2086
  spawn "$DIR/$name.pid" "$DIR/$name.log" "${pin[@]}" "$JAVA" $GATEWAY_JAVA_OPTS -jar "$JAR" "${args[@]}"
  set_instance "$name" "$(cat "$DIR/$name.pid")" "$port"
}

# Ready when the readiness probe answers 200 or, where it is not exposed (404), health says UP.
ready() {
  local port=$1 code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 \
    "http://127.0.0.1:$port/actuator/health/readiness" || true)
  case "$code" in
    200) return 0 ;;
    404) curl -s --max-time 5 "http://127.0.0.1:$port/actuator/health" | grep -q '"UP"' ;;
    *) return 1 ;;
  esac
}

wait_ready() {
  local name=$1 port=$2 pid since=$SECONDS
  pid=$(cat "$DIR/$name.pid")
  until ready "$port"; do
    alive "$pid" || { tail -n 30 "$DIR/$name.log" >&2; die "$name (pid $pid) exited"; }
    ((SECONDS - since < TIMEOUT)) || { tail -n 30 "$DIR/$name.log" >&2; die "$name not ready in ${TIMEOUT}s"; }
    sleep 0.5
  done
}

health_path() {
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/actuator/health/readiness")" = 200 ]; then
    echo /actuator/health/readiness
  else
    echo /actuator/health
  fi
}

ensure_haproxy() {
  command -v haproxy > /dev/null && return 0
  local sudo=
  [ "$(id -u)" = 0 ] || sudo=sudo
  say "installing HAProxy (apt-get)"
  $sudo apt-get install -y -q haproxy > "$DIR/apt.log" 2>&1 ||
    { $sudo apt-get update -q >> "$DIR/apt.log" 2>&1 && $sudo apt-get install -y -q haproxy >> "$DIR/apt.log" 2>&1; } ||
    { tail -n 20 "$DIR/apt.log" >&2; die "could not install HAProxy"; }
}

write_haproxy_config() {
  local n=$1 path=$2
  {
    cat <<EOF
# Written by scripts/cluster.sh up; rewritten at each up.
global
    log stderr format raw local0 info
    stats socket $DIR/haproxy.sock mode 600 level admin
    maxconn 4096

defaults
    mode http
    log global
    option httplog
    option redispatch
    retries 2
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    default-server inter 2s fall 2 rise 2

frontend fhir
    bind 127.0.0.1:$PORT
    default_backend gateways

frontend stats
    bind 127.0.0.1:$STATS_PORT
    no log
    stats enable
    stats uri /
    stats refresh 5s

backend gateways
    balance roundrobin
    option httpchk
    http-check send meth GET uri $path ver HTTP/1.1 hdr Host localhost
    http-check expect status 200
    option forwardfor
EOF
    for ((i = 1; i <= n; i++)); do
      echo "    server gw$i 127.0.0.1:$((BASE_PORT + i - 1)) check"
    done
  } > "$DIR/haproxy.cfg"
}

# A command to HAProxy's admin socket, when socat is there to send it.
lb() {
  command -v socat > /dev/null && [ -S "$DIR/haproxy.sock" ] || return 0
  echo "$1" | socat stdio "UNIX-CONNECT:$DIR/haproxy.sock" > /dev/null || true
}

# Each instance's state as HAProxy sees it: "gw1 UP" lines.
haproxy_states() {
  curl -s --max-time 2 "http://127.0.0.1:$STATS_PORT/;csv" |
    awk -F, '$1 == "gateways" && $2 ~ /^gw/ { print $2, $18 }'
}

cmd_up() {
  local n=${1:-3} t0 t
  [[ $n =~ ^[1-9][0-9]*$ ]] || die "usage: cluster.sh up [N]"
  t0=$(date +%s)
  [ -f "$JAR" ] || die "no $JAR: build it first (./mvnw -q -DskipTests package)"
  command -v psql > /dev/null || die "psql is needed (apt-get install postgresql-client)"
  mkdir -p "$DIR"
  for f in network haproxy; do
    alive "$(cat "$DIR/$f.pid" 2>/dev/null)" && die "a cluster is up already ($f): scripts/cluster.sh down"
  done
  for p in "$PORT" "$STATS_PORT" $(seq "$BASE_PORT" $((BASE_PORT + n - 1))); do
    listening "$p" && die "port $p is taken"
  done
  ensure_haproxy
  trap 'say "up failed: stopping what was started"; cmd_down' EXIT

  if [ -z "$(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
    psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -qc "CREATE DATABASE $DB"
    say "created database $DB"
  fi
  [ -s "$DIR/mobile-backend.secret" ] ||
    (umask 077 && openssl rand -base64 24 | tr '+/' '-_' | tr -d '=\n' > "$DIR/mobile-backend.secret")

  # 1. The network, with the demo CA in the folder the instances take it from (data/pki).
  rm -f "$DIR/network.json"
  t=$(date +%s)
  # shellcheck disable=SC2086
  spawn "$DIR/network.pid" "$DIR/network.log" "$JAVA" $NETWORK_JAVA_OPTS -cp "$JAR" \
    -Dloader.main=kr.hiway.gateway.demo.NetworkMain "$LAUNCHER" \
    --ca=data/pki --out="$DIR/network.json" ${NETWORK_ARGS:-}
  local npid since=$SECONDS
  npid=$(cat "$DIR/network.pid")
  until [ -s "$DIR/network.json" ]; do
    alive "$npid" || { tail -n 30 "$DIR/network.log" >&2; die "the network exited"; }
    ((SECONDS - since < TIMEOUT)) || die "the network did not start in ${TIMEOUT}s"
    sleep 0.5
  done
  say "network ready (pid $npid) in $(elapsed "$t") s"

  # 2. The instances: the first alone (it makes the demo's keys and rows), then the others at once.
  (umask 077 && {
    echo "--server.port=@PORT@"
    echo "--spring.datasource.url=jdbc:postgresql://$PGHOST:$PGPORT/$DB"
    echo "--spring.datasource.username=$PGUSER"
    echo "--spring.datasource.password="
    echo "--hiway.security.issuer=http://localhost:$PORT"
    echo "--hiway.demo.network-file=$DIR/network.json"
    echo "--hiway.demo.mobile-backend-secret=$(cat "$DIR/mobile-backend.secret")"
    # Witnesses are other parties' programs: a fleet configures them (hiway.ledger.witnesses);
    # the one-process demo's own pair would be started by every instance here.
    echo "--hiway.demo.witnesses=false"
    echo "--management.endpoint.health.probes.enabled=true"
    for a in ${GATEWAY_ARGS:-}; do echo "$a"; done
  } > "$DIR/gateway.args")
  : > "$INSTANCES"
  t=$(date +%s)
  start_instance gw1 "$BASE_PORT"
  wait_ready gw1 "$BASE_PORT"
  say "gw1 ready on $BASE_PORT in $(elapsed "$t") s"
  if ((n > 1)); then
    t=$(date +%s)
    for ((i = 2; i <= n; i++)); do start_instance "gw$i" $((BASE_PORT + i - 1)); done
    for ((i = 2; i <= n; i++)); do wait_ready "gw$i" $((BASE_PORT + i - 1)); done
    say "gw2..gw$n ready in $(elapsed "$t") s"
  fi

  # 3. The load balancer, once every instance is ready; up when it sees them all UP.
  write_haproxy_config "$n" "$(health_path "$BASE_PORT")"
  haproxy -c -q -f "$DIR/haproxy.cfg" || die "HAProxy refused $DIR/haproxy.cfg"
  t=$(date +%s)
  spawn "$DIR/haproxy.pid" "$DIR/haproxy.log" haproxy -W -f "$DIR/haproxy.cfg"
  since=$SECONDS
  until [ "$(haproxy_states | grep -c ' UP$')" = "$n" ]; do
    ((SECONDS - since < 60)) || { haproxy_states >&2; die "HAProxy does not see all instances UP"; }
    sleep 0.5
  done
  trap - EXIT
  say "HAProxy on $PORT (pid $(cat "$DIR/haproxy.pid")), $n instances UP, in $(elapsed "$t") s"
  say "cluster up in $(elapsed "$t0") s: http://localhost:$PORT (statistics at http://127.0.0.1:$STATS_PORT/)"
  cat "$INSTANCES"
}

cmd_down() {
  local stopping=()
  if [ -f "$DIR/haproxy.pid" ]; then
    stop_pid "$(cat "$DIR/haproxy.pid")" haproxy
    rm -f "$DIR/haproxy.pid" "$DIR/haproxy.sock"
  fi
  for f in "$DIR"/gw*.pid; do
    [ -e "$f" ] || continue
    stop_pid "$(cat "$f")" "$INSTANCE" &
    stopping+=($!)
  done
  ((${#stopping[@]} == 0)) || wait "${stopping[@]}"
  rm -f "$DIR"/gw*.pid "$INSTANCES"
  if [ -f "$DIR/network.pid" ]; then
    stop_pid "$(cat "$DIR/network.pid")" NetworkMain
    rm -f "$DIR/network.pid" "$DIR/network.json"
  fi
  say "cluster down"
}

cmd_status() {
  local name pid port state
  [ -f "$INSTANCES" ] || { echo "no cluster up"; return 1; }
  declare -A lb=()
  while read -r name state; do lb[$name]=$state; done < <(haproxy_states)
  printf 'network\t%s\t%s\n' "$(cat "$DIR/network.pid" 2>/dev/null)" \
    "$(alive "$(cat "$DIR/network.pid" 2>/dev/null)" && echo running || echo stopped)"
  printf 'haproxy\t%s\t%s\n' "$(cat "$DIR/haproxy.pid" 2>/dev/null)" \
    "$(alive "$(cat "$DIR/haproxy.pid" 2>/dev/null)" && echo "running on $PORT" || echo stopped)"
  while IFS=$'\t' read -r name pid port; do
    if ! alive "$pid"; then state=dead
    elif ready "$port"; then state=ready
    else state=starting; fi
    printf '%s\t%s\t%s\t%s\tlb:%s\n' "$name" "$pid" "$port" "$state" "${lb[$name]:-?}"
  done < "$INSTANCES"
}

cmd_restart() {
  local name=${1:?usage: cluster.sh restart NAME} line pid port t
  line=$(instance_line "$name")
  [ -n "$line" ] || die "no instance $name in $INSTANCES"
  pid=$(cut -f2 <<< "$line")
  port=$(cut -f3 <<< "$line")
  t=$(date +%s)
  # Drained first, so that HAProxy sends it nothing new while it stops.
  lb "set server gateways/$name state drain"
  stop_pid "$pid" "$INSTANCE"
  start_instance "$name" "$port"
  wait_ready "$name" "$port"
  lb "set server gateways/$name state ready"
  local since=$SECONDS
  until haproxy_states | grep -qx "$name UP"; do
    ((SECONDS - since < 60)) || die "HAProxy does not see $name UP"
    sleep 0.5
  done
  say "$name restarted (pid $(cat "$DIR/$name.pid"), port $port) in $(elapsed "$t") s"
}

cmd_kill() {
  local name=${1:?usage: cluster.sh kill NAME} line pid
  line=$(instance_line "$name")
  [ -n "$line" ] || die "no instance $name in $INSTANCES"
  pid=$(cut -f2 <<< "$line")
  alive "$pid" || die "$name (pid $pid) is not running"
  ours "$pid" "$INSTANCE" || die "pid $pid is not $name"
  kill -KILL "$pid"
  for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
  say "$name (pid $pid) killed"
}

cmd_clean() {
  for f in network haproxy; do
    alive "$(cat "$DIR/$f.pid" 2>/dev/null)" && die "the cluster is up: scripts/cluster.sh down first"
  done
  psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
  rm -rf "$DIR"
  say "dropped database $DB and removed $DIR"
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  restart) shift; cmd_restart "$@" ;;
  kill) shift; cmd_kill "$@" ;;
  clean) cmd_clean ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
