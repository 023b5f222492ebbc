// Package words builds the small pieces of English that messages share: a
// count with its noun in the right number, and a noun with its article.
// Every package that writes diagnostics uses it, so no message says
// "1 nodes" or "a update order".
package words

import (
	"strconv"
	"strings"
)

// Count returns n and noun, plural unless n is 1 or -1: "1 node",
// "3 nodes", "0 replicas". A noun ending in s, x, ch or sh takes "es",
// one ending in a consonant and y takes "ies".
func Count(n int, noun string) string {
	s := strconv.Itoa(n)
	if n == 1 || n == -1 {
		return s + " " + noun
	}
	return s + " " + Plural(noun)
}

// Plural returns the regular plural of an English noun.
func Plural(noun string) string {
	switch {
	case noun == "":
		return noun
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"),
		strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "sh"):
		return noun + "es"
	case len(noun) > 1 && noun[len(noun)-1] == 'y' && !isVowel(noun[len(noun)-2]):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

// A returns phrase with its indefinite article: "an update order",
// "a load-balancing policy". The article follows the first letter's
// sound for the common cases: a vowel letter takes "an", except "uni"
// and "use" ("a unit", "a user"), which sound like "you".
func A(phrase string) string {
	p := strings.ToLower(strings.TrimSpace(phrase))
	if p == "" {
		return phrase
	}
	if isVowel(p[0]) && !strings.HasPrefix(p, "uni") && !strings.HasPrefix(p, "use") && !strings.HasPrefix(p, "one") {
		return "an " + phrase
	}
	return "a " + phrase
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
