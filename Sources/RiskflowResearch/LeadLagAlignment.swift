import RiskflowCore

/// Two series turned into aligned moves (returns or differences), as the peers'
/// `_common.aligned_returns` does.
public struct AlignedMoves: Sendable, Equatable {
    public var days: [Day]
    public var x: [Double]
    public var y: [Double]

    public init(days: [Day], x: [Double], y: [Double]) {
        self.days = days
        self.x = x
        self.y = y
    }
}

extension LeadLagOptions {
    /// The series at the chosen frequency, restricted to from…to.
    func prepared(_ s: Series) -> Series {
        let ranged = s.slice(from: from, to: to)
        return frequency == .weekly ? ranged.weeklyLast() : ranged
    }

    /// Moves of one series on its own rows.
    func moves(_ s: Series) throws -> Series {
        switch transform {
        case .diff: return s.differences()
        case .returns: return try s.returns(returns)
        }
    }

    /// The aligned moves of x and y.
    ///
    /// `returns` alignment: moves on each series' own calendar, inner-joined by date
    /// (so RUT Fri→Mon pairs with BTC Sun→Mon). `closes`: closes inner-joined first,
    /// moves on the common dates (BTC Fri→Mon too).
    public func align(x: Series, y: Series) throws -> AlignedMoves {
        let px = prepared(x), py = prepared(y)
        switch align {
        case .returns:
            let j = try moves(px).innerJoined(with: moves(py))
            return AlignedMoves(days: j.days, x: j.x, y: j.y)
        case .closes:
            let j = px.innerJoined(with: py)
            let cx = Series(unchecked: x.id, unit: x.unit, calendar: x.calendar, days: j.days, values: j.x)
            let cy = Series(unchecked: y.id, unit: y.unit, calendar: y.calendar, days: j.days, values: j.y)
            let mx = try moves(cx), my = try moves(cy)
            return AlignedMoves(days: mx.days, x: mx.values, y: my.values)
        }
    }
}
