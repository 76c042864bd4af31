#!/usr/bin/env python3
"""Writes the bundled missions under Missions/ (plaza, station-forecourt, festival-park, grid-benchmark).

The sites are drawn in local metres (x east, y north of each mission's origin) and converted to WGS84
with the same ECEF -> ENU relation that PatrolCore's LocalFrame uses, so positions come back to the
millimetre. Run from the repository root: `python3 Scripts/gen-missions.py`. Deterministic: rerunning
rewrites identical files.
"""
import json
import math
import os
import shutil
import sys

A = 6378137.0
F = 1 / 298.257223563
E2 = F * (2 - F)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASET = os.path.join(os.path.dirname(ROOT), "shared", "datasets", "patrolling_sim", "grid")


def ecef(lat_deg, lon_deg, h=0.0):
    lat, lon = math.radians(lat_deg), math.radians(lon_deg)
    n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
    return ((n + h) * math.cos(lat) * math.cos(lon), (n + h) * math.cos(lat) * math.sin(lon),
            (n * (1 - E2) + h) * math.sin(lat))


def geodetic(x, y, z):
    lon = math.atan2(y, x)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - E2))
    for _ in range(8):
        n = A / math.sqrt(1 - E2 * math.sin(lat) ** 2)
        h = p / math.cos(lat) - n
        lat = math.atan2(z, p * (1 - E2 * n / (n + h)))
    return math.degrees(lat), math.degrees(lon)


class Frame:
    def __init__(self, lat, lon):
        self.lat, self.lon = lat, lon
        self.o = ecef(lat, lon)
        la, lo = math.radians(lat), math.radians(lon)
        self.sla, self.cla, self.slo, self.clo = math.sin(la), math.cos(la), math.sin(lo), math.cos(lo)

    def enu(self, lat, lon):
        p = ecef(lat, lon)
        dx, dy, dz = p[0] - self.o[0], p[1] - self.o[1], p[2] - self.o[2]
        e = -self.slo * dx + self.clo * dy
        n = -self.sla * self.clo * dx - self.sla * self.slo * dy + self.cla * dz
        u = self.cla * self.clo * dx + self.cla * self.slo * dy + self.sla * dz
        return e, n, u

    def geo(self, x, y):
        """[lon, lat] of the ellipsoid point whose local position is (x, y)."""
        up = 0.0
        lat, lon = self.lat, self.lon
        for _ in range(4):
            gx = self.o[0] - self.slo * x - self.sla * self.clo * y + self.cla * self.clo * up
            gy = self.o[1] + self.clo * x - self.sla * self.slo * y + self.cla * self.slo * up
            gz = self.o[2] + self.cla * y + self.sla * up
            lat, lon = geodetic(gx, gy, gz)
            up = self.enu(lat, lon)[2]
        return [round(lon, 9), round(lat, 9)]


def rect(cx, cy, w, h, angle_deg=0.0):
    """Counter-clockwise corners of a w x h rectangle centred on (cx, cy), rotated by angle_deg."""
    a = math.radians(angle_deg)
    ca, sa = math.cos(a), math.sin(a)
    pts = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        pts.append((cx + dx * ca - dy * sa, cy + dx * sa + dy * ca))
    return pts


def blob(cx, cy, r, n=9, wobble=0.25, phase=0.0):
    """A convex-ish irregular polygon (a tree cluster): n points on a wobbling circle, counter-clockwise."""
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        rr = r * (1 + wobble * math.sin(3 * t + phase))
        pts.append((cx + rr * math.cos(t), cy + rr * math.sin(t)))
    return pts


class SiteWriter:
    def __init__(self, frame):
        self.frame = frame
        self.features = []

    def polygon(self, kind, pts, **props):
        ring = [self.frame.geo(x, y) for x, y in pts]
        ring.append(ring[0])
        self.features.append({"type": "Feature", "properties": {"kind": kind, **props},
                              "geometry": {"type": "Polygon", "coordinates": [ring]}})

    def point(self, kind, x, y, **props):
        self.features.append({"type": "Feature", "properties": {"kind": kind, **props},
                              "geometry": {"type": "Point", "coordinates": self.frame.geo(x, y)}})

    def camera(self, cid, x, y, heading, fov, rng, height):
        self.point("camera", x, y, id=cid, heading_deg=heading, fov_deg=fov, range_m=rng, height_m=height)

    def document(self):
        return {"type": "FeatureCollection", "features": self.features}


def drone(did, dock, speed=8.0, endurance=1500, fov=80, rng=40, pitch=45, altitude=30):
    return {"id": did, "kind": "drone", "speed_mps": speed, "endurance_s": endurance, "dock": dock,
            "camera": {"fov_deg": fov, "range_m": rng, "pitch_deg": pitch, "altitude_m": altitude}}


def robot(rid, dock, speed=1.5, endurance=14400, fov=90, rng=20, pitch=10, altitude=1.5):
    return {"id": rid, "kind": "robot", "speed_mps": speed, "endurance_s": endurance, "dock": dock,
            "camera": {"fov_deg": fov, "range_m": rng, "pitch_deg": pitch, "altitude_m": altitude}}


def write(name, mission, site=None, readme=""):
    folder = os.path.join(ROOT, "Missions", name)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "mission.json"), "w") as f:
        json.dump(mission, f, indent=2)
        f.write("\n")
    if site is not None:
        with open(os.path.join(folder, "site.geojson"), "w") as f:
            json.dump(site.document(), f, indent=1)
            f.write("\n")
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write(readme.strip() + "\n")


def plaza():
    lat, lon = 45.5900, 84.8700
    s = SiteWriter(Frame(lat, lon))
    # A 300 x 250 m square with its south-east corner cut by the tram line.
    s.polygon("boundary", [(-150, -125), (110, -125), (150, -85), (150, 125), (-150, 125)], name="Central square")
    s.polygon("building", rect(0, 10, 24, 14), height_m=8, name="pavilion")
    s.polygon("building", rect(-60, 60, 6, 6), height_m=14, name="monument")
    for i, x in enumerate((-95, -85, -75, -65)):
        s.polygon("building", rect(x, -70, 5, 4), height_m=3, name=f"market kiosk {i + 1}")
    s.polygon("building", rect(95, -75, 14, 4, 45), height_m=3.5, name="tram shelter")
    s.polygon("building", rect(70, 70, 10, 8), height_m=4, name="cafe")
    s.polygon("keep_out", blob(40, -20, 9, n=12, wobble=0.0), name="fountain")
    s.polygon("hotspot", rect(-80, -65, 50, 30), id="market", weight=2, expected_density_ppm2=1.5)
    s.polygon("hotspot", [(85, -100), (125, -100), (140, -85), (140, -60), (85, -60)], id="tram-stop", weight=3,
              expected_density_ppm2=2.5)
    # Twelve cameras on building corners and poles, mostly along the edges: the middle and the
    # north-west quarter stay blind.
    cams = [
        ("cam-01", -145, -120, 45, 70, 85, 8), ("cam-02", -30, -122, 0, 80, 75, 7),
        ("cam-03", 105, -120, 20, 70, 60, 7),
        ("cam-04", 145, -80, 300, 80, 85, 8), ("cam-05", 145, 40, 250, 70, 80, 8), ("cam-06", 145, 120, 225, 60, 90, 8),
        ("cam-07", 40, 122, 180, 70, 70, 7), ("cam-08", -145, 0, 90, 60, 75, 7), ("cam-09", -145, -60, 60, 70, 60, 7),
        ("cam-10", 13, 18, 90, 90, 60, 6), ("cam-11", -13, 2, 225, 90, 55, 6), ("cam-12", 64, 66, 315, 80, 50, 5),
    ]
    for c in cams:
        s.camera(*c)
    s.point("dock", -120, -100, id="dock-sw")
    s.point("dock", 120, 100, id="dock-ne")
    s.point("dock", -20, 110, id="dock-n")
    s.point("poi", 0, -110, id="metro-entrance", revisit_s=180)
    mission = {
        "name": "plaza",
        "description": "A city square with market, tram stop and pavilion",
        "site": "site.geojson",
        "origin": {"lat": lat, "lon": lon},
        "cell_m": 2,
        "fleet": [drone("drone-1", "dock-sw"), drone("drone-2", "dock-ne"), drone("drone-3", "dock-n"),
                  robot("robot-1", "dock-sw"), robot("robot-2", "dock-ne")],
        "policy": {"revisit_s": 300, "revisit_s_by_weight": {"2": 180, "3": 120}, "cross_patrol": True,
                   "crowd_density_alert_ppm2": 4, "crowd_density_sustain_s": 10, "stale_alert_factor": 2,
                   "stale_alert_min_weight": 2, "battery_reserve_fraction": 0.2},
        "sim": {
            "pedestrians": 10000,
            "incidents": [
                {"kind": "fight", "x": -100, "y": 95, "start_s": 240, "duration_s": 180},
                {"kind": "unattended_bag", "x": 20, "y": -40, "start_s": 600, "duration_s": 900},
                {"kind": "fall", "x": -80, "y": -60, "start_s": 1100, "duration_s": 240},
                {"kind": "crowd_surge", "x": 115, "y": -80, "start_s": 1500, "duration_s": 300},
            ],
            "faults": [{"kind": "camera_offline", "camera": "cam-08", "at_s": 300, "duration_s": 900}],
        },
    }
    write("plaza", mission, s, """
# plaza

A city square of 300 x 250 m (south-east corner cut by the tram line) around 45.59 N, 84.87 E.

- Twelve fixed CCTV cameras on the edges, the pavilion and the cafe; the middle of the square and the
  north-west quarter are left blind.
- Buildings: a pavilion (8 m), a monument (14 m), four market kiosks, a tram shelter and a cafe; the
  fountain is a keep-out zone for robots.
- Two crowd hotspots: the market (weight 2, revisit 180 s) and the tram stop (weight 3, revisit 120 s);
  everything else is revisited within 300 s.
- Fleet: three drones (8 m/s, camera 80 deg / 40 m from 30 m altitude) and two ground robots (1.5 m/s).
- Simulation: 10000 pedestrians (enough for the hotspots' densities), four incidents in the first 30 minutes, camera cam-08 offline from
  300 s to 1200 s.
""")


def station_forecourt():
    lat, lon = 45.5960, 84.8790
    s = SiteWriter(Frame(lat, lon))
    s.polygon("boundary", [(-200, -100), (200, -100), (200, 100), (-200, 100)], name="Station forecourt")
    # The rails run along the northern edge: drones keep out of the overhead line corridor.
    s.polygon("no_fly", [(-200, 80), (200, 80), (200, 100), (-200, 100)], name="rail overhead lines")
    s.polygon("keep_out", [(-200, 78), (200, 78), (200, 100), (-200, 100)], name="platform edge and tracks")
    s.polygon("building", rect(0, 62, 120, 20), height_m=16, name="station hall")
    s.polygon("building", rect(-120, 40, 8, 12), height_m=4, name="ticket office")
    s.polygon("building", rect(120, 40, 20, 6), height_m=3, name="bike shelter")
    s.polygon("building", rect(-60, -40, 12, 8), height_m=5, name="metro entrance")
    s.polygon("building", rect(60, -60, 30, 4), height_m=3.5, name="bus shelter")
    s.polygon("keep_out", rect(150, -40, 60, 30), name="taxi lane")
    s.polygon("hotspot", rect(0, 35, 80, 30), id="station-entrance", weight=3, expected_density_ppm2=3)
    s.polygon("hotspot", rect(-60, -25, 40, 25), id="metro-stairs", weight=2, expected_density_ppm2=2)
    s.polygon("hotspot", rect(60, -75, 50, 25), id="bus-stops", weight=2, expected_density_ppm2=1.5)
    cams = [
        ("cam-01", -60, 50, 200, 80, 60, 8), ("cam-02", 60, 50, 160, 80, 60, 8), ("cam-03", 0, 50, 180, 90, 50, 8),
        ("cam-04", -195, -95, 45, 70, 70, 8), ("cam-05", 195, -95, 315, 70, 70, 8),
        ("cam-06", -195, 60, 120, 70, 60, 8),
        ("cam-07", 195, 60, 240, 70, 60, 8), ("cam-08", -52, -40, 135, 90, 40, 6), ("cam-09", 0, -95, 0, 80, 60, 7),
        ("cam-10", 100, -95, 20, 70, 50, 7), ("cam-11", -110, 40, 240, 80, 45, 6), ("cam-12", 130, 40, 180, 70, 45, 6),
        ("cam-13", -150, -95, 10, 60, 50, 7), ("cam-14", 75, -58, 330, 80, 40, 5),
    ]
    for c in cams:
        s.camera(*c)
    s.point("dock", -180, -80, id="dock-west")
    s.point("dock", 180, -80, id="dock-east")
    s.point("dock", 0, -80, id="dock-south")
    s.point("poi", -120, 30, id="ticket-machines", revisit_s=120)
    mission = {
        "name": "station-forecourt",
        "description": "Main station forecourt with metro, bus and taxi interchanges",
        "site": "site.geojson",
        "origin": {"lat": lat, "lon": lon},
        "cell_m": 2,
        "fleet": [drone("drone-1", "dock-west"), drone("drone-2", "dock-east"), drone("drone-3", "dock-south"),
                  robot("robot-1", "dock-west"), robot("robot-2", "dock-east"), robot("robot-3", "dock-south")],
        "policy": {"revisit_s": 240, "revisit_s_by_weight": {"2": 120, "3": 90}, "cross_patrol": True,
                   "crowd_density_alert_ppm2": 3.5, "crowd_density_sustain_s": 10, "stale_alert_factor": 2,
                   "stale_alert_min_weight": 2, "battery_reserve_fraction": 0.2},
        "sim": {
            "pedestrians": 14000,
            "incidents": [
                {"kind": "pickpocket", "x": -20, "y": 20, "start_s": 180, "duration_s": 120},
                {"kind": "unattended_bag", "x": -160, "y": 10, "start_s": 420, "duration_s": 900},
                {"kind": "crowd_surge", "x": 10, "y": 35, "start_s": 900, "duration_s": 300},
                {"kind": "fight", "x": 110, "y": -20, "start_s": 1300, "duration_s": 150},
            ],
            "faults": [{"kind": "camera_offline", "camera": "cam-03", "at_s": 600, "duration_s": 600},
                       {"kind": "comm_loss", "device": "drone-2", "at_s": 800, "duration_s": 60}],
        },
    }
    write("station-forecourt", mission, s, """
# station-forecourt

The forecourt of a main railway station, 400 x 200 m, around 45.596 N, 84.879 E.

- The rails and their overhead lines run along the northern edge: a 20 m no-fly strip for drones,
  and the platform edge and tracks are a keep-out zone for robots; cameras and drones outside the strip
  still look into it.
- The station hall (16 m) closes the north side; a ticket office, bike and bus shelters and the metro
  entrance pavilion stand on the forecourt; the taxi lane is a keep-out zone for robots.
- Dense crowd: hotspots at the station entrance (weight 3, 90 s), the metro stairs and the bus stops
  (weight 2, 120 s); 14000 simulated pedestrians, enough for the hotspots' densities.
- Fourteen fixed cameras; fleet of three drones and three robots.
- Faults: camera cam-03 (over the entrance) offline at 600 s for 10 minutes, drone-2 loses its link
  at 800 s for a minute.
""")


def festival_park():
    lat, lon = 45.5830, 84.8600
    s = SiteWriter(Frame(lat, lon))
    s.polygon("boundary", [(-400, -300), (250, -300), (400, -180), (400, 300), (-300, 300), (-400, 200)],
              name="Festival park")
    s.polygon("building", rect(0, 230, 40, 18), height_m=12, name="main stage")
    s.polygon("building", rect(-250, -120, 30, 10), height_m=4, name="food court stalls")
    s.polygon("building", rect(250, 100, 12, 12), height_m=8, name="sound tower")
    s.polygon("building", rect(300, -250, 20, 10), height_m=3, name="first aid")
    # Tree clusters: obstacles for robots and lines of sight.
    trees = [(-300, 100, 30, 0.3), (-150, 150, 25, 1.1), (150, -50, 35, 2.0), (-50, -150, 28, 0.7),
             (280, -100, 22, 1.7), (-320, -220, 26, 2.4), (100, 120, 18, 0.2), (-180, -20, 24, 1.4)]
    for i, (x, y, r, ph) in enumerate(trees):
        s.polygon("building", blob(x, y, r, phase=ph), height_m=12 + (i % 3) * 2, name=f"trees {i + 1}")
    s.polygon("keep_out", blob(200, 220, 45, n=14, wobble=0.15, phase=0.5), name="pond")
    s.polygon("no_fly", rect(0, 255, 80, 30), name="stage pyrotechnics")
    # Hotspot densities times their areas stay within the 80 % of the 10000 simulated pedestrians that the
    # crowd model lets stay in hotspots (about 7900 people): the pit in front of the stage, a strolling food
    # court and the gate. (The stage front used to be a 15,500 m2 field at 4 per m2, 62,000 people, so the
    # simulated crowd reached a tenth of what the mission said.)
    s.polygon("hotspot", [(-35, 175), (35, 175), (40, 215), (-40, 215)], id="stage-front", weight=3,
              expected_density_ppm2=2)
    s.polygon("hotspot", rect(-250, -95, 80, 40), id="food-court", weight=2, expected_density_ppm2=0.35)
    s.polygon("hotspot", rect(0, -285, 60, 25), id="main-gate", weight=2, expected_density_ppm2=0.5)
    cams = [
        ("cam-01", -60, 150, 30, 70, 70, 10), ("cam-02", 60, 150, 330, 70, 70, 10), ("cam-03", 0, 135, 0, 90, 60, 10),
        ("cam-04", -30, -295, 0, 80, 60, 8), ("cam-05", 30, -295, 0, 80, 60, 8), ("cam-06", -250, -110, 180, 90, 50, 6),
        ("cam-07", -395, 195, 120, 70, 80, 10), ("cam-08", 395, 290, 225, 70, 80, 10),
        ("cam-09", 395, -170, 300, 70, 80, 10),
        ("cam-10", 240, -295, 45, 70, 70, 8), ("cam-11", -395, -295, 45, 70, 80, 10),
        ("cam-12", 250, 92, 200, 90, 60, 12),
        ("cam-13", -290, 295, 160, 70, 70, 10), ("cam-14", 0, 0, 45, 120, 60, 12), ("cam-15", 0, 0, 225, 120, 60, 12),
        ("cam-16", 300, -242, 300, 80, 50, 6),
    ]
    for c in cams:
        s.camera(*c)
    docks = {"dock-gate": (-60, -280), "dock-west": (-370, 0), "dock-east": (370, 0), "dock-north": (-150, 280)}
    for did, (x, y) in docks.items():
        s.point("dock", x, y, id=did)
    s.point("poi", 300, -240, id="first-aid-post", revisit_s=300)
    names = list(docks)
    fleet = [drone(f"drone-{i + 1}", names[i % 4]) for i in range(12)]
    fleet += [robot(f"robot-{i + 1}", names[i % 4]) for i in range(8)]
    mission = {
        "name": "festival-park",
        "description": "A park during an open-air music festival",
        "site": "site.geojson",
        "origin": {"lat": lat, "lon": lon},
        "cell_m": 2,
        "fleet": fleet,
        "policy": {"revisit_s": 420, "revisit_s_by_weight": {"2": 240, "3": 150}, "cross_patrol": True,
                   "crowd_density_alert_ppm2": 5, "crowd_density_sustain_s": 15, "stale_alert_factor": 2,
                   "stale_alert_min_weight": 2, "battery_reserve_fraction": 0.2},
        "sim": {
            "pedestrians": 10000,
            "incidents": [
                {"kind": "medical", "x": -20, "y": 180, "start_s": 300, "duration_s": 300},
                {"kind": "fight", "x": -230, "y": -70, "start_s": 700, "duration_s": 150},
                {"kind": "lost_child", "x": 120, "y": -150, "start_s": 1000, "duration_s": 900},
                {"kind": "fire", "x": -330, "y": 60, "start_s": 1500, "duration_s": 600},
            ],
            "faults": [{"kind": "camera_offline", "camera": "cam-03", "at_s": 900, "duration_s": 900},
                       {"kind": "device_crash", "device": "drone-5", "at_s": 1200},
                       {"kind": "message_drop", "rate": 0.05, "at_s": 0}],
        },
    }
    write("festival-park", mission, s, """
# festival-park

A park of about 800 x 600 m during an open-air music festival, around 45.583 N, 84.860 E.

- The main stage (12 m) at the north end with the pit in front of it (hotspot weight 3, 150 s); the
  food court and the main gate are weight-2 hotspots (240 s), the rest of the park 420 s; a no-fly
  box over the stage for pyrotechnics.
- Eight tree clusters (12-16 m) block robots and lines of sight; the pond is a keep-out zone.
- Sixteen fixed cameras, four docks, twenty devices (twelve drones, eight robots), 10000 pedestrians.
- Faults: camera cam-03 offline, drone-5 crashes at 1200 s, 5 % of messages dropped.
""")


def grid_benchmark():
    lat, lon = 45.5920, 84.8650
    folder = os.path.join(ROOT, "Missions", "grid-benchmark")
    os.makedirs(folder, exist_ok=True)
    for name in ("grid.yaml", "grid.pgm", "grid.graph"):
        source = os.path.join(DATASET, name)
        if not os.path.exists(source):
            sys.exit(f"missing {source}: the patrolling_sim dataset is needed to build grid-benchmark")
        shutil.copyfile(source, os.path.join(folder, name))
    # Docks on the graph's corner nodes (0, 4, 20, 24), in local metres (origin 0,0; resolution 0.075).
    docks = [{"id": "dock-nw", "x": 1.425, "y": 24.375}, {"id": "dock-sw", "x": 1.425, "y": 1.575},
             {"id": "dock-ne", "x": 24.225, "y": 24.375}, {"id": "dock-se", "x": 24.225, "y": 1.575}]
    fleet = [robot(f"robot-{i + 1}", docks[i]["id"], speed=1.0, endurance=86400, fov=360, rng=3, pitch=0,
                   altitude=0.5) for i in range(4)]
    mission = {
        "name": "grid-benchmark",
        "description": "The patrolling_sim grid map and patrol graph",
        "site": "grid.yaml",
        "graph": "grid.graph",
        "origin": {"lat": lat, "lon": lon},
        "cell_m": 0.3,
        "wall_height_m": 2.5,
        "docks": docks,
        "fleet": fleet,
        "policy": {"revisit_s": 120, "cross_patrol": False},
    }
    write("grid-benchmark", mission, None, """
# grid-benchmark

The `grid` map of the multi-robot patrolling literature, as shipped by the ROS package patrolling_sim
(github.com/davidbsp/patrolling_sim, v2.2.4, BSD licence): a 25.8 x 25.8 m occupancy grid (ROS
map_server `grid.yaml` + `grid.pgm`, 0.075 m per pixel) with 16 square blocks, and its 25-node patrol
graph (`grid.graph`, edges of 5.7 m).

- Four robots at 1 m/s, as in the patrolling_sim experiments, docked on the four corner nodes.
- Graph mode (DESIGN.md section 5): idleness is measured on the graph nodes, a node being visited when
  a robot passes within 1 m. Published figures for comparison (Stage, 4 robots): average idleness
  55.5 s (SEBS) to 66.0 s (CGG), worst idleness 170.5 s (SEBS) to 346.4 s (CGG).
- The map and graph files are copied from ../shared/datasets/patrolling_sim/grid so that the
  repository is self-contained.
""")


if __name__ == "__main__":
    plaza()
    station_forecourt()
    festival_park()
    grid_benchmark()
    print("wrote Missions/plaza, station-forecourt, festival-park, grid-benchmark")
