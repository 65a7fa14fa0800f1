package attribution

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSpeakerKey(t *testing.T) {
	same := []struct{ name, a, b string }{
		{"g written غ or ج", "سيرغي لافروف", "سيرجي لافروف"},
		{"long vowel dropped", "دونالد ترامب", "دونالد ترمب"},
		{"inner yeh dropped", "فولوديمير زيلينسكي", "فولوديمير زيلنسكي"},
		{"hamza and alef maksura", "أسعد الشيبانى", "اسعد الشيباني"},
		{"article on the surname", "سعد الحريري", "سعد حريري"},
		{"spacing after عبد", "عبد الله الصبيحي", "عبدالله الصبيحي"},
		{"hashtag", "مايك #بومبيو", "مايك بومبيو"},
	}
	for _, tt := range same {
		t.Run(tt.name, func(t *testing.T) {
			if SpeakerKey(tt.a) != SpeakerKey(tt.b) {
				t.Errorf("SpeakerKey(%q) = %q, SpeakerKey(%q) = %q, want equal", tt.a, SpeakerKey(tt.a), tt.b, SpeakerKey(tt.b))
			}
			if !SameSpeaker(tt.a, tt.b) {
				t.Errorf("SameSpeaker(%q, %q) = false", tt.a, tt.b)
			}
		})
	}
}

func TestSameSpeaker(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{"one letter more in a long surname", "جان إيف لودريان", "جان إيف لوردريان", true},
		{"surname alone matches the full name", "لافروف", "سيرغي لافروف", true},
		{"different first names, same surname", "بشار الأسد", "حافظ الأسد", false},
		{"different people", "سامر الحداد", "ليلى منصور", false},
		{"short surnames must match exactly", "علي حسن", "علي حسين", false},
		{"empty", "", "لافروف", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SameSpeaker(tt.a, tt.b); got != tt.want {
				t.Errorf("SameSpeaker(%q, %q) = %v, want %v (keys %q, %q)", tt.a, tt.b, got, tt.want, SpeakerKey(tt.a), SpeakerKey(tt.b))
			}
		})
	}
}

func TestOneVoice(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{"a country and a body with its adjective", "كوريا الجنوبية", "وزارة الدفاع الكورية الجنوبية", true},
		{"either order", "وزارة الخارجية الفرنسية", "فرنسا", true},
		{"a country with the article", "الصين", "وزارة التجارة الصينية", true},
		{"a capital for its government", "باريس", "الرئاسة الفرنسية", true},
		{"a capital of two words", "بيونغ يانغ", "وكالة الأنباء الكورية الشمالية", true},
		{"another country's body", "فرنسا", "الحكومة الألمانية", false},
		{"the other Korea", "كوريا الشمالية", "وزارة الدفاع الكورية الجنوبية", false},
		{"a person is not a country's voice", "روسيا", "سيرغي لافروف", false},
		{"a body's own word is not a country", "الخارجية", "وزارة الخارجية الروسية", false},
		{"the country Mali is not finance", "مالي", "وزارة المالية", false},
		{"the country's name inside a body is not its adjective", "روسيا", "السفارة في روسيا", false},
		{"the same name", "روسيا", "روسيا", false},
		{"a capital of two words and a body of one adjective", "تل أبيب", "الحكومة الإسرائيلية", true},
		{"a country written like an adjective", "السعودية", "وزارة الخارجية السعودية", true},
		{"a post is a person, not the country's voice", "مصر", "مدرب المنتخب المصري", false},
		{"an ambassador is a person", "الصين", "السفير الصيني", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := OneVoice(tt.a, tt.b); got != tt.want {
				t.Errorf("OneVoice(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func FuzzSpeakerKey(f *testing.F) {
	for _, s := range []string{"سيرغي لافروف", "عبد الله", "#x_y", "ال", "موسكو|الخارجية الروسية"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if k1, k2 := SpeakerKey(s), SpeakerKey(s); k1 != k2 {
			t.Fatal("not deterministic")
		}
		if SpeakerKey(s) != "" && !SameSpeaker(s, s) {
			t.Fatalf("a name is not the same speaker as itself: %q", s)
		}
		// Two speakers split at "|": OneVoice is symmetric, and nobody is
		// a country and its own body at once.
		a, b, _ := strings.Cut(s, "|")
		if OneVoice(a, b) != OneVoice(b, a) {
			t.Fatalf("OneVoice(%q, %q) is not symmetric", a, b)
		}
		if OneVoice(a, a) {
			t.Fatalf("%q is one voice with itself", a)
		}
	})
}

func TestLooksLikePersonAndGeneric(t *testing.T) {
	tests := []struct {
		name            string
		person, generic bool
	}{
		{"سيرغي لافروف", true, false},
		{"لافروف", false, false},
		{"وزارة الخارجية الروسية", false, false},
		{"الشرطة البريطانية", false, false},
		{"مصدر قضائي", false, true},
		{"المصدر", false, true},
		{"رجل إطفاء في غرفة تحكم", false, true},
		{"البيان", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LooksLikePerson(tt.name); got != tt.person {
				t.Errorf("LooksLikePerson = %v, want %v", got, tt.person)
			}
			if got := Generic(tt.name); got != tt.generic {
				t.Errorf("Generic = %v, want %v", got, tt.generic)
			}
		})
	}
}

func TestRoleWordsMatchCountryAndAdjective(t *testing.T) {
	tests := []struct {
		name       string
		have, want string
		holds      bool
	}{
		{"country noun and adjective", "رئيس كوريا الجنوبية", "الرئيس الكوري الجنوبي", true},
		{"feminine adjective", "وزير الخارجية التركية", "وزير الخارجية التركي", true},
		{"a longer post holds the shorter", "وزير العمل والضمان الاجتماعي التركي", "وزير العمل التركي", true},
		{"another country", "رئيس كوريا الجنوبية", "الرئيس الروسي", false},
		{"another head", "نائب الرئيس الأمريكي", "الرئيس الأمريكي", false},
		{"Mali is not finance", "وزير خارجية مالي", "وزير المالية", false},
		{"the state is not the international", "وزير الدولة", "الوزير الدولي", false},
		{"a country with the article and its adjective", "رئيس وزراء البرتغال", "رئيس الوزراء البرتغالي", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := roleHolds(roleWords(tt.have), roleWords(tt.want)); got != tt.holds {
				t.Errorf("roleHolds(%q, %q) = %v, want %v (%v / %v)", tt.have, tt.want, got, tt.holds, roleWords(tt.have), roleWords(tt.want))
			}
		})
	}
}

func TestPostGender(t *testing.T) {
	tests := []struct {
		name, text string
		want       gender
	}{
		{"a post in ة is a woman's", "المتحدثة ليلى منصور", feminine},
		{"a post with the pronoun ه is not a woman's", "نجمه كريستيانو رونالدو", masculine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := appendWords(nil, tt.text)
			p := readPhraseWith(tt.text, ws, 0, len(ws), nil)
			if p.role == "" {
				t.Fatalf("no post read in %q", tt.text)
			}
			if got := p.g; got != tt.want && !(tt.want == masculine && got == genderUnknown) {
				t.Errorf("gender %v, want %v", got, tt.want)
			}
		})
	}
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"", "", true},
		{"", "ا", true},
		{"ترمب", "ترمب", true},
		{"ترامب", "ترمب", true},       // one rune inserted
		{"لودريان", "لوردريان", true}, // inside the word
		{"سيرغي", "سيرجي", true},      // one rune replaced
		{"ترمبي", "ترمب", true},       // at the end
		{"اترمب", "ترمب", true},       // at the start
		{"ترامبي", "ترمب", false},     // two inserted
		{"سيرغو", "سيرجي", false},     // two replaced
		{"abcd", "abdc", false},       // two swapped runes are two edits
		{"abc", "acb", false},
	}
	for _, tt := range tests {
		for _, ab := range [][2]string{{tt.a, tt.b}, {tt.b, tt.a}} {
			if got := withinOneEdit([]rune(ab[0]), []rune(ab[1])); got != tt.want {
				t.Errorf("withinOneEdit(%q, %q) = %v, want %v", ab[0], ab[1], got, tt.want)
			}
		}
	}
}

// TestSkeletonEnds holds skeletonEnds, and sameNameWord that rejects by
// it, to the skeletons in full, on words of vowels, letters that share a
// skeleton letter, Latin and broken UTF-8.
func TestSkeletonEnds(t *testing.T) {
	letters := []string{"ا", "و", "ي", "ى", "ت", "ط", "ر", "م", "ب", "ك", "ق", "غ", "ه", "ة", "ن", "a", "\xd8", "\x80", "\xe2\x80"}
	rng := rand.New(rand.NewPCG(9, 10))
	words := make([]string, 4000)
	for i := range words {
		var b strings.Builder
		for range rng.IntN(9) {
			b.WriteString(letters[rng.IntN(len(letters))])
		}
		words[i] = b.String()
	}
	for _, w := range words {
		skel := appendSkeleton(nil, w)
		var first, last rune
		if len(skel) > 0 {
			first, last = skel[0], skel[len(skel)-1]
		}
		if f, l := skeletonEnds(w); f != first || l != last {
			t.Fatalf("skeletonEnds(%q) = %q, %q; the skeleton %q starts with %q and ends with %q", w, f, l, string(skel), first, last)
		}
	}
	for i := range 200000 {
		a, b := words[rng.IntN(len(words))], words[rng.IntN(len(words))]
		if i%4 == 0 { // one edit apart, more often than chance
			b = a + letters[rng.IntN(len(letters))]
		}
		want := a == b || longNames(utf8.RuneCountInString(a), utf8.RuneCountInString(b)) &&
			sameSkeletonRunes(appendSkeleton(nil, a), appendSkeleton(nil, b))
		if got := sameNameWord(a, b); got != want {
			t.Fatalf("sameNameWord(%q, %q) = %v, want %v", a, b, got, want)
		}
	}
}

// TestSkeletonRuneTable holds skeletonRune's table of the Arabic block to
// the switch it was made from.
func TestSkeletonRuneTable(t *testing.T) {
	for r := rune(0x05F0); r < 0x0710; r++ {
		if got, want := skeletonRune(r), skeletonRuneSwitch(r); got != want {
			t.Errorf("skeletonRune(%U) = %U, the switch gives %U", r, got, want)
		}
	}
}

// TestSpeakerNameSameAs checks SameAs on pairs of names read once: the
// spellings of one person, and different people who share a word.
func TestSpeakerNameSameAs(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{"g written غ or ج", "سيرغي لافروف", "سيرجي لافروف", true},
		{"a surname alone", "لافروف", "سيرغي لافروف", true},
		{"long vowel dropped", "دونالد ترامب", "دونالد ترمب", true},
		{"article on the surname", "سعد الحريري", "سعد حريري", true},
		{"hashtag", "#بومبيو", "مايك بومبيو", true},
		{"another first name", "دونالد ترامب", "إيفانكا ترامب", false},
		{"another surname", "سيرغي لافروف", "سيرغي شويغو", false},
		{"no words", "…", "…", false},
	}
	for _, tt := range tests {
		if got := NewSpeakerName(tt.a).SameAs(NewSpeakerName(tt.b)); got != tt.want {
			t.Errorf("%s: %q and %q: SameAs = %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
		if got := NewSpeakerName(tt.b).SameAs(NewSpeakerName(tt.a)); got != tt.want {
			t.Errorf("%s: %q and %q: SameAs = %v, want %v", tt.name, tt.b, tt.a, got, tt.want)
		}
	}
}
