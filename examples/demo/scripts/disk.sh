#!/bin/sh
# Check script for a "service" that runs no process: free space where the demo lives.
used=$(df -P "$(dirname "$0")" | awk 'NR == 2 { sub("%", "", $5); print $5 }')
if [ "$used" -ge 95 ]; then
    echo "DISK CRITICAL - ${used}% used | used=${used}%;90;95;0;100"
    exit 2
fi
echo "DISK OK - ${used}% used | used=${used}%;90;95;0;100"
