package attribution

import (
	"hash/maphash"
	"runtime"
	"sync"
	"sync/atomic"
)

// factMemo remembers the wordFacts of the words met. News vocabulary is
// Zipfian, so a memo kept from article to article answers most lookups;
// a memo is lent to one Attribute at a time (getMemo), so no lock is
// taken.
//
// The memo is a set-associative cache rather than a map: a word's hash
// picks a set of memoWays slots, and the word is looked for in those
// slots only. A slot holds the word's bytes and its facts inline, so a
// lookup reads one or two cache lines and compares three machine words,
// where a map compared with a key elsewhere on the heap, and the table
// holds no pointers for the garbage collector to scan. When a set is
// full, a new word takes the place of the set's least recently used one:
// the frequent words stay, where a map had to be emptied all at once when
// it grew too big, and the memo answers more lookups for its memory.
//
// Words longer than memoKeyLen bytes (a few lookups in a thousand) are not
// kept: their facts are worked out every time.
type factMemo struct {
	sets [memoSets][memoWays]factSlot
}

// newFactMemo returns an empty memo.
func newFactMemo() *factMemo {
	return new(factMemo)
}

// wordSeed seeds the hashes of words: wordTable's, and the memo's, which
// takes a word's hash from the table rather than hashing it again. It is
// random, so that no text can be written to make its words collide.
var wordSeed = maphash.MakeSeed()

// hashWord returns the hash of the word w.
func hashWord(w string) uint64 { return maphash.String(wordSeed, w) }

// A factSlot is one word of the memo and its facts, or zero when empty.
// Its first memoKeyLen bytes (little-endian) are the word, zero-padded;
// the last two hold the word's length in slotLenBits bits, which tells a
// word from the same word followed by NUL bytes, and above them the word's
// packed facts (packFacts), up to the top bit. The bits below factsShift are the key; no
// word has a zero key, as the empty word is not kept.
type factSlot [3]uint64

const (
	memoKeyLen = 22      // the longest word kept: 11 Arabic letters
	memoWays   = 4       // slots per set: a set spans two cache lines
	memoSets   = 1 << 15 // 128k slots of 24 bytes, 3 MB

	slotLenBits = 5                      // the length, up to memoKeyLen
	lenShift    = 8*memoKeyLen - 128     // where the length starts in a slot's last word
	factsShift  = lenShift + slotLenBits // where the packed facts start in it, 11 bits below the top
	keyMask     = 1<<factsShift - 1      // the key's bits of a slot's last word
)

// memoKey returns the slot of w with no facts, and false when w is empty
// or too long to be kept.
func memoKey(w string) (factSlot, bool) {
	if len(w) == 0 || len(w) > memoKeyLen {
		return factSlot{}, false
	}
	// The bytes are read eight at a time where the word has them, and
	// the last, partial word from its last eight bytes (or byte by byte
	// when it is shorter), shifted: no copy into a buffer, which cost a
	// call of memmove and stores that the loads then waited for.
	var k factSlot
	n := len(w)
	switch {
	case n >= 16:
		k[0], k[1] = le64(w, 0), le64(w, 8)
		k[2] = le64(w, n-8) >> (8 * (24 - n))
	case n >= 8:
		k[0] = le64(w, 0)
		k[1] = le64(w, n-8) >> (8 * (16 - n))
	default:
		for i := n - 1; i >= 0; i-- {
			k[0] = k[0]<<8 | uint64(w[i])
		}
	}
	k[2] |= uint64(n) << lenShift
	return k, true
}

// le64 returns the eight bytes of s from i as a little-endian word.
func le64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// set returns the set of slots where the word of hash h is kept.
func (m *factMemo) set(h uint64) *[memoWays]factSlot {
	return &m.sets[h%memoSets]
}

// of returns the wordFacts of the folded word w.
func (m *factMemo) of(w string) wordFacts {
	return m.ofHashed(w, hashWord(w))
}

// ofHashed is of for a word whose hash, hashWord(w), is known.
func (m *factMemo) ofHashed(w string, h uint64) wordFacts {
	k, ok := memoKey(w)
	if !ok {
		return factsOfWord(w)
	}
	set := m.set(h)
	// The slots of a set are kept in order of use, the last used first:
	// a hit moves its slot to the front, and a miss drops the last slot.
	for i, s := range set {
		if s[0] == k[0] && s[1] == k[1] && s[2]&keyMask == k[2] {
			if i > 0 {
				copy(set[1:i+1], set[:i])
				set[0] = s
			}
			return unpackFacts(s[2] >> factsShift)
		}
	}
	f := factsOfWord(w)
	copy(set[1:], set[:memoWays-1])
	k[2] |= packFacts(f) << factsShift
	set[0] = k
	return f
}

// packFacts returns the facts f in 11 bits: five flags, the cue's kind
// in three bits, the gender in two, then the day flag. known is not
// kept: all facts in the memo were worked out.
func packFacts(f wordFacts) uint64 {
	return flag(f.title, 0) | flag(f.issuing, 1) | flag(f.cueOK, 2) | flag(f.stop, 3) | flag(f.name, 4) |
		uint64(f.cue&7)<<5 | uint64(f.g&3)<<8 | flag(f.day, 10)
}

// unpackFacts returns the facts packed by packFacts.
func unpackFacts(p uint64) wordFacts {
	return wordFacts{
		title:   p&(1<<0) != 0,
		issuing: p&(1<<1) != 0,
		cueOK:   p&(1<<2) != 0,
		stop:    p&(1<<3) != 0,
		name:    p&(1<<4) != 0,
		cue:     cueKind(p >> 5 & 7),
		g:       gender(p >> 8 & 3),
		day:     p&(1<<10) != 0,
		known:   true,
	}
}

// flag returns bit i set when b is.
func flag(b bool, i uint) uint64 {
	if b {
		return 1 << i
	}
	return 0
}

// memoShelf keeps the memos between articles, and getMemo and putMemo
// lend them out, one per call of Attribute at a time. A sync.Pool alone
// gave the two workers of a corpus run dozens of memos, each starting
// empty: it empties itself at garbage collections, and a memo put back
// in one P's private slot is not found by a worker running on another P.
// A memo fills up over thousands of articles, so the shelf keeps those
// made for the life of the process, 3 MB each, up to its length: one per
// processor the program may use (GOMAXPROCS at start, which a container's
// CPU limit lowers) and at least 8; a worker per processor never needs
// more. Beyond that factMemos pools the rest.
var memoShelf = make([]atomic.Pointer[factMemo], max(8, runtime.GOMAXPROCS(0)))

var factMemos = sync.Pool{New: func() any { return newFactMemo() }}

// getMemo returns a memo of the shelf, or of factMemos when the shelf is
// empty.
func getMemo() *factMemo {
	for i := range memoShelf {
		if memoShelf[i].Load() != nil { // not a Swap, which would write to every empty place
			if m := memoShelf[i].Swap(nil); m != nil {
				return m
			}
		}
	}
	return factMemos.Get().(*factMemo)
}

// putMemo gives back the memo m got from getMemo.
func putMemo(m *factMemo) {
	for i := range memoShelf {
		if memoShelf[i].CompareAndSwap(nil, m) {
			return
		}
	}
	factMemos.Put(m)
}
