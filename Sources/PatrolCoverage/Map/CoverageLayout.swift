import PatrolCore

/// The static side of a coverage map: which cells are watched, with what weight and revisit target, and
/// which cells each fixed camera sees continuously.
///
/// Monitored cells are the patrol cells of DESIGN.md section 5 plus the cells fixed cameras see: those
/// are no patrol cells while their camera is online, and become blind spots when it goes offline.
/// Per cell the layout keeps one byte, an index into a small table of (weight, target) classes, so a
/// 4 M-cell site costs 4 MB here.
public struct CoverageLayout: Sendable {
    /// One distinct (weight, revisit target) pair.
    public struct CellClass: Hashable, Sendable {
        /// Cell weight, >= 1.
        public var weight: Float
        /// Revisit target, seconds (> 0).
        public var targetS: Float

        public init(weight: Float, targetS: Float) {
            self.weight = weight
            self.targetS = targetS
        }
    }

    /// The cells one fixed camera sees continuously while it is online.
    public struct FixedCameraCells: Sendable {
        public var id: String
        public var position: Point2
        /// Cell indices of the grid.
        public var cells: [Int32]

        public init(id: String, position: Point2, cells: [Int32]) {
            self.id = id
            self.position = position
            self.cells = cells
        }
    }

    /// The raster the map lives on; its layers give occlusion for footprints.
    public let grid: SiteGrid
    /// 0 for cells that are not monitored, else 1 + an index into `classes`.
    public let classOfCell: [UInt8]
    public let classes: [CellClass]
    public let fixedCameras: [FixedCameraCells]
    /// Number of patrol cells (monitored and not seen by any fixed camera).
    public let patrolCellCount: Int

    public var width: Int { grid.width }
    public var height: Int { grid.height }
    public var cellM: Double { grid.cellM }
    public var cellCount: Int { grid.cellCount }

    /// Builds a layout.
    /// - Parameters:
    ///   - grid: the site raster.
    ///   - patrolCells: indices of the patrol cells.
    ///   - weights: the weight of each patrol cell (parallel to `patrolCells`).
    ///   - revisitTargetsS: the revisit target of each patrol cell, seconds (parallel to `patrolCells`).
    ///   - fixedCameras: the cells each fixed camera sees; those not in `patrolCells` get the grid's
    ///     hotspot weight and `policy`'s target for it.
    ///   - policy: revisit targets for fixed-camera cells.
    /// - Throws: `CoverageError.layout` when arrays disagree in length, a cell index is outside the grid,
    ///   or there are more than 255 distinct (weight, target) pairs.
    public init(grid: SiteGrid, patrolCells: [Int], weights: [Double], revisitTargetsS: [Double],
                fixedCameras: [FixedCameraCells], policy: Policy) throws(CoverageError) {
        guard weights.count == patrolCells.count, revisitTargetsS.count == patrolCells.count else {
            throw .layout("patrol cells (\(patrolCells.count)), weights (\(weights.count)) and revisit targets "
                + "(\(revisitTargetsS.count)) must have the same length")
        }
        var classOfCell = [UInt8](repeating: 0, count: grid.cellCount)
        var classes: [CellClass] = []
        var classIndex: [CellClass: UInt8] = [:]
        func classNumber(_ cellClass: CellClass) throws(CoverageError) -> UInt8 {
            if let number = classIndex[cellClass] { return number }
            guard classes.count < 255 else {
                throw .layout("more than 255 distinct (weight, revisit target) pairs; expected a few hotspot classes")
            }
            classes.append(cellClass)
            let number = UInt8(classes.count)
            classIndex[cellClass] = number
            return number
        }
        for (position, cell) in patrolCells.enumerated() {
            guard cell >= 0, cell < grid.cellCount else {
                throw .layout("patrol cell \(cell) is outside the grid of \(grid.cellCount) cells")
            }
            let weight = max(1, weights[position]), targetS = revisitTargetsS[position]
            guard targetS > 0, targetS.isFinite else {
                throw .layout("revisit target of cell \(cell) is \(targetS) s; expected a positive number")
            }
            classOfCell[cell] = try classNumber(CellClass(weight: Float(weight), targetS: Float(targetS)))
        }
        var patrolCellCount = 0
        for value in classOfCell where value != 0 { patrolCellCount += 1 }
        var fixedCellSet = [Bool](repeating: false, count: grid.cellCount)
        for camera in fixedCameras {
            for cell in camera.cells {
                guard cell >= 0, Int(cell) < grid.cellCount else {
                    throw .layout("camera \(camera.id) sees cell \(cell), outside the grid of \(grid.cellCount) cells")
                }
                let index = Int(cell)
                if classOfCell[index] != 0 {
                    // A patrol cell is by definition not seen continuously; the camera's own set wins.
                    if !fixedCellSet[index] { patrolCellCount -= 1 }
                } else {
                    let weight = Double(grid.hotspotWeight[index])
                    let cellClass = CellClass(weight: Float(weight), targetS: Float(policy.revisitTargetS(weight: weight)))
                    classOfCell[index] = try classNumber(cellClass)
                }
                fixedCellSet[index] = true
            }
        }
        self.grid = grid
        self.classOfCell = classOfCell
        self.classes = classes
        self.fixedCameras = fixedCameras
        self.patrolCellCount = patrolCellCount
    }

    /// Whether the cell is watched at all (patrol cell or fixed-camera cell).
    @inlinable
    public func isMonitored(_ cell: Int) -> Bool { classOfCell[cell] != 0 }

    /// The weight of a monitored cell, or nil.
    public func weight(ofCell cell: Int) -> Double? {
        let number = classOfCell[cell]
        return number == 0 ? nil : Double(classes[Int(number) - 1].weight)
    }

    /// The revisit target of a monitored cell in seconds, or nil.
    public func revisitTargetS(ofCell cell: Int) -> Double? {
        let number = classOfCell[cell]
        return number == 0 ? nil : Double(classes[Int(number) - 1].targetS)
    }
}
