package attribution

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestWordTableNumbersAsAMap holds wordTable to a map numbering the same
// words in the order they come, over articles of every size one after the
// other (so that a table is cleared, grown and reused), with words that
// repeat, share prefixes and lengths, and the empty word.
func TestWordTableNumbersAsAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var tab wordTable
	for article := range 300 {
		n := rng.IntN(3000)
		if article%50 == 0 {
			n = 40000 // a long page, then short ones in the same table
		}
		vocab := 1 + rng.IntN(n+1)
		words := make([]string, n)
		for i := range words {
			words[i] = fmt.Sprintf("كلمة%d", rng.IntN(vocab))
			if rng.IntN(100) == 0 {
				words[i] = ""
			}
		}
		want := map[string]int32{}
		tab.reset(len(words))
		for _, w := range words {
			id, isNew := tab.add(w)
			wid, seen := want[w]
			if !seen {
				wid = int32(len(want))
				want[w] = wid
			}
			if id != wid || isNew == seen {
				t.Fatalf("article %d: add(%q) = %d, %v; want %d, %v", article, w, id, isNew, wid, !seen)
			}
		}
		if len(tab.keys) != len(want) {
			t.Fatalf("article %d: %d words numbered, want %d", article, len(tab.keys), len(want))
		}
		for w, wid := range want {
			if id, ok := tab.find(w); !ok || id != wid || tab.keys[id] != w {
				t.Fatalf("article %d: find(%q) = %d, %v; want %d", article, w, id, ok, wid)
			}
		}
		for range 20 {
			absent := fmt.Sprintf("كلمة%d", vocab+rng.IntN(1000))
			if id, ok := tab.find(absent); ok {
				t.Fatalf("article %d: find(%q) = %d, a word never added", article, absent, id)
			}
		}
	}
	// A slot with the tag of a word's hash holds another word: the word
	// is not found.
	tab.reset(4)
	tab.add("قال")
	h := hashWord("أكد")
	tab.slots[int(h)&(len(tab.slots)-1)] = h&^(1<<32-1) | 1 // the tag of أكد, the number of قال
	if id, ok := tab.find("أكد"); ok {
		t.Errorf("find(أكد) = %d, the word of another tag", id)
	}
	var empty wordTable
	if _, ok := empty.find("قال"); ok {
		t.Error("an empty table finds a word")
	}
}
