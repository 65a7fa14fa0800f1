package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// contextWindow bounds how far before a quote the classifier reads, in
// bytes: a sentence of wire copy, never the whole article.
const contextWindow = 480

// context is what the words around a span say about it.
type context struct {
	toks        []string // folded tokens of the span's sentence before the opening mark
	afterSpeech bool     // a reporting word follows the closing mark ("…"، قال)
	afterColon  bool     // a colon follows the closing mark: the span names a source (لـ"سبق": "…")
	subjectOf   bool     // a complementizer or "in a statement" follows: the span is who spoke (صرحت "الشركة" في بيان أن)
	paraStart   bool     // the opening mark starts its paragraph
	joined      Kind     // kind of the quote just before when only a conjunction separates them
}

// tokenize appends the folded tokens of s to dst: words, and the
// punctuation tokens ":" and ","; a sentence end (. ! ? ؟) empties the list,
// so only the last sentence is kept.
//
// It reads ASCII and the two-byte runes of the Arabic block through
// tables of what each does (asciiTok, arabicTok), and decodes only other
// runes.
func tokenize(dst []string, s string) []string {
	var mem [64]byte
	buf := mem[:0]
	flush := func() {
		if len(buf) > 0 {
			dst = append(dst, string(buf))
			buf = buf[:0]
		}
	}
	for i := 0; i < len(s); {
		var t tokRune
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			t = asciiTok[c]
			i++
		case c&^1 == 0xD8 && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			t = arabicTok[int(c&1)<<6|int(s[i+1]&0x3F)]
			i += 2
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			t = tokOf(r)
			i += size
		}
		switch t.kind {
		case tokWord:
			buf = append(buf, t.b[:t.n]...)
		case tokColon:
			flush()
			dst = append(dst, ":")
		case tokComma:
			flush()
			dst = append(dst, ",")
		case tokEnd:
			flush()
			dst = dst[:0]
		case tokBreak:
			flush()
		}
	}
	flush()
	return dst
}

// tokRune is what a rune does in tokenize: dropped, part of a word (its
// folded bytes, the first n of b), or a mark.
type tokRune struct {
	kind uint8
	n    uint8
	b    [4]byte
}

const (
	tokDrop  = iota // folds to nothing
	tokWord         // a letter or digit, # or _
	tokColon        // :
	tokComma        // ,
	tokEnd          // a sentence end: . ! ? or a line break
	tokBreak        // anything else: ends a word
)

// tokOf returns what r does in tokenize.
func tokOf(r rune) tokRune {
	f := foldRune(r)
	switch {
	case f < 0:
		return tokRune{kind: tokDrop}
	case isWordRune(f) || f == '#' || f == '_':
		t := tokRune{kind: tokWord}
		t.n = uint8(utf8.EncodeRune(t.b[:], f))
		return t
	case f == ':':
		return tokRune{kind: tokColon}
	case f == ',':
		return tokRune{kind: tokComma}
	case f == '.' || f == '!' || f == '?' || f == '\n':
		return tokRune{kind: tokEnd}
	}
	return tokRune{kind: tokBreak}
}

// asciiTok and arabicTok hold tokOf of ASCII and of U+0600–U+067F (by the
// low bit of the lead byte and the six of the second).
var asciiTok, arabicTok = func() (ascii [utf8.RuneSelf]tokRune, arabic [0x80]tokRune) {
	for r := range rune(utf8.RuneSelf) {
		ascii[r] = tokOf(r)
	}
	for i := range arabic {
		r := rune(0x0600 + i)
		arabic[int(utf8.AppendRune(nil, r)[0]&1)<<6|i&0x3F] = tokOf(r)
	}
	return ascii, arabic
}()

// isWordRune reports whether r is a letter or digit, with a fast path for
// the Arabic block.
func isWordRune(r rune) bool {
	if r >= 0x0621 && r <= 0x064A {
		return r != 0x0640
	}
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// sentenceStart returns the offset in s just after its last sentence end
// (. ! ? ؟ or a line break), or 0: the classifier reads one sentence.
func sentenceStart(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '.', '!', '?', '\n':
			return i + 1
		case 0x9F:
			if i > 0 && s[i-1] == 0xD8 {
				return i + 1
			}
		}
	}
	return 0
}

// countWords counts the words of a span: runs of letters or digits.
func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		w := isWordRune(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}

// firstTokens returns up to n folded word tokens (and ':' / ',') of s.
func firstTokens(s string, n int) []string {
	if len(s) > 160 {
		cut := 160
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	var out []string
	buf := make([]byte, 0, 32)
	for _, r := range s {
		f := foldRune(r)
		switch {
		case f < 0:
			continue
		case unicode.IsLetter(f) || unicode.IsDigit(f):
			buf = utf8.AppendRune(buf, f)
			continue
		}
		if len(buf) > 0 {
			out = append(out, string(buf))
			buf = buf[:0]
		}
		switch f {
		case ':', ',':
			out = append(out, string(f))
		case '.', '!', '?', '\n', '"':
			return out
		}
		if len(out) >= n {
			return out
		}
	}
	if len(buf) > 0 {
		out = append(out, string(buf))
	}
	return out
}

// classify decides the kind of a span from its words and their
// surroundings. prev is the kind of the previous quote of the same sentence
// ("" when there is none).
//
// The rules, in order (DESIGN.md §4, ARABIC.md §1.6 and §2.3):
//  1. a span that is a known platform or agency name, or a short span
//     followed by a colon (the outlet in لـ"سبق": "…"), is a name;
//  2. a naming noun or verb just before the span (برنامج، صحيفة، مشروع،
//     بعنوان، تطلق على نفسها), or a noun of a named place or thing right
//     before it without the article (ملعب، صاروخ، عقار), makes it a name; for spans of five words or
//     more only when it stands right before the span, and not when it is
//     كلمة after a preposition (وقال في كلمة "…": in a speech) or carries
//     the article in a sentence that reports (وقالت الوكالة "…"، قال في
//     التلفزيون "…"، قال مسؤول إن الشركة "…"), unless the span repeats
//     it (التحالف "تحالف …");
//  3. a colon (within three words), a reporting verb, or the start of a
//     sentence just before the span make it direct speech; so does a bare
//     complementizer (إن / أن) when the span is more than two words, or one
//     carrying a pronoun (أنه) when the span is a clause of nine words or
//     more; an evaluative verb (وصف، اعتبر، دعا) makes it partial; but a
//     short span between a reporting verb and a complementizer or "in a
//     statement" is the verb's subject, a name (صرحت "الشركة" في بيان أن);
//  4. a span joined by a conjunction to a quote before it shares its kind;
//  5. after a reporting verb earlier in the sentence the span is speech:
//     direct when it is a clause of its own (it opens with إن / أن, or it
//     has five words or more with only the speaker's name and circumstance
//     between verb and span, or twelve words or more after a complementizer
//     and its subject), partial when it follows a preposition or is short;
//  6. a reporting word right after the span makes it direct;
//  7. with no reporting word, long spans (six words or more) are still
//     speech; short ones are names, terms or scare quotes.
func classify(content string, c context, prev Kind) Kind {
	if c.joined != "" {
		return c.joined
	}
	words := countWords(content)
	if words == 0 {
		return Other
	}
	if words <= 4 && (c.afterColon || nameSet[Key(content)]) {
		return Other
	}
	if words <= 3 && toOutlet(c.toks) {
		return Other // the outlet spoken to: وقال لـ"الاقتصادية"، في حديث لـ"العربية.نت"
	}
	toks := c.toks
	last := ""
	if len(toks) > 0 {
		last = toks[len(toks)-1]
	}
	lastClass := classOf(last)
	if lastClass == wordPlain && (namesThing(last) || words <= 3 && namesPerson(last) && !saidBefore(toks) && !familyName(toks)) {
		lastClass = wordNaming // ملعب "…"; بالشهيد "محمد الدرة" where nobody reports
	}
	// 2. naming noun or verb before the span; but a clause after "a
	// speech" (في كلمة) or after a definite noun (وقالت الوكالة، في
	// التلفزيون) is speech: a name follows an indefinite head.
	if lastClass == wordNaming && !(words >= 5 && (speechNoun(toks) || definiteNaming(last) && saidBefore(toks) && !repeatsHead(content, last))) {
		return Other
	}
	if words <= 4 && (lastClass == wordPlain || lastClass == wordPreposition) {
		for i, seen := len(toks)-2, 0; i >= 0 && seen < 3; i-- {
			if last == ":" && i < len(toks)-2 && saidBefore(toks) {
				break // in a sentence that reports, only the word right before a colon names (بعنوان: "…"); لوكالة الأنباء: "…" is who heard it
			}
			cl := classOf(toks[i])
			if cl == wordNaming {
				if last == ":" && personNaming[strings.TrimPrefix(toks[i], "و")] {
					break // a person named, then a colon: "وقال رجل يدعى سامي: «…»" is speech
				}
				return Other
			}
			if cl == wordPreposition || transparent[toks[i]] {
				continue
			}
			if cl != wordPlain || toks[i] == ":" || toks[i] == "," {
				break
			}
			seen++
		}
	}
	// 3. what stands right before the span.
	if len(toks) == 0 {
		switch {
		case prev != "":
			return prev
		case words >= 3:
			return Direct
		}
		return Other
	}
	for i := len(toks) - 1; i >= 0 && i >= len(toks)-3; i-- {
		if toks[i] == ":" {
			if words >= 5 || i == len(toks)-1 {
				return Direct
			}
			return Partial
		}
	}
	opensClause := startsWithComplementizer(content)
	switch lastClass {
	case wordSpeech:
		if words <= 3 && c.subjectOf {
			return Other // the subject in marks: أعلنت "الشركة" أن …
		}
		if words >= 2 {
			return Direct
		}
		return Partial
	case wordEvaluative:
		return Partial
	case wordComplementizer:
		if words >= 3 {
			return Direct
		}
		return Partial
	case wordPronounComp:
		if words >= 9 || opensClause {
			return Direct
		}
		return Partial
	}
	// 4. joined to the quote before.
	if prev != "" && len(toks) <= 2 && allConjunctions(toks) {
		return prev
	}
	// 5. a reporting word earlier in the sentence.
	speechAt, compAt := -1, -1
	for i := len(toks) - 1; i >= 0; i-- {
		switch classOf(toks[i]) {
		case wordSpeech, wordEvaluative:
			speechAt = i
		case wordComplementizer, wordPronounComp:
			if compAt < 0 {
				compAt = i
			}
		}
		if speechAt >= 0 {
			break
		}
	}
	if speechAt >= 0 {
		switch {
		case opensClause:
			return Direct
		case lastClass == wordPreposition:
			return Partial
		case compAt > speechAt:
			if words >= 12 {
				return Direct
			}
			return Partial
		case words >= 5 && len(toks)-speechAt-1 <= 14 && classOf(toks[speechAt]) == wordSpeech:
			return Direct
		}
		return Partial
	}
	// 6. a reporting word right after the span.
	if c.afterSpeech {
		if words >= 3 {
			return Direct
		}
		return Partial
	}
	// 7. no reporting word at all.
	if words >= 6 {
		if opensClause || (compAt >= 0 && compAt == len(toks)-1) {
			return Direct
		}
		return Partial
	}
	return Other
}

// toOutlet reports whether tokens end in ل after a reporting verb or a
// statement noun (قال لـ، في تصريح لـ، في حديثه لـ): what follows is the
// outlet the words were said to.
func toOutlet(toks []string) bool {
	n := len(toks)
	if n < 2 || toks[n-1] != "ل" {
		return false
	}
	prev := toks[n-2]
	return classOf(prev) == wordSpeech || statementSet[prev]
}

// familyName reports whether the last token is the family part of a name
// (آل الشيخ): a person, not a noun before one.
func familyName(toks []string) bool {
	return len(toks) >= 2 && (toks[len(toks)-2] == Key("آل") || toks[len(toks)-2] == Key("وآل"))
}

// subjectFollows reports whether the tokens after a span open what its
// subject said: a complementizer (إن / أن / بأن) or a statement's venue
// (في بيان، في تغريدة), so the span before them is the subject.
func subjectFollows(rest []string) bool {
	if len(rest) == 0 {
		return false
	}
	if c := classOf(rest[0]); c == wordComplementizer || c == wordPronounComp {
		return true
	}
	return len(rest) >= 2 && strings.TrimPrefix(rest[0], "و") == "في" && venueSet[rest[1]]
}

// transparent words are looked through when searching for a naming word
// before a span (تطلق على نفسها "…"، يطلق عليه "…").
var transparent = map[string]bool{}

func init() {
	for _, w := range []string{"نفسه", "نفسها", "نفسهم", "انفسهم", "عليه", "عليها", "عليهم", "له", "لها", "لهم", "ما", "اسم"} {
		transparent[Key(w)] = true
	}
}

// startsWithComplementizer reports whether a span opens with إن / أن: the
// speaker's own clause, quoted whole.
func startsWithComplementizer(content string) bool {
	toks := firstTokens(content, 1)
	if len(toks) == 0 {
		return false
	}
	cl := classOf(toks[0])
	return cl == wordComplementizer || cl == wordPronounComp
}

func allConjunctions(toks []string) bool {
	for _, t := range toks {
		if !conjSet[t] {
			return false
		}
	}
	return true
}

// speechNoun reports whether toks end with كلمة after a preposition (في
// كلمة، خلال كلمة، بكلمة): "a speech", not "the word".
func speechNoun(toks []string) bool {
	n := len(toks)
	if n == 0 {
		return false
	}
	last := strings.TrimPrefix(toks[n-1], "و")
	if last == speechWordKey {
		return n >= 2 && classOf(toks[n-2]) == wordPreposition
	}
	return last == "ب"+speechWordKey
}

var speechWordKey = Key("كلمة")

// definiteNaming reports whether tok is a naming noun only with the
// article (الوكالة، بالتلفزيون), not one listed as it stands (المعروف).
func definiteNaming(tok string) bool {
	if namingSet[tok] {
		return false
	}
	for _, p := range namePrefixes {
		if strings.Contains(p, "ال") || p == "لل" {
			if len(tok) > len(p)+2 && strings.HasPrefix(tok, p) && namingSet[tok[len(p):]] {
				return true
			}
		}
	}
	return false
}

// saidBefore reports whether a reporting verb stands among toks before
// the naming noun that ends them (وقالت الوكالة، قال … في التلفزيون، قال
// مسؤول إن الشركة). Titles after such a noun (قال إن الفيلم "…") are then
// read as speech too: the corpus has far more of the first.
func saidBefore(toks []string) bool {
	for _, t := range toks[:max(len(toks)-1, 0)] {
		if classOf(t) == wordSpeech {
			return true
		}
	}
	return false
}

// repeatsHead reports whether content opens with the naming noun head
// without its article: the name of the thing, not words it said.
func repeatsHead(content, head string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(Key(content)), " ")
	for _, p := range namePrefixes {
		if strings.HasPrefix(head, p) && len(head) > len(p)+2 {
			bare := head[len(p):]
			if namingSet[bare] {
				return first == bare || strings.TrimPrefix(first, "ال") == bare
			}
		}
	}
	return false
}
