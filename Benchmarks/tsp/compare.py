#!/usr/bin/env python3
"""TSP benchmark: the planner's TourOptimizer (tsp-bench) against LKH-3 (PyPI elkai) and OR-Tools guided
local search on the same seeded uniform random instances.

Each instance is n points uniform in a 1,000 m x 1,000 m square from random.Random(seed * 1_000_003 + n),
written as `x y` lines with repr() so the Swift side parses exactly the same doubles. All three lengths are
recomputed here in double precision from the returned tours (Euclidean, closing leg included), and every tour
is checked to be a permutation. Times are of the solve call only (instance building excluded), as CPU time
(the table: on a shared machine wall time mostly measures the load) and as wall time (in --json).

LKH-3 (elkai 2.x) runs through elkai's own entry point with EUC_2D on coordinates in millimetres (so LKH's
integer rounding costs under 1e-6 of the length), RUNS = --lkh-runs (default 1; elkai's default is 10) and
MAX_TRIALS = --lkh-max-trials (default n, LKH's own default). OR-Tools: one vehicle, arc costs in mm from a
dense transit matrix, PATH_CHEAPEST_ARC then GUIDED_LOCAL_SEARCH with a time limit (wall-clock, OR-Tools' own)
of as many seconds as LKH-3 used CPU seconds on the same instance, at least 1 s and at most --ortools-max-s
(--ortools-limit-s fixes it instead). Its local-search operators can be limited to the nearest
--ortools-neighbours nodes (0, the default, leaves them whole: in our runs the limit gave longer tours).

usage: compare.py [--sizes 100,1000,5000] [--seed 1] [--bin .build/release/tsp-bench] [--kicks-per-point K]
                  [--restarts N] [--lkh-runs 1] [--lkh-max-trials N] [--ortools-limit-s S] [--ortools-max-s 60]
                  [--ortools-neighbours 0] [--no-lkh] [--no-ortools] [--json FILE]
"""
import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time


def make_instance(n, seed):
    rng = random.Random(seed * 1_000_003 + n)
    return [(rng.random() * 1000.0, rng.random() * 1000.0) for _ in range(n)]


def tour_length(points, order):
    if sorted(order) != list(range(len(points))):
        raise SystemExit("a tour is not a permutation of the points")
    return sum(math.dist(points[order[i]], points[order[(i + 1) % len(order)]]) for i in range(len(order)))


def run_ours(binary, path, args):
    tour_path = path + ".tour"
    command = [binary, "--points", path, "--tour-out", tour_path, "--restarts", str(args.restarts)]
    if args.kicks_per_point is not None:
        command += ["--kicks-per-point", str(args.kicks_per_point)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    result = json.loads(output)
    with open(tour_path) as f:
        order = [int(line) for line in f if line.strip()]
    result["command"] = " ".join(command)
    result["order"] = order
    return result


def run_lkh(points, args):
    from elkai import _elkai  # elkai 2.x: the LKH-3 entry point that takes a parameter and a problem text

    n = len(points)
    max_trials = args.lkh_max_trials or n
    params = f"RUNS = {args.lkh_runs}\nMAX_TRIALS = {max_trials}\nSEED = {args.seed}\nPROBLEM_FILE = :stdin:\n"
    problem = f"TYPE : TSP\nDIMENSION : {n}\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n"
    problem += "".join(f"{i + 1} {x * 1000:.3f} {y * 1000:.3f}\n" for i, (x, y) in enumerate(points))
    start, cpu_start = time.perf_counter(), time.process_time()
    order = _elkai.solve_problem(params, problem)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return {"order": [i - 1 for i in order], "solveMS": seconds * 1000, "cpuMS": cpu_seconds * 1000,
            "runs": args.lkh_runs, "maxTrials": max_trials}


def run_ortools(points, limit_s, args):
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    n = len(points)
    # Integer arc costs in millimetres, as OR-Tools needs integers.
    matrix = [[int(round(math.dist(p, q) * 1000)) for q in points] for p in points]
    manager = pywrapcp.RoutingIndexManager(n, 1, 0)
    routing = pywrapcp.RoutingModel(manager)
    transit = routing.RegisterTransitMatrix(matrix)
    del matrix
    routing.SetArcCostEvaluatorOfAllVehicles(transit)
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    if args.ortools_neighbours > 0:
        parameters.ls_operator_neighbors_ratio = min(1.0, args.ortools_neighbours / n)
        parameters.ls_operator_min_neighbors = min(n, args.ortools_neighbours)
    parameters.time_limit.FromMilliseconds(int(limit_s * 1000))
    start, cpu_start = time.perf_counter(), time.process_time()
    solution = routing.SolveWithParameters(parameters)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    result = {"solveMS": seconds * 1000, "cpuMS": cpu_seconds * 1000, "limitS": limit_s}
    if solution is None:
        return {"order": None, **result}
    order, index = [], routing.Start(0)
    while not routing.IsEnd(index):
        order.append(manager.IndexToNode(index))
        index = solution.Value(routing.NextVar(index))
    return {"order": order, **result}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--bin", default=".build/release/tsp-bench")
    parser.add_argument("--kicks-per-point", type=float)
    parser.add_argument("--restarts", type=int, default=1)
    parser.add_argument("--lkh-runs", type=int, default=1)
    parser.add_argument("--lkh-max-trials", type=int)
    parser.add_argument("--ortools-limit-s", type=float)
    parser.add_argument("--ortools-max-s", type=float, default=60.0)
    parser.add_argument("--ortools-neighbours", type=int, default=0)
    parser.add_argument("--no-lkh", action="store_true")
    parser.add_argument("--no-ortools", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in [int(s) for s in args.sizes.split(",")]:
            points = make_instance(n, args.seed)
            path = os.path.join(folder, f"uniform-{n}-seed{args.seed}.txt")
            with open(path, "w") as f:
                f.writelines(f"{x!r} {y!r}\n" for x, y in points)
            ours = run_ours(args.bin, path, args)
            checked = tour_length(points, ours.pop("order"))
            if abs(checked - ours["lengthM"]) > 1e-6 * checked:
                raise SystemExit(f"n={n}: tsp-bench says {ours['lengthM']}, its tour measures {checked}")
            row = {"n": n, "ours": ours}
            if not args.no_lkh:
                lkh = run_lkh(points, args)
                lkh["lengthM"] = tour_length(points, lkh.pop("order"))
                row["lkh"] = lkh
            if not args.no_ortools:
                limit_s = args.ortools_limit_s
                if limit_s is None:
                    lkh_s = row["lkh"]["cpuMS"] / 1000 if "lkh" in row else args.ortools_max_s
                    limit_s = min(args.ortools_max_s, max(1.0, lkh_s))
                tools = run_ortools(points, limit_s, args)
                order = tools.pop("order")
                tools["lengthM"] = tour_length(points, order) if order else None
                row["ortools"] = tools
            rows.append(row)
            print_row(row, header=len(rows) == 1)
            sys.stdout.flush()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"seed": args.seed, "rows": rows}, f, indent=1)


def print_row(row, header):
    if header:
        print("| n | ours length (m) | ours CPU | LKH-3 length (m) | LKH-3 CPU | ours / LKH-3 length "
              "| ours / LKH-3 CPU | OR-Tools GLS length (m) | OR-Tools CPU | OR-Tools / LKH-3 length |")
        print("|---|---|---|---|---|---|---|---|---|---|")
    ours, lkh, tools = row["ours"], row.get("lkh"), row.get("ortools")
    cells = [f"{row['n']:,}", f"{ours['lengthM']:.1f}", f"{ours['cpuMS']:.0f} ms"]
    if lkh:
        cells += [f"{lkh['lengthM']:.1f}", f"{lkh['cpuMS']:.0f} ms", f"{ours['lengthM'] / lkh['lengthM']:.4f}",
                  f"{ours['cpuMS'] / lkh['cpuMS']:.4f}"]
    else:
        cells += ["-"] * 4
    if tools and tools["lengthM"]:
        cells += [f"{tools['lengthM']:.1f}", f"{tools['cpuMS']:.0f} ms"]
        cells += [f"{tools['lengthM'] / lkh['lengthM']:.4f}" if lkh else "-"]
    else:
        cells += ["-"] * 3
    print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
