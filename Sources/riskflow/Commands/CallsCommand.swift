import ArgumentParser
import Foundation
import RiskflowCore
import RiskflowData
import RiskflowReport
import RiskflowResearch
import RiskflowRuntime

/// `riskflow calls`: the ledger of calls frozen when made and scored when their horizons
/// pass.
struct CallsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calls",
        abstract: "The calls ledger: calls frozen when made, scored when their horizons pass, and their track record.",
        discussion: """
            A call is a forecast frozen the day it was known: the followers and horizons it
            speaks about and each follower's unconditional forward-return distribution as known
            that day. Calls and scores are append-only. A score enters the day after the call
            (t + 1) and is a hit when the return has the called direction and beats the frozen
            median.

            Examples:
              riskflow calls                                   # every call, its scores, the track record
              riskflow calls record                            # riskflow's signals since the last recorded day
              riskflow calls replay --from 2020-01-01 --to 2021-12-31
              riskflow calls add --date 2026-01-08 --claim "ETH and altcoins respond within 1-3 months" --follower ETH,ALTS
            """,
        subcommands: [CallsList.self, CallsRecord.self, CallsReplay.self, CallsAdd.self],
        defaultSubcommand: CallsList.self
    )
}

extension CallsCommand {
    /// The runner on the command's store and config.
    static func runner(_ store: any RiskflowStore, _ config: ConfigOptions) throws -> CallLedgerRunner {
        CallLedgerRunner(store: store, signals: try config.load(), version: Riskflow.configuration.version)
    }

    static var stamp: String { ISO8601DateFormatter().string(from: Date()) }

    /// The ledger as of `asOf`, rendered.
    static func listing(_ store: any RiskflowStore, asOf: Day) async throws -> CallLedgerReport {
        try await CallLedgerReport.stored(in: store, asOf: asOf)
    }
}

struct CallsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every call known by the day, its latest scores, and the track record.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as-of"), help: "The ledger as known on this day: calls and scores recorded from data known by then (default: the store's latest day).")
    var asOf: Day?

    func run() async throws {
        let runner = try await JobRunner(global: global, asOf: asOf)
        emit(try await CallsCommand.listing(runner.store, asOf: runner.asOf).rendered(as: global.format, style: global.style))
    }
}

struct CallsRecord: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record the calls riskflow's signals make on each day since the last recorded one, as known that day, and score every call.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .customLong("as-of"), help: "The last day recorded (default: the store's latest day).")
    var asOf: Day?

    @Option(name: .long, help: "The first day recorded (default: the day after the last live call, at most 400 days back).")
    var from: Day?

    func run() async throws {
        let runner = try await JobRunner(global: global, asOf: asOf)
        let ledger = try CallsCommand.runner(runner.store, configOptions)
        var start = from ?? runner.asOf
        if from == nil { start = try await ledger.nextDayToRecord(asOf: runner.asOf) }
        let r = try await ledger.record(from: start, through: runner.asOf, origin: .live, stamp: CallsCommand.stamp)
        FileHandle.standardError.write(Data("calls record: \(start.iso)…\(runner.asOf.iso): \(r.added.count) new calls, \(r.scored.count) new scores\n".utf8))
        emit(try await CallsCommand.listing(runner.store, asOf: runner.asOf).rendered(as: global.format, style: global.style))
    }
}

struct CallsReplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Record, day by day and strictly as of each day, what riskflow would have called (marked replayed: a reconstruction, not a track record).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "The first day replayed (YYYY-MM-DD).")
    var from: Day

    @Option(name: .long, help: "The last day replayed (default: the store's latest day).")
    var to: Day?

    func validate() throws {
        if let to, to < from { throw ValidationError("--from \(from.iso) is after --to \(to.iso)") }
    }

    func run() async throws {
        let runner = try await JobRunner(global: global, asOf: to)
        let ledger = try CallsCommand.runner(runner.store, configOptions)
        let r = try await ledger.record(from: from, through: runner.asOf, origin: .replayed, stamp: CallsCommand.stamp)
        FileHandle.standardError.write(Data("calls replay: \(from.iso)…\(runner.asOf.iso): \(r.added.count) new calls, \(r.scored.count) new scores\n".utf8))
        emit(try await CallsCommand.listing(runner.store, asOf: runner.asOf).rendered(as: global.format, style: global.style))
    }
}

struct CallsAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register an external call (a commentary, a newsletter, your own), frozen as known on its day.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: "The day the call was made (YYYY-MM-DD).")
    var date: Day

    @Option(name: .long, help: "The claim in words.")
    var claim: String

    @Option(name: .long, help: "Followers, comma-separated; ALTS is the alt basket.")
    var follower = "ETH,ALTS,BTC"

    @Option(name: .long, help: "Horizons in calendar days 1…3650, comma-separated.")
    var horizons = "30,60,90"

    @Option(name: .long, help: "up or down.")
    var direction: Call.Direction = .up

    @Option(name: .long, help: "Who made it (a URL or a name).")
    var source = "external"

    @Option(name: .long, help: "The id of a call this one corrects.")
    var supersedes: String?

    var followers: [String] {
        follower.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }

    func validate() throws {
        guard !claim.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--claim: no claim given") }
        guard !followers.isEmpty else { throw ValidationError("--follower: no follower given") }
        if case .failure(let e) = EventStudySettings.Declared.parseHorizons(horizons) { throw ValidationError("--horizons: \(e.message)") }
    }

    func run() async throws {
        let runner = try await JobRunner(global: global, asOf: nil)
        for f in followers where f != "ALTS" { _ = try await runner.store.metadata(f) }
        guard case .success(let hs) = EventStudySettings.Declared.parseHorizons(horizons) else { return }
        let call = Call(
            kind: .external, knownAt: date, claim: claim, subject: source, followers: followers, horizons: hs, direction: direction,
            source: source, version: Riskflow.configuration.version, origin: .live, supersedes: supersedes)
        let ledger = try CallsCommand.runner(runner.store, configOptions)
        let r = try await ledger.add(call, asOf: runner.asOf, stamp: CallsCommand.stamp)
        FileHandle.standardError.write(Data("calls add: \(r.id) \(r.added ? "added" : "already in the ledger"), \(r.scored.count) new scores\n".utf8))
        emit(try await CallsCommand.listing(runner.store, asOf: runner.asOf).rendered(as: global.format, style: global.style))
    }
}

extension Call.Direction: ExpressibleByArgument {}
