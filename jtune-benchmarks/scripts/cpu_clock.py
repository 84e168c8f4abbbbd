#!/usr/bin/python3
"""Runs a peer script with its clocks replaced by the CPU time of its main thread.

  /usr/bin/python3 cpu_clock.py ../shared/peers/torch_train.py --model mlp --epochs 3

The peers time with time.time() and time.perf_counter(); on a machine other jobs keep busy, wall
time measures the queue as much as the work. Their figures (samples_per_s, tune_s, total_s) then
count the main thread's CPU seconds, as `jtune-benchmarks.jar training|seed --clock cpu` does on
the Java side. (Not the process's: a libtorch process keeps a second thread busy-waiting, which
doubles process_time() without doing the work.)
"""
import runpy
import sys
import time

time.time = time.thread_time
time.perf_counter = time.thread_time
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
