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
func (t *wordTable) add(key string) (id int32, isNew bool) {
	i, h, id, found := t.probe(key)
	if found {
		return id, false
	}
	id = int32(len(t.keys))
	t.keys = append(t.keys, key)
	t.hashes = append(t.hashes, h)
	t.slots[i] = h&^(1<<32-1) | uint64(id+1)
	return id, true
}

// find returns the number of the word key, and false when it was not
// numbered.
func (t *wordTable) find(key string) (int32, bool) {
	if len(t.slots) == 0 {
		return 0, false
	}
	_, _, id, found := t.probe(key)
	return id, found
}

// probe looks for the word key: it returns its number when found, and
// else the empty slot where it goes; and its hash.
func (t *wordTable) probe(key string) (slot int, h uint64, id int32, found bool) {
	h = hashWord(key)
	tag := h &^ (1<<32 - 1)
	mask := len(t.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return i, h, 0, false
		}
		if s&^(1<<32-1) == tag && t.keys[uint32(s)-1] == key {
			return i, h, int32(uint32(s) - 1), true
		}
	}
}
