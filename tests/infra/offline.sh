#!/bin/sh
# Runs a command in the network namespace `unshare --net` made: loopback only. The test phases run this
# way on Linux as root, so that no test can reach any address but 127.0.0.1, even by mistake.
ip link set lo up && exec "$@"
