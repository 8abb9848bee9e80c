import ArgumentParser

@main
struct Frontline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontline",
        abstract: "Track the front lines of a war from dated, sourced events, and draw them.",
        discussion: """
        With no --theatre, every command uses the embedded theatre: the 2019-2020 war \
        in western Libya (GNA and LNA).

        Examples:
          frontline render --date 2020-06-05            draw the map of that day to frontline-2020-06-05.png
          frontline state --date 2020-06-05 --format json
          frontline diff 2020-05-01 2020-06-10          what changed between two days
          frontline resolve ترهونة Tarhouna Sirt         any spelling to a place
          frontline check                               validate the theatre's data
        """,
        subcommands: [
            Resolve.self, State.self, Diff.self, History.self, Why.self, Check.self, Import.self,
            Render.self, Frames.self, Animate.self,
        ]
    )
}
