import Foundation
import FrontlineCore
import Render
import Timeline

/// The area chart laid out once in its own units (points = px), drawn by the
/// HTML layout as SVG and by the PDF layout with Cairo: the same lines, ticks
/// and marks in both.
struct ChartLayout {
    struct Line {
        var id: String
        var color: RGBA
        var points: [ScenePoint]
    }
    struct Tick {
        var position: Double
        var label: String
    }

    let width: Double
    let height: Double
    /// The plotting area.
    let plot: SceneRect
    var lines: [Line] = []
    /// x of each change day.
    var changeMarks: [Double] = []
    var xTicks: [Tick] = []
    var yTicks: [Tick] = []
    /// Legend entries in series order: colour and name.
    var legend: [(color: RGBA, name: String)] = []

    static let contestedColor = RGBA(0.55, 0.27, 0.55)

    init(chart: AreaChart, factions: [Faction], text: ReportText, width: Double = 720, height: Double = 300) {
        self.width = width
        self.height = height
        plot = SceneRect(x: 72, y: 16, width: width - 72 - 16, height: height - 16 - 70)
        guard let first = chart.samples.first?.day, let last = chart.samples.last?.day else { return }
        let span = Double(max(1, first.days(to: last)))
        let top = Self.niceCeiling(chart.samples.flatMap { $0.areas.values }.max() ?? 1)
        let plot = self.plot
        func x(_ d: Day) -> Double { plot.x + plot.width * Double(first.days(to: d)) / span }
        func y(_ v: Double) -> Double { plot.y + plot.height * (1 - v / top) }

        for id in chart.series {
            let color = id == AreaChart.contested ? Self.contestedColor
                : factions.first { $0.id == id }.map { RGBA(Double($0.color.red) / 255, Double($0.color.green) / 255, Double($0.color.blue) / 255) } ?? RGBA(0, 0, 0)
            // A step line: the area holds from one sample day until the next.
            var points: [ScenePoint] = []
            for (i, s) in chart.samples.enumerated() {
                let v = y(s.areas[id] ?? 0)
                if i > 0 { points.append(ScenePoint(x: x(s.day), y: points.last!.y)) }
                points.append(ScenePoint(x: x(s.day), y: v))
            }
            if chart.samples.count == 1 { points.append(ScenePoint(x: plot.x + plot.width, y: points[0].y)) }
            lines.append(Line(id: id, color: color, points: points))
            legend.append((color, text.sideName(id, factions: factions)))
        }
        changeMarks = chart.changeDays.map(x)
        for i in 0...4 {
            let v = top * Double(i) / 4
            yTicks.append(Tick(position: y(v), label: formatKm2(v)))
        }
        // Month starts as ticks when the range spans months, else about six days.
        var d = first
        var ticks: [Day] = []
        if first.days(to: last) > 60 {
            d = Day(year: first.year, month: first.month, day: 1)!
            while d <= last {
                if d >= first { ticks.append(d) }
                d = d.month == 12 ? Day(year: d.year + 1, month: 1, day: 1)! : Day(year: d.year, month: d.month + 1, day: 1)!
            }
            // Every other month when they would crowd.
            let stride = max(1, Int((Double(ticks.count) / 8).rounded(.up)))
            ticks = ticks.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
        } else {
            let step = max(1, first.days(to: last) / 6)
            while d <= last { ticks.append(d); d = d.adding(days: step) }
        }
        xTicks = ticks.map { Tick(position: x($0), label: first.days(to: last) > 60 ? String($0.description.prefix(7)) : String($0.description.dropFirst(5))) }
    }

    /// The smallest 1, 2 or 5 times a power of ten at or above `value`.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for m in [1.0, 2, 2.5, 5, 10] where m * magnitude >= value { return m * magnitude }
        return 10 * magnitude
    }
}

extension RGBA {
    /// `#rrggbb` for CSS and SVG.
    var hex: String {
        func c(_ v: Double) -> String {
            let n = Int((max(0, min(1, v)) * 255).rounded())
            return (n < 16 ? "0" : "") + String(n, radix: 16)
        }
        return "#" + c(red) + c(green) + c(blue)
    }
}
