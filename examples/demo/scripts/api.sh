#!/bin/bash
# Check script: $1 host, $2 port, $3 timeout in seconds. Exit 0 when the demo API answers its
# greeting, with Nagios-style output and performance data.
host=$1 port=$2 timeout=${3:-10}
start=$(date +%s%N)
if reply=$(timeout "$timeout" bash -c 'exec 3<>"/dev/tcp/$0/$1" && head -n 1 <&3' "$host" "$port" 2>/dev/null) \
        && [ -n "$reply" ]; then
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    echo "API OK - answered '$reply' in ${ms} ms | time=${ms}ms;500;1000;0"
    exit 0
fi
echo "API CRITICAL - no answer on $host:$port"
exit 2
