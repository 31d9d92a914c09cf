#!/usr/bin/env bash
# A real Kafka broker for the integration tests, from Maven Central jars (no Docker here).
#   .ci/kafka.sh fetch   fetch the jars once (cached under ~/.cache/tppo-kafka), print the jar folder
#   .ci/kafka.sh start   fetch, then start one KRaft broker on a free loopback port, wait until it
#                        answers, print its address (127.0.0.1:<port>); state under $KAFKA_HOME
#   .ci/kafka.sh stop    stop the broker started by `start`
# The tests start and stop their own brokers with test/support/kafka-broker.ts (fault tests need to);
# they only need the jar folder, in KAFKA_LIBS.
set -euo pipefail
VERSION=3.9.1
HERE="$(cd "$(dirname "$0")" && pwd)"
CACHE="${KAFKA_CACHE:-$HOME/.cache/tppo-kafka}/$VERSION"
LIBS="$CACHE/libs"
KAFKA_HOME="${KAFKA_HOME:-/tmp/tppo-kafka-ci}"

fetch() {
  if [ ! -f "$LIBS/.complete" ]; then
    if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
      # A fresh Debian machine: install a JRE and Maven (the CI machines run this as root).
      echo "kafka.sh: installing OpenJDK 17 and Maven from Debian ..." >&2
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven >&2
    fi
    echo "kafka.sh: fetching Kafka $VERSION jars from Maven Central ..." >&2
    mkdir -p "$LIBS"
    # The dependency plugin is pinned: Maven 3.8's default is too old for copy-dependencies' options.
    mvn -q -B -f "$HERE/kafka/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$LIBS" >&2
    touch "$LIBS/.complete"
  fi
  echo "$LIBS"
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

start() {
  fetch >/dev/null
  rm -rf "$KAFKA_HOME" && mkdir -p "$KAFKA_HOME/data"
  local port ctrl
  port="$(free_port)"; ctrl="$(free_port)"
  cat > "$KAFKA_HOME/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$ctrl
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$ctrl
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_HOME/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
min.insync.replicas=1
offsets.topic.num.partitions=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
PROPS
  # A cluster id starting with "-" would be read as an option: draw again, as Kafka's Uuid does.
  java -cp "$LIBS/*" kafka.tools.StorageTool format -t "$(node -e "let id; do id = require('crypto').randomBytes(16).toString('base64url').slice(0, 22); while (id.startsWith('-')); console.log(id)")" \
    -c "$KAFKA_HOME/server.properties" >"$KAFKA_HOME/format.log" 2>&1
  nohup java -Xms256m -Xmx512m -Dlog4j.configuration="file:$HERE/kafka/log4j.properties" -cp "$LIBS/*" kafka.Kafka \
    "$KAFKA_HOME/server.properties" >"$KAFKA_HOME/broker.log" 2>&1 &
  echo $! > "$KAFKA_HOME/pid"
  for _ in $(seq 1 120); do
    if grep -q "Kafka Server started" "$KAFKA_HOME/broker.log"; then echo "127.0.0.1:$port"; return 0; fi
    if ! kill -0 "$(cat "$KAFKA_HOME/pid")" 2>/dev/null; then cat "$KAFKA_HOME/broker.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "kafka.sh: the broker did not start in 60 s" >&2; tail -50 "$KAFKA_HOME/broker.log" >&2; exit 1
}

stop() {
  if [ -f "$KAFKA_HOME/pid" ]; then kill "$(cat "$KAFKA_HOME/pid")" 2>/dev/null || true; rm -f "$KAFKA_HOME/pid"; fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 fetch|start|stop" >&2; exit 2 ;;
esac
