package attribution

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

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
// one letter at a time, and cueOf, which reads its lists in one lookup,
// to the code they replaced, on the lexicons' words with every prefix and
// cut to every length.
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
	for _, list := range [][]string{halForms, verbalNouns, attributors, continuationVerbs, titleWords, roleNouns, institutionHeads, stopWords,
		{"", "ا", "ال", "لل", "والد", "قال", "ل\xd9", "تصريحات", "القول", "علقت", "يعلق", "أكد", "قالت", "يقولون", "أضافت"}} {
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
	oldCueOf := func(w, v string) (cueKind, gender, bool) {
		if notCues[v] {
			return 0, 0, false
		}
		switch {
		case nounSet[v]:
			g := masculine
			if strings.HasSuffix(v, "ها") {
				g = feminine
			} else if strings.HasSuffix(v, "هم") || strings.HasSuffix(v, "هما") {
				g = plural
			}
			return cueNoun, g, true
		case attributorSet[v]:
			return cueAttributor, genderUnknown, true
		case halSet[v]:
			g := masculine
			if strings.HasSuffix(v, "ه") {
				g = feminine
			}
			return cueHal, g, true
		case continuationSet[v]:
			return cueContinuation, verbGender(v), true
		case quotes.ReportingWord(v) || quotes.ReportingWord(w):
			return cueVerb, verbGender(v), true
		}
		if c := strings.TrimPrefix(strings.TrimPrefix(w, "و"), "ف"); commentSet[c] {
			return cueVerb, verbGender(c), true
		}
		return 0, 0, false
	}
	for _, w := range words {
		v := oldUnprefixed(w)
		k, g, ok := cueOf(w, v)
		if wk, wg, wok := oldCueOf(w, v); k != wk || g != wg || ok != wok {
			t.Errorf("cueOf(%q, %q) = %v, %v, %v; want %v, %v, %v", w, v, k, g, ok, wk, wg, wok)
		}
		if got, want := bare(w), oldBare(w); got != want {
			t.Errorf("bare(%q) = %q, want %q", w, got, want)
		}
		if got, want := unprefixed(w), oldUnprefixed(w); got != want {
			t.Errorf("unprefixed(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestSpellingsInTextOrder holds spellings, which asks same once per
// distinct word and gathers the occurrences of those that match, to a
// scan of every word of the story in text order, on stories cut from a
// text where names recur in several spellings and share first letters.
func TestSpellingsInTextOrder(t *testing.T) {
	names := []string{"سيرغي", "سيرجي", "لافروف", "الفلسطينيين", "فلسطيني", "فلسطينيون", "يوليا", "سكريبال", "سكريبل", "ترامب", "ترمب", "الترامبية"}
	rng := rand.New(rand.NewPCG(3, 4))
	for round := range 200 {
		var b strings.Builder
		for range 40 + rng.IntN(80) {
			b.WriteString(names[rng.IntN(len(names))])
			b.WriteString([]string{" ", " ", "، ", ". "}[rng.IntN(4)])
		}
		text := b.String()
		all := appendWords(nil, text)
		var c wordCounts
		c.count(all)
		lo := rng.IntN(len(all) / 2)
		hi := lo + rng.IntN(len(all)-lo) + 1
		if round%4 == 0 {
			lo, hi = 0, len(all) // a story of the whole article, as most are
		}
		at := &attributor{text: text, ws: all[lo:hi], counts: &c, base: lo}
		for _, name := range names {
			f := formOf(quotes.Fold(name))
			for _, also := range []rune{f.first, formOf(quotes.Fold(names[rng.IntN(len(names))])).first} {
				var want []int
				for i := range at.ws {
					if r := firstSkeletonRune(at.ws[i].key); r != 0 && (r == f.first || r == also) && at.same(i, &f) {
						want = append(want, i)
					}
				}
				if got := at.spellings(&f, also); !slices.Equal(got, want) {
					t.Fatalf("round %d: spellings(%s, %c) over words %d-%d = %v, want %v", round, name, also, lo, hi, got, want)
				}
			}
		}
	}
}

// TestCleanNameShortcut holds cleanName, which returns a name that needs no
// cleaning as it is, to dropping the marks and rejoining the words of
// every name, on names made of words, marks and every kind of white space.
func TestCleanNameShortcut(t *testing.T) {
	pieces := []string{"مايك", "بومبيو", "Trump", "#", "_", " ", "  ", "\t", "\n", "\u00a0", "\u0085", "\u2003", "\u3000", "\u1680", "\u202f", "é", "…"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := cleanName(s), strings.Join(strings.Fields(hashtags.Replace(s)), " "); got != want {
			t.Fatalf("cleanName(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestDistinct holds distinct, which numbers the words of a whole article
// without reading them, to the words of a story in the order they first
// occur, on stories of every part of an article and on the whole of it.
func TestDistinct(t *testing.T) {
	words := []string{"قال", "الوزير", "إن", "الحكومة", "قال", "،", "."}
	rng := rand.New(rand.NewPCG(17, 18))
	for round := range 300 {
		all := appendWords(nil, randomText(rng, words, 60))
		var c wordCounts
		c.count(all)
		lo, hi := randomStory(rng, len(all), round%3 == 0)
		var want []int32
		seen := map[int32]bool{}
		for _, w := range all[lo:hi] {
			if !seen[w.id] {
				seen[w.id] = true
				want = append(want, w.id)
			}
		}
		if got := c.distinct(all[lo:hi], nil); !slices.Equal(got, want) {
			t.Fatalf("round %d: distinct of words %d-%d = %v, want %v", round, lo, hi, got, want)
		}
	}
}

// TestScanEntitiesReadsOnlyListedWords holds scanEntities, which reads
// only the words count listed (titles, issuing and reporting verbs,
// sentence ends), to its reading of every word without a memo, on random
// stories of names, titles, verbs, organisations and quotes: the same
// people and roles, and the same events, in the same order.
func TestScanEntitiesReadsOnlyListedWords(t *testing.T) {
	pieces := []string{"وقال", "قال", "أكد", "وأضاف", "نشر", "بيانا", "وزير", "الخارجية", "الروسي", "سيرغي", "لافروف", "الرئيس",
		"دونالد", "ترامب", "المتحدث", "باسم", "الجيش", "الشركة", "إن", "أمس", "الخميس", "«نعم»", "،", ".", ":", "في", "وهو", "طالب"}
	rng := rand.New(rand.NewPCG(23, 24))
	listedCounts := &wordCounts{memo: newFactMemo()} // counted article after article, as a worker's scratch is
	for round := range 1500 {
		text := randomText(rng, pieces, 50)
		lo, hi := randomStory(rng, len(appendWords(nil, text)), round%3 == 0)
		scan := func(c *wordCounts) *attributor {
			all := appendWords(nil, text)
			c.count(all)
			at := &attributor{text: text, ws: all[lo:hi], counts: c, base: lo}
			at.clues = findClues(at.ws, c, lo, time.Date(2025, 6, 6, 0, 0, 0, 0, time.UTC))
			at.scanEntities()
			return at
		}
		listed := scan(listedCounts)
		every := scan(&wordCounts{})
		if got, want := describe(listed), describe(every); got != want {
			t.Fatalf("round %d, %q:\nreading listed words: %s\nreading every word:   %s", round, text, got, want)
		}
	}
}

// randomText joins 1 to n pieces picked at random, each followed by a
// space.
func randomText(rng *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range 1 + rng.IntN(n) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
		b.WriteString(" ")
	}
	return b.String()
}

// randomStory returns the bounds, lo to hi, of a story among the n words
// of an article: all of them when whole (as most stories are), else a
// random part.
func randomStory(rng *rand.Rand, n int, whole bool) (lo, hi int) {
	if whole {
		return 0, n
	}
	lo = rng.IntN(n)
	return lo, lo + rng.IntN(n-lo+1)
}

// describe writes down the people and events of a scanned story.
func describe(at *attributor) string {
	var b strings.Builder
	for _, e := range at.people.list {
		fmt.Fprintf(&b, "[%s|%s|%v|%d|%v] ", e.name, e.role, e.also, e.g, e.inst)
	}
	for _, ev := range at.events {
		fmt.Fprintf(&b, "{%d %s %v %v} ", ev.at, ev.e.name, ev.dated != nil, ev.issued)
	}
	return b.String()
}
