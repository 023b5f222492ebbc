package report

import (
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// parsePage parses a page and fails the test when it does not parse.
func parsePage(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatalf("the page does not parse: %v", err)
	}
	return doc
}

// find returns the elements under n for which match holds, in document
// order.
func find(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func tagClass(tag, class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == tag && (class == "" || hasClass(n, class)) }
}

// textOf is the whitespace-collapsed text under n, leaving out SVG and CSS.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "svg" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// outlineTags are the elements whose text makes up the outline.
var outlineTags = map[string]bool{"h1": true, "h2": true, "h3": true, "p": true, "tr": true, "li": true, "summary": true, "a": true, "footer": true}

// outline is the page as the golden file keeps it: one line per heading,
// paragraph, table row, list item and link, and one per drawing (its
// kind and accessible name), so a change of content shows as a diff while
// the SVG internals, which belong to the plotting library, do not.
func outline(doc *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "svg":
				b.WriteString("[svg " + attr(n, "class") + ": " + attr(n, "aria-label") + "]\n")
				return
			case n.Data == "div" && (hasClass(n, "banner") || hasClass(n, "kpi")):
				b.WriteString(attr(n, "class") + ": " + textOf(n) + "\n")
				return
			case outlineTags[n.Data]:
				b.WriteString(n.Data + ": " + textOf(n) + "\n")
				if n.Data != "a" {
					for c := n.FirstChild; c != nil; c = c.NextSibling {
						if c.Type == html.ElementNode && c.Data == "svg" {
							walk(c)
						}
					}
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

var svgElem = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)

// checkSVGsAreXML fails the test when an <svg> of the page is not well
// formed XML (a browser would draw it, but it could not be saved as an
// .svg file).
func checkSVGsAreXML(t *testing.T, page string) int {
	t.Helper()
	all := svgElem.FindAllString(page, -1)
	for i, s := range all {
		d := xml.NewDecoder(strings.NewReader(s))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("svg %d is not well-formed XML: %v\n%.300s", i, err, s)
				break
			}
		}
	}
	return len(all)
}

// checkSelfContained fails the test when the page loads anything: no
// script, no stylesheet link, no src, no link that leaves the page.
func checkSelfContained(t *testing.T, doc *html.Node) {
	t.Helper()
	for _, n := range find(doc, func(*html.Node) bool { return true }) {
		switch n.Data {
		case "script", "link", "iframe", "img", "object", "embed":
			t.Errorf("the page has a <%s> element", n.Data)
		}
		if attr(n, "src") != "" {
			t.Errorf("<%s src=%q> loads an external asset", n.Data, attr(n, "src"))
		}
		if h := attr(n, "href"); h != "" && !strings.HasPrefix(h, "#") {
			t.Errorf("<%s href=%q> leaves the page", n.Data, h)
		}
	}
}

// checkNoNaN fails the test when a number went wrong somewhere.
func checkNoNaN(t *testing.T, page string) {
	t.Helper()
	for _, bad := range []string{"NaN", "+Inf", "-Inf", "Inf%", "%!"} {
		if i := strings.Index(page, bad); i >= 0 {
			t.Errorf("the page contains %q: …%s…", bad, page[max(0, i-80):min(len(page), i+40)])
		}
	}
}
