#!/usr/bin/env bash
# Runs the fleet benchmark (gateway/src/test/java/kr/hiway/gateway/bench/FleetBenchmark.java)
# against a cluster it starts and stops itself with scripts/cluster.sh: a mixed load through the
# load balancer while gw2 is killed (run 1) and while gw1..gw3 are restarted one by one (run 2),
# then steady runs on 3, 2 and 1 instances. Takes about 15-20 minutes on two cores.
#
#   scripts/fleet-bench.sh [kill] [restart] [scale]      (default: all three)
#
# Settings (environment): DB (hiway_fleet_bench: its own database, passed on to cluster.sh), THREADS (8), RUN_SECONDS (60, each fault run, longer if the restarts take
# longer), STEADY_SECONDS (20), WARMUP_SECONDS (60, before each steady run), SCALE_COUNTS (3,2,1: the instance counts of the steady runs), JIT_WAIT_SECONDS (240: the most a steady run waits after the warm-up for the instances' JIT compilers to be quiet), CLIENTS_PER_INSTANCE (0: THREADS clients for every count; K: K clients per instance, the same load per instance), RATE (0: closed loop, each client asks again as soon as it has its answer; R: the clients together start at most R steps of the mix per second, the same load for every instance count), GATEWAY_CPUS (passed on to cluster.sh: "0 1" runs each instance on one core of its own). Build first, without installing anything:
#   ./mvnw -q -o -DskipTests package
# The test classpath is taken from Maven (dependency:build-classpath, offline, in the reactor so
# that the sibling modules are their target/classes): nothing goes to ~/.m2. While it
# runs it holds /tmp/bench.lock, and it waits for another benchmark's lock first.
set -euo pipefail
export DB=${DB:-hiway_fleet_bench}
# A few tokens ask thousands of times a minute: the rate limits are checked, as in production, but
# set far above what the benchmark asks.
limits=""
for l in token patient client; do
  limits+=" --hiway.limits.$l.burst=1000000000 --hiway.limits.$l.per-minute=1000000000"
done
export GATEWAY_ARGS="${GATEWAY_ARGS:-}$limits"

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
CP_FILE=gateway/target/bench.classpath

[ -d gateway/target/test-classes ] || { echo "build first: ./mvnw -q -o -DskipTests package" >&2; exit 1; }
if [ ! -s "$CP_FILE" ] || [ gateway/pom.xml -nt "$CP_FILE" ]; then
  # In the reactor (-am), the sibling modules resolve to their target/classes and
  # target/test-classes, so nothing needs to be installed.
  # Offline first; online when the dependency plugin is not yet in the local repository.
  for offline in -o ""; do
    ./mvnw -q $offline -pl gateway -am test-compile dependency:build-classpath \
      -Dmdep.outputFile="$ROOT/$CP_FILE" -Dmdep.includeScope=test > /dev/null && break
    [ -z "$offline" ] && { echo "could not build the classpath (mvnw dependency:build-classpath)" >&2; exit 1; }
  done
fi
CP=gateway/target/test-classes:gateway/target/classes:$(cat "$CP_FILE")

while [ -e /tmp/bench.lock ]; do echo "waiting for /tmp/bench.lock" >&2; sleep 20; done
echo "fleet-bench $$" > /tmp/bench.lock
trap 'rm -f /tmp/bench.lock' EXIT

"$JAVA" -Xmx512m -cp "$CP" -Droot="$ROOT" -Dthreads="${THREADS:-8}" -Dseconds="${RUN_SECONDS:-60}" \
  -DsteadySeconds="${STEADY_SECONDS:-20}" -DwarmupSeconds="${WARMUP_SECONDS:-60}" \
  -DscaleCounts="${SCALE_COUNTS:-3,2,1}" -DjitWaitSeconds="${JIT_WAIT_SECONDS:-240}" -Drate="${RATE:-0}" \
  -DclientsPerInstance="${CLIENTS_PER_INSTANCE:-0}" kr.hiway.gateway.bench.FleetBenchmark "$@"
