import ArgumentParser
import RiskflowCore

/// A declared job parameter as an ArgumentParser option: its long name, its help and its
/// range check, so a command writes
/// `@Option(name: P.maxLag.long, help: P.maxLag.argumentHelp) var maxLag = P.maxLag.defaultValue`
/// and `try P.maxLag.check(maxLag)` in `validate()`.
extension JobParameter {
    /// `--max-lag` for `max_lag`.
    var long: NameSpecification { .customLong(flagName) }

    /// The declared help.
    var argumentHelp: ArgumentHelp { ArgumentHelp(help) }

    /// The help of a flag whose default is the config file's value: "… (default: the
    /// config's, 50)."
    var configDefaultHelp: ArgumentHelp { ArgumentHelp(help(adding: "default: the config's, " + (defaultText ?? "none"))) }

    /// Refuses a value outside the declared range with the flag's name in the message.
    /// - Throws: `ValidationError` ("--max-lag must be between 1 and 1,000").
    func check(_ value: Value) throws {
        if let problem = problem(with: value, label: "--\(flagName)") { throw ValidationError(problem) }
    }
}
