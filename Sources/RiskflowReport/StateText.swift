import RiskflowSignals

/// How a state reads: good, bad, a warning, or neutral. Every output colours a state by
/// its tone (the terminal with ANSI colours, the HTML with a class and a chart colour),
/// so a breakout's status or a stage condition's state is worded and coloured in one place.
public enum Tone: Sendable {
    case good, bad, warning, neutral

    /// The CSS class of the HTML report ("" for neutral).
    var cssClass: String {
        switch self {
        case .good: "ok"
        case .bad: "bad"
        case .warning: "warn"
        case .neutral: ""
        }
    }

    /// The chart colour (markers).
    var color: String {
        switch self {
        case .good: "#059669"
        case .bad: "#dc2626"
        case .warning: "#d97706"
        case .neutral: "#64748b"
        }
    }
}

extension TerminalStyle {
    /// `text` coloured by its tone.
    public func tone(_ text: String, _ tone: Tone) -> String {
        switch tone {
        case .good: green(text)
        case .bad: red(text)
        case .warning: yellow(text)
        case .neutral: text
        }
    }
}

extension Breakout.Status {
    /// Qualified is good, failed bad, unconfirmed a warning, pending neutral.
    public var tone: Tone {
        switch self {
        case .qualified: .good
        case .unconfirmed: .warning
        case .failed: .bad
        case .pending: .neutral
        }
    }
}

extension StageCondition.State {
    /// "met", "not met", "unknown".
    public var words: String {
        switch self {
        case .met: "met"
        case .notMet: "not met"
        case .unknown: "unknown"
        }
    }

    public var tone: Tone {
        switch self {
        case .met: .good
        case .notMet: .bad
        case .unknown: .warning
        }
    }
}

extension StageCondition {
    /// The state in words, with the missing inputs when unknown ("unknown (missing ETH/BTC)").
    public var stateText: String {
        state == .unknown ? "unknown (\(missingText))" : state.words
    }

    /// "missing DGS10, BAMLH0A0HYM2", then the inputs left out as stale ("DGS10 excluded: last
    /// value 2026-08-20"), separated by "; ".
    public var missingText: String {
        let bare = missing.filter { !$0.contains(" excluded: ") }
        let stale = missing.filter { $0.contains(" excluded: ") }
        return ((bare.isEmpty ? [] : ["missing " + bare.joined(separator: ", ")]) + stale).joined(separator: "; ")
    }
}
