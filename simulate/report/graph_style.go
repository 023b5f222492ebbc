package report

// arrowColors are the arrowheads of the graph's edges, by marker name.
var arrowColors = []struct{ name, fill string }{
	{"arrow", "#6e7781"},
	{"arrow-failed", "#d93025"},
	{"arrow-async", "#5b6ee1"},
}

// graphCSS styles the service graph. It travels inside the <svg>, so the
// drawing is complete on its own when copied out of the page.
const graphCSS = `
.graph text{font-family:"Liberation Sans",Arial,Helvetica,sans-serif;font-size:12px;fill:#1f2328}
.graph .title{font-size:14px;font-weight:bold}
.graph .box{fill:#fff;stroke:#8c959f;stroke-width:1.2}
.graph .low .box{fill:#e8f5ec;stroke:#2da44e}
.graph .mid .box{fill:#fff5d6;stroke:#d4a72c;stroke-width:1.6}
.graph .high .box{fill:#fde7e6;stroke:#d93025;stroke-width:2.2}
.graph .queue .box{fill:#eef1fb;stroke:#5b6ee1}
.graph .clients .box{fill:#f6f8fa;stroke:#8c959f;stroke-dasharray:4 3}
.graph .track{fill:#1f2328;fill-opacity:.08}
.graph .low .bar{fill:#2da44e}
.graph .mid .bar{fill:#d4a72c}
.graph .high .bar{fill:#d93025}
.graph .edge path{fill:none;stroke:#6e7781;stroke-width:1.3}
.graph .edge.optional path{stroke-dasharray:6 4}
.graph .edge.publish path,.graph .edge.consume path{stroke:#5b6ee1;stroke-dasharray:2 3}
.graph .edge.failed path{stroke:#d93025;stroke-width:2}
.graph .edge text{font-size:11px;fill:#59636e;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.graph .edge.failed text{fill:#d93025}
`
