package quotes

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Display returns the form of s that people read: NFC, invisible and bidi
// controls (category Cf) removed, every run of white space (including the
// exotic Unicode spaces) collapsed to one ASCII space, and trimmed. Letters,
// digits and punctuation are kept as written (ARABIC.md §0, §1.5).
func Display(s string) string {
	return mapCollapse(norm.NFC.String(s), displayRune)
}

func displayRune(r rune) rune {
	switch {
	case unicode.Is(unicode.Cf, r):
		return -1
	case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
		return ' '
	}
	return r
}

// mapCollapse maps every rune of s with f (-1 drops it, ' ' marks white
// space), collapses runs of white space to one space and trims both ends.
func mapCollapse(s string, f func(rune) rune) string {
	i := changedAt(s, f)
	if i == len(s) {
		return s // most words are already in key form: no copy
	}
	var b strings.Builder
	b.Grow(len(s))
	// s[:i] comes out as it is; a space ending it is written only if a
	// rune follows.
	prefix, space := s[:i], false
	if strings.HasSuffix(prefix, " ") {
		prefix, space = prefix[:len(prefix)-1], true
	}
	b.WriteString(prefix)
	collapseInto(&b, s[i:], f, space)
	return b.String()
}

// collapseInto writes s to b mapped by f with white space collapsed; space
// tells whether white space came last before s.
func collapseInto(b *strings.Builder, s string, f func(rune) rune, space bool) {
	for _, r := range s {
		r = f(r)
		switch r {
		case -1:
			continue
		case ' ':
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
}

// changedAt returns the byte offset of the first rune where mapCollapse
// would change s, or len(s) when it returns s as it is: f keeps every
// rune, and spaces stand alone between other runes.
func changedAt(s string, f func(rune) rune) int {
	space := true // a leading space would be dropped
	for i, r := range s {
		if f(r) != r || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return i // a changed rune, or invalid UTF-8 to be replaced
		}
		if r == ' ' {
			if space {
				return i
			}
			space = true
		} else {
			space = false
		}
	}
	if space && s != "" {
		return len(s) - 1 // a trailing space is dropped
	}
	return len(s)
}

// Key returns the aggressive matching key of s described in ARABIC.md §1.8:
// NFC, Cf removed, NFKC with Persian and presentation-form fix-ups, hamza
// seats and the hamza itself dropped, alef variants folded to bare alef,
// alef maksura to yeh, teh marbuta to heh, all combining marks and tatweel
// removed, Eastern digits and Arabic punctuation folded to ASCII, every
// quotation mark mapped to '"', white space collapsed. Key is idempotent:
// Key(Key(s)) == Key(s).
func Key(s string) string {
	// Text of normal runes (most text) is in both forms already. Else
	// invalid bytes first become U+FFFD: normalization does not look past
	// them, and a key must not change when keyed again.
	if !normalRunes(s) {
		s = norm.NFC.String(strings.ToValidUTF8(s, "\uFFFD"))
		s = strings.ReplaceAll(s, "\uFDFC", "ريال")
		s = norm.NFKC.String(s)
	}
	k := mapCollapse(s, foldRune)
	if !arabicOrASCII(k) && !norm.NFC.IsNormalString(k) {
		// A dropped mark stood between two runes that compose (Hangul
		// jamo around a halfwidth sound mark): compose them, so that a
		// key keyed again is the same key.
		k = norm.NFC.String(k)
	}
	return k
}

// normalRunes reports whether s is valid UTF-8 of runes that normalRune
// holds only: then it is in NFC and in NFKC, and holds no U+FDFC, so Key's
// passes would each give it back as it is. Most text is such (Arabic
// letters, ASCII), and reading a table for each rune costs less than the
// two quick checks of norm.
func normalRunes(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if !normalRune[c] {
				return false
			}
			continue
		}
		if c < 0xC2 || c >= 0xE0 || i+1 == len(s) || s[i+1]&0xC0 != 0x80 {
			return false // three bytes or more, or invalid: leave it to norm
		}
		if !normalRune[rune(c&0x1F)<<6|rune(s[i+1]&0x3F)] {
			return false
		}
		i++
	}
	return true
}

// normalRune holds, for each rune of one or two bytes in UTF-8, whether a
// string of such runes only is in NFC and NFKC: the rune alone is in both
// forms, and it is a starter (combining class 0) that does not combine
// with a rune before it. Composition then leaves every rune as it is
// alone, and reordering has no run of non-starters to sort
// (TestNormalRunes checks the pairs of the Arabic block).
var normalRune = func() (t [0x800]bool) {
	for r := range rune(len(t)) {
		s := string(r)
		t[r] = true
		for _, f := range []norm.Form{norm.NFC, norm.NFKC} {
			p := f.PropertiesString(s)
			if f.String(s) != s || p.CCC() != 0 || !p.BoundaryBefore() {
				t[r] = false
			}
		}
	}
	return t
}()

// arabicOrASCII reports whether s holds only ASCII and the Arabic block:
// with every mark dropped, nothing there composes, so a key of such runes
// is in NFC already.
func arabicOrASCII(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && (r < 0x0600 || r > 0x06FF) {
			return false
		}
	}
	return true
}

// Fold is the fast per-rune half of Key, without the NFC and NFKC passes:
// enough for words already composed, as news text nearly always is. Use it
// on hot paths (lexicon lookups); use Key where exactness matters.
func Fold(s string) string {
	var buf [64]byte // most words fold on the stack
	if b, changed, ok := appendFoldPlain(buf[:0], s); ok {
		if !changed {
			return s // most words are already in key form: no copy
		}
		return string(b)
	}
	return mapCollapse(s, foldRune)
}

// arabicFolds holds foldRune of U+0600–U+067F, so that a rune of the
// Arabic block costs an index rather than a switch. foldedBytes is the
// same as UTF-8, indexed by the low bit of a rune's lead byte and the six
// of its second byte: the bytes a rune of the block folds to (none, one
// or two), and whether they are the rune's own. Both are made by an
// initializer, not in init: the lexicons, built as the package's
// variables are, fold their words with them.
var arabicFolds, foldedBytes = foldTables()

type foldedRune struct {
	b       [2]byte
	n       uint8 // how many of b
	notSame uint8 // 1 when the rune folds to another, or to nothing
}

func foldTables() (folds [0x80]rune, bytes [0x80]foldedRune) {
	for i := range folds {
		r := rune(0x0600 + i)
		f := foldRuneSwitch(r)
		folds[i] = f
		if f >= 0x800 {
			panic(fmt.Sprintf("foldRune(%U) = %U: foldedBytes holds two bytes", r, f))
		}
		var fr foldedRune
		if f >= 0 {
			fr.n = uint8(utf8.EncodeRune(fr.b[:], f))
		}
		if f != r {
			fr.notSame = 1
		}
		bytes[int(utf8.AppendRune(nil, r)[0]&1)<<6|i&0x3F] = fr
	}
	return folds, bytes
}

// FoldKeeps reports whether Fold leaves the rune r of the Arabic block
// (U+0600–U+067F) as it is: a word of such runes and nothing else is its
// own key, and a tokenizer that reads its runes anyway can take the word
// as its key without folding it.
func FoldKeeps(r rune) bool {
	return r >= 0x0600 && r < 0x0680 && arabicFolds[r-0x0600] == r
}

// appendFoldPlain is AppendFold for the words of news text: ASCII other
// than white space, and the two-byte runes of the Arabic block
// (U+0600–U+067F), none of which foldRune maps to white space, so there
// is nothing to collapse. It works on bytes, a table lookup per rune,
// without the decoding and the function value of mapCollapse. ok is
// false, and dst as it was, when s holds anything else.
func appendFoldPlain(dst []byte, s string) (out []byte, changed, ok bool) {
	n := len(dst)
	// Such a word folds to at most its own length: its bytes are written
	// in place, two at a time (the second may be a spare one).
	dst = slices.Grow(dst, len(s)+1)[:n+len(s)+1]
	j := n
	var notSame uint8
	for i := 0; i < len(s); i++ {
		c := s[i]
		// Letters of either lead byte follow each other in a word: one
		// test of both, and the rest by the table, without branches.
		if c&^1 == 0xD8 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			f := foldedBytes[int(c&1)<<6|int(s[i+1]&0x3F)]
			dst[j], dst[j+1] = f.b[0], f.b[1]
			j += int(f.n)
			notSame |= f.notSame
			i++
			continue
		}
		if c >= utf8.RuneSelf || c == ' ' || c >= '\t' && c <= '\r' {
			return dst[:n], false, false
		}
		dst[j] = c
		j++
	}
	changed = notSame != 0
	return dst[:j], changed, true
}

// AppendFold appends Fold(s) to dst and reports whether it differs from
// s. The words of news text are folded into dst without an allocation of
// their own: a tokenizer can fold all the words of a text into one buffer.
func AppendFold(dst []byte, s string) ([]byte, bool) {
	if out, changed, ok := appendFoldPlain(dst, s); ok {
		return out, changed
	}
	k := Fold(s)
	return append(dst, k...), k != s
}

// FoldTokens returns the word tokens of Fold(s), as
// strings.FieldsFunc(Fold(s), NotWordRune) does, in one pass over s and
// one string for all the tokens. A name or a role of several words,
// which Fold cannot fold on its fast path (for the spaces), was folded
// into a new string by mapCollapse, then split rune by rune through
// NotWordRune; the Arabic letters are now folded and told from the rest
// by the tables.
func FoldTokens(s string) []string {
	var (
		bufOn   [96]byte  // the folded tokens: most strings fold on the stack
		endsBuf [16]int32 // where each token ends in buf: most strings have few
		buf     = bufOn[:0]
		ends    = endsBuf[:0]
		in      bool // a token is open
	)
	for i := 0; i < len(s); {
		c := s[i]
		var f rune
		switch {
		case c&^1 == 0xD8 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// U+0600–U+067F, most runes of the news: folded by the
			// table, its bytes copied from the other.
			f = arabicFolds[int(c&1)<<6|int(s[i+1]&0x3F)]
			i += 2
			if f == -1 {
				continue
			}
			if f >= 0x0621 && f <= 0x064A { // a letter (NotWordRune)
				fb := foldedBytes[int(c&1)<<6|int(s[i-1]&0x3F)]
				buf = append(buf, fb.b[:fb.n]...)
				in = true
				continue
			}
		case c < utf8.RuneSelf:
			f = foldRune(rune(c))
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			f = foldRune(r)
			i += size
			if f == -1 {
				continue
			}
		}
		if NotWordRune(f) {
			if in {
				ends = append(ends, int32(len(buf)))
				in = false
			}
			continue
		}
		buf = utf8.AppendRune(buf, f)
		in = true
	}
	if in {
		ends = append(ends, int32(len(buf)))
	}
	if len(ends) == 0 {
		return nil
	}
	all := string(buf)
	out := make([]string, len(ends))
	start := int32(0)
	for k, e := range ends {
		out[k] = all[start:e]
		start = e
	}
	return out
}

// KeyTokens splits the key of s into word tokens with punctuation dropped:
// the unit that evaluation and quote comparison count in (DESIGN.md §6).
func KeyTokens(s string) []string {
	k := Key(s)
	return strings.FieldsFunc(k, NotWordRune)
}

// NotWordRune reports whether r is neither a letter nor a digit: what
// splits a text into word tokens. The Arabic letters, most runes of the
// news, are answered without a search of Unicode's tables.
func NotWordRune(r rune) bool {
	if r >= 0x0621 && r <= 0x064A { // hamza to yeh, tatweel among them: all letters
		return false
	}
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// foldRune maps one rune to its key form: -1 drops it, ' ' marks white space.
// It is the per-rune half of Key, shared with the fast context folding that
// the kind classifier does on raw text (no NFC/NFKC there: lexicon words are
// short and already composed in practice).
func foldRune(r rune) rune {
	// The Arabic block, most runes of the news, by a table: the switch
	// below compares a rune with one case after another.
	if uint32(r)-0x0600 < 0x80 {
		return arabicFolds[r-0x0600]
	}
	return foldRuneSwitch(r)
}

// foldRuneSwitch is foldRune without its table: it makes the table.
func foldRuneSwitch(r rune) rune {
	if r < utf8.RuneSelf {
		switch r {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			return ' '
		}
		return r
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ٵ':
		return 'ا'
	case 'ؤ', 'ئ', 'ء', '\u0654', '\u0655':
		return -1
	case 'ى', 'ی', 'ې':
		return 'ي'
	case 'ة', 'ۀ', 'ە':
		return 'ه'
	case 'ک', 'گ':
		return 'ك'
	case 'ڤ', 'ڥ':
		return 'ف'
	case 'پ':
		return 'ب'
	case 'چ':
		return 'ج'
	case 'ـ':
		return -1
	case '،':
		return ','
	case '؛':
		return ';'
	case '؟':
		return '?'
	case '٪':
		return '%'
	case '٫':
		return '.'
	case '٬':
		return ','
	case '«', '»', '“', '”', '„', '‟', '‹', '›':
		return '"'
	case '\u2028', '\u2029':
		return ' '
	}
	switch {
	case r >= 0x0621 && r <= 0x064A && r != 0x0640:
		return r // base Arabic letters not folded above
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠')
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰')
	case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Cf, r):
		return -1
	case unicode.IsSpace(r), unicode.Is(unicode.Zs, r):
		return ' '
	}
	return r
}
