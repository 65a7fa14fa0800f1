package quotes

import (
	"unicode"
	"unicode/utf8"
)

// markClass groups quotation marks that pair with one another (ARABIC.md
// §1.6). Writers mix ASCII and curly double quotes in one pair ("28” and
// “وساطة ") and type curly quotes by glyph in right-to-left text (”…“), so
// every double mark is one class whose direction is read from context.
type markClass uint8

const (
	classNone   markClass = iota
	classDouble           // " “ ” „ ‟
	classGuill            // « »
	classSingle           // ‘ ’
	classAngle            // ‹ ›
)

// mark is one quotation mark found in the text.
type mark struct {
	at    int // byte offset of the mark
	size  int // its length in bytes
	class markClass
	r     rune
}

// leadByte flags the bytes that can start a quotation mark or end a
// paragraph, so the scanner looks at nothing else.
var leadByte = [256]bool{'"': true, '\n': true, 0xC2: true, 0xE2: true}

// hasLeadByte reports whether one of the eight bytes of text from i is a
// leadByte: zero after an XOR with it, which (x - 0x01…) &^ x flags in
// the byte's top bit.
func hasLeadByte(text string, i int) bool {
	s := text[i : i+8]
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	zero := func(y uint64) uint64 { return (y - ones) &^ y & tops }
	return zero(x^('"'*ones))|zero(x^('\n'*ones))|zero(x^(0xC2*ones))|zero(x^(0xE2*ones)) != 0
}

// scanMarks appends to dst the quotation marks of text[from:to] and reports
// where the paragraph starting at from ends (the offset of its '\n', or len
// of text). It reads bytes, decoding nothing outside the marks: UTF-8 is
// self-synchronizing, so the lead bytes of the marks never occur inside
// another character.
func scanMarks(dst []mark, text string, from int) ([]mark, int) {
	n := len(text)
	for i := from; i < n; i++ {
		c := text[i]
		if !leadByte[c] {
			// Most of a paragraph is none of the lead bytes: skip eight
			// at a time to the next block that holds one.
			for i+9 <= n && !hasLeadByte(text, i+1) {
				i += 8
			}
			continue
		}
		switch c {
		case '\n':
			return dst, i
		case '"':
			dst = append(dst, mark{at: i, size: 1, class: classDouble, r: '"'})
		case 0xC2:
			if i+1 < n && (text[i+1] == 0xAB || text[i+1] == 0xBB) {
				r := '«'
				if text[i+1] == 0xBB {
					r = '»'
				}
				dst = append(dst, mark{at: i, size: 2, class: classGuill, r: r})
				i++
			}
		case 0xE2:
			if i+2 < n && text[i+1] == 0x80 {
				var cl markClass
				switch text[i+2] {
				case 0x9C, 0x9D, 0x9E, 0x9F:
					cl = classDouble
				case 0x98, 0x99:
					cl = classSingle
				case 0xB9, 0xBA:
					cl = classAngle
				}
				if cl != classNone {
					r, _ := utf8.DecodeRuneInString(text[i:])
					dst = append(dst, mark{at: i, size: 3, class: cl, r: r})
					i += 2
				}
			}
		}
	}
	return dst, n
}

// shape is what a mark's neighbours say about its direction.
type shape uint8

const (
	neutral shape = iota // glued on both sides, or spaced on both sides
	opener               // space or opening punctuation before, a word after
	closer               // a word or closing punctuation before, space or punctuation after
)

func shapeOf(text string, m mark, paraStart, paraEnd int) shape {
	prevOpen := true // start of paragraph counts as an opening context
	if m.at > paraStart {
		r, _ := utf8.DecodeLastRuneInString(text[paraStart:m.at])
		prevOpen = opensBefore(r)
	}
	nextWord := false
	if after := m.at + m.size; after < paraEnd {
		r, _ := utf8.DecodeRuneInString(text[after:paraEnd])
		nextWord = unicode.IsLetter(r) || unicode.IsDigit(r) || r == '(' || r == '#' || r == '-'
	}
	switch {
	case prevOpen && nextWord:
		return opener
	case !prevOpen && !nextWord:
		return closer
	}
	return neutral
}

// opensBefore reports whether r, just before a mark, makes it look like an
// opening mark: white space, opening brackets, a colon, comma or dash, or the
// tatweel that joins a clitic to a quote (بـ"…").
func opensBefore(r rune) bool {
	if unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || unicode.Is(unicode.Cf, r) {
		return true
	}
	switch r {
	case '(', '[', '{', ':', '،', ',', '؛', ';', '-', '–', '—', '/', 'ـ':
		return true
	}
	return false
}

// span is a paired (or unclosed) top-level quotation.
type span struct {
	open, close int // offsets of the opening and closing marks; close -1 if unclosed, open -1 if missing
	openSize    int
	closeSize   int
	end         int // where the content of an unclosed quote ends
}

// pairMarks pairs the marks of one paragraph, text[paraStart:paraEnd], and
// appends the top-level spans to dst. Nested quotations are part of their
// outer span and are not reported on their own. Rules (DESIGN.md §4):
//   - guillemets pair by glyph when they alternate, and by toggling when the
//     writer typed the same glyph twice (»…» or reversed »…«);
//   - double marks pair by toggling, with a mark that looks like an opener
//     (space before, word after) opening a nested quote when enough marks
//     remain in the paragraph to close both;
//   - a mark that looks like a closer with nothing open and no later mark of
//     its class in the paragraph is a stray and is skipped;
//   - whatever is still open at the end of the paragraph runs to its end.
func pairMarks(dst []span, text string, marks []mark, paraStart, paraEnd int) []span {
	var stack [8]mark
	depth := 0
	// remaining[c] counts the marks of class c not yet visited.
	var remaining [5]int
	for _, m := range marks {
		remaining[m.class]++
	}
	for _, m := range marks {
		remaining[m.class]--
		sh := shapeOf(text, m, paraStart, paraEnd)
		// Find the innermost open mark of the same class.
		same := -1
		for i := depth - 1; i >= 0; i-- {
			if stack[i].class == m.class {
				same = i
				break
			}
		}
		if same >= 0 {
			top := stack[same]
			nest := false
			switch m.class {
			case classGuill, classAngle:
				// Alternating glyphs close. The same glyph again opens a
				// nested quote only when it looks like an opener and two
				// more marks remain to close both.
				nest = m.r == top.r && sh == opener && remaining[m.class] >= 2
			default:
				nest = sh == opener && remaining[m.class] >= 2
			}
			if sh == opener && same == 0 {
				// An unclosed quote followed, after the end of a
				// sentence, by the narrator's reporting verb: the quote
				// ended with that sentence and m opens a new one.
				if end := narrationResumes(text, top.at+top.size, m.at); end >= 0 {
					dst = append(dst, span{open: top.at, openSize: top.size, close: -1, end: end})
					stack[0] = m
					depth = 1
					continue
				}
			}
			if nest && depth < len(stack) {
				stack[depth] = m
				depth++
				continue
			}
			if same == 0 {
				dst = append(dst, span{open: top.at, openSize: top.size, close: m.at, closeSize: m.size})
			}
			depth = same
			continue
		}
		if sh == closer && remaining[m.class] == 0 && depth == 0 {
			// A closing mark whose opening mark is missing: the span is
			// recovered from the words before it, if they are speech.
			dst = append(dst, span{open: -1, close: m.at, closeSize: m.size})
			continue
		}
		if depth < len(stack) {
			stack[depth] = m
			depth++
		}
	}
	if depth > 0 {
		dst = append(dst, span{open: stack[0].at, openSize: stack[0].size, close: -1, end: paraEnd})
	}
	return dst
}

// narrationResumes looks in text[from:to], the inside of a quote left open,
// for the end of a sentence followed by a reporting verb (". وقال …",
// ". ورأى …"): the narrator speaking again. It returns the offset where the
// quote's sentence ends, or -1.
func narrationResumes(text string, from, to int) int {
	for i := from; i < to; i++ {
		c := text[i]
		if c != '.' && c != '!' && c != '?' && !(c == 0xD8 && i+1 < to && text[i+1] == 0x9F) { // ؟
			continue
		}
		j := i + 1
		if c == 0xD8 {
			j++
		}
		k := j
		for k < to && (text[k] == ' ' || text[k] == '\t') {
			k++
		}
		if k == j {
			continue
		}
		if toks := firstTokens(text[k:to], 1); len(toks) >= 1 && classOf(toks[0]) == wordSpeech {
			return j
		}
	}
	return -1
}
