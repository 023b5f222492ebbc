package review

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/berth-dev/berth/internal/words"
)

// MaxCommentChars is the longest body GitHub accepts for a pull-request
// comment ("Body is too long (maximum is 65536 characters)"): a longer
// one makes `gh pr comment --body-file` fail, and the review is lost.
const MaxCommentChars = 65536

// MaxMermaidChars is the longest Mermaid text GitHub renders (Mermaid's
// maxTextSize); a longer graph shows "Maximum text size in diagram
// exceeded" instead of the diagram.
const MaxMermaidChars = 50000

// The ranks of the lists of a comment that is too long: the first three
// share it (shareOut), the findings OLD had or that the change resolves
// get what they leave.
const (
	rankNewFindings = iota
	rankDeltas
	rankChanges
	rankOldFindings
	rankResolved
)

// segment is a part of the comment: a text, or a list whose tail may be
// left out to fit the comment.
type segment struct {
	text string
	// items are the entries of a list; more is the line that stands for
	// the n left out; lists get their share of the comment by rank.
	items []string
	more  func(n int) string
	rank  int
	// graph: the text is the graph, replaced by instead when the comment
	// is too long with it.
	graph   bool
	instead string
	// shortened marks where the line saying the comment was shortened
	// goes, when it is.
	shortened bool
}

// shortenedNote is the line at the top of a comment shortened to fit.
func shortenedNote(limit int) string {
	return fmt.Sprintf("> ⚠️ Shortened to fit a GitHub comment (at most %d characters): `berth diff --format json` prints the whole review.\n\n", limit)
}

// fitComment joins the segments into a comment of at most limit
// characters (UTF-16 code units, the most any counter counts). When
// everything does not fit, the graph goes first, then the lists share
// what is left (shareOut), each keeping whole entries and ending in a
// line that says how many were left out; a note at the top says the
// comment is shortened.
func fitComment(segs []segment, limit int) string {
	keep := make([]int, len(segs))
	for i, s := range segs {
		keep[i] = len(s.items)
	}
	if full := joinSegments(segs, keep, true, ""); chars(full) <= limit {
		return full
	}
	note := shortenedNote(limit)
	if withoutGraph := joinSegments(segs, keep, false, note); chars(withoutGraph) <= limit {
		return withoutGraph
	}
	budget := limit - chars(note)
	var lists []int
	for i, s := range segs {
		if s.more == nil {
			budget -= chars(segmentText(s, false))
			continue
		}
		budget -= chars(s.more(len(s.items))) // the longest its line can be
		lists = append(lists, i)
	}
	slices.SortStableFunc(lists, func(a, b int) int { return segs[a].rank - segs[b].rank })
	// What the pull request does first; what OLD already had, or no
	// longer has, with what is left.
	split := len(lists)
	for k, i := range lists {
		if segs[i].rank >= rankOldFindings {
			split = min(split, k)
		}
	}
	budget = shareOut(segs, lists[:split], keep, budget)
	shareOut(segs, lists[split:], keep, budget)
	return joinSegments(segs, keep, false, note)
}

// shareOut gives the lists (indexes of segs, by rank) equal shares of the
// budget: a list that needs less than its share is kept whole and leaves
// the rest to the others; the others keep the whole entries that fit
// their share, in rank order, each passing what it does not use on to
// the next. So a few deltas are never crowded out by hundreds of
// findings. It returns the budget left.
func shareOut(segs []segment, lists, keep []int, budget int) int {
	size := func(i int) int {
		n := 0
		for _, item := range segs[i].items {
			n += chars(item)
		}
		return n
	}
	left := slices.Clone(lists)
	for len(left) > 0 {
		share := max(budget, 0) / len(left)
		var rest []int
		for _, i := range left {
			if n := size(i); n <= share {
				budget -= n
			} else {
				rest = append(rest, i)
			}
		}
		if len(rest) == len(left) {
			break
		}
		left = rest
	}
	for k, i := range left {
		share := max(budget, 0) / (len(left) - k)
		keep[i] = 0
		for _, item := range segs[i].items {
			n := chars(item)
			if n > share {
				break
			}
			share -= n
			budget -= n
			keep[i]++
		}
	}
	return budget
}

// leftOut is the line of a list that stands for the n entries left out:
// format takes n and the noun, plural when n is not 1.
func leftOut(format string, n int, noun string) string {
	if n != 1 {
		noun = words.Plural(noun)
	}
	return fmt.Sprintf(format, n, noun)
}

// joinSegments writes the segments, keep[i] entries of each list, the
// graph or what stands for it, and note where a shortened comment says so.
func joinSegments(segs []segment, keep []int, graph bool, note string) string {
	var b strings.Builder
	for i, s := range segs {
		switch {
		case s.shortened:
			b.WriteString(note)
		case s.more != nil:
			for _, item := range s.items[:keep[i]] {
				b.WriteString(item)
			}
			if left := len(s.items) - keep[i]; left > 0 {
				b.WriteString(s.more(left))
			}
		default:
			b.WriteString(segmentText(s, graph))
		}
	}
	return b.String()
}

func segmentText(s segment, graph bool) string {
	if s.graph && !graph {
		return s.instead
	}
	return s.text
}

// chars counts s in UTF-16 code units: what GitHub's limits count at
// most (an emoji outside the basic plane is two).
func chars(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}
