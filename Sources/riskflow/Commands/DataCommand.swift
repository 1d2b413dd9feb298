import ArgumentParser

struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "List, show, check, import and sync the stored series.",
        subcommands: [DataList.self, DataShow.self, DataCheck.self, DataImport.self, DataSync.self, DataMigrate.self]
    )
}
