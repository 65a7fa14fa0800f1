package attribution

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// SpeakerKey returns the canonical key of a speaker's name, the same for
// the spellings of one person across outlets (ARABIC.md §3.5): hamza,
// alef, yeh and teh-marbuta variants (أسعد/اسعد، الشيبانى/الشيباني), the
// g, v and p letters and emphatics of transliteration (سيرغي/سيرجي),
// long vowels written or dropped (ترامب/ترمب، زيلينسكي/زيلنسكي), the
// article on a surname, spacing after عبد, and hashtags. Titles are not
// removed: give it a name. It is a blocking key: different people may
// share it (الأسد/الأسودي), so SameSpeaker decides.
func SpeakerKey(name string) string {
	toks := speakerTokens(name)
	for i, t := range toks {
		toks[i] = skeleton(t)
	}
	return strings.Join(toks, " ")
}

// speakerTokens are the folded words of a name without the article, with
// عبد joined to the word after it (عبد الله → عبدالله).
func speakerTokens(name string) []string {
	raw := foldTokens(cleanName(name))
	var out []string
	for i := 0; i < len(raw); i++ {
		t := strings.TrimPrefix(raw[i], "ال")
		if raw[i] == "عبد" && i+1 < len(raw) {
			t += raw[i+1]
			i++
		}
		if t != "" {
			out = append(out, t)
		}
	}
	return out
}

// SameSpeaker reports whether two names are spellings of one person: equal
// keys, or surnames whose skeletons differ by at most one letter
// (لودريان/لوردريان) with compatible first names (equal, a variant, or
// given by one side only).
func SameSpeaker(a, b string) bool {
	return sameTokens(speakerTokens(a), speakerTokens(b))
}

// SpeakerName is a name read once to be compared with many:
// NewSpeakerName(a).SameAs(NewSpeakerName(b)) is SameSpeaker(a, b).
type SpeakerName struct {
	toks []string
}

// NewSpeakerName reads name for SameAs.
func NewSpeakerName(name string) SpeakerName {
	return SpeakerName{toks: speakerTokens(name)}
}

// SameAs reports whether m names the person n names: SameSpeaker of the
// two names read.
func (n SpeakerName) SameAs(m SpeakerName) bool {
	return sameTokens(n.toks, m.toks)
}

// sameTokens is SameSpeaker of two names' speakerTokens.
func sameTokens(ta, tb []string) bool {
	if len(ta) == 0 || len(tb) == 0 {
		return false
	}
	if !sameNameWord(ta[len(ta)-1], tb[len(tb)-1]) {
		return false
	}
	if len(ta) == 1 || len(tb) == 1 {
		return true
	}
	return sameNameWord(ta[0], tb[0])
}

// sameNameWord compares two folded name words. Short words, which are
// mostly Arabic names with distinct short forms (حسن/حسين), must be spelled
// alike; longer ones, mostly transliterated (ترامب/ترمب، لودريان/لوردريان),
// may differ in vowels and by one consonant.
func sameNameWord(a, b string) bool {
	if a == b {
		return true
	}
	if !longNames(utf8.RuneCountInString(a), utf8.RuneCountInString(b)) {
		return false
	}
	// One rune apart, two skeletons share their first rune or their last
	// one: most pairs of names differ at both, and are told apart without
	// their skeletons.
	fa, la := skeletonEnds(a)
	fb, lb := skeletonEnds(b)
	if fa != fb && la != lb {
		return false
	}
	// The skeletons as runes in buffers of the stack, not as strings:
	// names are compared with every name of a story.
	var sa, sb [24]rune
	return sameSkeletonRunes(appendSkeleton(sa[:0], a), appendSkeleton(sb[:0], b))
}

// longNames reports whether two different name words of na and nb runes
// are long enough to be compared by their skeletons: short words are
// Arabic names with distinct short forms (حسن/حسين، الأسد/الأسودي). It is
// checked first, as it answers most comparisons without a skeleton.
func longNames(na, nb int) bool {
	return max(na, nb) >= 5 && min(na, nb) >= 4
}

// sameSkeletonRunes is sameNameWord for two different long name words
// (see longNames) whose skeletons a and b are known, as runes.
func sameSkeletonRunes(a, b []rune) bool {
	if slices.Equal(a, b) {
		return true
	}
	if len(a) < 4 || len(b) < 4 || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	return withinOneEdit(a, b)
}

// withinOneEdit reports whether a and b are at most one rune inserted,
// deleted or replaced apart (a Levenshtein distance of 0 or 1): past
// their common prefix, the rest of the longer one without its next rune
// is the rest of the other, or without its next rune too when they are
// as long.
func withinOneEdit(a, b []rune) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if i == len(b) {
		return true
	}
	if len(a) == len(b) {
		return slices.Equal(a[i+1:], b[i+1:])
	}
	return slices.Equal(a[i+1:], b[i:])
}

// LooksLikePerson reports whether a speaker name reads as a person's name
// (سيرغي لافروف) rather than an organisation, an unnamed source or a
// description (وزارة الخارجية، مصدر قضائي، الشركة): its first word is not
// a title, an office or organisation noun, a descriptor of people, or a
// word with the article, and it has two words or more.
func LooksLikePerson(name string) bool {
	toks := foldTokens(cleanName(name))
	if len(toks) < 2 {
		return false
	}
	first := toks[0]
	if strings.HasPrefix(first, "ال") || in(titleSet, first) || in(roleNounSet, first) || in(institutionSet, first) || in(descriptorHeads, first) {
		return false
	}
	return !isStop(first)
}

// Generic reports whether a speaker name is an unnamed source or a generic
// description (مصدر، المصدر، مسؤول كبير، شهود عيان، البيان) rather than a
// named person or organisation: such speakers are not merged across
// articles, where the same words name different people.
func Generic(name string) bool {
	toks := foldTokens(cleanName(name))
	if len(toks) == 0 {
		return true
	}
	first := bare(toks[0])
	return descriptorHeads[first] || statementNouns[first] || (len(toks) == 1 && (in(titleSet, toks[0]) || in(institutionSet, toks[0]) || in(roleNounSet, toks[0])))
}

// OneVoice reports whether two speakers are a country, or its capital
// standing for its government, and a body of that country named with the
// country's adjective: كوريا الشمالية and وكالة الأنباء الكورية الشمالية,
// موسكو and الخارجية الروسية. Outlets credit one statement to either. The
// country is given bare (كوريا، روسيا، الصين) and one or two words long;
// the body has more words and carries the adjective (الكورية، الروسي،
// الصينية). People are never one voice with a country.
func OneVoice(a, b string) bool {
	return voiceOf(a, b) || voiceOf(b, a)
}

// voiceOf is OneVoice with a the country and b the body.
func voiceOf(country, body string) bool {
	ct, bt := foldTokens(cleanName(country)), foldTokens(cleanName(body))
	if len(ct) == 0 || len(ct) > 2 || LooksLikePerson(body) || len(bt) > 0 && personHead(bt[0]) {
		return false
	}
	// A country written like an adjective (السعودية، سورية) is a country
	// when a capital names it; other adjectives (الخارجية) are not.
	if len(bt) > len(ct) && (knownCountry(ct) || !nisbaLike(ct[0]) && !strings.HasSuffix(ct[0], "يه")) && adjectiveRun(ct, bt) {
		return true
	}
	for _, f := range capitals[bare(strings.Join(ct, " "))] {
		if len(bt) > len(f) && adjectiveRun(f, bt) {
			return true
		}
	}
	return false
}

// personHead reports whether folded word w heads a phrase that names a
// person, a post or a people (مدرب المنتخب المصري، السفير الصيني).
func personHead(w string) bool {
	return in(titleSet, w) || in(descriptorHeads, w)
}

// knownCountry reports whether the words are a country a capital names in
// the capitals lexicon.
func knownCountry(ct []string) bool {
	return capitalCountries[strings.Join(ct, " ")]
}

// adjectiveRun reports whether the words of country f stand in a row in
// body b, its first word turned into the adjective (كوريا → الكورية).
func adjectiveRun(f, b []string) bool {
	stems := make([]string, len(f))
	for i, w := range f {
		stems[i] = roleStem(w)
	}
	for i := 0; i+len(f) <= len(b); i++ {
		first := b[i]
		if !strings.HasSuffix(first, "ي") && !strings.HasSuffix(first, "يه") {
			continue
		}
		ok := true
		for j, s := range stems {
			if roleStem(b[i+j]) != s {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
