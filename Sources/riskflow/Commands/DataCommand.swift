import ArgumentParser

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "List, show, check and import the stored series.",
        subcommands: [DataList.self, DataShow.self, DataCheck.self, DataImport.self]
    )
}
