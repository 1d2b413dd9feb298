import RiskflowCore

/// A time-series chart rendered as inline SVG (no scripts, no external assets).
public struct SVGTimeChart: Sendable {
    public struct Line: Sendable {
        public var label: String
        public var days: [Day]
        public var values: [Double]
        public var color: String
        public var width: Double = 1.6
        public var dashed = false
        public init(label: String, days: [Day], values: [Double], color: String, width: Double = 1.6, dashed: Bool = false) {
            self.label = label
            self.days = days
            self.values = values
            self.color = color
            self.width = width
            self.dashed = dashed
        }
    }
    /// A vertical line at a day (a breakout).
    public struct Marker: Sendable {
        public var day: Day
        public var color: String
        public var label: String
        public init(day: Day, color: String, label: String) {
            self.day = day
            self.color = color
            self.label = label
        }
    }
    /// A shaded span of days.
    public struct Band: Sendable {
        public var from: Day
        public var to: Day
        public var color: String
        public var opacity: Double
        /// Vertical extent in data units; `nil` spans the whole plot.
        public var yFrom: Double?
        public var yTo: Double?
        public init(from: Day, to: Day, color: String, opacity: Double, yFrom: Double? = nil, yTo: Double? = nil) {
            self.from = from
            self.to = to
            self.color = color
            self.opacity = opacity
            self.yFrom = yFrom
            self.yTo = yTo
        }
    }
    /// A horizontal reference line.
    /// A shaded area between two lines on the same days (a confidence band).
    public struct Area: Sendable {
        public var days: [Day]
        public var lower: [Double]
        public var upper: [Double]
        public var color: String
        public var opacity: Double
        public init(days: [Day], lower: [Double], upper: [Double], color: String, opacity: Double = 0.18) {
            self.days = days
            self.lower = lower
            self.upper = upper
            self.color = color
            self.opacity = opacity
        }
    }

    public struct Reference: Sendable {
        public var value: Double
        public var color: String
        public var label: String
        public init(value: Double, color: String, label: String) {
            self.value = value
            self.color = color
            self.label = label
        }
    }

    public var title: String
    public var lines: [Line]
    public var markers: [Marker] = []
    public var bands: [Band] = []
    public var references: [Reference] = []
    public var areas: [Area] = []
    /// The x-axis ticks for the span shown; calendar dates by default (a chart of days
    /// after an event labels offsets instead).
    public var xTicks: (@Sendable (Day, Day) -> [(Day, String)])? = nil
    public var logScale = false
    public var yFormat: @Sendable (Double) -> String = { NumberText.grouped($0, decimals: abs($0) < 10 ? 2 : 0) }
    public var legendExtra: [(String, String)] = []
    /// Leave the lines out of the legend (a chart drawn with bands only).
    public var hidesLineLegend = false
    public var width = 960
    public var height = 340

    public init(title: String, lines: [Line]) {
        self.title = title
        self.lines = lines
    }

    public func svg() -> String {
        let left = 70.0, right = 20.0, top = 34.0, bottom = 34.0
        let w = Double(width), h = Double(height)
        let allDays = lines.flatMap { [$0.days.first, $0.days.last].compactMap { $0 } }
        guard let from = allDays.min(), let to = allDays.max(), to > from else {
            return "<svg viewBox=\"0 0 \(width) 60\" role=\"img\"><title>\(SVG.escape(title))</title><text x=\"10\" y=\"30\">no data</text></svg>"
        }
        let x = LinearScale(domain: Double(from.rawValue)...Double(to.rawValue), range: (left, w - right))
        let y = LinearScale(
            domain: LinearScale.domain(
                lines.flatMap(\.values) + areas.flatMap { $0.lower + $0.upper }, isLog: logScale,
                include: references.map(\.value)),
            range: (h - bottom, top), isLog: logScale)
        func px(_ d: Day) -> Double { x.map(Double(d.rawValue)) }
        var s = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(SVG.escape(title))\" class=\"chart\">"
        s += "<title>\(SVG.escape(title))</title>"
        // Bands.
        for b in bands where b.to >= from && b.from <= to {
            let x0 = px(max(b.from, from)), x1 = px(min(b.to, to))
            let y0 = b.yTo.map { y.map($0) } ?? top
            let y1 = b.yFrom.map { y.map($0) } ?? (h - bottom)
            s += "<rect x=\"\(SVG.f(x0))\" y=\"\(SVG.f(y0))\" width=\"\(SVG.f(max(0.6, x1 - x0)))\" height=\"\(SVG.f(max(0, y1 - y0)))\" fill=\"\(b.color)\" fill-opacity=\"\(b.opacity)\"/>"
        }
        // Areas (bands between two lines), drawn where both bounds exist.
        for a in areas {
            let idx = a.days.indices.filter { a.lower[$0].isFinite && a.upper[$0].isFinite }
            guard idx.count > 1 else { continue }
            var path = ""
            for (k, i) in idx.enumerated() { path += "\(k == 0 ? "M" : "L")\(SVG.f(px(a.days[i]))) \(SVG.f(y.map(a.upper[i])))" }
            for i in idx.reversed() { path += "L\(SVG.f(px(a.days[i]))) \(SVG.f(y.map(a.lower[i])))" }
            s += "<path d=\"\(path)Z\" fill=\"\(a.color)\" fill-opacity=\"\(a.opacity)\" stroke=\"none\"/>"
        }
        // Grid and axes.
        for t in y.ticks() {
            let yy = y.map(t)
            s += "<line x1=\"\(SVG.f(left))\" x2=\"\(SVG.f(w - right))\" y1=\"\(SVG.f(yy))\" y2=\"\(SVG.f(yy))\" class=\"grid\"/>"
            s += "<text x=\"\(SVG.f(left - 6))\" y=\"\(SVG.f(yy + 4))\" class=\"ytick\">\(SVG.escape(yFormat(t)))</text>"
        }
        for (d, label) in xTicks?(from, to) ?? DateTicks.ticks(from: from, to: to) {
            let xx = px(d)
            s += "<line x1=\"\(SVG.f(xx))\" x2=\"\(SVG.f(xx))\" y1=\"\(SVG.f(top))\" y2=\"\(SVG.f(h - bottom))\" class=\"grid\"/>"
            s += "<text x=\"\(SVG.f(xx))\" y=\"\(SVG.f(h - bottom + 16))\" class=\"xtick\">\(label)</text>"
        }
        s += "<rect x=\"\(SVG.f(left))\" y=\"\(SVG.f(top))\" width=\"\(SVG.f(w - left - right))\" height=\"\(SVG.f(h - top - bottom))\" class=\"frame\"/>"
        // Reference lines.
        for r in references {
            let yy = y.map(r.value)
            s += "<line x1=\"\(SVG.f(left))\" x2=\"\(SVG.f(w - right))\" y1=\"\(SVG.f(yy))\" y2=\"\(SVG.f(yy))\" stroke=\"\(r.color)\" stroke-dasharray=\"4 3\" stroke-width=\"1\"/>"
            s += "<text x=\"\(SVG.f(w - right - 4))\" y=\"\(SVG.f(yy - 4))\" class=\"reflabel\" fill=\"\(r.color)\">\(SVG.escape(r.label))</text>"
        }
        // Markers.
        for m in markers where m.day >= from && m.day <= to {
            let xx = px(m.day)
            s += "<line x1=\"\(SVG.f(xx))\" x2=\"\(SVG.f(xx))\" y1=\"\(SVG.f(top))\" y2=\"\(SVG.f(h - bottom))\" stroke=\"\(m.color)\" stroke-width=\"1.2\" stroke-opacity=\"0.85\"><title>\(SVG.escape(m.label))</title></line>"
            s += "<circle cx=\"\(SVG.f(xx))\" cy=\"\(SVG.f(top + 4))\" r=\"3.5\" fill=\"\(m.color)\"><title>\(SVG.escape(m.label))</title></circle>"
        }
        // Lines, downsampled to ~2 points per pixel column, keeping marked days.
        let keep = Set(markers.map(\.day))
        let columns = Int(w - left - right)
        for line in lines where !line.days.isEmpty && line.color != "none" {
            let (dd, vv) = Downsample.minMax(days: line.days, values: line.values, columns: columns, keep: keep)
            var path = ""
            var pen = false
            for i in 0..<dd.count {
                let v = vv[i]
                guard v.isFinite, !logScale || v > 0 else {
                    pen = false
                    continue
                }
                path += "\(pen ? "L" : "M")\(SVG.f(px(dd[i]))) \(SVG.f(y.map(v)))"
                pen = true
            }
            s += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"\(line.width)\"\(line.dashed ? " stroke-dasharray=\"5 3\"" : "") stroke-linejoin=\"round\"><title>\(SVG.escape(line.label))</title></path>"
        }
        // Legend.
        var lx = left + 4
        for (label, color) in (hidesLineLegend ? [] : lines.map({ ($0.label, $0.color) })) + legendExtra {
            s += "<rect x=\"\(SVG.f(lx))\" y=\"10\" width=\"12\" height=\"4\" fill=\"\(color)\"/>"
            s += "<text x=\"\(SVG.f(lx + 16))\" y=\"16\" class=\"legend\">\(SVG.escape(label))</text>"
            lx += 24 + Double(label.count) * 6.4
        }
        if logScale { s += "<text x=\"\(SVG.f(w - right))\" y=\"16\" class=\"note\">log scale</text>" }
        s += "</svg>"
        return s
    }
}

/// A bar chart of values at integer positions (cross-correlation by lag).
public struct SVGBarChart: Sendable {
    public var title: String
    public var labels: [Int]
    public var values: [Double?]
    public var highlight: Int?
    /// ± this value drawn as dashed guides (e.g. 1.96/√n).
    public var guide: Double?
    public var width = 960
    public var height = 260

    public init(title: String, labels: [Int], values: [Double?], highlight: Int?, guide: Double?) {
        self.title = title
        self.labels = labels
        self.values = values
        self.highlight = highlight
        self.guide = guide
    }

    public func svg() -> String {
        let left = 60.0, right = 20.0, top = 20.0, bottom = 34.0
        let w = Double(width), h = Double(height)
        let m = max(values.compactMap { $0.map(abs) }.max() ?? 0.1, guide ?? 0) * 1.15
        let y = LinearScale(domain: -m...m, range: (h - bottom, top))
        let n = labels.count
        let bw = (w - left - right) / Double(max(n, 1))
        var s = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(SVG.escape(title))\" class=\"chart\"><title>\(SVG.escape(title))</title>"
        for t in y.ticks() {
            let yy = y.map(t)
            s += "<line x1=\"\(SVG.f(left))\" x2=\"\(SVG.f(w - right))\" y1=\"\(SVG.f(yy))\" y2=\"\(SVG.f(yy))\" class=\"grid\"/>"
            s += "<text x=\"\(SVG.f(left - 6))\" y=\"\(SVG.f(yy + 4))\" class=\"ytick\">\(NumberText.grouped(t, decimals: 2))</text>"
        }
        if let g = guide {
            for v in [g, -g] {
                s += "<line x1=\"\(SVG.f(left))\" x2=\"\(SVG.f(w - right))\" y1=\"\(SVG.f(y.map(v)))\" y2=\"\(SVG.f(y.map(v)))\" stroke=\"#b45309\" stroke-dasharray=\"4 3\"/>"
            }
        }
        let zero = y.map(0)
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            let x0 = left + Double(i) * bw + bw * 0.15
            let y0 = min(zero, y.map(v)), hh = abs(y.map(v) - zero)
            let color = labels[i] == highlight ? "#1d4ed8" : (v >= 0 ? "#60a5fa" : "#f87171")
            s += "<rect x=\"\(SVG.f(x0))\" y=\"\(SVG.f(y0))\" width=\"\(SVG.f(bw * 0.7))\" height=\"\(SVG.f(max(hh, 0.5)))\" fill=\"\(color)\"><title>lag \(labels[i]): r = \(NumberText.grouped(v, decimals: 3))</title></rect>"
            if labels[i] % 5 == 0 {
                s += "<text x=\"\(SVG.f(x0 + bw * 0.35))\" y=\"\(SVG.f(h - bottom + 16))\" class=\"xtick\">\(labels[i])</text>"
            }
        }
        s += "<line x1=\"\(SVG.f(left))\" x2=\"\(SVG.f(w - right))\" y1=\"\(SVG.f(zero))\" y2=\"\(SVG.f(zero))\" stroke=\"#334155\"/>"
        s += "</svg>"
        return s
    }
}

/// SVG text helpers.
enum SVG {
    static func f(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
