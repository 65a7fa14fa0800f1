package attribution

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// memoWords returns n words for the memo's tests: the words of the
// lexicons, which have facts, with و and ال before them, and random words
// of Arabic letters from 1 to 30 bytes long, with now and then a NUL or
// an invalid byte.
func memoWords(n int) []string {
	var ws []string
	for _, m := range []map[string]bool{titleSet, issuingVerbs, stopSet, roleNounSet, institutionSet} {
		for w := range m {
			ws = append(ws, w, "و"+w, "ال"+w)
		}
	}
	for w := range cueLists {
		ws = append(ws, w, "و"+w)
	}
	letters := []rune("ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآةى")
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	for len(ws) < n {
		b.Reset()
		for l := 1 + r.IntN(15); b.Len() < l; {
			switch r.IntN(40) {
			case 0:
				b.WriteByte(0)
			case 1:
				b.WriteByte(0xff)
			default:
				b.WriteRune(letters[r.IntN(len(letters))])
			}
		}
		ws = append(ws, b.String())
	}
	return ws
}

// TestFactMemo checks that the memo answers what factsOfWord works out,
// for more words than it holds, asked in a skewed order, so that words
// are found, evicted and put back.
func TestFactMemo(t *testing.T) {
	ws := memoWords(3 * memoSets * memoWays)
	m := newFactMemo()
	r := rand.New(rand.NewPCG(3, 4))
	for range 4 * len(ws) {
		// The square of a uniform number asks the first words most.
		u := r.Float64()
		w := ws[int(u*u*float64(len(ws)))]
		if got, want := m.of(w), factsOfWord(w); got != want {
			t.Fatalf("of(%q) = %+v, want %+v", w, got, want)
		}
	}
}

// TestFactMemoSet checks words of one set: more of them than the set
// holds, asked again and again, each found or worked out again, and the
// set holding the tags of the words last asked, up to memoWays of them.
func TestFactMemoSet(t *testing.T) {
	m := newFactMemo()
	setOf := func(w string) uint64 { return hashWord(w) & (memoSets - 1) }
	same := []string{"قال"}
	for i := 0; len(same) < 3*memoWays; i++ {
		if w := "وكلمة" + strconv.Itoa(i); setOf(w) == setOf("قال") {
			same = append(same, w)
		}
	}
	set := &m.sets[setOf("قال")]
	kept := func(w string) bool {
		for i := range set {
			if set[i].Load()&^factMask == hashWord(w)&^factMask {
				return true
			}
		}
		return false
	}
	for round := range 3 {
		for i, w := range same {
			if got, want := m.of(w), factsOfWord(w); got != want {
				t.Fatalf("round %d: of(%q) = %+v, want %+v", round, w, got, want)
			}
			if !kept(w) {
				t.Fatalf("round %d: %q not kept", round, w)
			}
			if round == 0 && i < memoWays {
				for _, v := range same[:i+1] {
					if !kept(v) {
						t.Fatalf("%q evicted while the set had room", v)
					}
				}
			}
		}
		n := 0
		for _, w := range same {
			if kept(w) {
				n++
			}
		}
		if n != memoWays {
			t.Fatalf("round %d: the set holds %d of the words, want %d", round, n, memoWays)
		}
	}
}

// TestFactMemoTags plants slots and asks for words by chosen hashes: a
// word is found by its hash above the facts' bits only, and a hash that
// would read as an empty slot is never kept.
func TestFactMemoTags(t *testing.T) {
	w := "وأكد" // a cue: facts not zero
	want := factsOfWord(w)
	if packFacts(want) == 0 {
		t.Fatalf("%q has no facts: pick another word", w)
	}
	other := packFacts(factsOfWord("الطاولة"))
	const h = uint64(0x9e3779b97f4a7c15)
	tests := []struct {
		name    string
		planted uint64 // the slot planted in h's set
		found   bool   // the planted facts are the answer
	}{
		{name: "same hash, other facts' bits", planted: h&^factMask | other, found: true},
		{name: "one bit apart above the facts", planted: (h^1<<factBits)&^factMask | other},
		{name: "top bit apart", planted: (h^1<<63)&^factMask | other},
		{name: "empty slot", planted: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newFactMemo()
			set := &m.sets[h&(memoSets-1)]
			set[memoWays-1].Store(tt.planted)
			got := m.ofHashed(w, h)
			if tt.found {
				if got != unpackFacts(other) {
					t.Fatalf("ofHashed = %+v, want the planted %+v", got, unpackFacts(other))
				}
				return
			}
			if got != want {
				t.Fatalf("ofHashed = %+v, want %+v", got, want)
			}
			if s := set[0].Load(); s != h&^factMask|packFacts(want) {
				t.Fatalf("first slot %#x after the lookup, want the word's", s)
			}
		})
	}
	t.Run("zero tag", func(t *testing.T) {
		m := newFactMemo()
		const h = uint64(5) // the low bits only: the tag is zero
		for range 2 {
			if got := m.ofHashed(w, h); got != want {
				t.Fatalf("ofHashed = %+v, want %+v", got, want)
			}
		}
		for i := range m.sets[h] {
			if s := m.sets[h][i].Load(); s != 0 {
				t.Fatalf("slot %d = %#x: a zero tag was kept", i, s)
			}
		}
	})
}

// TestFactMemoShared asks one memo from several goroutines at once, as
// the workers of an extraction do; -race checks the slots' accesses.
func TestFactMemoShared(t *testing.T) {
	ws := memoWords(20000)
	m := newFactMemo()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 7))
			for range 20000 {
				w := ws[r.IntN(len(ws))]
				if got, want := m.of(w), factsOfWord(w); got != want {
					t.Errorf("of(%q) = %+v, want %+v", w, got, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestPackFacts checks that every wordFacts survives packFacts and that
// packFacts stays within the bits a slot has for it.
func TestPackFacts(t *testing.T) {
	for bits := range 1 << 6 {
		for cue := range cueContinuation + 1 {
			for g := range plural + 1 {
				f := wordFacts{title: bits&1 != 0, issuing: bits&2 != 0, cueOK: bits&4 != 0, stop: bits&8 != 0, name: bits&16 != 0,
					day: bits&32 != 0, cue: cue, g: g, known: true}
				p := packFacts(f)
				if p>>factBits != 0 {
					t.Fatalf("packFacts(%+v) = %#x, more than %d bits", f, p, factBits)
				}
				if got := unpackFacts(p); got != f {
					t.Fatalf("unpackFacts(packFacts(%+v)) = %+v", f, got)
				}
			}
		}
	}
}

// TestFactMemoWarm checks that warm reads the set each hash picks.
func TestFactMemoWarm(t *testing.T) {
	m := newFactMemo()
	hs := []uint64{hashWord("قال"), hashWord("وأكد"), 7 << 40}
	var want uint64
	for i, h := range hs {
		v := uint64(i+1) << 20
		m.sets[h&(memoSets-1)][0].Store(v)
		want += v
	}
	if got := m.warm(hs); got != want {
		t.Fatalf("warm = %#x, want %#x", got, want)
	}
	if got := m.warm(nil); got != 0 {
		t.Fatalf("warm(nil) = %#x", got)
	}
}
