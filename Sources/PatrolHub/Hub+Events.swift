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

    /// Publishes the regions of the map that changed since the last coverage event, with live metrics.
    func publishCoverageEvent() {
        guard var runtime = mission, let coverage = runtime.coverage else { return }
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
