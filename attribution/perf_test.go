package attribution

import (
	"math/rand/v2"
	"testing"
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
