import Foundation
import RiskflowCore

// Each job parameter the command line and the API share, declared once on the job's
// parameter type (``JobParameter``): the flags, their help and checks, the API's query
// parameters and the OpenAPI document are derived from these. The types' own defaults
// (`EventStudySettings().draws`, …) are these declarations' defaults.

extension EventStudySettings {
    /// `riskflow events` (and the scorecard's draws).
    public enum Declared {
        public static let horizons = JobParameter(
            "horizons", default: [30, 60, 90, 180], range: 1...3650, help: "Horizons in calendar days 1…3650, comma-separated.")
        public static let draws = JobParameter("draws", default: 10_000, range: 0...10_000_000, help: "Permutation and bootstrap draws.")
        public static let seed = JobParameter(
            "seed", default: UInt64(1), help: "Seed of the draws (the same seed gives the same output).")

        /// A comma-separated list of horizons, each within ``horizons``' range, as a
        /// sorted list without repeats; or why it is not one ("'x' is not a number of
        /// days between 1 and 3,650", "no horizon given").
        public static func parseHorizons(_ text: String) -> Result<[Int], HorizonListError> {
            var out = Set<Int>()
            for part in text.split(separator: ",") {
                let t = part.trimmingCharacters(in: .whitespaces)
                guard let h = Int(t), horizons.problem(with: [h], label: "") == nil else {
                    let range = horizons.range.map { JobParameter<[Int]>.describe($0, excludesLowerBound: false) } ?? ""
                    return .failure(HorizonListError(message: "'\(part)' is not a number of days \(range)"))
                }
                out.insert(h)
            }
            guard !out.isEmpty else { return .failure(HorizonListError(message: "no horizon given")) }
            return .success(out.sorted())
        }
    }

    /// Why a list of horizons is not one (the message names the bad part).
    public struct HorizonListError: Error, Sendable, Equatable {
        public var message: String
    }
}

extension LeadLagOptions {
    /// `riskflow leadlag`.
    public enum Declared {
        public static let maxLag = JobParameter("max_lag", default: 8, range: 1...1_000, help: "Granger lags 1…N and VAR orders 0…N.")
        public static let xcorrLags = JobParameter("xcorr_lags", default: 20, range: 0...10_000, help: "Cross-correlation lags −K…K.")
        public static let window = JobParameter<Int?>(
            "window", default: nil, range: 1...10_000_000,
            help: "Rolling window length in aligned rows (adds rolling Granger p-values and correlation; must exceed 3 × max-lag + 1).")
        public static let step = JobParameter("step", default: 1, range: 1...1_000_000, help: "Rows between rolling windows.")
    }
}

extension Costs {
    /// Every backtest's costs (`backtest`, `sweep`, `walkforward`).
    public enum Declared {
        public static let feesBP = JobParameter("fees_bp", default: 10.0, range: 0...9_999.999, help: "Fees per side in basis points.")
        public static let slippageBP = JobParameter(
            "slippage_bp", default: 5.0, range: 0...9_999.999, help: "Slippage per side in basis points.")
    }
}

extension BacktestStrategy {
    /// `riskflow backtest`'s strategy parameters, and the annualisation.
    public enum Declared {
        public static let hold = JobParameter<Int?>(
            "hold", default: nil, range: 1...1_000_000,
            help: "breakout-hold: calendar days held (default 90); new-high: rows held (default 20).")
        public static let minStage = JobParameter("min_stage", default: 3, range: 1...4, help: "stage: the lowest stage that is long (1–4).")
        public static let lookback = JobParameter("lookback", default: 50, range: 1...1_000_000, help: "new-high: rows of the previous high.")
        public static let periods = JobParameter<Double?>(
            "periods", default: nil, range: 0...1e9, excludesLowerBound: true,
            help: "Periods a year for annualising (default: from the instrument's calendar).")
    }
}

extension ReportParameters {
    /// `riskflow report`.
    public enum Declared {
        public static let roundNumber = JobParameter(
            "round_number", default: 2600.0, range: 0...Double.greatestFiniteMagnitude, excludesLowerBound: true,
            help: "The round-number level whose first crossing is reported.")
    }
}
