#!/usr/bin/env python3
"""Runs commands in turn, round after round, and prints the median wall and CPU
time of each (user + system of the child, from getrusage) and its ratio to the
first command. Alternating spreads a shared machine's noise over every command
alike, which one command's runs after another's do not.

usage: python3 bench/render/alternate.py RUNS WARMUP "cmd1" "cmd2" ...
"""
import resource
import shlex
import statistics
import subprocess
import sys
import time

runs, warmup = int(sys.argv[1]), int(sys.argv[2])
commands = sys.argv[3:]
wall = {c: [] for c in commands}
cpu = {c: [] for c in commands}
for round_ in range(warmup + runs):
    for c in commands:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(shlex.split(c), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        end = time.perf_counter()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if round_ >= warmup:
            wall[c].append((end - start) * 1000)
            cpu[c].append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
first = commands[0]
print(f"| command | wall median | wall min | CPU median | wall ratio | CPU ratio |")
print(f"|---|---:|---:|---:|---:|---:|")
for c in commands:
    w, u = statistics.median(wall[c]), statistics.median(cpu[c])
    print(f"| `{c}` | {w:.1f} ms | {min(wall[c]):.1f} ms | {u:.1f} ms | {w / statistics.median(wall[first]):.2f}x | {u / statistics.median(cpu[first]):.2f}x |")
