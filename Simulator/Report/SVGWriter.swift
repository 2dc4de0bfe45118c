import HearthCore

/// Minimal SVG element writer: numbers with one decimal, all text escaped.
struct SVGWriter {
    private(set) var output = ""

    private func n(_ v: Double) -> String { formatted(v, decimals: 1) }

    mutating func open(width: Double, height: Double) {
        output += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
        output += "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        output += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
    }

    mutating func close() { output += "</svg>\n" }

    mutating func text(x: Double, y: Double, _ s: String, size: Double, color: String = "#222",
                       anchor: String = "start", weight: String = "normal", halo: Bool = false) {
        output += "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" fill=\"\(color)\" "
        // A white outline keeps labels readable where they cross lines.
        if halo { output += "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" " }
        output += "text-anchor=\"\(anchor)\" font-weight=\"\(weight)\">\(xmlEscaped(s))</text>\n"
    }

    mutating func verticalLabel(x: Double, y: Double, _ s: String, color: String = "#222") {
        output += "<text transform=\"translate(\(n(x)),\(n(y))) rotate(-90)\" font-size=\"13\" fill=\"\(color)\" "
        output += "text-anchor=\"middle\">\(xmlEscaped(s))</text>\n"
    }

    mutating func rect(x: Double, y: Double, w: Double, h: Double, fill: String, stroke: String? = nil,
                       opacity: Double = 1, cls: String? = nil) {
        output += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"\(fill)\""
        if let stroke { output += " stroke=\"\(stroke)\"" }
        if opacity < 1 { output += " fill-opacity=\"\(formatted(opacity, decimals: 2))\"" }
        if let cls { output += " class=\"\(cls)\"" }
        output += "/>\n"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, dash: String? = nil,
                       width: Double = 1, cls: String? = nil) {
        output += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" "
        output += "stroke-width=\"\(n(width))\""
        if let dash { output += " stroke-dasharray=\"\(dash)\"" }
        if let cls { output += " class=\"\(cls)\"" }
        output += "/>\n"
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double, cls: String) {
        guard points.count > 2 else { return }
        output += "<polygon class=\"\(cls)\" fill=\"\(fill)\" fill-opacity=\"\(formatted(opacity, decimals: 2))\" points=\""
        output += points.map { n($0.0) + "," + n($0.1) }.joined(separator: " ")
        output += "\"/>\n"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, dash: String?, cls: String) {
        guard !points.isEmpty else { return }
        output += "<polyline class=\"\(cls)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"1.6\" "
        output += "stroke-linejoin=\"round\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + " points=\""
        for (i, p) in points.enumerated() {
            if i > 0 { output += " " }
            output += n(p.0) + "," + n(p.1)
        }
        output += "\"/>\n"
    }

    /// Right-aligned legend row ending at `x`: a short line swatch per entry, then its label.
    mutating func legend(x: Double, y: Double, _ items: [(label: String, color: String, dash: String?)]) {
        // Rough text width (12 px font ≈ 7 px per character) is enough to lay out a row.
        let widths = items.map { 30 + Double($0.label.count) * 7 + 14 }
        var cx = x - widths.reduce(0, +)
        for (item, w) in zip(items, widths) {
            line(x1: cx, y1: y - 4, x2: cx + 24, y2: y - 4, stroke: item.color, dash: item.dash, width: 2.2)
            text(x: cx + 30, y: y, item.label, size: 12)
            cx += w
        }
    }
}
