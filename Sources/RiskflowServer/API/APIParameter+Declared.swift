import RiskflowCore

extension APIParameter {
    /// A declared job parameter (``JobParameter``) as a query parameter: its name, kind,
    /// help, default and range, so the API and the command line cannot disagree.
    /// - Parameters:
    ///   - cap: a lower upper bound for one request (the server's `draws`), stated in the summary.
    ///   - pattern, meaning: the whole value's regular expression and what it means (lists).
    init<Value>(_ p: JobParameter<Value>, cap: Double? = nil, capNote: String? = nil, pattern: String? = nil, meaning: String? = nil) {
        let kind: Kind
        switch Value.parameterKind {
        case .integer: kind = .integer
        case .unsigned: kind = .unsigned
        case .number: kind = .number
        case .string: kind = .string
        case .integerList: kind = .list
        }
        var range = kind == .list ? nil : p.range
        if let cap, let r = range { range = r.lowerBound...min(r.upperBound, cap) }
        self.init(
            p.name, kind, capNote.map { p.help(adding: $0) } ?? p.help, default: p.defaultText, range: range,
            excludesLowerBound: p.excludesLowerBound, pattern: pattern, meaning: meaning)
        declaredHelp = p.help
        declaredRange = p.range
    }
}
