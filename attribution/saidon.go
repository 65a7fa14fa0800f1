package attribution

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// The bases of a said_on date (DESIGN.md §5).
const (
	BasisExplicit  = "explicit"
	BasisWeekday   = "weekday"
	BasisRelative  = "relative"
	BasisPublished = "published"
)

// weekdays maps the key form of Arabic weekday names, with the Moroccan
// الإتنين, to Go weekdays (ARABIC.md §4.3).
var weekdays = map[string]time.Weekday{}

func init() {
	for name, d := range map[string]time.Weekday{
		"السبت": time.Saturday, "الأحد": time.Sunday, "الاحد": time.Sunday, "الاثنين": time.Monday,
		"الإثنين": time.Monday, "الأثنين": time.Monday, "الإتنين": time.Monday, "الثلاثاء": time.Tuesday,
		"الأربعاء": time.Wednesday, "الخميس": time.Thursday, "الجمعة": time.Friday,
	} {
		weekdays[quotes.Key(name)] = d
		weekdays[quotes.Key("و"+name)] = d // والأحد، أعلن …
	}
}

// relativeDays maps relative day words to their offset from the
// publication day (ARABIC.md §4.4); two-word forms are joined by a space.
var relativeDays = map[string]int{}

func init() {
	for w, d := range map[string]int{
		"أمس": -1, "الأمس": -1, "البارحة": -1, "الليلة الماضية": -1, "مساء أمس": -1, "صباح أمس": -1,
		"أول أمس": -2, "أمس الأول": -2, "اليوم": 0, "الليلة": 0,
	} {
		k := quotes.Key(w)
		relativeDays[k] = d
		if first, _, two := strings.Cut(k, " "); two {
			relativeFirst[first] = true
		}
	}
}

// relativeFirst holds the first words of the two-word relative days.
var relativeFirst = map[string]bool{}

// dayWords holds every word that relativePair, relativeDays or weekdays
// knows: findDayClues asks it alone (a fact of the memo, wordCounts.day)
// of the many words that are none.
var dayWords = map[string]bool{}

func init() {
	for w := range relativeFirst {
		dayWords[w] = true
	}
	for w := range relativeDays {
		dayWords[w] = true
	}
	for w := range weekdays {
		dayWords[w] = true
	}
}

// relativePair looks up the two-word relative day "a b", building the
// pair only when a can start one.
func relativePair(a, b string) (int, bool) {
	if !relativeFirst[a] {
		return 0, false
	}
	d, ok := relativeDays[a+" "+b]
	return d, ok
}

// dayOfMonth reads k as a day of the month, 1 to 31.
func dayOfMonth(k string) (int, bool) {
	if !startsWithDigit(k) {
		return 0, false // not a number: no need to build strconv's error
	}
	n, err := strconv.Atoi(k)
	return n, err == nil && n >= 1 && n <= 31
}

// startsWithDigit reports whether folded word k starts with an ASCII
// digit: only such a word can be a day of the month (dayOfMonth), and
// count lists them for findDayClues.
func startsWithDigit(k string) bool {
	return k != "" && k[0] >= '0' && k[0] <= '9'
}

// clue is a time expression found in an article.
type clue struct {
	at      int // byte offset where it starts
	day     time.Time
	basis   string
	earlier bool // its sentence is a pluperfect (وكان … قد أعلن الخميس)
	context bool // its sentence dates the statements around it (جاء ذلك خلال اجتماع … الأربعاء)
}

// word is one token of an article with its byte offsets and folded form.
type word struct {
	start, end int
	key        string
	id         int32 // its number in the article's wordCounts (while appendWordsIn makes a key, where it ends: see wordKeys)
}

// appendWords splits text into letter-or-digit runs (a word may hold a
// hyphen, جونغ-أون, and the dots of an abbreviation of one- and two-letter
// pieces, بي.في.ام), appended to out; sentence ends (. ! ? ؟ and line
// breaks) become the token ".", commas ",", colons ":" and quotation marks
// "\"". Attribute calls appendWordsIn, which reuses a buffer from article
// to article.
func appendWords(out []word, text string) []word {
	out, _ = appendWordsIn(out, nil, text)
	return out
}

// appendWordsIn is appendWords that folds the words into buf, reused from
// call to call, and returns it: the keys that folding changes are cut
// from one string made of buf at the end, not allocated one by one.
func appendWordsIn(out []word, buf []byte, text string) ([]word, []byte) {
	if cap(out) == 0 {
		out = make([]word, 0, len(text)/7) // about one word in seven bytes of Arabic news
	}
	keys := wordKeys{buf: buf[:0], first: len(out)}
	start := -1
	seg := 0       // letters since the word's start or its last dot
	var fold uint8 // 1 when the word may change when folded
	for i, size := 0, 0; i < len(text); i += size {
		// An Arabic letter (U+0620–U+064A, the tatweel among them), most
		// runes of the news, is a letter of a word and no dot: read off
		// its two bytes, without classifyRune (TestArabicLettersAreLetters),
		// by a table rather than by comparisons, which the processor
		// mispredicts as letters of either lead byte follow each other.
		if c := text[i]; c&^1 == 0xD8 && i+1 < len(text) {
			if v := arabicLetters[int(c&1)<<8|int(text[i+1])]; v != 0 {
				if start < 0 {
					start, seg, fold = i, 0, 0
				}
				seg++
				size = 2
				fold |= v >> 1
				continue
			}
		}
		// Decoded here, not by range: the two-byte runes of Arabic text
		// cost no call.
		r := rune(text[i])
		size = 1
		if c := text[i]; c >= 0xC2 && c < 0xE0 && i+1 < len(text) && text[i+1]&0xC0 == 0x80 {
			r, size = rune(c&0x1F)<<6|rune(text[i+1]&0x3F), 2
		} else if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		letter, mark := classifyRune(r)
		isWord := letter || mark ||
			(r == '-' && start >= 0 && i+1 < len(text) && text[i+1] != ' ') ||
			(r == '.' && start >= 0 && seg <= 2 && shortSegmentAt(text, i+1)) // بي.في.ام، أ.ف.ب: an abbreviation, not a sentence end
		if isWord {
			if start < 0 {
				start, seg = i, 0
			}
			fold = 1 // any other rune: Fold decides
			if r == '.' {
				seg = 0
			} else if !mark {
				seg++
			}
			continue
		}
		if start >= 0 {
			if fold != 0 {
				out = keys.add(out, text, start, i)
			} else {
				out = append(out, word{start: start, end: i, key: text[start:i]}) // only letters Fold keeps: its own key
			}
			start = -1
		}
		tok := ""
		switch r {
		case '.', '!', '?', '؟', '\n':
			tok = "."
		case '،', ',', '(', ')', '[', ']', '؛', ';':
			tok = ","
		case ':':
			tok = ":"
		case '"', '«', '»', '“', '”', '„', '‟', '‘', '’':
			tok = "\""
		}
		if tok == "." && r == '.' && len(out) > 0 && out[len(out)-1].end == i && oneLetter(keys.last(out)) {
			tok = "" // د. أحمد، م. سامي: the dot of a one-letter abbreviation ends nothing
		}
		if tok != "" {
			out = append(out, word{start: i, end: i + utf8.RuneLen(r), key: tok})
		}
	}
	if start >= 0 {
		out = keys.add(out, text, start, len(text))
	}
	return keys.made(out), keys.buf
}

// arabicLetters holds, by the low bit of the lead byte (D8 or D9) and the
// second byte, whether two bytes are an Arabic letter (U+0620–U+064A): 1
// for a letter that Fold keeps, 2 for one it changes, 0 for anything else.
var arabicLetters = func() (t [512]uint8) {
	for r := rune(0x0620); r <= 0x064A; r++ {
		b := utf8.AppendRune(nil, r)
		t[int(b[0]&1)<<8|int(b[1])] = 2
		if quotes.FoldKeeps(r) {
			t[int(b[0]&1)<<8|int(b[1])] = 1
		}
	}
	return t
}()

// wordKeys makes the keys of the words that appendWordsIn folds. A key
// that folding changes waits in buf, the word's key left empty and its id
// holding where the key ends in buf (the key waiting before it ends where
// it starts), until made cuts them all from one string.
type wordKeys struct {
	buf    []byte
	first  int  // the first word of this text in out
	folded bool // some key waits in buf
	lastLo int  // where the last key that waits starts in buf
}

// add appends to out the word text[start:end], folded.
func (k *wordKeys) add(out []word, text string, start, end int) []word {
	w := text[start:end]
	n := len(k.buf)
	var changed bool
	k.buf, changed = quotes.AppendFold(k.buf, w)
	switch {
	case !changed:
		k.buf = k.buf[:n]
		out = append(out, word{start: start, end: end, key: w})
	case len(k.buf) > n:
		out = append(out, word{start: start, end: end, id: int32(len(k.buf))})
		k.folded, k.lastLo = true, n
	} // else folded to nothing: no word
	return out
}

// last returns the key of the last word of out, made or waiting.
func (k *wordKeys) last(out []word) string {
	if key := out[len(out)-1].key; key != "" {
		return key
	}
	return string(k.buf[k.lastLo:])
}

// made gives every waiting word of out its key.
func (k *wordKeys) made(out []word) []word {
	if !k.folded {
		return out
	}
	keys, lo := string(k.buf), 0
	for i := k.first; i < len(out); i++ {
		if w := &out[i]; w.key == "" {
			w.key, lo, w.id = keys[lo:w.id], int(w.id), 0
		}
	}
	return out
}

// blessings are the formulas that follow a ruler's or a late person's name
// (الملك سلمان - حفظه الله -، نائب خادم الحرمين الشريفين، رعاه الله،):
// a verb and الله, never part of the name or of what was said.
var blessings = map[string]bool{}

func init() {
	for _, w := range []string{"حفظه", "حفظها", "حفظهم", "حفظهما", "يحفظه", "يحفظها", "رعاه", "رعاها", "رعاهم",
		"يرعاه", "يرعاها", "أيده", "أيدها", "رحمه", "رحمها", "رحمهم", "رحمهما", "يرحمه", "يرحمها", "سلمه", "سلمها"} {
		blessings[quotes.Fold(w)] = true
	}
}

// dropBlessings replaces each blessing formula of ws (with تعالى after
// it) by a comma, so that a name ends before it: names are cut from the
// raw text, so a name read on past a dropped formula would bring it back.
// A formula already set off by a comma leaves no second one.
func dropBlessings(text string, ws []word) []word {
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		// رحمة الله with a tāʾ marbūṭa is a name (رحمة الله يوسف زائي):
		// folding makes it look like the formula رحمه الله.
		// الله is asked first: it is rarer than a word, and costs no map
		// lookup.
		if i+1 < len(ws) && isAllah(ws[i+1].key) && blessings[ws[i].key] && !strings.HasSuffix(text[ws[i].start:ws[i].end], "ة") {
			start := ws[i].start
			i++
			if i+1 < len(ws) && ws[i+1].key == taala {
				i++
			}
			end := ws[i].end
			if i+1 < len(ws) && ws[i+1].key == "," {
				i++ // its closing comma stands for it
				end = ws[i].end
			}
			if len(out) == 0 || out[len(out)-1].key != "," {
				out = append(out, word{start: start, end: end, key: ","})
			}
			continue
		}
		if len(out) == i {
			out = out[:i+1] // nothing dropped yet: ws[i] is in place
		} else {
			out = append(out, ws[i])
		}
	}
	return out
}

var allah, taala = quotes.Fold("الله"), quotes.Fold("تعالى")

// isAllah reports whether folded word w is الله, hyphens around it aside
// (-الله-).
func isAllah(w string) bool {
	return w == allah || len(w) > len(allah) && (w[0] == '-' || w[len(w)-1] == '-') && strings.Trim(w, "-") == allah
}

// classifyRune reports whether r is a letter or digit (or the tatweel),
// and whether it is a combining mark (Mn), answering the Arabic block and
// ASCII without the Unicode tables: they are nearly every rune of the news.
func classifyRune(r rune) (letterOrDigit, mark bool) {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9', false
	case r >= 0x0620 && r <= 0x064A: // letters, the tatweel among them
		return true, false
	case r >= 0x064B && r <= 0x065F: // harakat and other marks
		return false, true
	case r >= 0x0660 && r <= 0x0669: // Arabic-Indic digits
		return true, false
	}
	if unicode.Is(unicode.Mn, r) {
		return false, true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r), false
}

// oneLetter reports whether key is a single letter (د، م), not a mark.
func oneLetter(key string) bool {
	r, n := utf8.DecodeRuneInString(key)
	return n == len(key) && unicode.IsLetter(r)
}

// shortSegmentAt reports whether one or two letters start at byte i of
// text and end at a dot or outside a word: the next piece of an
// abbreviation (في.ام), not a word glued to a sentence end (غدا.وقال).
func shortSegmentAt(text string, i int) bool {
	n := 0
	for _, r := range text[i:] {
		if !unicode.IsLetter(r) {
			break
		}
		if n++; n > 2 {
			return false
		}
	}
	return n > 0
}

// findClues returns the time expressions of an article resolved against
// its publication day: explicit dates (12 مارس، 12 مارس 2024), weekdays
// (the most recent one on or before publication; strictly before with
// الماضي), and relative words (أمس، أول أمس، اليوم، الليلة الماضية).
func findClues(ws []word, c *wordCounts, base int, pub time.Time) []clue {
	out := findDayClues(ws, c, base, pub)
	// Mark the clues of pluperfect sentences and of sentences that date
	// what was said around them (جاء ذلك …).
	ci, sentStart := 0, 0
	for i := 0; i <= len(ws) && ci < len(out); i++ {
		if i < len(ws) && ws[i].key != "." {
			continue
		}
		end, endAt := len(ws), 1<<62
		if i < len(ws) {
			end, endAt = i, ws[i].start
		}
		if out[ci].at >= endAt {
			sentStart = i + 1
			continue // no clue in this sentence: its words do not matter
		}
		kana, qad, ctx := false, false, false
		for _, w := range ws[sentStart:end] {
			switch {
			case w.key == jaa || w.key == wajaa:
				ctx = true
			case kanaForms[w.key]:
				kana = true
			case w.key == qadWord && kana:
				qad = true
			}
		}
		for ci < len(out) && out[ci].at < endAt {
			out[ci].earlier, out[ci].context = qad, ctx
			ci++
		}
		sentStart = i + 1
	}
	return out
}

func isWeekday(w string) bool {
	_, ok := weekdays[w]
	return ok
}

// findDayClues returns the day clues of ws, a story whose first word is
// word base of the article that c counted (c may be nil).
func findDayClues(ws []word, c *wordCounts, base int, pub time.Time) []clue {
	var out []clue
	add := func(i int, c clue) {
		// "منذ 14 أغسطس"، "حتى (يوم) الخميس": a span's start or end, not
		// the day of the words.
		j := i - 1
		if j > 0 && ws[j].key == dayWord {
			j--
		}
		if j < 0 || !spanWords[ws[j].key] {
			out = append(out, c)
		}
	}
	// visit reads the word at i, and reports whether it read the word
	// after it too.
	visit := func(i int) bool {
		k := ws[i].key
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1].key
		}
		if c.day(ws[i]) {
			// "أمس الجمعة": when a relative day and a weekday disagree, the
			// weekday wins (the writer's "yesterday" is often the wire's), so
			// the relative word gives way to the weekday after it.
			if d, ok := relativePair(k, next); ok {
				if i+2 >= len(ws) || !isWeekday(ws[i+2].key) {
					add(i, clue{at: ws[i].start, day: pub.AddDate(0, 0, d), basis: BasisRelative})
				}
				return true
			}
			if d, ok := relativeDays[k]; ok {
				if !isWeekday(next) {
					add(i, clue{at: ws[i].start, day: pub.AddDate(0, 0, d), basis: BasisRelative})
				}
				return false
			}
			if wd, ok := weekdays[k]; ok {
				back := (int(pub.Weekday()) - int(wd) + 7) % 7
				if back == 0 && (next == quotes.Key("الماضي") || next == quotes.Key("المنصرم")) {
					back = 7
				}
				add(i, clue{at: ws[i].start, day: pub.AddDate(0, 0, -back), basis: BasisWeekday})
				return false
			}
		}
		if n, ok := dayOfMonth(k); ok {
			m, skip := monthAt(ws, i+1)
			if m == 0 {
				return false
			}
			year := pub.Year()
			explicitYear := false
			if j := i + 1 + skip; j < len(ws) {
				if y, err := strconv.Atoi(strings.TrimSuffix(ws[j].key, "م")); err == nil && y >= 1900 && y <= 2100 {
					year, explicitYear = y, true
				}
			}
			d := time.Date(year, time.Month(m), n, 0, 0, 0, 0, time.UTC)
			if d.Day() != n {
				return false
			}
			if !explicitYear && d.After(pub) {
				d = d.AddDate(-1, 0, 0) // "12 مارس" in a January article is last year's
			}
			if d.After(pub) || d.Before(pub.AddDate(-1, 0, 0)) {
				return false // a date of history or of a coming event, not of words reported now
			}
			add(i, clue{at: ws[i].start, day: d, basis: BasisExplicit})
		}
		return false
	}
	if c == nil || c.memo == nil {
		for i := 0; i < len(ws); i++ {
			if visit(i) {
				i++
			}
		}
		return out
	}
	// Only a day word or a number starts a clue: count listed the words
	// that are, and only their occurrences are read, in text order.
	next := 0 // the first word not read yet
	for _, at := range c.dated.in(c, base, len(ws)) {
		i := int(at) - base
		if i < next {
			continue
		}
		next = i + 1
		if visit(i) {
			next = i + 2
		}
	}
	return out
}

// spanWords open a span of time: a day after them starts or ends it.
var spanWords = set([]string{"منذ", "حتى", "لغاية", "وحتى", "ومنذ", "ولغاية"})

// dayWord is the folded يوم of "حتى يوم الأحد".
var dayWord = quotes.Fold("يوم")

// monthAt reads a month name (one or two words, combined forms like
// "فبراير/ شباط" take the first) at ws[i]; it returns the month and how
// many words it took, or 0.
func monthAt(ws []word, i int) (int, int) {
	if i >= len(ws) {
		return 0, 0
	}
	if i+1 < len(ws) {
		if m, ok := monthNames[ws[i].key+" "+ws[i+1].key]; ok {
			return m, 2
		}
	}
	if m, ok := monthNames[ws[i].key]; ok {
		if i+1 < len(ws) {
			if m2, ok := monthNames[ws[i+1].key]; ok && m2 == m {
				return m, 2
			}
		}
		return m, 1
	}
	return 0, 0
}

// saidOn picks the day a quote's words were said from its own sentence:
// the time expression nearest the cue (or, with no cue, nearest the
// opening mark, before it first). Time words inside quoted speech are the
// speaker's, not the narrator's. With no time word it returns the
// publication day and own false; the caller then looks at the context.
func saidOn(ws []word, clues []clue, q quotes.Quote, pub time.Time, cueAt int, quoted func(int) bool) (day time.Time, basis string, own bool) {
	open := q.OpenAt
	// The quote's sentence: from the sentence end before the opening mark
	// to the first sentence end after the quote.
	sentStart, sentEnd := 0, len(ws)
	for i, w := range ws {
		if w.end <= open && w.key == "." {
			sentStart = i + 1
		}
		if w.start >= q.End && w.key == "." {
			sentEnd = i
			break
		}
	}
	lo := 0
	if sentStart < len(ws) {
		lo = ws[sentStart].start
	}
	hi := 1 << 62
	if sentEnd < len(ws) {
		hi = ws[sentEnd].start
	}
	ref := open
	if cueAt >= lo && cueAt < hi {
		ref = cueAt
	}
	var best *clue
	bestDist := 1 << 62
	for i := range clues {
		c := &clues[i]
		if quoted(c.at) {
			continue
		}
		if c.at >= lo && c.at < hi && (c.at < open || c.at >= q.End) {
			d := c.at - ref
			if d < 0 {
				d = -d - 1 // before the cue wins a tie
			}
			if d < bestDist {
				best, bestDist = c, d
			}
		}
	}
	if best != nil {
		return best.day, best.basis, true
	}
	return pub, BasisPublished, false
}

var (
	kanaForms = set([]string{"كان", "وكان", "كانت", "وكانت", "فكان"})
	qadWord   = quotes.Fold("قد")
)

// jaa is the folded جاء of the institutional "جاء ذلك خلال …": a sentence
// that places the statements around it in time.
var jaa = quotes.Fold("جاء")

// wajaa is jaa with و (وجاء ذلك).
var wajaa = "و" + jaa
