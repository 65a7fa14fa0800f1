package attribution

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

// gender is the grammatical gender and number a reporting verb agrees in
// (ARABIC.md §2.4), used to carry a speaker over to a subjectless verb.
type gender uint8

const (
	genderUnknown gender = iota
	masculine
	feminine
	plural
)

// cueKind is the kind of word that introduces a quote.
type cueKind uint8

const (
	cueVerb         cueKind = iota + 1 // قال، أكدت، وأضاف
	cueHal                             // قائلا، مضيفة: the subject of the main verb speaks
	cueNoun                            // قوله، قولها: نقل … عن X قوله
	cueAttributor                      // بحسب، وفق، على لسان
	cueColon                           // a bare colon: SPEAKER: «…»
	cueContinuation                    // وأضاف، وتابعت with no subject: the last speaker goes on
)

// cueAt classifies word w as a cue, and the gender its form agrees in.
func cueAt(w string) (cueKind, gender, bool) {
	return cueOf(w, unprefixed(w))
}

// cueOf is cueAt of w given v, unprefixed(w): for callers that have it.
func cueOf(w, v string) (cueKind, gender, bool) {
	b := cueLists[v] // one lookup for the five lists below
	if b&inNotCues != 0 {
		return 0, 0, false
	}
	switch {
	case b&inNouns != 0:
		g := masculine
		if strings.HasSuffix(v, "ها") {
			g = feminine
		} else if strings.HasSuffix(v, "هم") || strings.HasSuffix(v, "هما") {
			g = plural
		}
		return cueNoun, g, true
	case b&inAttributors != 0:
		return cueAttributor, genderUnknown, true
	case b&inHal != 0:
		g := masculine
		if strings.HasSuffix(v, "ه") {
			g = feminine
		}
		return cueHal, g, true
	case b&inContinuations != 0:
		return cueContinuation, verbGender(v), true
	case quotes.ReportingWord(v) || v != w && quotes.ReportingWord(w):
		return cueVerb, verbGender(v), true
	}
	if c := strings.TrimPrefix(strings.TrimPrefix(w, "و"), "ف"); commentSet[c] {
		return cueVerb, verbGender(c), true
	}
	return 0, 0, false
}

// commentSet holds the verbs that report a comment (وعلق النائب على ذلك: «…»). They are cues
// for finding the speaker only: the kind classifier does not count them as
// speech, because علق in the news is as often "suspended" (علقت الحكومة
// العمل باتفاقية "…"), which names what was suspended.
var commentSet = set([]string{"علق", "علقت", "علقوا", "يعلق"})

// notCues are attributor nouns that the kind classifier counts as speech
// context but that name a medium, not a speaker (في تصريحات صحفية، في
// تغريدة، في بيان): the speaker is found around them, not after them.
var notCues = set([]string{"تصريح", "تصريحات", "تغريدة", "بيان", "القول"})

// cueList is a bit per list of cue words, for cueLists.
type cueList uint8

const (
	inNotCues cueList = 1 << iota
	inNouns
	inAttributors
	inHal
	inContinuations
)

// cueLists says in which of notCues, nounSet, attributorSet, halSet and
// continuationSet each of their words is: cueOf and unprefixed ask of a
// word all these lists, which one lookup answers.
var cueLists = func() map[string]cueList {
	m := map[string]cueList{}
	for bit, set := range map[cueList]map[string]bool{inNotCues: notCues, inNouns: nounSet, inAttributors: attributorSet, inHal: halSet, inContinuations: continuationSet} {
		for w := range set {
			m[w] |= bit
		}
	}
	return m
}()

// verbGender reads gender and number off a reporting verb's form: past
// feminine -ت (قالت)، plural -وا (قالوا)، present feminine ت- (تقول),
// present masculine ي- (يقول), present plural -ون.
func verbGender(v string) gender {
	switch {
	case strings.HasSuffix(v, "وا") || strings.HasSuffix(v, "ون"):
		return plural
	case strings.HasSuffix(v, "ت") && v != quotes.Fold("لفت") && v != quotes.Fold("التفت"):
		return feminine
	case strings.HasPrefix(v, "ت") && quotes.ReportingWord("ي"+strings.TrimPrefix(v, "ت")):
		return feminine
	case strings.HasSuffix(v, "ه") || strings.HasSuffix(v, "ها"):
		return genderUnknown // يعتبره، تعتبرها: the suffix is the object
	}
	return masculine
}

// phrase is a speaker phrase read after (or before) a cue.
type phrase struct {
	start, end int // byte offsets of the phrase as written
	role       string
	name       string
	inst       string // an organisation or unnamed source, as written
	g          gender // from a feminine title (الوزيرة، المتحدثة)
	next       int    // index of the first word after the phrase
}

func (p phrase) empty() bool { return p.name == "" && p.inst == "" && p.role == "" }

// masculineTitles end in ة but name men (الداعية عايض القرني، العلامة).
var masculineTitles = set([]string{"داعية", "علامة", "خليفة", "رحالة", "نابغة"})

// nameParticles keep a name going (محمد بن سلمان، أبو مازن، عبد الله، آل ثاني).
var nameParticles = set([]string{"بن", "ابن", "بنت", "أبو", "أبي", "أم", "عبد", "آل", "ولد", "أيت", "دي", "دل", "ديل", "فون", "فان", "دير", "ال"})

// addressee reports whether folded word w is an agency or an outlet noun
// with ل, "to": the outlet a statement was made to, not its speaker, when
// it follows the verb (وقالت لقناة الغد إنها …) or a post already
// complete (قال متحدث باسم الهيئة لوكالة فرانس برس). After a bare post it
// is the post's genitive (المدير العام لقناة الأفق).
func addressee(w string) bool {
	r, ok := afterL(w)
	return ok && (agencySet[r] || outletNouns[r])
}

// afterL returns folded word w without its preposition ل, and whether it
// has one: not when ل is the article's (للوكالة، للشركة).
func afterL(w string) (string, bool) {
	r, ok := strings.CutPrefix(w, "ل")
	return r, ok && !strings.HasPrefix(r, "ل")
}

// laSurname reports whether word k, which starts with ل, is the last word
// of a name (جون ليهي، ماري لوبان) rather than "to …" (بوتين لعباس، كيري
// لصحافيين): the article gives the word as it is more than once (وقال
// ليهي) or a post or a comma follows it (جيفري لويس مدير البرنامج), it
// ends the phrase right there, it is not short (لنا، لهم), and
// it is not an outlet, a body or a word with the article (لرويترز، لشركة،
// للصحفيين).
func laSurname(ws []word, k, limit int, names *wordCounts) bool {
	w := ws[k].key
	next := ""
	if k+1 < limit {
		next = ws[k+1].key
	}
	return (names.word(ws[k]) >= 2 || in(titleSet, next) || next == ",") && utf8.RuneCountInString(w) >= 4 && !strings.HasPrefix(w, "لل") && !addressee(w) && !bodyOf(w) &&
		!isCountry(w[len("ل"):]) && strings.IndexFunc(w, func(r rune) bool { return !unicode.Is(unicode.Arabic, r) }) < 0 &&
		(k+1 >= limit || endsName(ws[k+1].key))
}

// bodyOf reports whether folded word w is ل and the head of a body's
// name (لشركة، لوزارة، لمجلس): its genitive, the body's name, follows,
// and no person's name runs through it (المدير التجاري لشركة إيرباص جون
// ليهي).
func bodyOf(w string) bool {
	r, ok := afterL(w)
	return ok && (roleNounSet[r] || institutionSet[r])
}

// completePost reports whether the words of a post already hold its
// complement: "in the name of" or "in" a body (متحدث باسم الهيئة، مسؤول في
// الوزارة).
func completePost(ws []word) bool {
	for _, w := range ws {
		if w.key == basimWord || w.key == fiWord {
			return true
		}
	}
	return false
}

// isStop reports whether word w ends a speaker phrase.
func isStop(w string) bool {
	v := unprefixed(w)
	if listedStop(w, v) {
		return true
	}
	_, _, ok := cueOf(w, v)
	return ok
}

// listedStop is isStop of w, given v = unprefixed(w), but for cues: the
// marks, stop words, day words, numbers and outlets that end a phrase.
func listedStop(w, v string) bool {
	if w == "" || w == "." || w == ":" || w == "," || w == "\"" {
		return true
	}
	if stopSet[w] || v != w && stopSet[v] {
		return true
	}
	if _, ok := weekdays[w]; ok {
		return true
	}
	if _, ok := relativeDays[w]; ok {
		return true
	}
	if w[0] >= '0' && w[0] <= '9' {
		return true
	}
	if strings.HasPrefix(w, "ل") && agencySet[w[len("ل"):]] {
		return true // لرويترز: the outlet a statement was made to
	}
	return false
}

// verbLike reports whether folded word w has the shape of a present or
// dual verb (يوقعان، تعهدا، يقولون): a prefix ي / ت with a plural or dual
// ending. Such a word ends a name.
func verbLike(w string) bool {
	if !(strings.HasPrefix(w, "ي") || strings.HasPrefix(w, "ت")) || len([]rune(w)) < 4 {
		return false
	}
	n := len([]rune(w))
	return strings.HasSuffix(w, "ان") && n <= 7 || strings.HasSuffix(w, "ون") || strings.HasSuffix(w, "وا") ||
		strings.HasSuffix(w, "ا") && n <= 5 // تعهدا، not توميهيسا
}

// notNameWord reports whether a word, as written, cannot go on a name: it
// carries tanween (ضاحكاً، جيداً: a ḥāl or an adverb).
func notNameWord(raw string) bool {
	return strings.ContainsAny(raw, "\u064B\u064C\u064D") // fathatan, dammatan, kasratan
}

// aliName reports whether word k is the name علي, which folds like the
// preposition على: the text writes it with ي where it writes the
// preposition with ى elsewhere, and a name word follows it or ends the
// phrase (قائد القوة البحرية، علي تنكسيري، …؛ محمد علي).
func aliName(text string, ws []word, k, limit int, names *wordCounts) bool {
	if ws[k].key != aliKey || text[ws[k].start:ws[k].end] != "علي" || !names.writesAla(text) {
		return false
	}
	return k+1 >= limit || endsName(ws[k+1].key) || nameLike(ws[k+1].key) && !strings.HasPrefix(ws[k+1].key, "ال")
}

var aliKey = quotes.Fold("علي")

// writesAla is writesAla of the counted article's text, found once per
// article: a text that writes على with ي throughout has as many raw علي
// as prepositions, and each would scan it again. A nil c finds it anew.
func (c *wordCounts) writesAla(text string) bool {
	if c == nil {
		return writesAla(text)
	}
	if c.ala == 0 {
		c.ala = 2
		if writesAla(text) {
			c.ala = 1
		}
	}
	return c.ala == 1
}

// writesAla reports whether text writes the preposition على with ى as a
// word of its own (not inside أعلى).
func writesAla(text string) bool {
	for i := strings.Index(text, "على"); i >= 0; {
		end := i + len("على")
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if (i == 0 || !unicode.IsLetter(before)) && (end == len(text) || !unicode.IsLetter(after)) {
			return true
		}
		n := strings.Index(text[end:], "على")
		if n < 0 {
			break
		}
		i = end + n
	}
	return false
}

// firstNameInA reports whether word k, shaped like a dual verb in ا
// (تعهدا، يتفقا), is rather the first name that opens the phrase at j
// (يهودا غليك، تريزا ماي): a name word follows it, and it carries no
// tanween (تعهداً بعدم العودة is a noun).
func firstNameInA(text string, ws []word, k, j, limit int) bool {
	raw := text[ws[k].start:ws[k].end]
	return k == j && strings.HasSuffix(ws[k].key, "ا") && !notNameWord(raw) &&
		k+1 < limit && nameLike(ws[k+1].key) && !endsName(ws[k+1].key) && !verbLike(ws[k+1].key)
}

// waSurname reports whether word k, which starts with و, is the surname
// of the name that starts at word j rather than a second conjunct: it is
// the name's second word, the phrase ends right after it, and the article
// never gives the word without its و (أندرو ويتي الرئيس التنفيذي; but
// ترامب وماكرون where ماكرون stands alone elsewhere). Neither word may be
// a place or an outlet (فرنسا وإسبانيا، روحاني واشنطن، إذاعة وتلفزيون),
// nor the second a noun with a pronoun (فور وصوله، أخطائهم وفضائحهم), a
// word with و and hamza (وأثبت) or a short verb in ـت (وجهت).
func waSurname(text string, ws []word, k, j, limit int, names *wordCounts) bool {
	w, first := ws[k].key, ws[j].key
	n := utf8.RuneCountInString(w)
	if k != j+1 || n < 4 || names != nil && names.of(w[len("و"):]) > 0 || !(k+1 >= limit || endsName(ws[k+1].key)) {
		return false
	}
	raw := text[ws[k].start:ws[k].end]
	if strings.HasPrefix(raw, "وأ") || strings.HasPrefix(raw, "وإ") || strings.HasPrefix(raw, "وآ") ||
		strings.HasSuffix(raw, "ه") || strings.HasSuffix(raw, "هم") || strings.HasSuffix(raw, "ها") || n == 4 && strings.HasSuffix(w, "ت") {
		return false
	}
	place := func(w string) bool { return isCountry(w) || len(capitals[bare(w)]) > 0 }
	return !place(w) && !place(w[len("و"):]) && !place(first) && !outletNouns[bare(first)] && !in(institutionSet, first)
}

// nameEndsAt reports whether the phrase ends at word k: the limit, a stop,
// a comma or colon, a mark, or a reporting verb (حسن شحاته قال).
func nameEndsAt(ws []word, k, limit int) bool {
	if k >= limit {
		return true
	}
	switch w := ws[k].key; w {
	case ".", ",", ":", "\"":
		return true
	default:
		return isCueVerb(w)
	}
}

// possessed reports whether raw word w ends in a possessive pronoun after
// the tāʾ of a feminine noun (رسالته، زوجتها، حكومتهم): a noun with its
// owner, never a name word. The raw text keeps ة apart from ه (شحاتة is
// a name); ـها alone is left alone, foreign surnames end so (مارواها).
func possessed(w string) bool {
	n := utf8.RuneCountInString(w)
	return strings.HasSuffix(w, "ته") && n >= 4 || (strings.HasSuffix(w, "تها") || strings.HasSuffix(w, "تهم")) && n >= 5
}

// expertTitles are the titles whose holder's field follows with في (خبير
// في الاقتصاد، الباحث في الشؤون الإيرانية), part of the title.
var expertTitles = set([]string{"خبير", "خبيرة", "أخصائي", "أخصائية", "اختصاصي", "اختصاصية", "باحث", "باحثة", "محلل", "محللة", "أستاذ", "أستاذة", "متخصص", "متخصصة", "مختص", "مختصة"})

var fiWord = quotes.Fold("في")

// basimWord is باسم: "in the name of" after a spokesman (المتحدث باسم
// الكرملين), else the first name Basim.
var basimWord = quotes.Fold("باسم")

// spokesWords speak in someone's name.
var spokesWords = set([]string{"متحدث", "متحدثة", "ناطق", "ناطقة", "متحدثون", "متكلم"})

// spokesman reports whether a title chain names a spokesman (المتحدث
// الرسمي، الناطق الإعلامي).
func spokesman(chain []word) bool {
	for _, w := range chain {
		if spokesWords[bare(w.key)] {
			return true
		}
	}
	return false
}

// recurringName reports whether w, shaped like a dual verb (تعهدا), is
// rather a name the article repeats (يوليا): a verb form seldom recurs
// three times in one article, a protagonist's name does. seen is how often
// the article has w.
func recurringName(w string, seen int) bool {
	if !strings.HasSuffix(w, "ا") || strings.HasSuffix(w, "وا") || seen < 3 {
		return false
	}
	return !isCountry(w)
}

// isCountry reports whether folded word w is a country (or city) whose
// adjective is listed: تركيا / التركي، إيران / الإيراني. A country is not a
// person's name, and never a first name (إيران ستكون is no name).
func isCountry(w string) bool {
	switch {
	case strings.HasSuffix(w, "يا"): // روسيا، سوريا
		return nisbas["ال"+strings.TrimSuffix(w, "يا")+"ي"]
	case strings.HasSuffix(w, "ا"): // فرنسا، أمريكا
		return nisbas["ال"+strings.TrimSuffix(w, "ا")+"ي"]
	}
	// Other shapes are listed: the nisba test would take the names سعود
	// (السعودي) and روس (الروسي) for countries, and مغربي is a surname.
	return countriesWithoutArticle[w]
}

// countriesWithoutArticle are the countries, written without the article,
// that do not end in ا.
var countriesWithoutArticle = set([]string{"إيران", "مصر", "إسرائيل", "قطر", "لبنان", "تونس", "باكستان", "أفغانستان", "فلسطين"})

// hasArticle reports whether word w is written with the article ال (or
// وال، فال), as the text spells it: a folded ال may be a name's أل (ألبنا).
func hasArticle(text string, w word) bool {
	s := text[w.start:w.end]
	return strings.HasPrefix(s, "ال") || strings.HasPrefix(s, "وال") || strings.HasPrefix(s, "فال")
}

// nameLength returns how many words from k form a name that ends at the
// end of the phrase (a stop, a title, a nationality), or 0.
func nameLength(ws []word, k, limit int) int {
	for e := k; e < limit && e-k < 5; e++ {
		w := ws[e].key
		if endsName(w) {
			return e - k
		}
		if !(nameLike(w) || e == k && w == basimWord) || verbLike(w) || (e > k && strings.HasPrefix(w, "و") && !nameParticles[w]) {
			return 0
		}
	}
	return 0
}

// nameRunEnds reports whether the words from k on reach the end of a name
// phrase within two more words, each of them a possible name word.
func nameRunEnds(ws []word, k, limit int) bool {
	for e := k + 1; e <= k+2; e++ {
		if e >= limit || endsName(ws[e].key) {
			return true
		}
		if strings.HasPrefix(ws[e].key, "ل") && !strings.HasPrefix(ws[e].key, "لا") {
			return false
		}
	}
	return false
}

// endsName reports whether folded word w, right after a name, ends it: a
// stop, an apposition that starts with a title or a nationality, or a
// prepositional object (بإكمال، بنشر).
func endsName(w string) bool {
	return isStop(w) || in(titleSet, w) || nisbas[w] || strings.HasPrefix(w, "بال") ||
		(strings.HasPrefix(w, "با") && len([]rune(w)) >= 6)
}

// readPhraseWith reads the speaker phrase that starts at ws[i]: a title chain
// (وزير الخارجية الروسي)، then a name (سيرغي لافروف); or an organisation
// or unnamed source (الخارجية الروسية، مصادر). An apposition after a comma
// completes it: "رئيس الوزراء، سعد الحريري،" gives the name, "ديمتري
// بيسكوف، المتحدث باسم الكرملين" gives the role.
// It takes the counts of word pairs in the article, which tell a two-word
// name from a subject and its verb's object.
func readPhraseWith(text string, ws []word, i, limit int, names *wordCounts) phrase {
	return readPhraseAt(text, ws, i, limit, names, true)
}

// readPhraseAt is readPhraseWith; apposition says whether an apposition
// after a comma may complete the phrase (not inside an apposition: in
// "سارة سميث، أستاذة الاقتصاد في جامعة بريستول، لبي بي سي" the second
// comma ends it).
func readPhraseAt(text string, ws []word, i, limit int, names *wordCounts, apposition bool) phrase {
	p := phrase{start: -1, next: i}
	if i >= limit || names.stop(ws[i]) && !aliName(text, ws, i, limit, names) || addressee(ws[i].key) {
		return p
	}
	roleFrom, roleTo := -1, -1
	j := i
	// Role: a title word and its complements.
	if b := bare(ws[j].key); in(titleSet, ws[j].key) {
		roleFrom = j
		if strings.HasSuffix(b, "ه") && !masculineTitles[b] && strings.HasSuffix(text[ws[j].start:ws[j].end], "ة") {
			p.g = feminine // ة, not the pronoun ه: مهاجمه is "its striker"
		}
		j++
		// A title in construct takes its genitive (رئيس روسيا فلاديمير
		// بوتين، ملك الأردن).
		if !hasArticle(text, ws[roleFrom]) && !bareTitles[b] && !bareTitles[ws[roleFrom].key] && j < limit &&
			!names.stop(ws[j]) && ws[j].key != "\"" && !hasArticle(text, ws[j]) && !in(titleSet, ws[j].key) && !in(roleNounSet, ws[j].key) {
			j++
		}
		for j < limit {
			w := ws[j].key
			if w == "\"" && in(titleSet, ws[j-1].key) {
				// A name in marks right after a person's title: المغنية "ليسا".
				k := j + 1
				for k < limit && ws[k].key != "\"" && k-j < 5 {
					k++
				}
				if k < limit && ws[k].key == "\"" && k > j+1 {
					p.role = text[ws[roleFrom].start:ws[j-1].end]
					p.name = text[ws[j+1].start:ws[k-1].end]
					p.start, p.end, p.next = ws[roleFrom].start, ws[k-1].end, k+1
					return p
				}
				break
			}
			if w == "\"" { // a quoted name inside the title: رئيس تحرير جريدة «عرب نيوز»
				k := j + 1
				for k < limit && ws[k].key != "\"" && k-j < 6 {
					k++
				}
				if k < limit && ws[k].key == "\"" {
					j = k + 1
					continue
				}
				break
			}
			if w == fiWord && expertTitles[bare(ws[roleFrom].key)] && j+1 < limit && (hasArticle(text, ws[j+1]) || roleNounSet[ws[j+1].key]) &&
				!mediumNouns[bare(ws[j+1].key)] && !names.stop(ws[j+1]) {
				j++ // an expert's field: خبير بريطاني في الذكاء الصناعي
				continue
			}
			if names.stop(ws[j]) || addressee(w) && completePost(ws[roleFrom:j]) {
				break
			}
			if w == basimWord && !spokesman(ws[roleFrom:j]) {
				break // رئيس البعثة باسم أبوداود: باسم is a first name unless a spokesman speaks "in the name of"
			}
			b := bare(w)
			if strings.HasPrefix(w, "و") && in(titleSet, w) { // المغنية والمخرجة
				j++
				continue
			}
			if strings.HasPrefix(w, "ل") && !strings.HasPrefix(w, "لل") && j+1 < limit && strings.HasPrefix(ws[j+1].key, "ال") {
				j++ // an iḍāfa going on: لنصرة الأشقاء، لحقوق الإنسان
				continue
			}
			if j == roleFrom+1 && hasArticle(text, ws[j]) && strings.HasSuffix(w, "ي") && !nisbas[w] &&
				(j+1 >= limit || endsName(ws[j+1].key)) && !in(titleSet, w) {
				break // العميد الصبيحي: a family name right after a title
			}
			if hasArticle(text, ws[j]) && !strings.HasPrefix(text[ws[j].start:ws[j].end], "ف") || strings.HasPrefix(w, "لل") || strings.HasPrefix(w, "بال") ||
				roleNounSet[b] || roleNounSet[w] || titleSet[b] ||
				bodyOf(w) {
				j++
				continue
			}
			break
		}
		// A role ending in a noun that wants its genitive (رئيس بلدية
		// ناغازاكي، مدير مكتب الحملة) takes the next word along.
		if last := ws[j-1].key; j < limit && j-1 > roleFrom && !hasArticle(text, ws[j-1]) && (roleNounSet[last] || bodyOf(last)) &&
			!names.stop(ws[j]) && ws[j].key != "\"" {
			j++
			// and a second word the article gives with it more than
			// once (لشركة فيس بوك مارك زوكربرغ), and the genitive's
			// adjectives: جامعة سري البريطانية
			if j < limit && !names.stop(ws[j]) && names.pair(ws[j-1], ws[j]) >= 2 && !(j+1 < limit && names.pair(ws[j], ws[j+1]) >= 2) {
				j++
			}
			for j < limit && nisbas[ws[j].key] {
				j++
			}
		}
		// A second title right after the first chain (أمين سوق عكاظ
		// الدكتور جريدي المنصوري) belongs to the role too.
		for j < limit && in(titleSet, ws[j].key) {
			j++
		}
		// So does a place (مدير مكتب الحملة في لبنان وليد بن علي الجلال)
		// when a name of two words or more follows it.
		if j+2 < limit && ws[j].key == quotes.Fold("في") && !mediumNouns[bare(ws[j+1].key)] {
			for skip := 2; skip <= 3 && j+skip < limit; skip++ {
				if isCountry(ws[j+skip].key) {
					continue // the place goes on: في معسكر سويسرا باسم أبوداود
				}
				if n := nameLength(ws, j+skip, limit); n >= 2 {
					j += skip
					break
				}
			}
		}
		roleTo = j
	}
	// Name, or an organisation when there is no title.
	nameFrom := j
	if roleFrom < 0 && j < limit && (hasArticle(text, ws[j]) || in(institutionSet, ws[j].key) || in(descriptorHeads, ws[j].key)) && !nameParticles[ws[j].key] {
		// Organisation or unnamed source, as written: its head and the
		// words in the article that qualify it (وزارة الخارجية الروسية،
		// المرصد السوري لحقوق الإنسان), not the object after it.
		k := j + 1
		// A sound plural in -ون cannot govern a genitive: in "وصف
		// مشجعون القرار" the next word is the verb's object.
		plural := strings.HasSuffix(ws[j].key, "ون") && !hasArticle(text, ws[j])
		for k < limit && k-j < 6 && !names.stop(ws[k]) && !plural {
			w := ws[k].key
			if hasArticle(text, ws[k]) || (strings.HasPrefix(w, "ل") && k+1 < limit && hasArticle(text, ws[k+1])) {
				k++
				continue
			}
			break
		}
		if k > j {
			p.inst = text[ws[j].start:ws[k-1].end]
			p.start, p.end, p.next = ws[j].start, ws[k-1].end, k
			// The name of an outlet or organisation in marks right after
			// its head: صحيفة "نيويورك تايمز"، وكالة «الأناضول».
			if k+1 < limit && ws[k].key == "\"" {
				e := k + 1
				for e < limit && ws[e].key != "\"" && e-k <= 6 {
					e++
				}
				if e < limit && ws[e].key == "\"" && e > k+1 {
					name := text[ws[k+1].start:ws[e-1].end]
					if k == j+1 && markedOutletHeads[ws[j].key] && len(foldTokens(name)) > 0 {
						p.inst = name // صحيفة “فاينانشيال تايمز”: the outlet is its name
					} else {
						p.inst += " " + name
					}
					p.end, p.next = ws[e].end, e+1
				}
			}
		}
		return p
	}
	k := j
	for k < limit && k-j < 5 {
		w := ws[k].key
		if w == "ان" && k > j+1 && k+1 < limit && (names.stop(ws[k+1]) || ws[k+1].key == "ان") &&
			names != nil && names.pair(ws[k-1], ws[k]) >= 2 {
			k++ // مون جاي إن: a name that ends in إن
			break
		}
		if k > j && nameParticles[ws[k-1].key] && w != "," && w != "." && w != ":" && w != "\"" {
			k++ // بن علي: whatever follows بن is a name
			continue
		}
		if k == j && in(descriptorHeads, w) {
			break // سكان الجولان: a description, not a name
		}
		if names.stop(ws[k]) && !aliName(text, ws, k, limit, names) || clauseJoint(w) || (k > j && strings.HasPrefix(w, "ل") && !nameParticles[w] && !(strings.HasPrefix(w, "لا") && (names.word(ws[k]) >= 2 || k+1 >= limit || endsName(ws[k+1].key))) && !laSurname(ws, k, limit, names)) ||
			(k == j && (strings.HasPrefix(w, "لل") || w == "ب" || strings.HasPrefix(w, "بال") || addressee(w))) ||
			(k == j && strings.HasPrefix(w, "ب") && names != nil && names.word(ws[k]) < 2 &&
				!(k+1 < limit && !names.stop(ws[k+1]) && nameRunEnds(ws, k+1, limit))) {
			break // بانتظام، بسبب: a preposition's object, not a name that recurs (بوتين)
		}
		// A name goes on only while it looks like one: the words up to the
		// end of the phrase (a stop, a title, a nationality) are all name
		// words (محمد فهد الحارثي رئيس تحرير …), the pair is a particle, or
		// the pair stands together elsewhere in the article (دونالد
		// ترامب), not a verb's object (ترامب انسحاب الولايات).
		if k > j && !nameParticles[ws[k-1].key] && !nameParticles[w] && !nameRunEnds(ws, k, limit) &&
			names != nil && names.pair(ws[k-1], ws[k]) < 2 {
			break
		}
		if k > j && (w == "ب" || endsName(w) && !aliName(text, ws, k, limit, names)) {
			break
		}
		if k > j && possessed(text[ws[k].start:ws[k].end]) && (names == nil || names.pair(ws[k-1], ws[k]) < 2) && !nameEndsAt(ws, k+1, limit) {
			// بوفون رسالته على تويتر: a noun with its owner's pronoun,
			// its complement after it, ends the name; unless the pair
			// recurs (ألبنا مارواها) or the word itself ends the phrase
			// (وقال المدرب حسن شحاته: «…»).
			break
		}
		if verbLike(w) && !recurringName(w, names.word(ws[k])) && !isCountry(w) && !firstNameInA(text, ws, k, j, limit) || (k > j && strings.HasPrefix(w, "و") && names.pair(ws[k-1], ws[k]) < 2 && !waSurname(text, ws, k, j, limit, names)) {
			break // يوقعان، تعهدا; وكيم: a verb or a second conjunct, not the name
		}
		if k > j && (titleSet[bare(w)] || roleNounSet[bare(w)] || nisbas[w]) {
			break
		}
		if k > j && notNameWord(text[ws[k].start:ws[k].end]) {
			break // فيراري ضاحكاً: a ḥāl, not the name
		}
		if k > j && strings.HasPrefix(w, "و") && !nameParticles[bare(w)] && len(w) > 2 && strings.HasPrefix(w[1:], "ال") {
			break // وال…: a new conjunct, not the name
		}
		k++
	}
	if roleFrom >= 0 {
		p.role = text[ws[roleFrom].start:ws[roleTo-1].end]
		p.start = ws[roleFrom].start
		p.end = ws[roleTo-1].end
	}
	if k > nameFrom {
		p.name = text[ws[nameFrom].start:ws[k-1].end]
		if p.start < 0 {
			p.start = ws[nameFrom].start
		}
		p.end = ws[k-1].end
	}
	p.next = max(k, roleTo)
	// Apposition after a comma.
	if apposition && p.next < limit && ws[p.next].key == "," && p.next+1 < limit {
		app := readPhraseAt(text, ws, p.next+1, limit, names, false)
		switch {
		case p.name == "" && p.role != "" && app.name != "":
			// رئيس أركان الجيش الإيراني، الميجر جنرال محمد باقري
			p.name, p.end, p.next = app.name, app.end, app.next
		case p.name != "" && p.role == "" && app.role != "" && app.name == "":
			p.role, p.next = app.role, app.next
			if app.g != genderUnknown {
				p.g = app.g
			}
		}
	}
	return p
}
