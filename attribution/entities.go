package attribution

import (
	"strings"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// entity is one speaker of an article: a person with the fullest name the
// article gives and the role it gives them, or an organisation.
type entity struct {
	name string   // fullest name as written, or the organisation phrase
	toks []string // folded name tokens
	role string   // the first title chain the story gives, as written, "" when none
	also []string // the other title chains the story gives
	g    gender
	inst bool // an organisation or unnamed source
}

// entities is the per-story table of speakers (ARABIC.md §3: a surname
// alone resolves to the fullest name; a title alone to its holder).
type entities struct {
	list []*entity
	// named says whether a person's name is plainly a name, so that a
	// post resolves to its holder rather than to a misread phrase; nil
	// accepts every person.
	named func(*entity) bool
	roles map[string][]string // roleWords of the roles in list, kept: byRole reads them all for every title
}

// foldTokens returns the folded word tokens of s (quotes.FoldTokens).
func foldTokens(s string) []string {
	return quotes.FoldTokens(s)
}

// cleanName drops hashtag marks and the white space around a name as
// written (مايك #بومبيو → مايك بومبيو).
func cleanName(s string) string {
	if clean(s) {
		return s // most names: nothing to drop, no copy
	}
	s = hashtags.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// clean reports whether cleanName would leave s as it is: no hashtag
// marks, and single ASCII spaces between its words only. A byte that may
// start a white space rune beyond ASCII (U+0085, U+00A0, U+1680,
// U+2000–U+3000) leaves it to cleanName's full way.
func clean(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return s == ""
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '#' || c == '_' || c >= '\t' && c <= '\r' || c == 0xC2 || c >= 0xE1 && c <= 0xE3:
			return false
		case c == ' ' && s[i+1] == ' ':
			return false
		}
	}
	return true
}

var hashtags = strings.NewReplacer("#", "", "_", " ")

// sameWord compares two folded name words, tolerant of transliteration
// variants (سيرغي/سيرجي، ترامب/ترمب) through the speaker key skeleton and
// of the article ال (الحريري/حريري).
func sameWord(a, b string) bool {
	if a == b {
		return true
	}
	a, b = strings.TrimPrefix(a, "ال"), strings.TrimPrefix(b, "ال")
	if nisbaOf(a, b) || nisbaOf(b, a) {
		return false // إيران is not الإيراني
	}
	return sameNameWord(a, b)
}

// nisbaOf reports whether n is w with the -ي of an adjective (إيراني of
// إيران), without building w+"ي".
func nisbaOf(n, w string) bool {
	return len(n) == len(w)+len("ي") && strings.HasSuffix(n, "ي") && strings.HasPrefix(n, w)
}

// containsName reports whether every word of short appears in long, in
// order, and their last words match (a surname, or the whole short name).
func containsName(long, short []string) bool {
	if len(short) == 0 || len(long) < len(short) || !sameWord(long[len(long)-1], short[len(short)-1]) {
		// A first name alone (يوليا) may match the start of a full name.
		return len(short) == 1 && len(long) > 1 && sameWord(long[0], short[0])
	}
	i := 0
	for _, w := range long {
		if i < len(short) && sameWord(w, short[i]) {
			i++
		}
	}
	return i == len(short)
}

// person registers or finds the person named name (with role), returning
// the entity that holds the fullest form of the name.
func (t *entities) person(name, role string, g gender) *entity {
	name = cleanName(name)
	toks := foldTokens(name)
	if len(toks) == 0 {
		return nil
	}
	var best *entity
	for _, e := range t.list {
		if e.inst {
			continue
		}
		if containsName(e.toks, toks) || containsName(toks, e.toks) {
			if best == nil || len(e.toks) > len(best.toks) {
				best = e
			}
		}
	}
	if best == nil {
		best = &entity{name: name, toks: toks, role: role, g: g}
		t.list = append(t.list, best)
		return best
	}
	if len(toks) > len(best.toks) && containsName(toks, best.toks) {
		best.name, best.toks = name, toks
	}
	best.addRole(role)
	if best.g == genderUnknown {
		best.g = g
	}
	return best
}

// find returns the person whose name holds toks (a surname alone, or the
// full name), preferring the fullest, without registering anything.
func (t *entities) find(toks []string) *entity {
	var best *entity
	for _, e := range t.list {
		if !e.inst && len(toks) <= 2 && containsName(e.toks, toks) && (best == nil || len(e.toks) > len(best.toks)) {
			best = e
		}
	}
	return best
}

// byRole finds the latest person whose role holds every content word of
// role (الوزير الأمريكي → وزير الخارجية الأمريكي): a title standing for a
// name the story gives.
func (t *entities) byRole(role string) *entity {
	want := t.roleWords(role)
	if len(want) == 0 {
		return nil
	}
	// A named person holding the post wins over an unnamed office holder
	// registered by the title alone (رئيس الوزراء البرتغالي).
	var unnamed *entity
	for i := len(t.list) - 1; i >= 0; i-- {
		e := t.list[i]
		for k := -1; k < len(e.also); k++ { // e.role, then e.also, without a slice of them all
			r := e.role
			if k >= 0 {
				r = e.also[k]
			}
			if r != "" && roleHolds(t.roleWords(r), want) {
				if !e.inst && (t.named == nil || t.named(e)) {
					return e
				}
				if unnamed == nil {
					unnamed = e
				}
				break
			}
		}
	}
	return unnamed
}

// roleWords is roleWords for a role of the table's people, remembered.
func (t *entities) roleWords(role string) []string {
	if ws, ok := t.roles[role]; ok {
		return ws
	}
	if t.roles == nil {
		t.roles = map[string][]string{}
	}
	ws := roleWords(role)
	t.roles[role] = ws
	return ws
}

// roleHolds reports whether a role, as words, has the same head as want
// (الرئيس is not نائب الرئيس) and every word of want.
func roleHolds(have, want []string) bool {
	if len(have) == 0 || !sameWord(have[0], want[0]) {
		return false
	}
	for _, w := range want {
		found := false
		for _, h := range have {
			if sameWord(w, h) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// addRole records a title chain the story gives e.
func (e *entity) addRole(role string) {
	switch {
	case role == "" || role == e.role:
	case e.role == "":
		e.role = role
	default:
		for _, r := range e.also {
			if r == role {
				return
			}
		}
		e.also = append(e.also, role)
	}
}

// roleWords are the folded words of a role as stems (roleStem), so that
// a country and its adjective match: رئيس كوريا الجنوبية and الرئيس الكوري
// الجنوبي are one post.
func roleWords(role string) []string {
	var out []string
	for _, w := range foldTokens(role) {
		out = append(out, roleStem(w))
	}
	return out
}

// roleStem reduces a role word so that a country and its adjective meet:
// روسيا، الروسي and الروسية give روس; كوريا and الكورية give كور. Only a
// word with the article, or of five letters or more, loses a final ي (an
// adjective: الكوري، سينمائي), so the country مالي stays apart from
// المالية (finance), and only ـية loses its ة, so الدولة stays apart from
// الدولي.
func roleStem(w string) string {
	b := bare(w)
	article := b != w
	if strings.HasSuffix(b, "يه") && utf8.RuneCountInString(b) >= 4 {
		b = strings.TrimSuffix(b, "ه") // folded ـية → ـي
	}
	switch {
	case strings.HasSuffix(b, "يا") && utf8.RuneCountInString(b) >= 4:
		return strings.TrimSuffix(b, "يا")
	case strings.HasSuffix(b, "ي") && utf8.RuneCountInString(b) >= 3 && (article || utf8.RuneCountInString(b) >= 5):
		return strings.TrimSuffix(b, "ي") // سينمائي as السينمائي; not مالي
	case strings.HasSuffix(b, "ا") && utf8.RuneCountInString(b) >= 3:
		return strings.TrimSuffix(b, "ا")
	}
	return b
}

// institution registers or finds an organisation or unnamed source; a
// shorter form (الشرطة، التنظيم) finds the fuller one given before
// (الشرطة البريطانية، تنظيم الدولة الإسلامية).
func (t *entities) institution(phrase string, g gender) *entity {
	phrase = cleanName(phrase)
	toks := foldTokens(phrase)
	for _, e := range t.list {
		if e.inst && prefixOf(toks, e.toks) {
			return e
		}
	}
	for _, e := range t.list {
		if e.inst && prefixOf(e.toks, toks) {
			e.name, e.toks = phrase, toks
			return e
		}
	}
	e := &entity{name: phrase, toks: toks, g: g, inst: true}
	t.list = append(t.list, e)
	return e
}

// skeleton is the consonant skeleton of a folded word (ARABIC.md §3.5):
// velars and the g-letters together, emphatics with their plain
// counterparts, long vowels dropped inside the word, doubled letters once.
func skeleton(w string) string {
	var buf [32]rune
	return string(appendSkeleton(buf[:0], w))
}

// appendSkeleton appends the runes of the skeleton of w to out.
func appendSkeleton(out []rune, w string) []rune {
	var last rune
	for i, r := range w { // i is 0 only at the first rune
		switch r {
		case 'ا', 'و', 'ي', 'ى':
			if i > 0 {
				continue
			}
		}
		r = skeletonRune(r)
		if r == last {
			continue
		}
		out = append(out, r)
		last = r
	}
	return out
}

// skeletonEnds returns the first and the last rune of the skeleton of w
// (appendSkeleton), without making it; 0 and 0 when w is empty. The last
// is that of the last rune after the first that is not a vowel letter,
// or the first when there is none.
func skeletonEnds(w string) (first, last rune) {
	if w == "" {
		return 0, 0
	}
	r, n := utf8.DecodeRuneInString(w)
	first = skeletonRune(r)
	for j := len(w); j > n; {
		r, size := utf8.DecodeLastRuneInString(w[:j])
		j -= size
		switch r {
		case 'ا', 'و', 'ي', 'ى':
			continue
		}
		return first, skeletonRune(r)
	}
	return first, first
}

// skeletonRune maps a letter to the one that stands for its group in a
// skeleton.
func skeletonRune(r rune) rune {
	// The Arabic block by a table: a switch compares one case after another.
	if uint32(r)-0x0600 < uint32(len(skeletonRunes)) {
		return skeletonRunes[r-0x0600]
	}
	return skeletonRuneSwitch(r)
}

// skeletonRunes is skeletonRuneSwitch of U+0600–U+06FF.
var skeletonRunes = func() (t [0x100]rune) {
	for i := range t {
		t[i] = skeletonRuneSwitch(rune(0x0600 + i))
	}
	return t
}()

// skeletonRuneSwitch is skeletonRune without its table: it makes the
// table.
func skeletonRuneSwitch(r rune) rune {
	switch r {
	case 'غ', 'ج', 'ك', 'ق', 'گ', 'ڨ':
		return 'ك'
	case 'ط':
		return 'ت'
	case 'ص', 'ث':
		return 'س'
	case 'ض':
		return 'د'
	case 'ظ', 'ذ':
		return 'ز'
	case 'ة':
		return 'ه'
	}
	return r
}

// prefixOf reports whether short is a prefix of long, word by word, with
// the article ignored.
func prefixOf(short, long []string) bool {
	if len(short) == 0 || len(short) > len(long) {
		return false
	}
	for i, w := range short {
		if bare(w) != bare(long[i]) {
			return false
		}
	}
	return true
}
