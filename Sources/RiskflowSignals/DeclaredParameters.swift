import RiskflowCore

extension SignalConfig.AltSeasonConfig {
    /// `riskflow altseason`'s flags and `/api/v1/altseason`'s parameters (``JobParameter``);
    /// a flag not given keeps the config file's value, whose default is this.
    public enum Declared {
        public static let top = JobParameter("top", default: 50, range: 1...10_000, help: "Top N altcoins by market cap.")
        public static let window = JobParameter("window", default: 90, range: 1...100_000, help: "Return window in calendar days.")
    }
}
