#!/usr/bin/env python3
"""Simulator speed with a large fleet (issue 7: 500 devices without pedestrians at 50x real time or better).

Generates the seeded district mission (gen-fleet-mission.py) into a temp folder, runs the release patrolsim
on it in lockstep with the in-process hub, and prints the report's speed-up (simulated seconds over the
wall seconds of the run loop, which include the hub's first plan once the devices have said Hello) and the
speed-up after that plan, from the wall and CPU times at which the progress lines (every 5 s on a pipe)
arrive. CPU times are printed too: on a shared machine they are the steadier figure.

Usage: Benchmarks/fleet-sim/run.py [--devices 500] [--duration 600] [--bin .build/release] [--runs N]
                                  [--baseline-bin OTHER_BUILD] [--no-cross-patrol]
"""
import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROGRESS = re.compile(r"t=(\d+)s ")


def cpu_seconds(pid):
    """User plus system CPU time of a running process (Linux /proc), seconds: the machine may be shared, so
    CPU time is reported next to wall time."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_once(binary, mission, work, duration):
    """Runs patrolsim once; prints and returns the run loop's speed-up."""
    report_path = os.path.join(work, "r.json")
    command = [os.path.join(binary, "patrolsim"), "run", mission, "--duration", str(duration),
               "--seed", "1", "--report", report_path]
    print("$ %s/patrolsim run MISSION --duration %d --seed 1 --report r.json" % (binary, duration), flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # (simulated seconds, monotonic arrival, CPU seconds) of each progress line.
    marks = []
    lines = []
    for line in process.stderr:
        lines.append(line)
        found = PROGRESS.search(line)
        if found:
            marks.append((int(found.group(1)), time.monotonic(), cpu_seconds(process.pid)))
    if process.wait() != 0:
        sys.exit("patrolsim failed:\n" + "".join(lines[-20:]))
    process_s = time.monotonic() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = children.ru_utime + children.ru_stime - before.ru_utime - before.ru_stime
    report = json.load(open(report_path))
    sim_s, wall_s = report["sim_seconds"], report["wall_seconds"]
    devices = len(report["devices"])
    print(f"{devices} devices, {sim_s:.0f} s simulated: run loop {wall_s:.1f} s wall, speed-up "
          f"{sim_s / wall_s:.1f}x (whole process with loading: {process_s:.1f} s wall, {cpu_s:.1f} s CPU)")
    # The first line past t=0 comes after the first plan; from there on the run is in its steady state.
    after_plan = [mark for mark in marks if mark[0] > 0]
    if len(after_plan) >= 2 and after_plan[-1][1] > after_plan[0][1]:
        (t0, w0, c0), (t1, w1, c1) = after_plan[0], after_plan[-1]
        print(f"after the first plan (t={t0}..{t1} s): {t1 - t0} s simulated in {w1 - w0:.1f} s wall, "
              f"{c1 - c0:.1f} s CPU: speed-up {(t1 - t0) / (w1 - w0):.1f}x wall, "
              f"{(t1 - t0) / max(c1 - c0, 0.01):.1f}x CPU")
        print(f"up to t={t0} s (loading, the first plan and the first {t0} s): {c0:.1f} s CPU")
    metrics = report["metrics"]
    print(f"coverage_fraction {metrics['coverage_fraction']:.3f}, worst_ratio {metrics['worst_ratio']:.2f}, "
          f"incidents {report['incidents']['detected']}/{report['incidents']['total']}, "
          f"plan events {report['plan_events']}", flush=True)
    return sim_s / wall_s


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=500)
    parser.add_argument("--duration", type=int, default=600)
    parser.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
    parser.add_argument("--baseline-bin", help="another build's folder, run alternately with --bin: the speed-up "
                        "is then quoted as a ratio to it, measured on the machine as it is now")
    parser.add_argument("--runs", type=int, default=1, help="runs of each build (best and median are printed)")
    parser.add_argument("--no-cross-patrol", action="store_true")
    args = parser.parse_args()
    builds = [args.bin] + ([args.baseline_bin] if args.baseline_bin else [])
    speeds = {build: [] for build in builds}
    with tempfile.TemporaryDirectory(prefix="fleet-sim-") as work:
        mission = os.path.join(work, "mission")
        subprocess.run([sys.executable, os.path.join(HERE, "gen-fleet-mission.py"), mission,
                        "--devices", str(args.devices), "--seed", "1"]
                       + (["--no-cross-patrol"] if args.no_cross_patrol else []), check=True)
        # Alternating, so that a machine whose speed drifts (it is shared) weighs on both builds alike.
        for _ in range(max(1, args.runs)):
            for build in builds:
                speeds[build].append(run_once(build, mission, work, args.duration))
    if args.runs > 1 or args.baseline_bin:
        for build in builds:
            runs = sorted(speeds[build])
            print(f"{build}: speed-up over {len(runs)} run(s): best {runs[-1]:.1f}x, "
                  f"median {statistics.median(runs):.1f}x")
    if args.baseline_bin:
        ratio = statistics.median(speeds[args.bin]) / statistics.median(speeds[args.baseline_bin])
        print(f"median speed-up of {args.bin} over {args.baseline_bin}: {ratio:.2f}x")


if __name__ == "__main__":
    main()
