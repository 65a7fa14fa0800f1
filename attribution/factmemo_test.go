package attribution

import (
	"encoding/binary"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// memoWords returns n words for the memo's tests: the words of the
// lexicons, which have facts, with و and ال before them, and random words
// of Arabic letters from 1 to 30 bytes long (longer than memoKeyLen for
// some), with now and then a NUL or an invalid byte.
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
// holds, asked again and again, each found or worked out again, the least
// recently used one evicted.
func TestFactMemoSet(t *testing.T) {
	m := newFactMemo()
	// Words that collide with a lexicon word: numbered words, all
	// different, some too long to be kept.
	want := m.set(hashWord("قال"))
	same := []string{"قال"}
	for i := 0; len(same) < 3*memoWays; i++ {
		w := "وكلمة" + strconv.Itoa(i)
		if i%3 == 0 {
			w = "استقلالية" + strconv.Itoa(i)
		}
		if m.set(hashWord(w)) != want {
			continue
		}
		if _, ok := memoKey(w); ok {
			same = append(same, w)
		} else if got, want := m.of(w), factsOfWord(w); got != want {
			t.Fatalf("of(%q) = %+v, want %+v", w, got, want)
		}
	}
	check := func(w string) {
		t.Helper()
		if got, want := m.of(w), factsOfWord(w); got != want {
			t.Fatalf("of(%q) = %+v, want %+v", w, got, want)
		}
	}
	kept := func(w string) bool {
		k, _ := memoKey(w)
		for _, s := range want {
			if s[0] == k[0] && s[1] == k[1] && s[2]&keyMask == k[2] {
				return true
			}
		}
		return false
	}
	for round := range 3 {
		for i, w := range same {
			check(w)
			if !kept(w) {
				t.Fatalf("round %d: %q not kept", round, w)
			}
			if i >= memoWays && kept(same[i-memoWays]) {
				t.Fatalf("round %d: %q, the least recently used, not evicted", round, same[i-memoWays])
			}
		}
	}
	// A word asked often stays while others come and go.
	for _, w := range same {
		check("قال")
		check(w)
		if !kept("قال") {
			t.Fatal("قال evicted, though used last but one")
		}
	}
}

// TestMemoKey checks which words are kept and that their keys differ.
func TestMemoKey(t *testing.T) {
	seen := map[factSlot]string{}
	for _, w := range []string{"", "a", "a\x00", "a\x00\x00", "\x00", "\x00\x00", "قال", "قال\x00",
		strings.Repeat("ب", 11), strings.Repeat("ب", 11) + "x", strings.Repeat("ب", 10) + "x", strings.Repeat("\x00", memoKeyLen)} {
		k, ok := memoKey(w)
		if ok != (len(w) > 0 && len(w) <= memoKeyLen) {
			t.Errorf("memoKey(%q) kept %v", w, ok)
		}
		if !ok {
			continue
		}
		if k[2]&^keyMask != 0 {
			t.Errorf("memoKey(%q) sets bits of the facts", w)
		}
		if k == (factSlot{}) {
			t.Errorf("memoKey(%q) is an empty slot", w)
		}
		if v, dup := seen[k]; dup {
			t.Errorf("memoKey(%q) = memoKey(%q)", w, v)
		}
		seen[k] = w
	}
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
				if p>>(64-factsShift) != 0 {
					t.Fatalf("packFacts(%+v) = %#x, more than %d bits", f, p, 64-factsShift)
				}
				if got := unpackFacts(p); got != f {
					t.Fatalf("unpackFacts(packFacts(%+v)) = %+v", f, got)
				}
			}
		}
	}
}

// TestMemoKeyBytes holds memoKey, which reads a word eight bytes at a time
// and its tail shifted, to the word copied into a zeroed buffer, for every
// length a slot keeps.
func TestMemoKeyBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	for n := 1; n <= memoKeyLen; n++ {
		for range 200 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rng.IntN(256))
			}
			var buf [24]byte
			copy(buf[:], b)
			want := factSlot{
				binary.LittleEndian.Uint64(buf[0:]),
				binary.LittleEndian.Uint64(buf[8:]),
				binary.LittleEndian.Uint64(buf[16:]) | uint64(n)<<lenShift,
			}
			if got, ok := memoKey(string(b)); !ok || got != want {
				t.Fatalf("memoKey(% x) = %x, %v; want %x", b, got, ok, want)
			}
		}
	}
}
