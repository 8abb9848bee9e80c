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
          frontline render --date 2020-06-05
              draw that day's map to frontline-2020-06-05.png
          frontline state --date 2020-06-05 --format json
              who held what, with the source of each place's state
          frontline diff 2020-05-01 2020-06-10
              what changed between two days
          frontline resolve ترهونة Tarhouna Sirt
              any spelling, Arabic or Latin, to a place
          frontline frames --from 2020-05-15 --to 2020-06-15 --out frames/
              one map a day, for an animation
          frontline report --from 2020-05-15 --to 2020-06-15 --out june.html
              a sourced report: summary, chart, a map per change, the event table
          frontline check
              validate the theatre's data
          frontline extract article.txt --date 2020-06-04 --tsv
              candidate events from a news article, with the quote
        """,
        subcommands: [
            Resolve.self, State.self, Diff.self, History.self, Why.self, Check.self, Import.self,
            Render.self, Frames.self, Animate.self, ReportCommand.self, ExtractCommand.self,
        ]
    )
}
