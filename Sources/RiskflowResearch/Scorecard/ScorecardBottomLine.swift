import RiskflowCore

/// The scorecard's bottom line: two to four plain sentences generated from the rows and
/// the call (never hand-written text with numbers in it), shown first everywhere.
enum ScorecardBottomLine {
    static func sentences(rows: [ScorecardRow], call: CallOutcome?) -> [String] {
        func ids(_ v: Verdict) -> [String] { rows.filter { $0.verdict == v }.map(\.id) }
        func list(_ xs: [String]) -> String {
            xs.count <= 1 ? xs.joined() : xs.dropLast().joined(separator: ", ") + " and " + (xs.last ?? "")
        }
        var out: [String] = []
        let insufficient = ids(.insufficient)
        if !insufficient.isEmpty {
            let mdes = rows.filter { $0.verdict == .insufficient }.compactMap { r in
                r.power?.mde.map { "\(r.id) ≥ \(NumberText.grouped($0, decimals: 2))" }
            }
            out.append(
                "\(list(insufficient)) \(insufficient.count == 1 ? "has" : "have") too little data to judge"
                    + (mdes.isEmpty ? "." : " (the tests could only detect effects of \(mdes.joined(separator: ", "))).")
            )
        }
        let unsupported = ids(.unsupported)
        if !unsupported.isEmpty {
            out.append("Well-powered tests found no effect for \(list(unsupported)).")
        }
        var decided: [String] = []
        for v in [Verdict.supported, .contradicted, .mixed] {
            let xs = ids(v)
            if !xs.isEmpty { decided.append("\(list(xs)) \(v.rawValue)") }
        }
        if !decided.isEmpty { out.append("Verdicts: " + decided.joined(separator: "; ") + ".") }
        var today: [String] = []
        if let c8 = rows.first(where: { $0.id == "C8" }) {
            let failed = (c8.subClaims ?? []).filter { $0.verdict == .isFalse }.count
            let total = c8.subClaims?.count ?? 0
            if c8.verdict == .isTrue {
                today.append("the January 2026 breakout holds by the historical rules")
            } else if total <= 1 {
                today.append("the January 2026 breakout is not in the data (\(c8.reason))")
            } else {
                today.append("the January 2026 breakout fails \(failed) of \(total) parts of the claim by the historical rules")
            }
        }
        if let call {
            let eth = call.returns.last { $0.follower == "ETH" && $0.return != nil }
            let move = eth.flatMap { r in r.return.map { "ETH \(NumberText.grouped(100 * $0, decimals: 1)) % after \(r.h) days" } }
            today.append("the call itself is \(call.verdict.rawValue)" + (move.map { " (\($0))" } ?? ""))
        }
        if !today.isEmpty {
            let s = today.joined(separator: ", and ")
            out.append(s.prefix(1).uppercased() + s.dropFirst() + ".")
        }
        return Array(out.prefix(4))
    }
}
