#!/usr/bin/env python3
"""A complete PatrolHub device in Python: registers, follows its route, reports, and leaves.

usage: example_device.py --hub tcp://127.0.0.1:7450 --device drone-1 [--kind drone|robot] [--seconds 30]
                         [--start X,Y] [--speed-mps 8] [--keys DIR --server-key FILE]

It speaks the wire protocol of Protos/patrol/v1 (see docs/devices.md): one DEALER socket to the hub's ROUTER,
one protobuf DeviceMessage per frame out, one HubMessage per frame in.

1. Hello -> Welcome (or Reject: print the reason, exit 2).
2. Heartbeat every heartbeat_interval_ms from the Welcome.
3. AssignRoute: fly/drive the waypoints at --speed-mps, cyclic routes loop; RouteProgress at each waypoint.
4. Telemetry twice a second; an Observation (camera footprint) every second, kept until the hub acknowledges
   its seq (Ack.seqs) and resent with the same seq after a second without one (at-least-once delivery).
5. Commands: HOLD stops, RESUME continues the route, GO_TO / INVESTIGATE fly to the target, RETURN_TO_DOCK
   goes back to where the device started.
6. After --seconds: Bye, then a summary of what it got on stdout. Exit 0.

Python classes come from Protos/ with protoc --python_out; when `patrol.v1` is not importable the script runs
protoc itself into a cache folder (needs the protobuf-compiler package). Needs pyzmq and protobuf.
"""
import argparse
import math
import os
import subprocess
import sys
import tempfile
import time

import zmq

HERE = os.path.dirname(os.path.abspath(__file__))
PROTOS = os.path.normpath(os.path.join(HERE, "..", "..", "Protos"))


def load_protos():
    """Imports the generated classes, generating them first if needed (never into the source tree)."""
    try:
        from patrol.v1 import device_pb2, common_pb2  # noqa: F401
        return device_pb2, common_pb2
    except ImportError:
        pass
    out = os.environ.get("PATROL_PROTO_PY") or os.path.join(tempfile.gettempdir(), f"patrol-protos-py-{os.getuid()}")
    os.makedirs(out, exist_ok=True)
    sources = [os.path.join(PROTOS, "patrol", "v1", name) for name in ("common.proto", "device.proto")]
    generated = [os.path.join(out, "patrol", "v1", name) for name in ("common_pb2.py", "device_pb2.py")]
    # Regenerate when a .proto changed since the cached classes were made.
    if not all(os.path.exists(g) for g in generated) or \
            max(os.path.getmtime(p) for p in sources) > min(os.path.getmtime(g) for g in generated):
        subprocess.run(["protoc", f"--python_out={out}", f"-I{PROTOS}"] + sources, check=True)
    sys.path.insert(0, out)
    from patrol.v1 import device_pb2, common_pb2
    return device_pb2, common_pb2


pb, common = load_protos()

# Camera and kinematics of the bundled missions' fleets (Missions/plaza/mission.json); Hello announces them.
DEFAULTS = {
    "drone": dict(speed=8.0, endurance=1800.0, fov=80.0, range=40.0, pitch=45.0, altitude=30.0),
    "robot": dict(speed=1.5, endurance=14400.0, fov=90.0, range=20.0, pitch=10.0, altitude=1.5),
}


def now_ms():
    return int(time.time() * 1000)


def bearing(dx, dy):
    """Compass bearing of a move: 0 north, 90 east, in [0, 360)."""
    return math.degrees(math.atan2(dx, dy)) % 360.0


class Device:
    def __init__(self, args):
        self.args = args
        self.kind = args.kind or ("drone" if args.device.startswith("drone") else "robot")
        self.spec = DEFAULTS[self.kind]
        self.speed = args.speed_mps or self.spec["speed"]
        self.context = zmq.Context()
        self.socket = self.context.socket(zmq.DEALER)
        # The routing id is the device id: with ZMQ_ROUTER_HANDOVER a reconnect takes the identity back.
        self.socket.setsockopt(zmq.IDENTITY, args.device.encode())
        self.socket.setsockopt(zmq.LINGER, 500)
        if args.keys:
            self.use_curve(args.keys, args.server_key)
        self.socket.connect(args.hub)
        self.seq = 0
        self.pending = {}  # seq -> (frame bytes, last sent time) for observations awaiting a durable ack
        self.position = [args.start[0], args.start[1], 0.0]
        self.home = list(self.position) if args.start_given else None
        self.heading = 0.0
        self.state = common.DEVICE_STATE_IDLE
        self.route = None  # the AssignRoute being followed
        self.target_index = 0
        self.override = None  # a commanded target (GO_TO, INVESTIGATE, RETURN_TO_DOCK)
        self.holding = False
        self.battery = 1.0
        self.heartbeat_s = 1.0
        self.stats = dict(telemetry=0, observations=0, acked=0, resent=0, progress=0, heartbeats=0, commands=[],
                          routes=[], rejects=[])

    def use_curve(self, keys_dir, server_key_file):
        """CURVE client: the device's own pair (NAME.key from `patrolctl keygen NAME`) and the hub's public key."""
        def read_key(path, field=None):
            for line in open(path):
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if field is None:
                    return line
                if line.startswith(field + ":"):
                    return line.split(":", 1)[1].strip()
            raise SystemExit(f"{path}: no {field or 'key'} line")
        key_file = os.path.join(keys_dir, f"{self.args.device}.key")
        self.socket.curve_publickey = read_key(key_file, "public-key").encode()
        self.socket.curve_secretkey = read_key(key_file, "secret-key").encode()
        self.socket.curve_serverkey = read_key(server_key_file).encode()

    # ---- sending ----

    def send(self, fill):
        """Builds a DeviceMessage with the next seq, lets `fill` set its body, sends it; returns (seq, bytes)."""
        self.seq += 1
        message = pb.DeviceMessage(seq=self.seq, sent_ms=now_ms())
        fill(message)
        frame = message.SerializeToString()
        self.socket.send(frame)
        return self.seq, frame

    def hello(self):
        def fill(m):
            m.hello.device_id = self.args.device
            m.hello.kind = common.DEVICE_KIND_DRONE if self.kind == "drone" else common.DEVICE_KIND_ROBOT
            m.hello.protocol_version = pb.PROTOCOL_VERSION_CURRENT
            m.hello.firmware = "example_device.py 1.0"
            caps = m.hello.capabilities
            caps.max_speed_mps = self.speed
            caps.endurance_s = self.spec["endurance"]
            caps.camera.fov_deg = self.spec["fov"]
            caps.camera.range_m = self.spec["range"]
            caps.camera.pitch_deg = self.spec["pitch"]
            caps.camera.altitude_m = self.spec["altitude"]
            caps.person_counting = True
        self.send(fill)

    def heartbeat(self):
        def fill(m):
            m.heartbeat.state = self.state
        self.send(fill)
        self.stats["heartbeats"] += 1

    def telemetry(self):
        def fill(m):
            t = m.telemetry
            t.position.x_m, t.position.y_m, t.position.z_m = self.position
            t.heading_deg = self.heading
            t.speed_mps = 0.0 if self.holding or self.state == common.DEVICE_STATE_IDLE else self.speed
            t.battery_fraction = self.battery
            t.endurance_remaining_s = self.battery * self.spec["endurance"]
            t.state = self.state
        self.send(fill)
        self.stats["telemetry"] += 1

    def observation(self):
        def fill(m):
            o = m.observation
            o.captured_ms = now_ms()
            o.camera_position.x_m, o.camera_position.y_m = self.position[0], self.position[1]
            o.camera_position.z_m = max(self.position[2], self.spec["altitude"])
            o.heading_deg = self.heading
            o.pitch_deg = self.spec["pitch"]
            o.fov_deg = self.spec["fov"]
            o.range_m = self.spec["range"]
            # A real device counts persons in the frame; this one reports an empty scene with low confidence.
            o.has_person_count = True
            o.person_count = 0
            o.confidence = 0.5
        seq, frame = self.send(fill)
        self.pending[seq] = (frame, time.monotonic())
        self.stats["observations"] += 1

    def resend_unacknowledged(self):
        """At-least-once: the same frame (same seq) again; the hub drops duplicates by (device, seq)."""
        now = time.monotonic()
        for seq, (frame, sent) in list(self.pending.items()):
            if now - sent > 1.0:
                self.socket.send(frame)
                self.pending[seq] = (frame, now)
                self.stats["resent"] += 1

    def route_progress(self):
        def fill(m):
            p = m.route_progress
            p.route_id = self.route.route_id
            p.route_version = self.route.version
            p.waypoint_index = self.target_index
            p.cycle_offset_s = self.route.waypoints[self.target_index].offset_s
        self.send(fill)
        self.stats["progress"] += 1

    # ---- receiving ----

    def receive(self, timeout_ms):
        """Handles every HubMessage arriving within timeout_ms; returns False after a Reject."""
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or not self.socket.poll(left):
                return True
            message = pb.HubMessage()
            message.ParseFromString(self.socket.recv())
            if not self.handle(message):
                return False

    def handle(self, message):
        body = message.WhichOneof("body")
        if body == "welcome":
            w = message.welcome
            self.welcome = w
            self.heartbeat_s = max(0.1, w.heartbeat_interval_ms / 1000)
            print(f"welcome: {w.device_id} at site {w.site_id}, heartbeat every {w.heartbeat_interval_ms} ms, "
                  f"lost after {w.lost_after_missed} missed, hub holds seq <= {w.last_acked_seq}")
        elif body == "reject":
            name = pb.RejectReason.Name(message.reject.reason)
            print(f"rejected: {name}: {message.reject.detail}")
            self.stats["rejects"].append(name)
            return False
        elif body == "assign_route":
            r = message.assign_route
            print(f"route {r.route_id} v{r.version}: {len(r.waypoints)} waypoints, cycle {r.cycle_s:.0f} s, "
                  f"{'cyclic' if r.cyclic else 'one-way'}, start offset {r.start_offset_s:.0f} s")
            self.stats["routes"].append(f"{r.route_id} v{r.version}")
            self.route = r
            self.target_index = 0  # due at waypoints[0] start_offset_s after the route arrived
            if self.home is None and r.waypoints:
                # Without --start the device is placed at its starting waypoint (a real one knows where it is).
                w = r.waypoints[self.target_index].position
                self.position = [w.x_m, w.y_m, w.z_m]
                self.home = list(self.position)
            self.override = None
            self.holding = False
            self.state = common.DEVICE_STATE_PATROLLING if r.waypoints else common.DEVICE_STATE_IDLE
        elif body == "command":
            c = message.command
            name = pb.CommandKind.Name(c.kind)
            print(f"command {name} ({c.reason or 'no reason'}) target ({c.target.x_m:.1f}, {c.target.y_m:.1f})")
            self.stats["commands"].append(name)
            self.obey(c)
        elif body == "ack":
            for seq in message.ack.seqs:
                if self.pending.pop(seq, None) is not None:
                    self.stats["acked"] += 1
        return True

    def obey(self, command):
        self.holding = False
        if command.kind == pb.COMMAND_KIND_HOLD:
            self.holding = True
            self.state = common.DEVICE_STATE_HOLDING
        elif command.kind == pb.COMMAND_KIND_RESUME:
            self.override = None
            self.state = common.DEVICE_STATE_PATROLLING if self.route else common.DEVICE_STATE_IDLE
        elif command.kind in (pb.COMMAND_KIND_GO_TO, pb.COMMAND_KIND_INVESTIGATE):
            t = command.target
            self.override = [t.x_m, t.y_m, self.position[2]]
            self.state = common.DEVICE_STATE_DISPATCHED
        elif command.kind == pb.COMMAND_KIND_RETURN_TO_DOCK:
            self.override = list(self.home or self.position)
            self.state = common.DEVICE_STATE_RETURNING

    # ---- moving ----

    def move(self, dt):
        if self.holding or self.state == common.DEVICE_STATE_IDLE:
            return
        target = self.override
        if target is None:
            if not self.route or not self.route.waypoints:
                return
            w = self.route.waypoints[self.target_index].position
            target = [w.x_m, w.y_m, w.z_m]
        dx, dy = target[0] - self.position[0], target[1] - self.position[1]
        distance = math.hypot(dx, dy)
        step = self.speed * dt
        if distance > 1e-6:
            self.heading = bearing(dx, dy)
        self.battery = max(0.0, self.battery - dt / self.spec["endurance"])
        if distance > step:
            self.position[0] += dx / distance * step
            self.position[1] += dy / distance * step
            return
        self.position = list(target)
        if self.override is not None:
            if self.state == common.DEVICE_STATE_RETURNING:
                self.state = common.DEVICE_STATE_CHARGING
            self.holding = True  # arrived: hold until RESUME (INVESTIGATE: a real device looks, then resumes)
            return
        self.route_progress()
        nxt = self.target_index + 1
        if nxt >= len(self.route.waypoints):
            if not self.route.cyclic:
                self.state = common.DEVICE_STATE_IDLE
                return
            nxt = 0
        self.target_index = nxt

    # ---- the whole life ----

    def run(self):
        self.hello()
        registered = False
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not registered:
            if not self.receive(100):
                return 2
            registered = hasattr(self, "welcome")
        if not registered:
            print(f"no Welcome from {self.args.hub} within 5 s")
            return 3
        end = time.monotonic() + self.args.seconds
        tick = 0.1
        last = time.monotonic()
        next_heartbeat = next_telemetry = next_observation = last
        while time.monotonic() < end:
            if not self.receive(int(tick * 1000)):
                return 2
            now = time.monotonic()
            self.move(now - last)
            last = now
            if now >= next_heartbeat:
                self.heartbeat()
                next_heartbeat = now + self.heartbeat_s
            if now >= next_telemetry:
                self.telemetry()
                next_telemetry = now + 0.5
            if now >= next_observation:
                self.observation()
                next_observation = now + 1.0
            self.resend_unacknowledged()
        # Let the last acknowledgements arrive, then say goodbye.
        self.receive(300)
        def bye(m):
            m.bye.reason = f"example device done after {self.args.seconds} s"
        self.send(bye)
        s = self.stats
        print(f"summary: device {self.args.device} ({self.kind}) at ({self.position[0]:.1f}, {self.position[1]:.1f}); "
              f"routes {s['routes'] or 'none'}; sent {s['telemetry']} telemetry, {s['heartbeats']} heartbeats, "
              f"{s['observations']} observations ({s['acked']} acknowledged, {s['resent']} resent, "
              f"{len(self.pending)} unacknowledged), {s['progress']} route progress; commands {s['commands'] or 'none'}")
        self.socket.close()
        self.context.term()
        return 0


def main():
    parser = argparse.ArgumentParser(description="An example PatrolHub device (see docs/devices.md).")
    parser.add_argument("--hub", default="tcp://127.0.0.1:7450", help="the hub's device endpoint")
    parser.add_argument("--device", required=True, help="the device id from the mission's fleet")
    parser.add_argument("--kind", choices=["drone", "robot"], help="default: from the id (drone-* is a drone)")
    parser.add_argument("--seconds", type=float, default=30, help="how long to patrol before Bye")
    parser.add_argument("--speed-mps", type=float, help="patrol speed, metres per second")
    parser.add_argument("--start", default=None, help="X,Y: where the device is (its dock), local metres")
    parser.add_argument("--keys", help="folder holding DEVICE.key (patrolctl keygen DEVICE): use CURVE")
    parser.add_argument("--server-key", help="the hub's public key file (hub.pub), with --keys")
    args = parser.parse_args()
    args.start_given = args.start is not None
    try:
        args.start = [float(v) for v in (args.start or "0,0").split(",")]
        assert len(args.start) == 2 and all(math.isfinite(v) for v in args.start)
    except (ValueError, AssertionError):
        parser.error(f"--start: expected X,Y in metres, got '{args.start}'")
    if args.keys and not args.server_key:
        parser.error("--keys needs --server-key (the hub's hub.pub)")
    sys.exit(Device(args).run())


if __name__ == "__main__":
    main()
