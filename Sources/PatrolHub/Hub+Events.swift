import PatrolCore
import PatrolWire
import ZeroMQ

/// The event stream: `fleet`, `plan`, `coverage`, `alert` on the PUB socket, each logged durably.
extension Hub {
    /// Publishes one event under its topic and appends it to the event log at the next commit.
    ///
    /// PUB never blocks: at a subscriber's high-water mark libzmq drops for that subscriber only.
    /// - Parameter persist: false for routine events the log may skip (telemetry-only fleet updates between
    ///   the once-a-second ones), so the log grows with what happened rather than with the message rate.
    func publish(_ body: Event.Body, persist: Bool = true) {
        eventSeq += 1
        let event = Event(siteID: siteID, seq: eventSeq, timeMS: nowMS, body: body)
        let bytes = event.encoded()
        let topic = body.topic
        do {
            if try eventSocket.send([Array(topic.utf8), bytes], dontWait: true) {
                count("events_out.\(topic)")
            } else {
                count("drops.events")
            }
        } catch {
            count("drops.events")
            log(.warning, "event not published", ["topic": topic, "error": "\(error)"])
        }
        if store != nil && persist {
            batch.events.append(.init(seq: eventSeq, timeMS: nowMS, topic: topic, body: bytes))
        }
    }

    /// Notes a changed device for the next fleet event; `urgent` changes (connect, lost, state) go out at the
    /// end of this pump instead of waiting for the 100 ms batching period.
    func markFleetChanged(_ deviceID: String, urgent: Bool) {
        dirtyFleet.insert(deviceID)
        if urgent { fleetUrgent = true }
    }

    func publishFleetEvent() {
        let changed = dirtyFleet.sorted().compactMap { devices[$0]?.info }
        let urgent = fleetUrgent
        dirtyFleet.removeAll()
        fleetUrgent = false
        lastFleetEventMS = nowMS
        guard !changed.isEmpty else { return }
        let persist = urgent || nowMS - lastPersistedFleetEventMS >= 1000
        if persist { lastPersistedFleetEventMS = nowMS }
        publish(.fleet(FleetEvent(devices: changed)), persist: persist)
    }

    func publishPlanEvent(reason: String) {
        guard let plan = mission?.planReply() else { return }
        publish(.plan(PlanEvent(plan: plan, reason: reason)))
    }

    /// Reads the subscription changes waiting on the event socket: a first byte of 1 subscribes, 0
    /// unsubscribes, the rest is the topic prefix.
    func receiveEventSubscriptions() {
        while let frames = try? eventSocket.receiveMultipart(dontWait: true) {
            guard let message = frames.first, let flag = message.first else { continue }
            let prefix = Array(message.dropFirst())
            switch flag {
            case 1: eventSubscriptions.insert(prefix)
            case 0: eventSubscriptions.remove(prefix)
            default: break
            }
        }
    }

    /// Whether an event of `topic` would reach anyone: a subscriber whose prefix it starts with, or the
    /// event log.
    func eventIsWanted(topic: String) -> Bool {
        if store != nil { return true }
        receiveEventSubscriptions()
        let bytes = Array(topic.utf8)
        return eventSubscriptions.contains { bytes.starts(with: $0) }
    }

    /// Publishes the regions of the map that changed since the last coverage event, with live metrics.
    ///
    /// With no subscriber to coverage and no event log the event is not built (encoding the changed
    /// regions of a large map twice a second is most of its cost); the mark still moves on, so the next
    /// event built carries what changed since this moment, as it would have.
    func publishCoverageEvent() {
        guard var runtime = mission, let coverage = runtime.coverage else { return }
        guard eventIsWanted(topic: "coverage") else {
            mission?.coverageMark = coverage.changeMark
            return
        }
        let regions = coverage.changedRegions(since: runtime.coverageMark, nowMS: nowMS)
        runtime.coverageMark = coverage.changeMark
        mission = runtime
        guard !regions.isEmpty else { return }
        let wireRegions = regions.map { region in
            CoverageRegion(x0: UInt32(region.rectangle.col), y0: UInt32(region.rectangle.row),
                           width: UInt32(region.rectangle.width), height: UInt32(region.rectangle.height),
                           runLengths: region.runs.lengths, runIdlenessS: region.runs.valuesS)
        }
        publish(.coverage(CoverageEvent(regions: wireRegions, metrics: liveMetrics(),
                                        blindSpotCount: UInt32(clamping: runtime.blindSpotCount))))
    }
}
