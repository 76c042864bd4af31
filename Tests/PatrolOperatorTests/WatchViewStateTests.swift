import Testing
@testable import PatrolOperator

@Suite struct WatchViewStateTests {
    @Test func tabCyclesThroughAlertsAndAcknowledgeNamesTheSelectedOne() {
        var view = WatchViewState()
        let alerts = ["a-1", "a-2", "a-3"]
        #expect(view.apply(.acknowledge, alerts: alerts, panStepM: 1) == .acknowledge(alertID: "a-1"))
        _ = view.apply(.nextAlert, alerts: alerts, panStepM: 1)
        _ = view.apply(.nextAlert, alerts: alerts, panStepM: 1)
        #expect(view.apply(.acknowledge, alerts: alerts, panStepM: 1) == .acknowledge(alertID: "a-3"))
        _ = view.apply(.nextAlert, alerts: alerts, panStepM: 1)
        #expect(view.selectedAlertID == "a-1")
        _ = view.apply(.previousAlert, alerts: alerts, panStepM: 1)
        #expect(view.selectedAlertID == "a-3")
        // The selected alert resolved and left the list: the selection falls back to the first.
        #expect(view.apply(.acknowledge, alerts: ["a-1", "a-2"], panStepM: 1) == .acknowledge(alertID: "a-1"))
        #expect(view.apply(.acknowledge, alerts: [], panStepM: 1) == .none)
    }

    @Test func pauseTogglesQuitQuitsAndZoomStaysInRange() {
        var view = WatchViewState()
        _ = view.apply(.pause, alerts: [], panStepM: 1)
        #expect(view.paused)
        _ = view.apply(.pause, alerts: [], panStepM: 1)
        #expect(!view.paused)
        #expect(view.apply(.quit, alerts: [], panStepM: 1) == .quit)
        for _ in 0..<40 { _ = view.apply(.zoomIn, alerts: [], panStepM: 1) }
        #expect(view.zoom == WatchViewState.zoomRange.upperBound)
        for _ in 0..<40 { _ = view.apply(.zoomOut, alerts: [], panStepM: 1) }
        #expect(view.zoom == WatchViewState.zoomRange.lowerBound)
    }
}
