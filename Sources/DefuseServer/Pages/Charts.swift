// Small SVG charts drawn on the server, readable without JavaScript: every label we write is escaped, and each chart
// has a title for screen readers.
import Foundation

enum Charts {
    static let palette = ["rgb(15 118 110)", "rgb(180 83 9)", "rgb(37 99 235)", "rgb(190 24 93)", "rgb(101 163 13)",
                          "rgb(107 114 128)"]

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// Stacked columns: one per x label, one colour per series (with a legend).
    static func stackedColumns(title: String, labels: [String], series: [(name: String, values: [Int])]) -> String {
        let width = 640.0, height = 240.0, left = 36.0, bottom = 28.0, top = 12.0
        let totals = labels.indices.map { index in series.reduce(0) { $0 + ($1.values[safe: index] ?? 0) } }
        let maximum = Double(max(totals.max() ?? 0, 1))
        let slot = (width - left) / Double(max(labels.count, 1))
        var svg = header(title, width: width, height: height + 26 * Double((series.count + 3) / 4))
        svg += axis(left: left, top: top, width: width, height: height, bottom: bottom, maximum: maximum)
        for (index, label) in labels.enumerated() {
            var y = height - bottom
            for (number, one) in series.enumerated() {
                let value = Double(one.values[safe: index] ?? 0)
                guard value > 0 else { continue }
                let h = value / maximum * (height - bottom - top)
                y -= h
                svg += "<rect x=\"\(Self.number(left + Double(index) * slot + slot * 0.18))\" y=\"\(Self.number(y))\" "
                    + "width=\"\(Self.number(slot * 0.64))\" height=\"\(Self.number(h))\" fill=\"\(palette[number % palette.count])\">"
                    + "<title>\(escape(label)): \(escape(one.name)) \(Int(value))</title></rect>"
            }
            svg += text(label, x: left + Double(index) * slot + slot / 2, y: height - bottom + 16, anchor: "middle")
        }
        svg += legend(series.map(\.name), y: height + 8, width: width)
        return svg + "</svg>"
    }

    /// A line of shares (0...1) over x labels; gaps where there is no data.
    static func shareLine(title: String, labels: [String], values: [Double?]) -> String {
        let width = 640.0, height = 200.0, left = 36.0, bottom = 28.0, top = 12.0
        let slot = (width - left) / Double(max(labels.count, 1))
        var svg = header(title, width: width, height: height)
        svg += axis(left: left, top: top, width: width, height: height, bottom: bottom, maximum: 100, suffix: "%")
        var points: [String] = []
        for (index, label) in labels.enumerated() {
            let x = left + Double(index) * slot + slot / 2
            if let value = values[safe: index] ?? nil {
                let y = height - bottom - value * (height - bottom - top)
                points.append("\(number(x)),\(number(y))")
                svg += "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"4\" fill=\"\(palette[1])\">"
                    + "<title>\(escape(label)): \(Int((value * 100).rounded()))%</title></circle>"
            }
            svg += text(label, x: x, y: height - bottom + 16, anchor: "middle")
        }
        if points.count > 1 {
            svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"\(palette[1])\" stroke-width=\"2\"/>"
        }
        return svg + "</svg>"
    }

    /// Horizontal bars with their values, e.g. agents' open cases or shares against a target line.
    static func bars(title: String, rows: [(label: String, value: Double, text: String)], maximum: Double,
                     target: Double? = nil) -> String {
        let width = 640.0, rowHeight = 30.0, left = 170.0
        let height = Double(max(rows.count, 1)) * rowHeight + 16
        var svg = header(title, width: width, height: height)
        let span = width - left - 70
        for (index, row) in rows.enumerated() {
            let y = 8 + Double(index) * rowHeight
            let w = maximum > 0 ? max(0, min(row.value / maximum, 1)) * span : 0
            svg += text(row.label, x: left - 8, y: y + 17, anchor: "end")
            svg += "<rect x=\"\(number(left))\" y=\"\(number(y + 4))\" width=\"\(number(span))\" height=\"18\" fill=\"rgb(241 245 249)\"/>"
            svg += "<rect x=\"\(number(left))\" y=\"\(number(y + 4))\" width=\"\(number(w))\" height=\"18\" fill=\"\(palette[0])\">"
                + "<title>\(escape(row.label)): \(escape(row.text))</title></rect>"
            svg += text(row.text, x: left + span + 8, y: y + 17, anchor: "start")
        }
        if let target, maximum > 0 {
            let x = left + target / maximum * span
            svg += "<line x1=\"\(number(x))\" x2=\"\(number(x))\" y1=\"4\" y2=\"\(number(height - 8))\" "
                + "stroke=\"rgb(190 24 93)\" stroke-width=\"2\" stroke-dasharray=\"4 3\"><title>target</title></line>"
        }
        return svg + "</svg>"
    }

    static func header(_ title: String, width: Double, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" "
            + "width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" font-family=\"system-ui, sans-serif\" font-size=\"12\">"
            + "<title>\(escape(title))</title>"
    }

    static func axis(left: Double, top: Double, width: Double, height: Double, bottom: Double, maximum: Double,
                     suffix: String = "") -> String {
        var svg = ""
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let y = height - bottom - Double(step) / 4 * (height - bottom - top)
            svg += "<line x1=\"\(number(left))\" x2=\"\(number(width))\" y1=\"\(number(y))\" y2=\"\(number(y))\" stroke=\"rgb(226 232 240)\"/>"
            svg += text("\(Int(value.rounded()))\(suffix)", x: left - 6, y: y + 4, anchor: "end")
        }
        return svg
    }

    static func legend(_ names: [String], y: Double, width: Double) -> String {
        var svg = ""
        for (index, name) in names.enumerated() {
            let x = 40 + Double(index % 4) * 150, row = y + Double(index / 4) * 22
            svg += "<rect x=\"\(number(x))\" y=\"\(number(row))\" width=\"12\" height=\"12\" fill=\"\(palette[index % palette.count])\"/>"
            svg += text(name, x: x + 18, y: row + 11, anchor: "start")
        }
        return svg
    }

    static func text(_ value: String, x: Double, y: Double, anchor: String) -> String {
        "<text x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" fill=\"rgb(51 65 85)\">\(escape(value))</text>"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
