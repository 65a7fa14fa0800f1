package attribution

// wordTable numbers the distinct words of an article. It is a hash table
// with open addressing, sized for the article and cleared from article to
// article, where a map[string]int32 spent most of count's time: a map
// hashes and probes through groups of control bytes, and a new entry may
// grow it. A slot is one machine word, found by linear probing: the top
// half of the word's hash, which tells most words apart without comparing
// them, and the word's number plus one; zero is an empty slot.
type wordTable struct {
	slots  []uint64
	keys   []string // the words by number
	hashes []uint64 // and their hashes (hashWord), which the memo reuses
}

// reset empties t and makes room for up to n distinct words, at most
// half of the slots in use.
func (t *wordTable) reset(n int) {
	size := 64
	for size < 2*n {
		size *= 2
	}
	if cap(t.slots) < size {
		t.slots = make([]uint64, size)
	} else {
		t.slots = t.slots[:size]
		clear(t.slots)
	}
	t.keys = t.keys[:0]
	t.hashes = t.hashes[:0]
}

// add returns the number of the word key, numbering it next when it is
// new, and whether it is. reset must have made room for it.
//
// Its loop is find's with the insertion in it, not a call of a probe
// that both share: add runs for every word of every article, and such a
// call cost half a percent of extract's instructions.
func (t *wordTable) add(key string) (id int32, isNew bool) {
	h := hashWord(key)
	tag := h &^ (1<<32 - 1)
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			id := int32(len(t.keys))
			t.keys = append(t.keys, key)
			t.hashes = append(t.hashes, h)
			t.slots[i] = tag | uint64(id+1)
			return id, true
		}
		if s&^(1<<32-1) == tag && t.keys[uint32(s)-1] == key {
			return int32(uint32(s) - 1), false
		}
	}
}

// find returns the number of the word key, and false when it was not
// numbered.
func (t *wordTable) find(key string) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	h := hashWord(key)
	tag := h &^ (1<<32 - 1)
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if s&^(1<<32-1) == tag && t.keys[uint32(s)-1] == key {
			return int32(uint32(s) - 1), true
		}
	}
}
