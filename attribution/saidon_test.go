package attribution

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

func TestSaidOn(t *testing.T) {
	pub := time.Date(2025, 6, 5, 0, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct {
		name, text, day, basis string
	}{
		{"weekday before the quote: most recent on or before publication",
			`وقال الوزير، الأربعاء: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-04", BasisWeekday},
		{"weekday equal to the publication day is that day",
			`وقال الوزير الخميس: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-05", BasisWeekday},
		{"weekday with الماضي is strictly before",
			`وقال الوزير الخميس الماضي: "سنبني ثلاثة مستشفيات جديدة".`, "2025-05-29", BasisWeekday},
		{"yesterday", `وقال الوزير أمس: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-04", BasisRelative},
		{"a weekday after yesterday wins when they disagree",
			`وقال الوزير أمس الثلاثاء: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-03", BasisWeekday},
		{"the day before yesterday with a weekday",
			`وقال الوزير أول أمس الاثنين: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-02", BasisWeekday},
		{"the day before yesterday", `وقال الوزير أول أمس: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-03", BasisRelative},
		{"last night", `وقال الوزير الليلة الماضية: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-04", BasisRelative},
		{"explicit date without a year takes the publication year",
			`وقال الوزير في 2 يونيو: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-02", BasisExplicit},
		{"explicit date after publication is last year's",
			`وقال الوزير في 20 ديسمبر: "سنبني ثلاثة مستشفيات جديدة".`, "2024-12-20", BasisExplicit},
		{"clue after the quote in the same sentence",
			`"سنبني ثلاثة مستشفيات جديدة"، قال الوزير الثلاثاء.`, "2025-06-03", BasisWeekday},
		{"a date after منذ starts a span: not the day of the words",
			`وقال الوزير إنه "لم تقع أي حوادث" منذ 2 مايو.`, "2025-06-05", BasisPublished},
		{"a weekday after حتى ends a span: not the day of the words",
			`وقال الوزير إن "المعبر سيبقى مغلقا" حتى الأحد.`, "2025-06-05", BasisPublished},
		{"a weekday after حتى يوم ends a span too",
			`وقال الوزير إن "المعبر سيبقى مغلقا" حتى يوم الأحد.`, "2025-06-05", BasisPublished},
		{"no clue: the publication day",
			`وقال الوزير: "سنبني ثلاثة مستشفيات جديدة".`, "2025-06-05", BasisPublished},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := quotes.Extract(tt.text)
			if len(qs) != 1 {
				t.Fatalf("want one quote, got %+v", qs)
			}
			ws := appendWords(nil, tt.text)
			day, basis, _ := saidOn(ws, findClues(ws, nil, 0, pub), qs[0], pub, -1, func(int) bool { return false })
			if got := day.Format(time.DateOnly); got != tt.day || basis != tt.basis {
				t.Errorf("said_on = %s (%s), want %s (%s)", got, basis, tt.day, tt.basis)
			}
		})
	}
}

func TestRecordsCarrySaidOnOnlyForSpeech(t *testing.T) {
	a := &quotes.Article{Published: "2025-06-05", Text: `وقال الوزير أمس: "سنبني ثلاثة مستشفيات جديدة"، وتبث قناة "المدار" المؤتمر.`}
	recs := Attribute(a, quotes.Extract(a.Text))
	if len(recs) != 2 || recs[0].SaidOn == nil || *recs[0].SaidOn != "2025-06-04" || *recs[0].SaidOnBasis != BasisRelative {
		t.Fatalf("records %+v", recs)
	}
	if recs[1].SaidOn != nil {
		t.Errorf("a name in marks has no said_on: %v", *recs[1].SaidOn)
	}
	if none := Attribute(&quotes.Article{Text: a.Text}, quotes.Extract(a.Text)); none[0].SaidOn != nil {
		t.Errorf("without a publication date said_on stays null")
	}
}

func TestSaidOnFromContext(t *testing.T) {
	tests := []struct{ name, text, day, basis string }{
		{"a جاء ذلك sentence dates the quotes that follow",
			"جاء ذلك خلال اجتماع حكومي، الأربعاء.\nوقال الوزير: \"سنبني ثلاثة مستشفيات جديدة\".", "2025-06-04", BasisWeekday},
		{"the speaker reported speaking on a day dates their later quotes",
			"أعلن الوزير سامر الحداد، الثلاثاء، خطة جديدة للمياه.\nوقال الحداد: \"سنبني ثلاثة سدود جديدة\".", "2025-06-03", BasisWeekday},
		{"another speaker's day does not",
			"أعلنت الوزيرة ليلى منصور، الثلاثاء، خطة جديدة.\nوقال الوزير سامر الحداد: \"سنبني ثلاثة سدود جديدة\".", "2025-06-05", BasisPublished},
		{"a narrative date before does not",
			"وفي 14 مايو وقعت الحادثة.\nوقال الوزير: \"سنبني ثلاثة مستشفيات جديدة\".", "2025-06-05", BasisPublished},
		{"a statement the speaker put out on a day dates their later quotes from it",
			"ونشر النادي الأهلي بيانا على حسابه في تويتر أمس، نفى فيه الشائعات.\nوقال النادي الأهلي: \"اللاعب بخير ولم يفقد وعيه\".", "2025-06-04", BasisRelative},
		{"a pluperfect sentence does not",
			"وكان الوزير سامر الحداد قد أعلن الثلاثاء خطة.\nوقال الحداد: \"سنبني ثلاثة سدود جديدة\".", "2025-06-05", BasisPublished},
		{"a pluperfect quote with its own weekday is dated by it",
			"وكانت الوزيرة ليلى منصور قد حذرت أمس الاثنين من أن \"الوضع سيزداد سوءا\".", "2025-06-02", BasisWeekday},
		{"a pluperfect quote does not take the day of the speaker's later statement",
			"وقال الوزير سامر الحداد الثلاثاء إن الخطة جاهزة.\nوكان الحداد قد قال: \"سنبني ثلاثة سدود جديدة\".", "", ""},
		{"a pluperfect quote with no day of its own is not dated",
			"وكانت الوزيرة ليلى منصور قد حذرت من أن \"الوضع سيزداد سوءا\".", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &quotes.Article{Published: "2025-06-05", Text: tt.text}
			recs := Attribute(a, quotes.Extract(a.Text))
			r := recs[len(recs)-1]
			if str0(r.SaidOn) != tt.day || str0(r.SaidOnBasis) != tt.basis {
				t.Errorf("said_on %s (%s), want %s (%s)", str0(r.SaidOn), str0(r.SaidOnBasis), tt.day, tt.basis)
			}
		})
	}
}

func TestWordsKeepAbbreviations(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"abbreviation of short pieces", "في بي.في.ام أويل", []string{"في", "بي.في.ام", "اويل"}},
		{"a short word glued to the next sentence", "غدا.وقال الوزير", []string{"غدا", ".", "وقال", "الوزير"}},
		{"the dot of a one-letter title ends nothing", "د.أحمد زويل", []string{"د", "احمد", "زويل"}},
		{"nor with a space after it", "د. أحمد زويل", []string{"د", "احمد", "زويل"}},
		{"nor of a letter that folds", "أ. أحمد زويل", []string{"ا", "احمد", "زويل"}},
		{"after a word that folds", "قال أحمد إ. زويل", []string{"قال", "احمد", "ا", "زويل"}},
		{"a dot after a folded word of two letters ends it", "قال أب. ثم", []string{"قال", "اب", ".", "ثم"}},
		{"a dot after a closing mark ends the sentence", "«عنها». وكان", []string{"\"", "عنها", "\"", ".", "وكان"}},
		{"a number glued to a word", "في 12.وقال", []string{"في", "12", ".", "وقال"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range appendWords(nil, tt.text) {
				got = append(got, w.key)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("words = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClassifyRuneAgreesWithUnicode(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		letter, mark := classifyRune(r)
		wantMark := unicode.Is(unicode.Mn, r)
		wantLetter := !wantMark && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == 'ـ')
		if letter != wantLetter || mark != wantMark {
			t.Fatalf("classifyRune(%U) = %v, %v; want %v, %v", r, letter, mark, wantLetter, wantMark)
		}
	}
}

func TestDropBlessings(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"between dashes", "الأمير سامي -حفظه الله- قال", "الامير سامي , قال"},
		{"between commas, one comma kept", "نائب الرئيس، رعاه الله، أكد", "ناب الريس , اكد"},
		{"رحمة الله with tāʾ marbūṭa is a name", "قال رحمة الله يوسف", "قال رحمه الله يوسف"},
		{"a formula at the end", "الوزير رحمه الله", "الوزير ,"},
		{"with تعالى", "الشيخ محمد رحمه الله تعالى قال", "الشيخ محمد , قال"},
		{"the verb alone is kept", "حفظه النظام", "حفظه النظام"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range dropBlessings(tt.text, appendWords(nil, tt.text)) {
				got = append(got, w.key)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("%q, want %q", g, tt.want)
			}
		})
	}
}

// TestArabicLettersAreLetters: appendWords reads U+0620–U+064A off their
// two bytes as letters of a word, never marks, dots or breaks; it is
// right only while classifyRune says so of each of them.
func TestArabicLettersAreLetters(t *testing.T) {
	for r := rune(0x0620); r <= 0x064A; r++ {
		if letter, mark := classifyRune(r); !letter || mark {
			t.Errorf("classifyRune(%U) = %v, %v; appendWords takes it for a letter", r, letter, mark)
		}
		s := "ب" + string(r) + "ب"
		if ws := appendWords(nil, s); len(ws) > 1 {
			t.Errorf("%q splits into %d words", s, len(ws))
		}
	}
}

// TestArabicLettersTable holds the table appendWords reads letters by to
// the bytes of U+0620–U+064A, and to whether Fold keeps each.
func TestArabicLettersTable(t *testing.T) {
	for _, c := range []byte{0xD8, 0xD9} {
		for c1 := range 256 {
			r, n := utf8.DecodeRune([]byte{c, byte(c1)})
			var want uint8
			if n == 2 && r >= 0x0620 && r <= 0x064A {
				want = 2
				if quotes.FoldKeeps(r) {
					want = 1
				}
			}
			if got := arabicLetters[int(c&1)<<8|c1]; got != want {
				t.Errorf("arabicLetters of % X = %d, want %d", []byte{c, byte(c1)}, got, want)
			}
		}
	}
}

// TestWordKeysAreFolded holds the keys appendWords gives, which it takes
// as written when every letter is one Fold keeps, to Fold of each word's
// text, on random texts of letters Fold keeps and changes (أ، ة، ى، the
// tatweel), diacritics, Latin letters, digits, abbreviations and
// punctuation.
func TestWordKeysAreFolded(t *testing.T) {
	pieces := []string{"قال", "وزير", "أحمد", "مدرسة", "مصطفى", "إيران", "آمنة", "ـ", "\u064e", "\u0651", "ي", "ك",
		"BBC", "Trump", "2025", "٢٠٢٥", "أ.ف.ب", "بي-بي", " ", " ", " ", "، ", ". ", "«", "»", "\n"}
	rng := rand.New(rand.NewPCG(7, 8))
	var buf []byte // reused, as Attribute does
	var prev []word
	prevText := ""
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(20) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		var ws []word
		ws, buf = appendWordsIn([]word{{key: "x"}}, buf, text)
		if len(ws) == 0 || ws[0].key != "x" {
			t.Fatalf("appendWordsIn lost the words out held: %v", ws)
		}
		ws = ws[1:]
		// The words of the text before keep their keys.
		for _, w := range prev {
			if mark := len(w.key) == 1 && strings.Contains(".,:\"", w.key); !mark && w.key != quotes.Fold(prevText[w.start:w.end]) {
				t.Fatalf("in %q the word %q changed its key to %q", prevText, prevText[w.start:w.end], w.key)
			}
		}
		prev, prevText = ws, text
		for _, w := range ws {
			if w.id != 0 {
				t.Fatalf("in %q the word %q has id %d before it is counted", text, text[w.start:w.end], w.id)
			}
			if len(w.key) == 1 && strings.Contains(".,:\"", w.key) {
				continue // a mark's token, not a word
			}
			if want := quotes.Fold(text[w.start:w.end]); w.key != want {
				t.Fatalf("in %q the word %q has key %q, want %q", text, text[w.start:w.end], w.key, want)
			}
		}
	}
	for r := rune(0x0600); r < 0x0680; r++ {
		if got, want := quotes.FoldKeeps(r), quotes.Fold(string(r)) == string(r); got != want {
			t.Errorf("FoldKeeps(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestDayCluesReadOnlyDatedWords holds findDayClues, which reads only the
// day words and numbers that count listed, to its scan of every word, on
// random stories of day words, two-word days, numbers, months, years and
// span words, as whole articles and as parts of them.
func TestDayCluesReadOnlyDatedWords(t *testing.T) {
	pieces := []string{"أمس", "الأمس", "اليوم", "أول أمس", "أمس الأول", "مساء أمس", "الخميس", "الجمعة", "الماضي", "منذ", "حتى", "يوم",
		"12", "3", "31", "2024", "مارس", "آذار", "مايو", "قال", "الوزير", "،", ".", "في"}
	pub := time.Date(2025, 6, 6, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(21, 22))
	c := wordCounts{memo: newFactMemo()} // counted article after article, as a worker's scratch is
	for round := range 2000 {
		text := randomText(rng, pieces, 40)
		all := appendWords(nil, text)
		c.count(all)
		lo, hi := randomStory(rng, len(all), round%3 == 0)
		want := findDayClues(all[lo:hi], nil, 0, pub)
		got := findDayClues(all[lo:hi], &c, lo, pub)
		if !slices.EqualFunc(got, want, func(a, b clue) bool { return a.at == b.at && a.day.Equal(b.day) && a.basis == b.basis }) {
			t.Fatalf("round %d, words %d-%d of %q: clues %v, reading every word gives %v", round, lo, hi, text, got, want)
		}
	}
}

func TestIsAllah(t *testing.T) {
	tests := []struct {
		name, w string
		want    bool
	}{
		{"the word", allah, true},
		{"between hyphens", "-" + allah + "-", true},
		{"a hyphen before", "-" + allah, true},
		{"a hyphen after", allah + "-", true},
		{"two hyphens after", allah + "--", true},
		{"longer word", allah + "م", false},
		{"a name ending in it", "عبد" + allah, false},
		{"hyphens only", "--------", false},
		{"empty", "", false},
	}
	for _, tt := range tests {
		if got := isAllah(tt.w); got != tt.want {
			t.Errorf("%s: isAllah(%q) = %v, want %v", tt.name, tt.w, got, tt.want)
		}
	}
}
