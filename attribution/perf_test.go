package attribution

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/isnad/isnad/quotes"
)

// TestInQuoteSpans holds inQuote, which searches the union of the quote
// ranges, to a scan of the ranges themselves, overlapping, touching,
// empty and unsorted ones among them.
func TestInQuoteSpans(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var rs [][2]int
		for range rng.IntN(8) {
			a := rng.IntN(60)
			rs = append(rs, [2]int{a, a + rng.IntN(12) - 1})
		}
		at := &attributor{quoted: rs, spans: unite(rs)}
		for off := -1; off < 80; off++ {
			want := false
			for _, r := range rs {
				if off >= r[0] && off < r[1] {
					want = true
				}
			}
			if got := at.inQuote(off); got != want {
				t.Fatalf("inQuote(%d) with %v (spans %v) = %v, want %v", off, rs, at.spans, got, want)
			}
		}
	}
}

// TestBareUnprefixed holds bare and unprefixed, which test their prefixes
// one letter at a time, to the loops over the prefixes they replaced, on
// the lexicons' words with every prefix and cut to every length.
func TestBareUnprefixed(t *testing.T) {
	oldBare := func(w string) string {
		for _, p := range []string{"وال", "فال", "بال", "كال", "لل", "ال"} {
			if strings.HasPrefix(w, p) && len([]rune(w)) > len([]rune(p))+1 {
				return w[len(p):]
			}
		}
		return w
	}
	oldUnprefixed := func(w string) string {
		for _, p := range []string{"و", "ف", "ل"} {
			if strings.HasPrefix(w, p) && len([]rune(w)) > 3 {
				rest := w[len(p):]
				if quotes.ReportingWord(rest) || halSet[rest] || nounSet[rest] || continuationSet[rest] {
					return rest
				}
			}
		}
		return w
	}
	var words []string
	for _, list := range [][]string{halForms, verbalNouns, attributors, continuationVerbs, titleWords, roleNouns, institutionHeads, stopWords, {"", "ا", "ال", "لل", "والد", "قال", "ل\xd9"}} {
		for _, w := range list {
			w = quotes.Fold(w)
			for _, p := range []string{"", "و", "ف", "ب", "ك", "ل", "ال", "وال", "فال", "بال", "كال", "لل"} {
				pw := []rune(p + w)
				for n := 0; n <= len(pw); n++ {
					words = append(words, string(pw[:n]))
				}
			}
		}
	}
	for _, w := range words {
		if got, want := bare(w), oldBare(w); got != want {
			t.Errorf("bare(%q) = %q, want %q", w, got, want)
		}
		if got, want := unprefixed(w), oldUnprefixed(w); got != want {
			t.Errorf("unprefixed(%q) = %q, want %q", w, got, want)
		}
	}
}
