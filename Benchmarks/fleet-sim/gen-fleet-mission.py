#!/usr/bin/env python3
"""Writes a large-fleet mission for the simulator's speed benchmark (issue 7: 500 devices, no pedestrians).

The site is a city district of W x H metres: a lattice of blocks cut by streets, each block holding a
building of seeded size and height, squares left open as hotspots, fixed cameras on street corners and
docks spread over the streets so that every dock serves about ten devices. Drones and robots alternate
over the docks. `sim.pedestrians` is 0 and there are no faults, so the run measures the devices, their
sensors, their links and the hub, not the crowd. Deterministic: the same arguments write identical files.

Usage: gen-fleet-mission.py OUT_DIR [--devices 500] [--drone-share 0.6] [--width-m 2400] [--height-m 1600]
       [--seed 1] [--no-cross-patrol]
It reuses the WGS84 <-> local frame and feature writers of Scripts/gen-missions.py.
"""
import argparse
import importlib.util
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("gen_missions", os.path.join(ROOT, "Scripts", "gen-missions.py"))
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

BLOCK_M = 120.0      # block pitch: building lot plus street
STREET_M = 24.0      # street width between lots (six 4 m cells: robots and camera lines of sight pass)
DEVICES_PER_DOCK = 10


def district(out, devices, drone_share, width_m, height_m, seed, cross_patrol=True):
    rng = random.Random(seed)
    lat, lon = 45.6000, 84.9000
    site = gen.SiteWriter(gen.Frame(lat, lon))
    half_w, half_h = width_m / 2, height_m / 2
    site.polygon("boundary", gen.rect(0, 0, width_m, height_m), name="District")
    cols, rows = int(width_m // BLOCK_M), int(height_m // BLOCK_M)
    x0, y0 = -cols * BLOCK_M / 2, -rows * BLOCK_M / 2
    lot = BLOCK_M - STREET_M
    hotspots = []
    for c in range(cols):
        for r in range(rows):
            cx, cy = x0 + (c + 0.5) * BLOCK_M, y0 + (r + 0.5) * BLOCK_M
            if (c * 7 + r * 3) % 11 == 0:
                # An open square: a crowd hotspot instead of a building.
                weight = 2 + (c + r) % 2
                hotspots.append((f"square-{c}-{r}", cx, cy, weight))
                site.polygon("hotspot", gen.rect(cx, cy, lot, lot), id=f"square-{c}-{r}", weight=weight,
                             expected_density_ppm2=1.5 + 0.5 * (weight - 2))
                continue
            w = lot * rng.uniform(0.55, 0.9)
            h = lot * rng.uniform(0.55, 0.9)
            site.polygon("building", gen.rect(cx, cy, w, h), height_m=round(rng.uniform(6, 30), 1),
                         name=f"block {c}-{r}")
    # Fixed cameras on every third street corner, looking along a street.
    camera_count = 0
    for c in range(1, cols):
        for r in range(1, rows):
            if (c + 2 * r) % 3:
                continue
            camera_count += 1
            site.camera(f"cam-{camera_count:03d}", x0 + c * BLOCK_M, y0 + r * BLOCK_M,
                        rng.choice((0, 90, 180, 270)) + rng.uniform(-20, 20), 70, 70, 8)
    # Docks on street crossings, spread over the lattice in a deterministic order.
    dock_count = max(1, (devices + DEVICES_PER_DOCK - 1) // DEVICES_PER_DOCK)
    crossings = [(x0 + c * BLOCK_M, y0 + r * BLOCK_M) for c in range(1, cols) for r in range(1, rows)]
    rng.shuffle(crossings)
    if len(crossings) < dock_count:
        raise SystemExit(f"the site has {len(crossings)} street crossings, fewer than {dock_count} docks")
    docks = []
    for index, (x, y) in enumerate(sorted(crossings[:dock_count])):
        docks.append(f"dock-{index + 1:03d}")
        # Half a street off the crossing so the dock cell is not shared with a camera pole.
        site.point("dock", x + STREET_M / 4, y + STREET_M / 4, id=docks[-1])
    drones = round(devices * drone_share)
    fleet = []
    counts = {"drone": 0, "robot": 0}
    for index in range(devices):
        dock = docks[index % len(docks)]
        # Interleave kinds so every dock gets both.
        kind = "drone" if index * drones // devices != (index + 1) * drones // devices else "robot"
        counts[kind] += 1
        make = gen.drone if kind == "drone" else gen.robot
        fleet.append(make(f"{kind}-{counts[kind]:03d}", dock))
    incidents = []
    for index, (hid, cx, cy, _) in enumerate(hotspots[:6]):
        incidents.append({"kind": ("fight", "fall", "unattended_bag")[index % 3], "x": round(cx + 10, 1),
                          "y": round(cy - 10, 1), "start_s": 120 + 150 * index, "duration_s": 300})
    mission = {
        "name": "fleet-bench",
        "description": f"Generated city district, {width_m:.0f} x {height_m:.0f} m, {devices} devices, no crowd",
        "site": "site.geojson",
        "origin": {"lat": lat, "lon": lon},
        "cell_m": 4,
        "fleet": fleet,
        "policy": {"revisit_s": 600, "revisit_s_by_weight": {"2": 300, "3": 200}, "cross_patrol": cross_patrol,
                   "crowd_density_alert_ppm2": 5, "crowd_density_sustain_s": 15, "stale_alert_factor": 2,
                   "stale_alert_min_weight": 2, "battery_reserve_fraction": 0.2},
        "sim": {"pedestrians": 0, "incidents": incidents, "faults": []},
    }
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "mission.json"), "w") as f:
        json.dump(mission, f, indent=1)
        f.write("\n")
    with open(os.path.join(out, "site.geojson"), "w") as f:
        json.dump(site.document(), f)
        f.write("\n")
    print(f"wrote {out}: {cols} x {rows} blocks, {camera_count} cameras, {len(docks)} docks, "
          f"{drones} drones + {devices - drones} robots")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--devices", type=int, default=500)
    parser.add_argument("--drone-share", type=float, default=0.6)
    parser.add_argument("--width-m", type=float, default=2400)
    parser.add_argument("--height-m", type=float, default=1600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-cross-patrol", action="store_true",
                        help="policy.cross_patrol false: the planner skips its per-device loss search")
    args = parser.parse_args()
    district(args.out, args.devices, args.drone_share, args.width_m, args.height_m, args.seed,
             cross_patrol=not args.no_cross_patrol)


if __name__ == "__main__":
    main()
