package attribution

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// attribution is what was found for one quote.
type attribution struct {
	speaker    *entity
	mention    string
	cue        string
	credited   string
	confidence float64
	earlier    bool // وكان … قد قال: said before the article's events
	cueAt      int  // byte offset of the cue, -1 when none
}

// Confidence levels of a speaker, by how it was found.
const (
	confNamed     = 0.9  // a name next to the cue
	confInst      = 0.8  // an organisation or unnamed source next to the cue
	confRole      = 0.75 // a title standing for a name given earlier
	confCarried   = 0.7  // a continuation carrying the last speaker
	confUncued    = 0.5  // no cue: the last speaker of the story
	confNoSpeaker = 0.2  // nobody found
)

// attributor holds the state of one story while its quotes are read in
// order.
type attributor struct {
	text     string
	ws       []word      // the words of the story
	counts   *wordCounts // how often each word and pair of adjacent words occurs
	people   entities
	events   []event           // who was the subject of a reporting verb or spoke, in text order
	pos      int               // where the cue being read stands: carrying looks before it
	others   [][2]int          // byte ranges, marks included, of the names and terms in marks
	quoted   [][2]int          // byte ranges of the words of every quote
	spans    [][2]int          // the union of quoted, as disjoint ranges in text order
	clues    []clue            // the time words of the story
	full     map[string]string // fullName's answers
	base     int               // the index of the story's first word in counts.ws
	distinct []int32           // the numbers of the story's distinct words, built by withFirst
	firsts   []rune            // the first letter of the skeleton of each of distinct
	byFirst  map[rune][]int32  // distinct word numbers by the first letter of their skeleton, per letter asked for
	ends     []int             // word indexes of the sentence ends ("."), built by sentenceBounds
	last     attribution       // the previous quote's attribution
	lastEnd  int               // and where that quote ended
}

// wordCounts counts the words of an article and its pairs of adjacent
// words: a name recurs, a verb's object seldom does. Words are numbered
// (word.id), and what is known of a word (where it occurs, its lexicon
// facts, its nameForm) is kept once per article in slices indexed by its
// number rather than looked up by its string at every occurrence.
type wordCounts struct {
	ids     wordTable   // the folded words' numbers
	words   []int32     // how often each word occurs, by number
	ws      []word      // the counted words
	pos     []int32     // the indexes in ws of each word's occurrences, grouped by number: see at
	starts  []int32     // where each number's group starts in pos, and len(pos) last
	fill    []int32     // count's cursor into each group of pos
	memo    *factMemo   // the lexicon facts of words (sharedMemo), set by Attribute
	warmed  uint64      // what memo.warm read, kept
	ala     int8        // whether the text writes على with ى (aliName): 0 not yet known, 1 yes, 2 no
	facts   []wordFacts // the lexicon facts of each word, by number, copied from memo by count (or when first asked)
	forms   []nameForm  // each word as same compares it, by number, made by form when first asked
	runes   []rune      // the backing store of the skeletons of the article's nameForms
	heads   []rune      // the memory of attributor.firsts, reused from story to story
	order   []int32     // and of attributor.distinct
	seen    []uint32    // by number, the story in which distinct last found the word
	dated   occurrences // of the day words and numbers, where a clue may start (findDayClues)
	scanned occurrences // of the titles, issuing and reporting verbs and sentence ends (scanEntities)
	firsts  []rune      // by number, the first letter of the word's skeleton (see first), -1 until asked
	story   uint32      // distinct's count of the stories read
}

// count numbers the words of ws, setting their ids, counts them and
// indexes where each occurs, forgetting the words counted before.
func (c *wordCounts) count(ws []word) {
	c.ids.reset(len(ws))
	c.words = c.words[:0]
	c.facts = c.facts[:0]
	c.forms = c.forms[:0]
	c.firsts = c.firsts[:0]
	c.runes = c.runes[:0]
	c.ala = 0
	for i := range ws {
		id, isNew := c.ids.add(ws[i].key)
		if isNew {
			c.words = append(c.words, 0)
			c.facts = append(c.facts, wordFacts{})
		}
		ws[i].id = id
		c.words[id]++
	}
	// Group the indexes of ws by word number (a counting sort), so that
	// pair reads the occurrences of one word rather than a map of all the
	// pairs, which would cost a map insertion for every word of every
	// article.
	c.ws = ws
	n := len(c.words)
	c.starts = slices.Grow(c.starts[:0], n+1)[:n+1]
	c.fill = slices.Grow(c.fill[:0], n)[:n]
	var sum int32
	for id, k := range c.words {
		c.starts[id], c.fill[id] = sum, sum
		sum += k
	}
	c.starts[n] = sum
	c.pos = slices.Grow(c.pos[:0], len(ws))[:len(ws)]
	for i := range ws {
		id := ws[i].id
		c.pos[c.fill[id]] = int32(i)
		c.fill[id]++
	}
	// The facts of the article's words are fetched from the memo here, all
	// at once, and the words that findDayClues and scanEntities read are
	// listed: most words are read for their facts by one or the other.
	c.dated.reset()
	c.scanned.reset()
	if m := c.memo; m != nil {
		c.warmed = m.warm(c.ids.hashes[:len(c.facts)])
		for id := range c.facts {
			k := c.ids.keys[id]
			f := m.ofHashed(k, c.ids.hashes[id])
			c.facts[id] = f
			if f.day || startsWithDigit(k) {
				c.dated.ids = append(c.dated.ids, int32(id))
			}
			if f.title || f.issuing || f.cueOK && f.cue == cueVerb || k == "." {
				c.scanned.ids = append(c.scanned.ids, int32(id))
			}
		}
	}
}

// at returns the indexes in the counted words of the occurrences of the
// word numbered id, in text order.
func (c *wordCounts) at(id int32) []int32 { return c.pos[c.starts[id]:c.starts[id+1]] }

// occurrences are where some words of an article occur: the words are
// listed by count, and their occurrences gathered in text order when a
// story first asks, once for the article.
type occurrences struct {
	ids  []int32 // the numbers of the words
	at   []int32 // the indexes in the counted words of their occurrences, in text order
	made bool    // at is made
}

func (o *occurrences) reset() {
	o.ids, o.at, o.made = o.ids[:0], o.at[:0], false
}

// in returns the indexes of the occurrences among the n counted words
// from base (a story), in text order.
func (o *occurrences) in(c *wordCounts, base, n int) []int32 {
	if !o.made {
		for _, id := range o.ids {
			o.at = append(o.at, c.at(id)...)
		}
		slices.Sort(o.at)
		o.made = true
	}
	lo, _ := slices.BinarySearch(o.at, int32(base))
	hi, _ := slices.BinarySearch(o.at, int32(base+n))
	return o.at[lo:hi]
}

// key returns the folded word numbered id.
func (c *wordCounts) key(id int32) string { return c.ids.keys[id] }

// distinct appends to buf[:0] the numbers of the distinct words of ws, a
// run of the counted words, in the order they first occur.
func (c *wordCounts) distinct(ws []word, buf []int32) []int32 {
	if len(ws) == len(c.ws) && (len(ws) == 0 || &ws[0] == &c.ws[0]) {
		// All the words of the article, as most stories are: words are
		// numbered in the order they first occur.
		out := slices.Grow(buf[:0], len(c.words))[:len(c.words)]
		for i := range out {
			out[i] = int32(i)
		}
		return out
	}
	c.story++
	if c.story == 0 { // wrapped: forget every mark
		clear(c.seen)
		c.story = 1
	}
	if len(c.seen) < len(c.words) {
		c.seen = slices.Grow(c.seen[:0], len(c.words))[:len(c.words)]
		clear(c.seen)
	}
	out := buf[:0]
	for _, w := range ws {
		if c.seen[w.id] != c.story {
			c.seen[w.id] = c.story
			out = append(out, w.id)
		}
	}
	return out
}

// scratch is the working memory of Attribute for one article, the words
// of its text and their counts, reused from article to article: scratches
// live in a sync.Pool, one per worker in practice.
type scratch struct {
	ws     []word
	fold   []byte // the keys that folding changed, before they are a string
	counts wordCounts
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// maxScratchWords bounds the words a scratch keeps room for: clearing the
// maps a huge page grew would cost every later article.
const maxScratchWords = 1 << 13

func putScratch(s *scratch) {
	s.counts.memo = nil
	if cap(s.ws) > 4*maxScratchWords || len(s.counts.words) > maxScratchWords || cap(s.fold) > 16*maxScratchWords {
		return
	}
	scratches.Put(s)
}

// word returns how often w occurs; a nil c counts nothing.
func (c *wordCounts) word(w word) int {
	if c == nil {
		return 0
	}
	return int(c.words[w.id])
}

// pair returns how often a and then b occur; a nil c counts nothing. It
// reads the occurrences of the rarer of the two words.
func (c *wordCounts) pair(a, b word) int {
	if c == nil {
		return 0
	}
	n := 0
	if c.words[a.id] <= c.words[b.id] {
		for _, i := range c.at(a.id) {
			if int(i)+1 < len(c.ws) && c.ws[i+1].id == b.id {
				n++
			}
		}
	} else {
		for _, i := range c.at(b.id) {
			if i > 0 && c.ws[i-1].id == a.id {
				n++
			}
		}
	}
	return n
}

// factsOf returns the lexicon facts of the counted word w, from the memo
// (or worked out, without one) the first time the article asks for them
// and from c.facts after.
func (c *wordCounts) factsOf(w word) wordFacts {
	f := &c.facts[w.id]
	if !f.known {
		if c.memo == nil {
			*f = factsOfWord(w.key)
		} else {
			*f = c.memo.of(w.key)
		}
	}
	return *f
}

// stop is isStop of w, answered from the memo when c has one.
func (c *wordCounts) stop(w word) bool {
	if c == nil || c.memo == nil {
		return isStop(w.key)
	}
	return c.factsOf(w).stop
}

// day reports whether w is one of dayWords; a nil c counts nothing, and
// looks the word up.
func (c *wordCounts) day(w word) bool {
	if c == nil {
		return dayWords[w.key]
	}
	return c.factsOf(w).day
}

// nameLike is nameLike of w, answered from the memo when c has one.
func (c *wordCounts) nameLike(w word) bool {
	if c == nil || c.memo == nil {
		return nameLike(w.key)
	}
	return c.factsOf(w).name
}

// skeleton returns the runes of the skeleton of f.w, computing them once
// into c.runes: same compares them with many words, by their lengths
// first.
func (c *wordCounts) skeleton(f *nameForm) []rune {
	if len(f.skel) == 0 {
		n := len(c.runes)
		c.runes = appendSkeleton(c.runes, f.w)
		f.skel = c.runes[n:len(c.runes):len(c.runes)]
	}
	return f.skel
}

// of returns how often the folded word key occurs.
func (c *wordCounts) of(key string) int {
	if id, ok := c.ids.find(key); ok {
		return int(c.words[id])
	}
	return 0
}

// wordFacts are the lexicon facts that scanEntities and others ask of the
// words of a story: most words are none of them, and each lookup strips
// clitics and probes several sets.
type wordFacts struct {
	title   bool // in(titleSet, w)
	issuing bool // an issuing verb (نشر بيانا)
	cue     cueKind
	g       gender
	cueOK   bool // cueAt(w) found a cue
	stop    bool // isStop(w): the word ends a speaker phrase
	name    bool // nameLike(w)
	day     bool // dayWords[w]: findDayClues reads on only at these
	known   bool // set on facts that were worked out: wordCounts.facts is a zero wordFacts until asked
}

// factsOfWord works out the wordFacts of the folded word w: factMemo
// remembers them.
func factsOfWord(w string) wordFacts {
	v := unprefixed(w)
	f := wordFacts{title: in(titleSet, w), issuing: in(issuingVerbs, v) || v != w && in(issuingVerbs, w), known: true}
	f.cue, f.g, f.cueOK = cueOf(w, v)
	f.stop = f.cueOK || listedStop(w, v) // isStop(w), without a second cueOf
	f.name = !f.stop && !f.title && maybeName(w)
	f.day = dayWords[w]
	return f
}

// cue is cueAt of the story's word j, from the memo.
func (at *attributor) cue(j int) (cueKind, gender, bool) {
	f := at.counts.factsOf(at.ws[j])
	return f.cue, f.g, f.cueOK
}

// inQuote reports whether byte offset off is inside the words of a quote.
// It searches spans: fullName asks it of every candidate word of a story.
func (at *attributor) inQuote(off int) bool {
	k := sort.Search(len(at.spans), func(k int) bool { return at.spans[k][1] > off })
	return k < len(at.spans) && at.spans[k][0] <= off
}

// unite returns the union of the byte ranges rs as disjoint ranges in
// text order, those that overlap or touch merged.
func unite(rs [][2]int) [][2]int {
	out := slices.Clone(rs)
	slices.SortFunc(out, func(a, b [2]int) int { return a[0] - b[0] })
	n := 0
	for _, r := range out {
		if r[1] <= r[0] {
			continue // holds no offset
		}
		if n > 0 && r[0] <= out[n-1][1] {
			out[n-1][1] = max(out[n-1][1], r[1])
			continue
		}
		out[n] = r
		n++
	}
	return out[:n]
}

// inOther reports whether byte offset off is a mark of a name or term in
// marks (a quote of kind other).
func (at *attributor) inOther(off int) bool {
	for _, r := range at.others {
		if off >= r[0] && off <= r[1] {
			return true
		}
	}
	return false
}

// event says that e spoke, or was the subject of a reporting verb, at a
// byte offset: what a subjectless verb later looks back to.
type event struct {
	at     int
	e      *entity
	dated  *clue // the time word nearest the verb in its sentence, if any
	issued bool  // e put out a statement (نشر بيانا): it dates e's words, it is no one speaking
}

// scanEntities registers every titled person and every subject of a
// reporting verb in the story, so that a surname or a title later resolves
// to the fullest name (وقال لافروف → سيرغي لافروف) and a subjectless verb
// finds who was last reported speaking.
func (at *attributor) scanEntities() {
	c := at.counts
	if c == nil || c.memo == nil {
		lo := 0
		for i := range at.ws {
			if at.ws[i].key == "." {
				lo = i + 1
				continue
			}
			at.scanWord(i, lo)
		}
		return
	}
	// Only a title, an issuing or reporting verb, or a sentence end does
	// anything: count listed the words that are, and only their
	// occurrences are read, in text order.
	lo := 0
	for _, k := range c.scanned.in(c, at.base, len(at.ws)) {
		i := int(k) - at.base
		if at.ws[i].key == "." {
			lo = i + 1
			continue
		}
		at.scanWord(i, lo)
	}
}

// scanWord is scanEntities at the story's word i, in the sentence that
// starts at word lo.
func (at *attributor) scanWord(i, lo int) {
	w := at.ws[i].key
	fw := at.counts.factsOf(at.ws[i])
	if fw.title && (i == 0 || !at.counts.factsOf(at.ws[i-1]).title) {
		p := at.phrase(i, len(at.ws))
		if p.name == "" && p.role != "" && i > 0 && p.next < len(at.ws) && isCueVerb(at.ws[p.next].key) &&
			at.counts.nameLike(at.ws[i-1]) && !hasArticle(at.text, at.ws[i-1]) {
			// A name, its post, then the verb: "فاروق جليك وزير العمل
			// التركي قال". The post is the named person's.
			full := at.fullName(at.text[at.ws[i-1].start:at.ws[i-1].end])
			if len(foldTokens(full)) >= 2 {
				at.people.person(full, p.role, p.g)
				return
			}
		}
		if p.name != "" {
			at.resolve(p, p.g)
		} else if p.role != "" && !hasArticle(at.text, at.ws[i]) {
			// An unnamed office holder ("متحدث باسم الجيش"), kept as
			// written; its title lets "المتحدث" find it later.
			at.people.institution(p.role, p.g).role = p.role
		}
		return
	}
	if fw.issuing && at.issuedStatement(lo, i) {
		return
	}
	kind, g, ok := fw.cue, fw.g, fw.cueOK
	if !ok || kind != cueVerb || at.inQuote(at.ws[i].start) || at.predicateNoun(i) {
		return // a verb inside someone's quoted words reports nothing
	}
	saying := quotes.SayingWord(unprefixed(w)) || quotes.SayingWord(w)
	p := at.phraseAfterVerb(i+1, len(at.ws))
	if !saying {
		// An evaluative verb (طالبت، وصف): its subject counts only
		// when it is plainly a speaker, an organisation or a title.
		if p.empty() || (p.role == "" && !in(institutionSet, at.ws[i+1].key)) {
			return
		}
	}
	if p.empty() {
		p = at.subjectBefore(lo, i)
	}
	if p.empty() {
		// The subject of a clause inside the sentence: "… لكن فاروق
		// جليك وزير العمل التركي قال".
		for o := i - 1; o > lo && i-o <= 12; o-- {
			if clauseOpeners[at.ws[o].key] {
				if q := at.subjectWithin(o+1, i, 8); q.name != "" && q.inst == "" {
					p = q // only a name: other clauses open with their own words
				}
				break
			}
		}
	}
	if e, _ := at.resolve(p, g); e != nil {
		at.events = append(at.events, event{at: at.ws[i].start, e: e, dated: at.clueNear(lo, i)})
	}
}

// predicateNoun reports whether the cue word at c is a noun after a
// pronoun (وهو طالب دراسات عليا: a student, not "he demanded"): a past
// verb does not follow هو / هي; the present does (وهو يقول).
func (at *attributor) predicateNoun(c int) bool {
	if c == 0 || !pronounSubjects[at.ws[c-1].key] {
		return false
	}
	w := at.ws[c].key
	return !strings.HasPrefix(w, "ي") && !strings.HasPrefix(w, "ت")
}

// pronounSubjects open a nominal clause (وهو طالب، وهي مديرة).
var pronounSubjects = set([]string{"هو", "هي", "وهو", "وهي", "فهو", "فهي"})

// issuedStatement registers, for "ونشر آرسنال بيانا … أمس" (an issuing
// verb at word i, its subject, then a statement noun), that the issuer
// spoke on the day the sentence gives: a later "وقال آرسنال" with no day
// of its own quotes that statement. It reports whether word i was such a
// verb.
func (at *attributor) issuedStatement(lo, i int) bool {
	if !at.counts.factsOf(at.ws[i]).issuing || at.inQuote(at.ws[i].start) {
		return false
	}
	k := i + 2 // the statement noun, after a subject of a few words
	for k < len(at.ws) && k <= i+6 && !statementNoun(at.ws[k].key) {
		k++
	}
	if k >= len(at.ws) || k > i+6 {
		return false
	}
	p := at.phrase(i+1, k)
	if p.empty() || p.next != k {
		return false
	}
	if e, _ := at.resolve(p, genderUnknown); e != nil {
		at.events = append(at.events, event{at: at.ws[i].start, e: e, dated: at.clueNear(lo, i), issued: true})
	}
	return true
}

// clueNear returns the time word of the sentence starting at word lo that
// stands nearest the verb at word v, outside quoted words and pluperfect
// sentences, or nil.
func (at *attributor) clueNear(lo, v int) *clue {
	hi := len(at.ws)
	for j := v; j < len(at.ws); j++ {
		if at.ws[j].key == "." {
			hi = j
			break
		}
	}
	from, to := at.ws[lo].start, 1<<62
	if hi < len(at.ws) {
		to = at.ws[hi].start
	}
	ref := at.ws[v].start
	var best *clue
	bestDist := 1 << 62
	for i := range at.clues {
		c := &at.clues[i]
		if c.at < from || c.at >= to || c.earlier || c.basis == BasisExplicit || at.inQuote(c.at) {
			continue // an explicit date near a verb often dates its object, not the words
		}
		d := c.at - ref
		if d < 0 {
			d = -d - 1
		}
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// datedBefore returns the day the last statement of e before byte offset
// pos was dated by, from a reporting verb whose subject e was.
func (at *attributor) datedBefore(e *entity, pos int) *clue {
	for i := len(at.events) - 1; i >= 0; i-- {
		ev := at.events[i]
		if ev.at < pos && ev.e == e && ev.dated != nil {
			return ev.dated
		}
	}
	return nil
}

// fullInstitution expands a short definite mention of an organisation
// (المنظمة، المنظمة الدولية، التنظيم، المستشفى) to the fullest form of the
// same head the story gives (منظمة التجارة العالمية، تنظيم الدولة
// الإسلامية، مستشفى سالزبري).
func (at *attributor) fullInstitution(inst string) string {
	toks := foldTokens(inst)
	if len(toks) == 0 || len(toks) > 2 || !strings.HasPrefix(toks[0], "ال") || descriptorHeads[bare(toks[0])] {
		return inst
	}
	head := bare(toks[0])
	if len(toks) == 1 && markedOutletHeads[head] {
		if name := at.markedOutlet(head); name != "" {
			return name // "وتصف الصحيفة نفسها": صحيفة “فاينانشيال تايمز”
		}
	}
	best, bestLen := inst, len(toks)
	for i, w := range at.ws {
		if w.key != head || hasArticle(at.text, w) || at.inQuote(w.start) && !at.inOther(w.start) {
			continue // only the construct form names it: منظمة التجارة، مستشفى سالزبري، “تنظيم الدولة”
		}
		k := i + 1
		for k < len(at.ws) && k-i <= 3 {
			n := at.ws[k].key
			if hasArticle(at.text, at.ws[k]) && !at.counts.stop(at.ws[k]) || k == i+1 && at.counts.nameLike(at.ws[k]) && !verbLike(n) {
				k++
				continue
			}
			break
		}
		if k-i > bestLen && (len(toks) == 1 || k-i >= 3) {
			best, bestLen = at.text[w.start:at.ws[k-1].end], k-i
		}
	}
	return best
}

// markedOutletHeads are the nouns a news outlet's name in marks follows
// (صحيفة “X”): the outlet speaks as X, with or without the noun, and
// "الصحيفة" later in the story is X too. Agencies keep their noun (وكالة
// الأناضول): they are credited, not speakers.
var markedOutletHeads = set([]string{"صحيفة", "جريدة", "مجلة", "قناة", "موقع"})

// markedOutlet returns the name in marks the story gives right after the
// outlet noun head (صحيفة “فاينانشيال تايمز”): the last one before the
// mention being read (at.pos), else the one after it when the story names
// exactly one, else "".
func (at *attributor) markedOutlet(head string) string {
	name := ""
	for i, w := range at.ws {
		if w.key != head || hasArticle(at.text, w) || i+2 >= len(at.ws) || at.ws[i+1].key != "\"" {
			continue
		}
		if w.start >= at.pos && name != "" {
			return name // the nearest one before the mention
		}
		k := i + 2
		for k < len(at.ws) && k-i <= 6 && at.ws[k].key != "\"" {
			k++
		}
		if k >= len(at.ws) || at.ws[k].key != "\"" || k == i+2 {
			continue
		}
		n := at.text[at.ws[i+2].start:at.ws[k-1].end]
		if w.start < at.pos {
			name = n
			continue
		}
		if name != "" && quotes.Fold(name) != quotes.Fold(n) {
			return "" // none before, two after: ambiguous
		}
		name = n
	}
	return name
}

// nameLike reports whether folded word w can be part of a person's name.
// (A cue is a stop word, so it is not one.)
func nameLike(w string) bool {
	return !isStop(w) && !in(titleSet, w) && maybeName(w)
}

// maybeName is nameLike of a word known to be neither a stop word nor a
// title: the checks that the memo of lexicon facts does not hold.
func maybeName(w string) bool {
	return !in(roleNounSet, w) && !nisbas[w] && !strings.HasPrefix(w, "لل")
}

// titledBefore reports whether a person's title stands within the three
// words before word b, or b opens a sentence or an apposition.
func (at *attributor) titledBefore(b int) bool {
	if b == 0 {
		return true
	}
	switch at.ws[b-1].key {
	case ".", ",", ":", "\"":
		return true
	}
	if nameOpener(at.ws[b-1].key) {
		return true // لكن فاروق جليك، وتدعى هوليا توران
	}
	if k, _, ok := at.cue(b - 1); ok && k == cueVerb {
		return true // وقالت فيرا ترينر
	}
	// "وعاد البرتغالي جوزيه مورينيو"، "نجم ليفربول المصري محمد صلاح": a
	// nationality stands for a title, unless a verbal noun follows it (أعلن
	// جهاز الأمن الأوكراني استهداف كييف) or it is the adjective of a noun
	// that is no title (استهدف الجيش الإسرائيلي منزل هنية): then an object
	// follows, not a name.
	if nisbaLike(strings.TrimPrefix(at.ws[b-1].key, "و")) && !masdarLike(at.ws[b].key) && !at.adjectiveOf(b-1) {
		return true
	}
	for j := b - 1; j >= 0 && j >= b-3; j-- {
		if in(titleSet, at.ws[j].key) {
			return true
		}
	}
	return false
}

// adjectiveOf reports whether the nisba at word i qualifies a body named
// before it (الجيش الإسرائيلي، الحكومة المصرية، جهاز الأمن الأوكراني): a
// body acts on an object, which follows; a person's nationality (المدرب
// البرتغالي، السيناتور الجمهوري) is followed by the person's name.
func (at *attributor) adjectiveOf(i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		w := at.ws[j].key
		if in(institutionSet, w) {
			return true
		}
		if !(strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "وال")) || at.counts.factsOf(at.ws[j]).title {
			return false
		}
	}
	return false
}

// masdarLike reports whether folded word w has the shape of a verbal noun
// of the derived forms, which no first name has: استفعال (استهداف),
// افتعال / انفعال (انتقال), تفعيل (تدمير).
func masdarLike(w string) bool {
	rs := []rune(w)
	n := len(rs)
	if n < 5 {
		return false
	}
	switch {
	case strings.HasPrefix(w, "است"):
		return true
	case rs[0] == 'ا' && rs[n-2] == 'ا':
		return true
	case rs[0] == 'ت' && rs[n-2] == 'ي':
		return true
	}
	return false
}

// nisbaLike reports whether folded word w is a listed nisba or looks like
// one: the article, four letters or more, and the -ي of an adjective
// (البرتغالي، الأرجنتيني).
func nisbaLike(w string) bool {
	return nisbas[w] || strings.HasPrefix(w, "ال") && strings.HasSuffix(w, "ي") && utf8.RuneCountInString(w) >= 7
}

func isCueVerb(w string) bool {
	k, _, ok := cueAt(w)
	return ok && k == cueVerb
}

// nameForm is a folded word as same compares it.
type nameForm struct {
	w     string // the word without the article
	n     int    // its length in runes
	first rune   // the first letter of its skeleton, 0 when w is empty
	skel  []rune // its skeleton, set by wordCounts.skeleton when first needed
	made  bool   // set by formOf: a zero nameForm is not made yet
}

func formOf(w string) nameForm {
	return formWith(w, firstSkeletonRune(w))
}

// formWith is formOf for a word whose firstSkeletonRune is known.
func formWith(w string, first rune) nameForm {
	w = strings.TrimPrefix(w, "ال")
	return nameForm{w: w, n: utf8.RuneCountInString(w), first: first, made: true}
}

// form returns the nameForm of the story's word i, kept by the word's
// number for the whole article: fullName compares a name with many words
// of the story, and the same words again for the next name.
func (at *attributor) form(i int) *nameForm {
	return at.formID(at.ws[i].id)
}

// formID is form for the word numbered id.
func (at *attributor) formID(id int32) *nameForm {
	c := at.counts
	if len(c.forms) < len(c.words) {
		// Made room for when first asked: most articles compare few
		// words, and a nameForm is 64 bytes to clear for each.
		n := len(c.forms)
		c.forms = slices.Grow(c.forms, len(c.words)-n)[:len(c.words)]
		clear(c.forms[n:])
	}
	f := &c.forms[id]
	if !f.made {
		*f = formWith(at.counts.key(id), at.counts.first(id))
	}
	return f
}

// first returns firstSkeletonRune of the word numbered id, worked out once
// for the article: spellings asks it of every word of a story, and form
// of the words it compares.
func (c *wordCounts) first(id int32) rune {
	if len(c.firsts) < len(c.words) {
		n := len(c.firsts)
		c.firsts = slices.Grow(c.firsts, len(c.words)-n)[:len(c.words)]
		for i := n; i < len(c.firsts); i++ {
			c.firsts[i] = -1
		}
	}
	if c.firsts[id] < 0 {
		c.firsts[id] = firstSkeletonRune(c.key(id))
	}
	return c.firsts[id]
}

// spellings returns, in text order, the indexes of the story's words that
// same finds to be spellings of b, among the words whose skeleton starts
// with the letter of b or with also. same depends on the word only, not
// on where it stands, so it is asked once per distinct word of the story
// rather than at each of its occurrences.
func (at *attributor) spellings(b *nameForm, also rune) []int {
	var out []int
	letters, n := [2]rune{b.first, also}, 2
	if also == b.first {
		n = 1
	}
	for _, r := range letters[:n] {
		for _, id := range at.withFirst(r) {
			if !at.sameID(id, b) {
				continue
			}
			for _, k := range at.counts.at(id) {
				if k := int(k) - at.base; k >= 0 && k < len(at.ws) {
					out = append(out, k)
				}
			}
		}
	}
	slices.Sort(out) // grouped by word, and by letter
	return out
}

// withFirst returns the numbers of the distinct words of the story whose
// skeleton starts with r. A story is asked for a few letters only, so
// each list is read off the story's distinct words when first asked for.
func (at *attributor) withFirst(r rune) []int32 {
	if r == 0 {
		return nil
	}
	if ids, ok := at.byFirst[r]; ok {
		return ids
	}
	if at.byFirst == nil {
		c := at.counts
		at.distinct = c.distinct(at.ws, c.order)
		at.firsts = slices.Grow(c.heads[:0], len(at.distinct))[:len(at.distinct)]
		c.order, c.heads = at.distinct, at.firsts // stories are read one after the other
		for k, id := range at.distinct {
			at.firsts[k] = c.first(id)
		}
		at.byFirst = map[rune][]int32{}
	}
	n := 0 // counted first, so that the list is made once, at its size
	for _, f := range at.firsts {
		if f == r {
			n++
		}
	}
	ids := make([]int32, 0, n)
	for k, f := range at.firsts {
		if f == r {
			ids = append(ids, at.distinct[k])
		}
	}
	at.byFirst[r] = ids
	return ids
}

func firstSkeletonRune(w string) rune {
	for _, r := range strings.TrimPrefix(w, "ال") {
		return skeletonRune(r) // a skeleton keeps its first letter, mapped
	}
	return 0
}

// same is sameWord for the story's word i and a name word b, with the
// forms of the story's words kept: fullName compares a name with every
// word of the story.
func (at *attributor) same(i int, b *nameForm) bool {
	return at.sameID(at.ws[i].id, b)
}

// sameID is same for the word numbered id.
func (at *attributor) sameID(id int32, b *nameForm) bool {
	a := at.formID(id)
	if a.w == b.w {
		return true
	}
	if nisbaOf(a.w, b.w) || nisbaOf(b.w, a.w) {
		return false
	}
	return longNames(a.n, b.n) && sameSkeletonRunes(at.counts.skeleton(a), at.counts.skeleton(b))
}

// constructTitle reports whether word i is a title in construct with the
// word after it (رئيس روسيا، ملك الأردن).
func (at *attributor) constructTitle(i int) bool {
	w := at.ws[i]
	return in(titleSet, w.key) && !hasArticle(at.text, w) && !bareTitles[bare(w.key)] && !bareTitles[w.key]
}

// nameBoundary reports whether a name may start right after folded word w.
func nameBoundary(w string) bool {
	switch w {
	case ".", ",", ":", "\"":
		return true
	}
	return strings.HasPrefix(w, "ال") || strings.HasPrefix(w, "وال") || in(titleSet, w) || nisbas[w] || nameOpener(w)
}

// fullName returns the fullest form of a name that the story gives: the
// words before its surname elsewhere (لافروف → سيرغي لافروف), or after its
// first name (فيرا → فيرا ترينر).
func (at *attributor) fullName(name string) string {
	if full, ok := at.full[name]; ok {
		return full
	}
	if at.full == nil {
		at.full = map[string]string{}
	}
	full := at.findFullName(name)
	at.full[name] = full
	return full
}

func (at *attributor) findFullName(name string) string {
	m := foldTokens(name)
	if len(m) == 0 || len(m) == 1 && isCountry(m[0]) {
		return name // a country is nobody's first name or surname
	}
	best, bestLen := name, len(m)
	last, first := formOf(m[len(m)-1]), formOf(m[0])
	for _, i := range at.spellings(&last, first.first) {
		w := at.ws[i]
		if at.inQuote(w.start) && !at.inOther(w.start) {
			continue // words inside a quotation are what was said: «أنا يوليا سكريبال»
		}
		b := i
		for b > 0 && i-b < 3 && at.counts.nameLike(at.ws[b-1]) && !at.counts.stop(at.ws[b-1]) && !clauseJoint(at.ws[b-1].key) && !kinWords[at.ws[b-1].key] && !strings.HasPrefix(at.ws[b-1].key, "ال") && !hasArticle(at.text, at.ws[b-1]) && !bodyOf(at.ws[b-1].key) &&
			!(strings.HasPrefix(at.ws[b-1].key, "و") && at.counts.pair(at.ws[b-1], at.ws[b]) < 2) &&
			!(strings.HasPrefix(at.ws[b-1].key, "ب") && at.counts.word(at.ws[b-1]) < 2 && !(b >= 2 && nameBoundary(at.ws[b-2].key))) &&
			!(b >= 2 && at.constructTitle(b-2)) {
			b-- // but not into the genitive of a title: رئيس روسيا فلاديمير بوتين
		}
		// The name must start right after a title, an adjective, a
		// punctuation mark or the start of a sentence (وزير الخارجية
		// الروسي سيرغي لافروف), not in the middle of a clause (وتشترط
		// لإنهائه تخلي كييف); a pair seen twice stands on its own.
		for b < i && !(b == 0 || (nameBoundary(at.ws[b-1].key) || isCueVerb(at.ws[b-1].key)) && at.titledBefore(b) || at.kanaApposition(b, i)) {
			b++
		}
		for b < i {
			if _, _, ok := at.cue(b); !ok {
				break
			}
			b++ // a verb before the name: أخبر جونستون، دانت إيفانكا ترامب
		}
		// At the start of a sentence a name of three words or more
		// needs its first pair seen twice: the first word of a
		// sentence is mostly its verb (أدلت يوليا سكريبال بتصريحات).
		if i-b >= 2 && (b == 0 || at.ws[b-1].key == ".") && at.counts.pair(at.ws[b], at.ws[b+1]) < 2 {
			b++
		}
		if b == i && i > 0 && at.counts.pair(at.ws[i-1], w) >= 2 && at.counts.nameLike(at.ws[i-1]) && !clauseJoint(at.ws[i-1].key) {
			b = i - 1
		}
		if b == i-1 && at.subjectThenObject(b, i) {
			b = i
		}
		// A name ends at a stop, unless its last pair recurs: "سيرغي
		// لافروف الشيباني" is a name and an object.
		// A clause joint (عما، مما) ends it too when something before
		// it opens a name: "وعندما سئلت سارة ساندرز عما إذا".
		if b < i && !(i+1 >= len(at.ws) || endsName(at.ws[i+1].key) || strings.ContainsAny(at.ws[i+1].key, ".,:\"") ||
			clauseJoint(at.ws[i+1].key) && b > 0 && (nameOpener(at.ws[b-1].key) || isCueVerb(at.ws[b-1].key) || in(titleSet, at.ws[b-1].key))) &&
			at.counts.pair(at.ws[i-1], w) < 2 {
			b = i
		}
		if i-b+1 > bestLen {
			cand := foldTokens(at.text[at.ws[b].start:w.end])
			if containsName(cand, m) {
				best, bestLen = at.text[at.ws[b].start:w.end], len(cand)
			}
		}
		// A one-word name is its own first and last word: same(i, &first)
		// holds too.
		if len(m) == 1 && (i == 0 || !at.counts.nameLike(at.ws[i-1]) || strings.HasPrefix(at.ws[i-1].key, "ال")) {
			p := at.phrase(i, len(at.ws))
			// A first name's fuller form ends at a mark, a title or a
			// clause (يوليا سكريبال، التي …), not before a preposition:
			// "ترامب اجتمع بعدها مع" is a surname, a verb and its adverb.
			if p.name != "" && p.role == "" && (p.next >= len(at.ws) || endsName(at.ws[p.next].key) && !afterObject[at.ws[p.next].key]) && !strings.Contains(p.name, " و") {
				cand := foldTokens(p.name)
				if len(cand) > bestLen && len(cand) <= 4 && containsName(cand, m) {
					best, bestLen = p.name, len(cand)
				}
			}
		}
	}
	return best
}

// kanaApposition reports whether the words b to i are the subject of كان
// given in full with an apposition after it: "وكان خوان مارتن دل بوترو،
// الفائز باللقب، قد خسر". Without the comma the words after كان are as
// often its verb and object (كانت تستطيع زيارة يوليا).
func (at *attributor) kanaApposition(b, i int) bool {
	return b > 0 && kana[at.ws[b-1].key] && i+1 < len(at.ws) && at.ws[i+1].key == ","
}

// subjectThenObject reports whether the words b and i = b+1 after a verb
// are two people, the verb's subject and its object ("وسألت فيكتوريا
// يوليا"), rather than one name: the pair occurs once, and the first word
// goes on elsewhere in the story with another name (فيكتوريا سكريبال).
func (at *attributor) subjectThenObject(b, i int) bool {
	if b == 0 || !isCueVerb(at.ws[b-1].key) || at.counts.pair(at.ws[b], at.ws[i]) >= 2 {
		return false
	}
	first, second := at.form(b), at.form(i)
	for _, j := range at.spellings(first, first.first) {
		if j == b || j+1 >= len(at.ws) {
			continue
		}
		next := at.ws[j+1].key
		if at.counts.nameLike(at.ws[j+1]) && !at.counts.stop(at.ws[j+1]) && !at.same(j+1, second) && !verbLike(next) && !endsName(next) &&
			!strings.ContainsAny(next, ".,:\"") {
			return true
		}
	}
	return false
}

// phrase reads the speaker phrase at word i, up to word limit. The
// description of an unnamed person runs on through its qualifiers up to
// the verb's complement (وقال رجل إطفاء في غرفة تحكم في المدينة: …).
func (at *attributor) phrase(i, limit int) phrase {
	return at.namedAfter(i, limit, at.description(i, limit))
}

// description is phrase without the name a naming verb gives.
func (at *attributor) description(i, limit int) phrase {
	p := readPhraseWith(at.text, at.ws, i, limit, at.counts)
	if p.inst == "" || !descriptorHeads[bare(at.ws[i].key)] ||
		strings.HasSuffix(at.ws[i].key, "ون") && p.next < limit && !prepositionSet[at.ws[p.next].key] {
		return p
	}
	k := p.next
	for k < limit && k-i < 12 {
		w := at.ws[k].key
		if w == ":" || w == "," || w == "\"" || w == "." || stopSet[w] && !prepositionSet[w] {
			break
		}
		if _, ok := weekdays[w]; ok {
			break
		}
		if _, ok := relativeDays[w]; ok {
			break
		}
		if kind, _, ok := at.cue(k); ok && kind != cueVerb {
			break
		}
		if prepositionSet[w] && k+1 < limit && mediumNouns[bare(at.ws[k+1].key)] {
			break
		}
		if w == "ل" || strings.HasPrefix(w, "ل") && agencySet[w[len("ل"):]] {
			break
		}
		k++
	}
	if k > p.next {
		p.inst = at.text[at.ws[i].start:at.ws[k-1].end]
		p.end, p.next = at.ws[k-1].end, k
	}
	return p
}

// namedAfter gives a described person the name a naming verb adds
// within or right after the phrase p read at word i: "إحدى الفرنسيات
// المحتجزات وتدعى هوليا توران"، "محامية أميركية تدعى ربيعة شودري".
func (at *attributor) namedAfter(i, limit int, p phrase) phrase {
	// After a naming verb only a name can follow, so its words are taken
	// up to the end of the phrase even where they look like a verb (توران).
	for j := i; j <= p.next && j+1 < limit; j++ {
		last := j // the last word before the name
		if n := at.selfNaming(j, limit); n > 0 {
			last = j + n - 1 // "سيدة قدمت نفسها على أنها يوليا"
		} else if !namedVerbs[at.ws[j].key] {
			continue
		}
		k := last + 1
		for k < limit && k-last <= 4 && (at.counts.nameLike(at.ws[k]) || nameParticles[at.ws[k].key]) && !endsName(at.ws[k].key) && !strings.ContainsAny(at.ws[k].key, ".,:\"") {
			k++
		}
		if k > last+1 {
			return phrase{start: p.start, end: at.ws[k-1].end, next: k, name: at.text[at.ws[last+1].start:at.ws[k-1].end], g: p.g}
		}
	}
	return p
}

// selfNaming returns how many words at j say that someone introduced
// themself by a name: "قدمت نفسها على أنها"، "عرف نفسه بأنه" (4 or 3
// words before the name), or 0.
func (at *attributor) selfNaming(j, limit int) int {
	if j+3 >= limit || !selfVerbs[at.ws[j].key] || !selfWords[at.ws[j+1].key] {
		return 0
	}
	switch w := at.ws[j+2].key; {
	case w == alaWord && j+4 < limit && selfThat[at.ws[j+3].key]:
		return 4
	case selfThat["ب"+w] || selfThat[w] && strings.HasPrefix(w, "ب"):
		return 3
	}
	return 0
}

var (
	selfVerbs = set([]string{"قدم", "قدمت", "وقدم", "وقدمت", "عرف", "عرفت", "وعرف", "وعرفت"})
	selfWords = set([]string{"نفسه", "نفسها"})
	selfThat  = set([]string{"أنه", "أنها", "انه", "انها", "بأنه", "بأنها", "بانه", "بانها"})
)

// namedVerbs introduce the name of someone just described (وتدعى، ويدعى).
var namedVerbs = set([]string{"تدعى", "وتدعى", "يدعى", "ويدعى", "واسمه", "واسمها", "تسمى", "وتسمى", "يسمى", "ويسمى", "المدعو", "المدعوة"})

// prepositionSet are the prepositions a description may run through.
var prepositionSet = set([]string{"في", "من"})

// resolve turns a phrase into a speaker.
func (at *attributor) resolve(p phrase, g gender) (*entity, float64) {
	if p.g != genderUnknown {
		g = p.g
	}
	instToks := foldTokens(p.inst) // read three times below
	if len(instToks) > 0 && len(instToks) <= 2 && statementNouns[bare(instToks[0])] {
		// "وأضاف البيان": the statement speaks for whoever issued it.
		if e := at.carry(genderUnknown, at.pos); e != nil {
			return e, confCarried
		}
	}
	switch {
	case p.name != "":
		if strings.HasPrefix(p.role, "ال") {
			// "وناشد المتحدث سكان الجولان": after a title given earlier
			// in full, an unknown word is the verb's object, not a name.
			toks := foldTokens(p.name)
			if e := at.people.byRole(p.role); e != nil && len(toks) == 1 && at.people.find(toks) == nil {
				return e, confRole
			}
		}
		return at.people.person(at.fullName(p.name), p.role, g), confNamed
	case p.inst != "":
		if agencySet[quotes.Fold(p.inst)] {
			return nil, 0
		}
		if len(instToks) == 1 && strings.HasPrefix(instToks[0], "ال") && personNouns[bare(instToks[0])] {
			// "تقول المرأة": the woman, the man the story is about, the
			// last person of that gender who spoke.
			pg := masculine
			if femininePersonNouns[bare(instToks[0])] {
				pg = feminine
			}
			if e := at.carryBut(pg, at.pos, func(e *entity) bool { return e.inst || e.g != genderUnknown && e.g != pg }); e != nil {
				return e, confRole
			}
		}
		if e := at.people.find(instToks); e != nil {
			return e, confNamed // a surname with the article: الشيباني، الحريري
		}
		if e := at.people.byRole(p.inst); e != nil && titleSet[bare(firstToken(p.inst))] {
			return e, confRole
		}
		return at.people.institution(at.fullInstitution(p.inst), g), confInst
	case p.role != "":
		if e := at.people.byRole(p.role); e != nil {
			return e, confRole
		}
		if name := at.nisbaHolder(p.role); name != "" {
			return at.people.person(at.fullName(name), p.role, g), confRole
		}
		return at.people.institution(p.role, g), confInst
	}
	return nil, 0
}

// counterpart starts نظير، نظيره، نظيريه: a minister's counterparts.
var counterpart = quotes.Fold("نظير")

// directions qualify a country adjective: الكوري الجنوبي.
var directions = set([]string{"الجنوبي", "الجنوبية", "الشمالي", "الشمالية", "الشرقي", "الشرقية", "الغربي", "الغربية"})

// nisbaHolder finds the person a title with its country adjective stands
// for where the story gave only the adjective before the name: for
// "الوزيرة الكورية الجنوبية", "نظيريه الياباني تارو كونو والكورية
// الجنوبية كانغ كيونغ-وا" gives كانغ كيونغ-وا. It returns "" when the
// adjective is not followed by a name of two words or more, or when it
// is followed by different names.
func (at *attributor) nisbaHolder(role string) string {
	toks := foldTokens(role)
	if len(toks) < 2 || !in(titleSet, toks[0]) {
		return ""
	}
	adj := toks[1:]
	if !nisbas[adj[0]] {
		return ""
	}
	for _, t := range adj[1:] {
		if !nisbas[t] && !directions[t] {
			return ""
		}
	}
	found := ""
	for i := 0; i+len(adj) < len(at.ws); i++ {
		// The adjective stands for the title only in a list of
		// counterparts: "نظيريه الياباني X والكورية الجنوبية Y", not in
		// "الرئيس الروسي فلاديمير بوتين" nor "الاقتصاد الإيراني مشاكل".
		first := at.ws[i].key
		joined := strings.HasPrefix(first, "و") && first[len("و"):] == adj[0]
		if !joined && !(first == adj[0] && i > 0 && strings.HasPrefix(bare(at.ws[i-1].key), counterpart)) {
			continue
		}
		match := true
		for k := 1; k < len(adj); k++ {
			if at.ws[i+k].key != adj[k] {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		k := i + len(adj)
		n := nameLength(at.ws, k, len(at.ws))
		if n < 2 {
			continue
		}
		name := at.text[at.ws[k].start:at.ws[k+n-1].end]
		if found != "" && found != name {
			return ""
		}
		found = name
	}
	return found
}

// carry returns the last speaker before byte offset pos that agrees with
// g: the subject of a continuation (وأضاف، وتابعت) or of a subjectless
// verb (وقالت إن …).
func (at *attributor) carry(g gender, pos int) *entity {
	return at.carryBut(g, pos, nil)
}

// carryBut is carry passing over the speakers skip says no to.
func (at *attributor) carryBut(g gender, pos int, skip func(*entity) bool) *entity {
	var any *entity
	for i := len(at.events) - 1; i >= 0; i-- {
		ev := at.events[i]
		if ev.at >= pos || ev.e == nil || ev.issued || skip != nil && skip(ev.e) {
			continue
		}
		if any == nil {
			any = ev.e
		}
		e := ev.e
		if g == genderUnknown || e.g == genderUnknown || e.g == g || (g == feminine && e.inst) {
			return e
		}
	}
	return any
}

// spoke records that e spoke at byte offset pos.
func (at *attributor) spoke(e *entity, pos int) {
	if e == nil {
		return
	}
	i := sort.Search(len(at.events), func(i int) bool { return at.events[i].at > pos })
	at.events = append(at.events, event{})
	copy(at.events[i+1:], at.events[i:])
	at.events[i] = event{at: pos, e: e}
}

// sentenceBounds returns the word indexes [lo, hi) of the sentence around
// byte offsets [from, to).
func (at *attributor) sentenceBounds(from, to int) (int, int) {
	if at.ends == nil {
		at.ends = []int{}
		for i, w := range at.ws {
			if w.key == "." {
				at.ends = append(at.ends, i)
			}
		}
	}
	ends := at.ends
	lo, hi := 0, len(at.ws)
	if k := sort.Search(len(ends), func(k int) bool { return at.ws[ends[k]].end > from }); k > 0 {
		lo = ends[k-1] + 1
	}
	if k := sort.Search(len(ends), func(k int) bool { return at.ws[ends[k]].start >= to }); k < len(ends) {
		hi = ends[k]
	}
	return lo, hi
}

// index returns the index of the first word at or after byte offset off.
func (at *attributor) index(off int) int {
	return sort.Search(len(at.ws), func(i int) bool { return at.ws[i].start >= off })
}

// attribute finds the speaker of one quote (ARABIC.md §2.3 patterns).
func (at *attributor) attribute(q quotes.Quote) attribution {
	res := at.find(q)
	if res.cue == "" {
		res.cueAt = -1
	}
	at.last, at.lastEnd = res, q.End
	return res
}

func (at *attributor) find(q quotes.Quote) attribution {
	open := q.OpenAt
	at.pos = open
	lo, hi := at.sentenceBounds(open, q.End)
	oi := at.index(open) // first word at the opening mark
	ei := at.index(q.End)
	for ei < len(at.ws) && ei < hi && at.ws[ei].key == "\"" {
		ei++
	}
	var res attribution
	// A cue before the quote, nearest first.
	for c := oi - 1; c >= lo && c >= oi-40; c-- {
		if at.ws[c].key == "\"" && c < oi-1 && !at.inOther(at.ws[c].start) {
			// Another quote's closing mark: its cue was for it, unless
			// what stands between is a cue of ours (", مضيفا:"). The
			// marks around a name (رئيس تحرير «عرب نيوز») are looked past.
			// With no cue of its own, a quote in the same sentence as the
			// one before it has the same speaker (… "…" وبأنه "…").
			if at.last.speaker != nil && at.lastEnd >= at.ws[lo].start && res.cue == "" {
				prev := at.last
				prev.mention, prev.confidence = "", confCarried
				return prev
			}
			break
		}
		kind, g, ok := at.cue(c)
		if !ok || at.predicateNoun(c) {
			continue
		}
		res = at.fromCue(c, kind, g, lo, oi, q)
		if res.speaker != nil || res.credited != "" && res.cue != "" {
			return res
		}
		if res.cue != "" {
			break
		}
	}
	// A colon with no verb: SPEAKER: «…», or a subheading in the
	// headline form, SPEAKER: words "…" words.
	if res.cue == "" {
		if k := at.headColon(lo, oi); k >= 0 {
			if p := at.lineHead(lo, k, k == oi-1); !p.empty() {
				if e, conf := at.resolve(p, genderUnknown); e != nil {
					at.spoke(e, at.pos)
					return attribution{speaker: e, mention: at.text[p.start:p.end], cue: ":", confidence: conf}
				}
			}
		}
	}
	// A cue after the quote: «…»، قال فلان / بحسب فلان / هكذا اختتم فلان.
	for c := ei; c < hi && c < ei+3; c++ {
		w := at.ws[c].key
		if w == "," || w == hakadha {
			continue
		}
		if kind, g, ok := at.cue(c); ok && (kind == cueVerb || kind == cueAttributor) {
			p := at.phrase(c+1, hi)
			if kind == cueAttributor {
				p = at.afterAttributor(c, hi)
			}
			if e, conf := at.resolve(p, g); e != nil {
				at.spoke(e, at.pos)
				return attribution{speaker: e, mention: at.text[p.start:p.end], cue: at.cueText(c, c+1), confidence: conf, cueAt: at.ws[c].start}
			}
			if e := at.carry(g, at.pos); e != nil {
				return attribution{speaker: e, cue: at.cueText(c, c+1), confidence: confCarried, cueAt: at.ws[c].start}
			}
		}
		break
	}
	if res.cue != "" {
		return res
	}
	// No cue: a continuation paragraph or a subheading repeats the last speaker.
	if e := at.carry(genderUnknown, at.pos); e != nil {
		return attribution{speaker: e, confidence: confUncued}
	}
	return attribution{confidence: confNoSpeaker}
}

// headColon returns the index of the colon that ends the speaker of a
// quote opening at word oi in a sentence starting at word lo: right before
// the quote, or, in the headline form, within the first five words of a
// line the quote stands in. It returns -1 when there is none.
func (at *attributor) headColon(lo, oi int) int {
	if oi-1 >= lo && oi-1 < len(at.ws) && at.ws[oi-1].key == ":" {
		return oi - 1
	}
	if !at.opensLine(lo) {
		return -1
	}
	for k := lo + 1; k < oi && k <= lo+5; k++ {
		switch w := at.ws[k].key; {
		case w == ":":
			return k
		case w == "," || w == "\"" || isCueVerb(w):
			return -1
		}
	}
	return -1
}

// opensLine reports whether word lo is the first of its line.
func (at *attributor) opensLine(lo int) bool {
	return lo == 0 || strings.Contains(at.text[at.ws[lo-1].start:at.ws[lo].start], "\n")
}

// lineHead reads the speaker before a colon at word k, the phrase filling
// words [lo, k). Right before the quote (adjacent) that is a speaker
// phrase, or at the start of a line up to three name-like words (الديلي
// تليغراف). In the headline form, where words stand between the colon
// and the quote, only someone the story names elsewhere (ترامب) speaks:
// such lines are also bylines, match minutes and section heads.
func (at *attributor) lineHead(lo, k int, adjacent bool) phrase {
	if adjacent {
		if p := at.phrase(lo, k); p.next == k && !p.empty() {
			return p
		}
	}
	if k <= lo || k-lo > 3 || !at.opensLine(lo) {
		return phrase{start: -1}
	}
	for j := lo; j < k; j++ {
		w := at.ws[j].key
		if !at.counts.nameLike(at.ws[j]) || at.counts.stop(at.ws[j]) || verbLike(w) || strings.IndexFunc(w, unicode.IsDigit) >= 0 || strings.HasPrefix(w, "و") {
			return phrase{start: -1}
		}
		if _, _, ok := at.cue(j); ok {
			return phrase{start: -1}
		}
	}
	if (!adjacent || !hasArticle(at.text, at.ws[lo])) && at.people.find(foldTokens(at.text[at.ws[lo].start:at.ws[k-1].end])) == nil {
		return phrase{start: -1}
	}
	span := at.text[at.ws[lo].start:at.ws[k-1].end]
	if hasArticle(at.text, at.ws[lo]) {
		return phrase{start: at.ws[lo].start, end: at.ws[k-1].end, next: k, inst: span}
	}
	return phrase{start: at.ws[lo].start, end: at.ws[k-1].end, next: k, name: span}
}

// cueText is the cue as written, words [from, to).
func (at *attributor) cueText(from, to int) string {
	return at.text[at.ws[from].start:at.ws[to-1].end]
}

// speaks makes the phrase p, when it resolves to a speaker, the speaker of
// res: it records that the speaker spoke at the cue and fills res.
func (at *attributor) speaks(res *attribution, p phrase, g gender) bool {
	e, conf := at.resolve(p, g)
	if e == nil {
		return false
	}
	at.spoke(e, at.pos)
	res.speaker, res.mention, res.confidence = e, at.text[p.start:p.end], conf
	return true
}

// kanaBefore returns the كان nearest before word q (its قد) in the
// sentence starting at lo, or -1 when there is none, or when قد belongs
// to a relative clause: a relative pronoun right before it (وهو الذي قد
// قال) or right before that كان (… السفير الذي كان قد قال إن). A relative
// clause between كان's subject and قد (وكان العبادي الذي حل ائتلافه
// ثالثا قد قال) is looked past.
func (at *attributor) kanaBefore(lo, q int) int {
	if q-1 >= lo && relativePronouns[at.ws[q-1].key] {
		return -1
	}
	for j := q - 1; j >= lo; j-- {
		if kana[at.ws[j].key] {
			if j > lo && relativePronouns[at.ws[j-1].key] {
				return -1
			}
			return j
		}
	}
	return -1
}

// qaalaForms are the forms of قال, the one verb that "فيه" may separate
// from its subject (مقال قال فيه جونسون).
var qaalaForms = set([]string{"قال", "قالت", "يقول", "تقول"})

// hakadha is هكذا, "thus", between a quote and the verb that reports it.
var hakadha = quotes.Fold("هكذا")

// byQuoting are "by saying" after a verb and its subject (وعلق فلان
// بقوله، وقال فلان بالقول).
var byQuoting = set([]string{"بالقول", "بقوله", "بقولها"})

// fromCue reads the speaker of the cue at word c for a quote whose opening
// mark is at word oi, in a sentence starting at word lo.
func (at *attributor) fromCue(c int, kind cueKind, g gender, lo, oi int, q quotes.Quote) attribution {
	res := attribution{cue: at.cueText(c, c+1), cueAt: at.ws[c].start}
	at.pos = at.ws[c].start
	res.earlier = at.earlierStatement(lo, c)
	// "وعلق ألبرايت بقوله": the verb before its subject is the cue.
	if byQuoting[at.ws[c].key] {
		for j := c - 1; j >= lo && j >= c-6; j-- {
			if pk, pg, ok := at.cue(j); ok && (pk == cueVerb || pk == cueContinuation) {
				if j < c-1 {
					res.cue, res.cueAt = at.cueText(j, j+1), at.ws[j].start
					at.pos = at.ws[j].start
					c, kind, g = j, pk, pg
				}
				break
			}
		}
	}
	// "مضيفا بالقول", "ومضى قائلا": one cue of two words.
	if c > lo {
		if pk, _, ok := at.cue(c - 1); ok && (pk == cueHal || pk == cueVerb || pk == cueContinuation) && kind != cueNoun {
			if kind == cueHal || unprefixed(at.ws[c].key) == quotes.Fold("بالقول") {
				res.cue = at.cueText(c-1, c+1)
				c--
				kind, g, _ = at.cue(c)
			}
		}
	}
	switch kind {
	case cueNoun:
		// نقلت وكالة X عن Y قوله: Y speaks, X is credited.
		for j := c - 1; j >= lo; j-- {
			w := unprefixed(at.ws[j].key)
			if w == anWord {
				p := at.wholeSource(j+1, c, at.phrase(j+1, c))
				res.credited = at.relayer(lo, j)
				if at.speaks(&res, p, g) {
					return res
				}
				break
			}
			if strings.HasPrefix(w, anWord) && len(w) > 4 { // عنه، عنها
				// "ونقلت عنها الوكالة قولها": the pronoun is the last
				// speaker who is not an outlet; the outlet only relays.
				res.credited = at.relayer(lo, j)
				res.speaker, res.confidence = at.carryBut(g, at.pos, func(e *entity) bool { return e.inst && isOutlet(e.name) }), confCarried
				at.spoke(res.speaker, at.pos)
				return res
			}
		}
		res.speaker, res.confidence = at.carry(g, at.pos), confCarried
		at.spoke(res.speaker, at.pos)
		return res
	case cueAttributor:
		p := at.afterAttributor(c, oi)
		if p.inst != "" && statementNoun(firstToken(p.inst)) {
			// "وقالت يوليا - بحسب التسجيل المذاع - «…»": the recording
			// is where the words come from; the verb before it says who.
			for j := c - 1; j >= lo; j-- {
				if k, g2, ok := at.cue(j); ok && k == cueVerb {
					if sub := at.fromCue(j, k, g2, lo, oi, q); sub.speaker != nil {
						return sub
					}
					break
				}
			}
		}
		if at.speaks(&res, p, g) {
			return res
		}
		res.cue = ""
		return res
	case cueHal:
		// The subject of the main verb before the ḥāl speaks: the first
		// reporting verb of the clause (قال مون إنه دعا …، مضيفا).
		// A clause opener (فيما، بينما، لكن) starts the clause too: in
		// "وهي تتهم روسيا …، فيما تنفي موسكو … منددة" موسكو denounces.
		start := lo
		for j := c - 1; j >= lo; j-- {
			if at.ws[j].key == "\"" {
				start = j + 1
				break
			}
		}
		from := start
		for j := c - 1; j >= start; j-- {
			if clauseOpeners[at.ws[j].key] {
				from = j + 1
				break
			}
		}
		// "ونقلت عنها الوكالة قولها متساءلة": a relayed saying (قولها)
		// before the ḥāl decides, as if it were the cue.
		for j := c - 1; j >= from; j-- {
			if k, g2, ok := at.cue(j); ok && k == cueNoun {
				sub := at.fromCue(j, k, g2, lo, oi, q)
				sub.cue = res.cue
				return sub
			}
		}
		// With no verb after the clause opener (بينما كانت القوات عائدة،
		// مضيفا), the ḥāl goes with the main clause.
		for _, span := range [][2]int{{from, c}, {start, from}} {
			for j := span[0]; j < span[1]; j++ {
				if k, g2, ok := at.cue(j); ok && (k == cueVerb || k == cueContinuation) {
					sub := at.fromCue(j, k, g2, lo, oi, q)
					sub.cue = res.cue
					return sub
				}
			}
		}
		// "وكان ماكرون قد زار واشنطن …، مقترحا …": the subject of a
		// sentence in كان … قد.
		if kana[at.ws[start].key] && start+1 < c {
			if p := at.phrase(start+1, c); !p.empty() && at.speaks(&res, p, g) {
				return res
			}
		}
		res.speaker, res.confidence = at.carry(g, at.pos), confCarried
		at.spoke(res.speaker, at.pos)
		return res
	}
	// A verb inside indirect speech (قال مون إنه دعا الطرفين …): the
	// speaker is the subject of the verb that introduced it.
	if c > lo && embedding[at.ws[c-1].key] {
		for j := c - 2; j >= lo; j-- {
			if k, g2, ok := at.cue(j); ok && (k == cueVerb || k == cueContinuation) {
				sub := at.fromCue(j, k, g2, lo, oi, q)
				sub.cue = at.cueText(j, j+1)
				return sub
			}
		}
	}
	// A relative clause whose verb carries the antecedent as its object
	// ("عمليتها … ضد الوحدات التي تعتبرها «إرهابية»"): the subject is
	// that of the sentence's earlier reporting verb (وتؤكد تركيا أن …).
	if c > lo && relativePronouns[at.ws[c-1].key] && objectSuffixed(unprefixed(at.ws[c].key)) && at.phrase(c+1, oi).empty() {
		// (With a subject after the verb, "التي وصفها البيان", that
		// subject speaks, as for any verb.)
		for j := c - 2; j >= lo; j-- {
			if k, g2, ok := at.cue(j); ok && (k == cueVerb || k == cueContinuation || k == cueHal) {
				if sub := at.fromCue(j, k, g2, lo, oi, q); sub.speaker != nil {
					sub.cue = res.cue
					sub.cueAt = res.cueAt
					return sub
				}
				break
			}
		}
	}
	// An evaluative verb with its subject before it (وكان الحداد قد وصف
	// المشروع بأنه «…»): what follows the verb is its object.
	if !quotes.SayingWord(unprefixed(at.ws[c].key)) {
		if p := at.subjectBefore(lo, c); !p.empty() {
			if at.speaks(&res, p, g) {
				return res
			}
		}
	}
	// "أصدر نتنياهو بيانا قال فيه": the statement's issuer speaks; else
	// "مقال … قال فيه جونسون إن": the subject after فيه.
	if c+1 < len(at.ws) && inWords[at.ws[c+1].key] {
		if p := at.issuerBefore(lo, c); !p.empty() {
			if at.speaks(&res, p, g) {
				return res
			}
		}
		if qaalaForms[unprefixed(at.ws[c].key)] {
			if p := at.phrase(c+2, oi); (p.role != "" || LooksLikePerson(p.name)) && at.speaks(&res, p, g) {
				return res // only قال: "روت فيها كيف …"، "أكدوا فيه عدم …" have an object there
			}
		}
	}
	// "وكان زعيم المعارضة كريم ناصر، الذي …، قد وصف الخطة بأنها «…»":
	// the subject of كان … قد, however far before the verb.
	if c-1 > lo && at.ws[c-1].key == qadWord {
		if k := at.kanaBefore(lo, c-1); k >= 0 {
			if p := at.phrase(k+1, c-1); !p.empty() && at.speaks(&res, p, g) {
				return res
			}
		}
	}
	// A verb: VSO (قال الوزير …), else SVO (الوزير قال …), else its
	// subject is the last speaker (وأضاف: «…»، وقالت إن …).
	p := at.phraseAfterVerb(c+1, oi)
	if a := at.anAfter(p, oi); !p.empty() && relayVerbs[unprefixed(at.ws[c].key)] && a > 0 {
		// "ونقلت فرانس برس عن مصدر في خفر السواحل إن «…»": the source
		// after عن speaks; the outlet relays it.
		if src := at.phrase(a+1, oi); !src.empty() {
			res.credited = at.relayer(lo, a)
			p = src
		}
	}
	if !p.empty() {
		// "وقال البيان على لسان يوليا": whoever the words are put in the
		// mouth of speaks, not the statement or body that relayed them.
		if voice := at.onTongueOf(p.next, oi); !voice.empty() {
			p = voice
		}
		if at.speaks(&res, p, g) {
			return res
		}
	}
	if p := at.subjectBefore(lo, c); !p.empty() {
		if at.speaks(&res, p, g) {
			return res
		}
	}
	if quotes.SayingWord(unprefixed(at.ws[c].key)) {
		if p := at.reportedSubject(lo, c); !p.empty() && at.speaks(&res, p, g) {
			return res
		}
	}
	if e := at.embeddedSubject(lo, c, g); e != nil {
		at.spoke(e, at.pos)
		res.speaker, res.confidence = e, confCarried
		return res
	}
	if p := at.clauseSubject(lo, c); !p.empty() && at.speaks(&res, p, g) {
		return res
	}
	res.speaker, res.confidence = at.carry(g, at.pos), confCarried
	at.spoke(res.speaker, at.pos)
	return res
}

// clauseSubject reads the subject that opens the verb's sentence, after
// كان or after بيد أن / غير أن / إلا أن, however many words of its post or
// of an earlier verb stand between: "وكان العميد أحمد عسيري الناطق باسم
// التحالف ذكر …"، "بيد أن المبعوث بريت مكجورك قدم تقييما …، وقال «…»".
// Only a person's name: a body or a thing there is too often the object
// of a verb in between.
func (at *attributor) clauseSubject(lo, c int) phrase {
	j := lo
	switch {
	case j < c && kana[at.ws[j].key]:
	case j+1 < c && contrasts[at.ws[j].key] && complementizers[at.ws[j+1].key]:
		j++
	default:
		return phrase{start: -1}
	}
	if c-j > 16 {
		return phrase{start: -1}
	}
	p := at.phrase(j+1, c)
	if p.next > c || !(LooksLikePerson(p.name) || p.name != "" && p.role != "") {
		return phrase{start: -1}
	}
	for k := p.next; k < c; k++ {
		if w := at.ws[k].key; relativePronouns[w] || kana[w] || w == qadWord {
			return phrase{start: -1} // the verb is a relative clause's (السفير الذي كان قد قال)
		}
	}
	return p
}

// contrasts open a sentence with أن (بيد أن، غير أن، إلا أن).
var contrasts = set([]string{"بيد", "غير", "إلا", "الا"})

// beforeVerb are the words after which أن opens a verb, not a subject
// (قبل أن يستطرد، بعد أن أعلن).
var beforeVerb = set([]string{"قبل", "بعد", "دون", "بدون", "يجب", "يمكن", "بد"})

// reportedSubject reads the subject that stands between a complementizer
// and the saying verb at word c: in "وأفادت الوكالة أن نوفاك قال في
// مؤتمر «…»" نوفاك speaks; the agency only relayed it. The phrase must
// fill the words between, a few at most, and be a person, a post or a
// body: "أن البيانات تؤكد «…»" has data, not a speaker.
func (at *attributor) reportedSubject(lo, c int) phrase {
	for j := c - 1; j >= lo && j >= c-6; j-- {
		if complementizers[at.ws[j].key] {
			if _, _, verb := at.cue(j + 1); verb || verbLike(at.ws[j+1].key) || j > lo && beforeVerb[at.ws[j-1].key] {
				break // قبل أن يستطرد: أن before a verb, no subject
			}
			p := at.phrase(j+1, c)
			if p.next == c && (p.name != "" || p.role != "" || p.inst != "" && in(institutionSet, at.ws[j+1].key)) {
				return p
			}
			break
		}
	}
	return phrase{start: -1}
}

// embeddedSubject reads the subject a verb with و at word c shares with
// the verb it is joined to inside reported speech: in "وقالت الشرطة إن
// يوليا تحدثت مع فيكتوريا وقالت لها «…»" يوليا speaks. The nearest إن /
// أن before c must open "NAME VERB", and the name must agree with the
// verb's gender g; else nil.
func (at *attributor) embeddedSubject(lo, c int, g gender) *entity {
	if !strings.HasPrefix(at.ws[c].key, "و") {
		return nil
	}
	for j := c - 1; j > lo; j-- {
		if !complementizers[at.ws[j].key] {
			continue
		}
		p := at.phrase(j+1, c)
		if p.name == "" || p.next >= c {
			return nil
		}
		if _, _, ok := at.cue(p.next); !ok {
			return nil
		}
		if at.people.find(foldTokens(p.name)) == nil {
			return nil // only someone the story names elsewhere: not "إن موقف الأردن يؤكد"
		}
		e, _ := at.resolve(p, g)
		if e == nil || e.inst || g != genderUnknown && e.g != genderUnknown && e.g != g {
			return nil
		}
		return e
	}
	return nil
}

// complementizers open reported speech: إن، أن، بأن.
var complementizers = set([]string{"إن", "أن", "ان", "بأن", "بان"})

// kana opens a sentence in the pluperfect (وكان فلان قد …).
var kana = set([]string{"كان", "وكان", "كانت", "وكانت"})

// personNouns stand for a person the story is about when definite
// (المرأة، الرجل); femininePersonNouns are the women's.
var (
	personNouns         = set([]string{"رجل", "امرأة", "مرأة", "سيدة", "شاب", "شابة", "فتاة", "فتى"})
	femininePersonNouns = set([]string{"امرأة", "مرأة", "سيدة", "شابة", "فتاة"})
)

// relativePronouns open a relative clause.
var relativePronouns = set([]string{"الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي", "اللاتي"})

// objectSuffixed reports whether a verb ends in an object pronoun (ه، ها،
// هم، هما، هن) referring back to a relative clause's antecedent: يعتبره،
// تعتبرها، وصفهم.
func objectSuffixed(w string) bool {
	for _, suf := range []string{"ه", "ها", "هم", "هما", "هن"} {
		if strings.HasSuffix(w, suf) && len([]rune(w)) > len([]rune(suf))+2 {
			return true
		}
	}
	return false
}

// embedding complementizers carry a pronoun subject: a verb right after
// one is inside someone else's indirect speech.
var embedding = set([]string{"إنه", "أنه", "انه", "إنها", "أنها", "انها", "بأنه", "بأنها", "وأنه", "وأنها", "إنهم", "أنهم"})

// datedAs is the day a speaker's quote was dated by its own sentence.
type datedAs struct {
	at    int
	day   time.Time
	basis string
}

// contextBefore dates a quote whose sentence gives no day: the latest of
// the speaker's earlier dated statements (أعلن مون، الأحد، …; a quote of
// theirs dated by its sentence) and the sentences that date what was said
// around them (جاء ذلك خلال اجتماع … الأربعاء), before byte offset pos.
func (at *attributor) contextBefore(e *entity, pos int, dated map[*entity]datedAs) *clue {
	var best *clue
	bestAt := -1
	if e != nil {
		if c := at.datedBefore(e, pos); c != nil {
			best, bestAt = c, c.at
		}
		if d, ok := dated[e]; ok && d.at < pos && d.at > bestAt {
			best, bestAt = &clue{at: d.at, day: d.day, basis: d.basis}, d.at
		}
	}
	for i := range at.clues {
		c := &at.clues[i]
		if c.context && !c.earlier && c.at < pos && c.at > bestAt && c.basis != BasisExplicit && !at.inQuote(c.at) {
			best, bestAt = c, c.at
		}
	}
	return best
}

// firstToken returns the first folded token of s, or "".
func firstToken(s string) string {
	if toks := foldTokens(s); len(toks) > 0 {
		return toks[0]
	}
	return ""
}

// statementNouns stand for the words of whoever issued them (وأضاف
// البيان، وقال التسجيل).
var statementNouns = set([]string{"بيان", "تسجيل", "رسالة", "تغريدة", "منشور", "تقرير"})

// statementNoun reports whether folded word w is a statement noun, with
// its clitics or the alef of the accusative (أصدر بيانا).
func statementNoun(w string) bool {
	b := bare(w)
	return statementNouns[b] || statementNouns[strings.TrimSuffix(b, "ا")]
}

// wholeSource widens a description read between عن and قوله to the whole
// span: in "نقلت الصحيفة عن ساكن لم تذكر اسمه يعيش قرب المكان قوله" all of
// it names the source, relative clauses included.
func (at *attributor) wholeSource(from, c int, p phrase) phrase {
	if p.inst == "" || !descriptorHeads[bare(at.ws[from].key)] || p.next >= c || c-from > 15 {
		return p
	}
	for k := p.next; k < c; k++ {
		if strings.ContainsAny(at.ws[k].key, ".,:\"") {
			return p
		}
	}
	p.inst, p.end, p.next = at.text[at.ws[from].start:at.ws[c-1].end], at.ws[c-1].end, c
	return p
}

// inWords are "in it" after a verb of saying: قال فيه، جاء فيها.
var inWords = set([]string{"فيه", "فيها"})

// issuerBefore reads who issued the statement a verb at word c speaks
// from: "أصدر نتنياهو بيانا قال فيه" and "نشر الوزير تغريدة قال فيها" give
// the subject between the issuing verb and the statement noun.
func (at *attributor) issuerBefore(lo, c int) phrase {
	n := c - 1
	for n >= lo && n >= c-2 && !statementNoun(at.ws[n].key) {
		n--
	}
	if n < lo || n < c-2 {
		return phrase{start: -1}
	}
	for v := n - 1; v >= lo && v >= n-6; v-- {
		if in(issuingVerbs, at.ws[v].key) {
			if p := at.phrase(v+1, n); !p.empty() && p.next == n && (p.name != "" || p.inst != "") {
				return p
			}
			break
		}
	}
	return phrase{start: -1}
}

// issuingVerbs put out a statement: أصدر بيانا، نشرت تغريدة، وجه رسالة.
var issuingVerbs = set([]string{"أصدر", "أصدرت", "نشر", "نشرت", "وزع", "وزعت", "بث", "بثت", "أرسل", "أرسلت", "وجه", "وجهت", "كتب", "كتبت"})

// leadingParticles open a clause before its subject (لكن المنظمة قالت).
var leadingParticles = set([]string{"لكن", "ولكن", "فيما", "بينما", "كما", "و", "ف", "ثم", "بالمقابل", "من", "جهته", "جهتها", "أما", "وأما", "وكان", "وكانت", "كان", "كانت", "قد", "وقد"})

// subjectBefore reads an SVO subject: the phrase that opens the sentence
// (after a particle such as لكن or كما) and runs up to the verb at word c
// (لافروف أشار …، لكن المنظمة الدولية ومقرها جنيف قالت …). Anything else
// before a verb is not taken for its subject.
func (at *attributor) subjectBefore(lo, c int) phrase { return at.subjectWithin(lo, c, 5) }

// subjectWithin is subjectBefore for a subject of at most max words.
func (at *attributor) subjectWithin(lo, c, max int) phrase {
	if p := at.ammaTopic(lo, c); !p.empty() {
		return p
	}
	from := lo
	for from < c && (leadingParticles[at.ws[from].key] || at.ws[from].key == ",") {
		from++
	}
	if from >= c || c-from > max || strings.HasPrefix(at.ws[from].key, "و") {
		return phrase{start: -1}
	}
	p := at.phrase(from, c)
	if p.empty() || p.next > c {
		return phrase{start: -1}
	}
	if p.next < c && p.name != "" && p.role == "" && in(titleSet, at.ws[p.next].key) {
		// The name's post as an apposition: "فاروق جليك وزير العمل قال".
		if q := at.phrase(p.next, c); q.name == "" && q.role != "" && q.next == c {
			p.role, p.end, p.next = q.role, q.end, q.next
		}
	}
	if p.next < c {
		// Only an apposition joined by و (ومقرها جنيف) or the قد of a
		// pluperfect (كان الحداد قد وصف) may stand between.
		w := at.ws[p.next].key
		if !(strings.HasPrefix(w, "و") && c-p.next <= 2 || w == qadWord && c-p.next == 1) {
			return phrase{start: -1}
		}
	}
	return p
}

// ammaTopic reads the subject of "أما X، …، فقال": the topic of أما is the
// subject of the verb at word c that answers it with ف, whatever
// apposition stands between (أما فلان، أحد رؤساء الهيئة ومقرها …، فقال).
func (at *attributor) ammaTopic(lo, c int) phrase {
	if c >= len(at.ws) || !(strings.HasPrefix(at.ws[c].key, "ف") || c > lo && at.ws[c-1].key == faqad) {
		return phrase{start: -1} // فقال، فقد قال
	}
	for a := c - 1; a >= lo && c-a <= 25; a-- {
		if k := at.ws[a].key; k == ammaWord || k == "و"+ammaWord {
			if p := at.phrase(a+1, c); p.name != "" || p.inst != "" {
				return p
			}
			break
		}
	}
	return phrase{start: -1}
}

var ammaWord, faqad = quotes.Fold("أما"), quotes.Fold("فقد")

// onTongueOf reads Y in "… على لسان Y" starting at word j, before the
// opening mark at word limit, or an empty phrase.
func (at *attributor) onTongueOf(j, limit int) phrase {
	if j+2 >= limit || at.ws[j].key != alaWord || at.ws[j+1].key != lisanWord {
		return phrase{start: -1}
	}
	return at.afterAttributor(j+1, limit)
}

var alaWord, lisanWord = quotes.Fold("على"), quotes.Fold("لسان")

// afterAttributor reads the source after بحسب / وفق / على لسان, skipping
// "ما" and a relaying verb (بحسب ما أعلن الحزب، وفق ما ذكرت صحيفة …).
func (at *attributor) afterAttributor(c, limit int) phrase {
	j := c + 1
	if j < limit && (at.ws[j].key == maWord || at.ws[j].key == "ل"+maWord) {
		j += 2 // the relaying verb: بحسب ما نقلته، وفقا لما أعلن
	}
	p := at.phrase(j, limit)
	if p.inst != "" && (isOutlet(p.inst) || isOutlet(at.text[p.start:p.end])) {
		if a := at.anAfter(p, limit); a > 0 {
			return at.phrase(a+1, limit) // وفقا لما نقلته وكالة رويترز عن مصدر أمني: the source speaks
		}
		return phrase{start: -1} // بحسب صحيفة “X”: the outlet relays, it is not the speaker
	}
	if p.empty() && j < limit && verbLike(at.ws[j].key) {
		// Only a noun follows بحسب or على لسان, so a name that looks like
		// a verb (يوليا، يوسف) is a name here.
		k := j
		for k < limit && k-j < 4 && (k == j || at.counts.nameLike(at.ws[k])) && !at.counts.stop(at.ws[k]) && !endsName(at.ws[k].key) &&
			!strings.ContainsAny(at.ws[k].key, ".,:\"") {
			k++
		}
		if k > j {
			p = phrase{start: at.ws[j].start, end: at.ws[k-1].end, next: k, name: at.text[at.ws[j].start:at.ws[k-1].end]}
		}
	}
	return p
}

// isOutlet reports whether a phrase names a news outlet or agency.
func isOutlet(s string) bool {
	toks := foldTokens(s)
	if len(toks) == 0 {
		return false
	}
	return agencySet[quotes.Fold(s)] || quotes.Fold("صحيفة") == bare(toks[0]) || quotes.Fold("وكالة") == bare(toks[0]) ||
		quotes.Fold("قناة") == bare(toks[0]) || quotes.Fold("موقع") == bare(toks[0]) || quotes.Fold("جريدة") == bare(toks[0])
}

// phraseAfterVerb reads the phrase at word j, right after a verb, up to
// limit; an outlet in marks with ل there (قال لـ«الاقتصادية» خالد الجوهر
// إن) is the one spoken to, and the subject follows it.
func (at *attributor) phraseAfterVerb(j, limit int) phrase {
	if j+2 < limit && at.ws[j].key == "ل" && at.ws[j+1].key == "\"" {
		for k := j + 2; k < limit && k <= j+6; k++ {
			if at.ws[k].key == "\"" {
				if k > j+2 {
					return at.phrase(k+1, limit)
				}
				break
			}
		}
	}
	return at.phrase(j, limit)
}

// anAfter returns the index of عن right after the outlet phrase p, the
// rest of the outlet's name allowed between (وكالة رويترز عن، فرانس برس
// عن): at most three words, none of them a stop; or -1. A source follows
// it before limit.
func (at *attributor) anAfter(p phrase, limit int) int {
	if p.empty() {
		return -1
	}
	for k := p.next; k < limit && k+1 < limit && k <= p.next+3; k++ {
		w := at.ws[k].key
		if unprefixed(w) == anWord {
			return k
		}
		if isStop(w) {
			break
		}
	}
	return -1
}

// relayVerbs relay someone else's words: نقل X عن Y.
var relayVerbs = set([]string{"نقل", "نقلت"})

// anWord and maWord are the folded عن and ما.
var anWord, maWord = quotes.Fold("عن"), quotes.Fold("ما")

// relayer reads X in "نقلت X عن": the outlet or agency that relayed the
// quote, credited.
func (at *attributor) relayer(lo, an int) string {
	for j := an - 1; j >= lo; j-- {
		if k, _, ok := at.cue(j); ok && k == cueVerb {
			if j+1 < an {
				return cleanName(strings.NewReplacer("\"", "", "«", "", "»", "", "“", "", "”", "").Replace(at.text[at.ws[j+1].start:at.ws[an-1].end]))
			}
			return ""
		}
	}
	return ""
}

// earlierStatement reports a pluperfect "وكان … قد قال" or "سبق أن قال"
// before the cue at word c: words said before the article's events.
func (at *attributor) earlierStatement(lo, c int) bool {
	kana, qad := false, false
	for j := lo; j < c; j++ {
		switch at.ws[j].key {
		case quotes.Fold("وكان"), quotes.Fold("كان"), quotes.Fold("وكانت"), quotes.Fold("كانت"):
			kana = true
		case qadWord:
			qad = kana
		case quotes.Fold("سبق"):
			return true
		}
	}
	return kana && qad
}

// Attribute returns the records of the quotes qs of article a: ids, the
// article's outlet, address and publication day, and for every direct and
// partial quote its speaker (the fullest name the story gives, without
// titles), the mention as written, the speaker's role, the cue, the agency
// the story credits, the day the words were said and a confidence.
// Unknown fields stay nil. A speaker is never carried across the stories
// of a page.
func Attribute(a *quotes.Article, qs []quotes.Quote) []Record {
	if len(qs) == 0 {
		return nil
	}
	return AttributeHashed(a, qs, ContentHash(a.Text))
}

// AttributeHashed is Attribute for an article whose ContentHash the
// caller has already computed: an ingest computes it to know whether the
// article is stored, and hashing a text again costs as much.
func AttributeHashed(a *quotes.Article, qs []quotes.Quote, hash string) []Record {
	if len(qs) == 0 {
		return nil
	}
	published := PublishedDay(a)
	article := ArticleIDHashed(a, hash)
	var pub time.Time
	if published != "" {
		pub, _ = time.Parse(time.DateOnly, published)
	}
	stories := capStories(a.Text, splitStories(a.Text), maxStory, qs)
	owner := copyrightOwner(a.Text)
	sc := scratches.Get().(*scratch)
	defer putScratch(sc)
	// Only direct and partial quotes get a speaker: an article quoting
	// nothing else (names and terms in marks) needs no words of its text.
	var all []word
	if slices.ContainsFunc(qs, func(q quotes.Quote) bool { return q.Kind.Attributed() }) {
		sc.ws, sc.fold = appendWordsIn(sc.ws[:0], sc.fold, a.Text)
		sc.ws = dropBlessings(a.Text, sc.ws)
		all = sc.ws
	}
	counts := &sc.counts
	counts.memo = sharedMemo()
	counts.count(all)
	out := make([]Record, len(qs))
	story := make([]int, len(qs))
	qi := 0
	for si, st := range stories {
		lo := sort.Search(len(all), func(i int) bool { return all[i].start >= st.start })
		hi := lo + sort.Search(len(all)-lo, func(i int) bool { return all[lo+i].start >= st.end })
		at := &attributor{text: a.Text, ws: all[lo:hi], counts: counts, base: lo}
		// A post resolves to a person whose name looks like one, or to a
		// single name the article repeats (the singer "ليسا").
		at.people.named = func(e *entity) bool {
			return LooksLikePerson(e.name) || len(e.toks) == 1 && !strings.HasPrefix(e.toks[0], "ال") && counts.of(e.toks[0]) >= 2
		}
		// The story's quotes: qs is in text order.
		speech := false
		for _, q := range qs[qi:] {
			if q.Start >= st.end {
				break
			}
			if q.Start < st.start {
				continue
			}
			at.quoted = append(at.quoted, [2]int{q.Start, q.End})
			if q.Kind.Attributed() {
				speech = true
				continue
			}
			end := q.CloseAt
			if end < 0 {
				end = q.End
			}
			at.others = append(at.others, [2]int{q.OpenAt, end})
		}
		at.spans = unite(at.quoted)
		var clues []clue
		if speech { // a story without speech needs no entity table
			clues = findClues(at.ws, counts, at.base, pub)
			at.clues = clues
			at.scanEntities()
		}
		dated := map[*entity]datedAs{}
		outlet, credited := a.Outlet, st.agency
		if outlet == "" {
			switch {
			case st.agency != "" && st.source != "":
				outlet = st.source
			case owner != "":
				outlet = owner
				if credited == "" && st.source != "" && quotes.Fold(st.source) != quotes.Fold(owner) {
					credited = st.source
				}
			default:
				outlet = st.source
			}
		}
		for ; qi < len(qs) && qs[qi].Start < st.end; qi++ {
			q := qs[qi]
			r := Record{
				ID:        QuoteID(hash, q.Start, q.End),
				Article:   article,
				Outlet:    optional(outlet),
				URL:       optional(a.URL),
				Published: optional(published),
				Quote:     q.Text,
				Kind:      q.Kind,
				Start:     q.Start,
				End:       q.End,
				Credited:  optional(credited),
			}
			if q.Kind.Attributed() {
				res := at.attribute(q)
				if res.speaker != nil {
					r.Speaker = optional(res.speaker.name)
					r.Role = optional(res.speaker.role)
				}
				r.Mention = optional(res.mention)
				r.Cue = optional(res.cue)
				if res.credited != "" {
					r.Credited = optional(res.credited)
				}
				if r.Credited != nil && strings.Contains(quotes.Fold(deref(r.Outlet)), quotes.Fold(*r.Credited)) {
					r.Credited = nil // an outlet's own dateline credits nobody else
				}
				conf := res.confidence
				r.Confidence = &conf
				if published != "" {
					day, basis, own := saidOn(at.ws, clues, q, pub, res.cueAt, at.inQuote)
					if own && res.speaker != nil {
						dated[res.speaker] = datedAs{q.OpenAt, day, basis}
					} else if c := at.contextBefore(res.speaker, q.OpenAt, dated); c != nil {
						day, basis = c.day, c.basis
					}
					// An earlier statement (وكان … قد قال) keeps only a day of its
					// own sentence, or an explicit date: never the publication day,
					// nor the day of a later statement of the same speaker.
					if !res.earlier || own || basis == BasisExplicit {
						r.SaidOn = optional(day.Format(time.DateOnly))
						r.SaidOnBasis = optional(basis)
					}
				}
			}
			out[qi] = r
			story[qi] = si
		}
	}
	repeatSpeakers(out, story)
	return out
}

// repeatSpeakers gives a quote that no cue introduces (a subheading, a
// pull quote: «كل الأمور على ما يرام» on a line of its own) the speaker
// and day of the same words quoted with a cue elsewhere in its story,
// whole or as part of a longer quote. story[i] is the story of out[i].
func repeatSpeakers(out []Record, story []int) {
	var keys []string // of the quotes asked about, made when first asked for
	var made []bool
	for i := range out {
		r := &out[i]
		if !r.Kind.Attributed() || r.Cue != nil {
			continue
		}
		// Words only: a stop after the repeated words («… يرام. وأن …»)
		// must not hide them.
		toks := quotes.KeyTokens(r.Quote)
		if len(toks) < 3 {
			continue // too short to be the same statement
		}
		k := " " + strings.Join(toks, " ") + " "
		if keys == nil {
			keys, made = make([]string, len(out)), make([]bool, len(out))
		}
		// Stories are contiguous in out: look only within this one.
		lo, hi := i, i+1
		for lo > 0 && story[lo-1] == story[i] {
			lo--
		}
		for hi < len(out) && story[hi] == story[i] {
			hi++
		}
		for j := lo; j < hi; j++ {
			if j == i {
				continue
			}
			if !made[j] {
				made[j] = true
				if out[j].Kind.Attributed() && out[j].Cue != nil && out[j].Speaker != nil &&
					out[j].Confidence != nil && *out[j].Confidence >= confRole { // found at its cue, not carried
					keys[j] = " " + strings.Join(quotes.KeyTokens(out[j].Quote), " ") + " "
				}
			}
			if keys[j] == "" || !strings.Contains(keys[j], k) {
				continue
			}
			src := &out[j]
			r.Speaker, r.Role, r.SaidOn, r.SaidOnBasis = src.Speaker, src.Role, src.SaidOn, src.SaidOnBasis
			conf := confCarried
			r.Confidence = &conf
			break
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
