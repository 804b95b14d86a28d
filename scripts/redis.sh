#!/usr/bin/env bash
# Makes a local Redis available for the test suite's mixed-load test (tests/load): starts one
# on 127.0.0.1:6379 if none answers there. It keeps nothing on disk: the tests use it as a cache
# and for rate-limit counters only. Prints nothing when Redis already answers.
set -euo pipefail
ping() { redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; }
ping && exit 0
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no \
  --logfile "$(pwd)/var/redis.log" --dir /tmp >/dev/null
for _ in $(seq 1 30); do
  ping && exit 0
  sleep 0.5
done
echo "Redis did not start on 127.0.0.1:6379 (var/redis.log)" >&2
exit 1
