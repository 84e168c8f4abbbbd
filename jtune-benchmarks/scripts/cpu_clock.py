#!/usr/bin/python3
"""Runs a peer script with its clocks replaced by the process's CPU time (all threads).

  /usr/bin/python3 cpu_clock.py ../shared/peers/torch_train.py --model mlp --epochs 3

The peers time with time.time() and time.perf_counter(); on a machine other jobs keep busy, wall
time measures the queue as much as the work. Their figures (samples_per_s, tune_s, total_s) then
count CPU seconds, as `jtune-benchmarks.jar training|seed --clock cpu` does on the Java side.
"""
import runpy
import sys
import time

time.time = time.process_time
time.perf_counter = time.process_time
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
