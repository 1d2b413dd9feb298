import RiskflowCore

/// A heatmap of values on a grid (rows × columns), coloured on a diverging scale around
/// zero (blue above, red below), with the best cell outlined.
public struct SVGHeatmap: Sendable {
    public var title: String
    public var rowLabels: [Int]
    public var columnLabels: [Int]
    /// values[row][column], `NaN` where missing.
    public var values: [[Double]]
    public var highlight: (row: Int, column: Int)?
    public var rowTitle: String
    public var columnTitle: String
    public var width = 960
    public var height = 420

    public init(title: String, rowLabels: [Int], columnLabels: [Int], values: [[Double]], rowTitle: String, columnTitle: String) {
        self.title = title
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
    }

    /// The fill of a value on the scale ±`limit`.
    static func color(_ v: Double, limit: Double) -> String {
        guard v.isFinite, limit > 0 else { return "#f1f5f9" }
        let t = min(1, abs(v) / limit)
        // White to blue (#1d4ed8) above zero, white to red (#dc2626) below.
        let (r, g, b) = v >= 0 ? (29.0, 78.0, 216.0) : (220.0, 38.0, 38.0)
        func mix(_ c: Double) -> Int { Int((255 - (255 - c) * t).rounded()) }
        return "rgb(\(mix(r)),\(mix(g)),\(mix(b)))"
    }

    public func svg() -> String {
        let left = 70.0, right = 90.0, top = 34.0, bottom = 44.0
        let w = Double(width), h = Double(height)
        let nr = rowLabels.count, nc = columnLabels.count
        guard nr > 0, nc > 0 else { return "<svg viewBox=\"0 0 \(width) 60\" role=\"img\"><title>\(SVG.escape(title))</title></svg>" }
        let cw = (w - left - right) / Double(nc), ch = (h - top - bottom) / Double(nr)
        let limit = values.flatMap { $0 }.filter(\.isFinite).map(abs).max() ?? 1
        var s = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(SVG.escape(title))\" class=\"chart\"><title>\(SVG.escape(title))</title>"
        for r in 0..<nr {
            for c in 0..<nc {
                let v = values[r][c]
                s += "<rect x=\"\(SVG.f(left + Double(c) * cw))\" y=\"\(SVG.f(top + Double(nr - 1 - r) * ch))\" width=\"\(SVG.f(cw + 0.3))\" height=\"\(SVG.f(ch + 0.3))\" fill=\"\(Self.color(v, limit: limit))\"><title>\(rowTitle) \(rowLabels[r]), \(columnTitle) \(columnLabels[c]): \(v.isFinite ? NumberText.grouped(v) : "–")</title></rect>"
            }
        }
        if let (r, c) = highlight {
            s += "<rect x=\"\(SVG.f(left + Double(c) * cw))\" y=\"\(SVG.f(top + Double(nr - 1 - r) * ch))\" width=\"\(SVG.f(cw))\" height=\"\(SVG.f(ch))\" fill=\"none\" stroke=\"#0f172a\" stroke-width=\"2\"/>"
        }
        s += "<rect x=\"\(SVG.f(left))\" y=\"\(SVG.f(top))\" width=\"\(SVG.f(w - left - right))\" height=\"\(SVG.f(h - top - bottom))\" class=\"frame\"/>"
        let rowStep = max(1, nr / 10), colStep = max(1, nc / 13)
        for r in stride(from: 0, to: nr, by: rowStep) {
            s += "<text x=\"\(SVG.f(left - 6))\" y=\"\(SVG.f(top + (Double(nr - 1 - r) + 0.5) * ch + 4))\" class=\"ytick\">\(rowLabels[r])</text>"
        }
        for c in stride(from: 0, to: nc, by: colStep) {
            s += "<text x=\"\(SVG.f(left + (Double(c) + 0.5) * cw))\" y=\"\(SVG.f(h - bottom + 16))\" class=\"xtick\">\(columnLabels[c])</text>"
        }
        s += "<text x=\"\(SVG.f(left + (w - left - right) / 2))\" y=\"\(SVG.f(h - 6))\" class=\"xtick\">\(SVG.escape(columnTitle))</text>"
        s += "<text x=\"12\" y=\"\(SVG.f(top - 10))\" class=\"legend\">\(SVG.escape(rowTitle)) ↑</text>"
        // Colour key.
        for (k, v) in [limit, limit / 2, 0, -limit / 2, -limit].enumerated() {
            let y = top + Double(k) * 22
            s += "<rect x=\"\(SVG.f(w - right + 14))\" y=\"\(SVG.f(y))\" width=\"14\" height=\"14\" fill=\"\(Self.color(v, limit: limit))\" stroke=\"#cbd5e1\"/>"
            s += "<text x=\"\(SVG.f(w - right + 34))\" y=\"\(SVG.f(y + 11))\" class=\"legend\">\(NumberText.grouped(v))</text>"
        }
        s += "</svg>"
        return s
    }
}
