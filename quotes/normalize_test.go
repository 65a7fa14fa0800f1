package quotes

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestKey(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"alef with hamza folds to bare alef", "أحمد إبراهيم آمال", "احمد ابراهيم امال"},
		{"hamza seats and hamza dropped: Egyptian and Levantine spellings match", "مسئول", "مسول"},
		{"waw hamza dropped", "مسؤول", "مسول"},
		{"alef maksura to yeh", "على مستشفى", "علي مستشفي"},
		{"teh marbuta to heh", "الحكومة", "الحكومه"},
		{"diacritics removed, tanween in either position", "قائلاً قائلًا", "قالا قالا"},
		{"tatweel removed", "العـــربية", "العربيه"},
		{"Arabic-Indic digits to ASCII", "٣٤ ۲۵", "34 25"},
		{"Arabic punctuation to ASCII", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"},
		{"quotation marks to double quote", "«نص» “نص”", `"نص" "نص"`},
		{"bidi controls removed", "\u200fالرئيس\u200e", "الريس"},
		{"exotic spaces collapsed", "قال\u00a0\u00a0الوزير\u202fأمس", "قال الوزير امس"},
		{"Persian letters folded", "کتاب ی", "كتاب ي"},
		{"lam-alef ligature decomposed", "\ufefb", "لا"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Key(tt.in)
			if got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Key(got); again != got {
				t.Errorf("Key is not idempotent: Key(%q) = %q", got, again)
			}
		})
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"keeps letters, hamza and diacritics", "قائلاً: أُسرة", "قائلاً: أُسرة"},
		{"removes bidi marks", "\u200fمرحبا\u200e", "مرحبا"},
		{"collapses and trims white space", "  قال \n\t الوزير  ", "قال الوزير"},
		{"keeps Eastern digits", "٣٤ شخصا", "٣٤ شخصا"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Display(tt.in); got != tt.want {
				t.Errorf("Display(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKeyTokensDropPunctuation(t *testing.T) {
	got := KeyTokens("«سننجز المرحلة، خلال ١٨ شهراً!»")
	want := []string{"سننجز", "المرحله", "خلال", "18", "شهرا"}
	if len(got) != len(want) {
		t.Fatalf("KeyTokens = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("KeyTokens = %q, want %q", got, want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"أحمد", "قائلاً", "\ufefb", "٣٤", "«نص»", "\xff\xfe", " قال  الوزير ", "قال\tالوزير", "سامر الحداد"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if Key(k) != k {
			t.Errorf("Key not idempotent on %q: %q then %q", s, k, Key(k))
		}
		// Fold's shortcut (a word already folded is returned as it is)
		// must agree with folding it again.
		fo := Fold(s)
		if changedAt(fo, foldRune) != len(fo) || Fold(fo) != fo {
			t.Errorf("Fold(%q) = %q is not a fixed point", s, fo)
		}
		if k, ok := foldPlain(s); ok && k != fo {
			t.Errorf("foldPlain(%q) = %q, but Fold gives %q", s, k, fo)
		}
		// AppendFold keeps what dst held, and says whether Fold changed s.
		if b, changed := AppendFold([]byte("«x»"), s); string(b) != "«x»"+fo || changed != (fo != s) {
			t.Errorf("AppendFold(«x», %q) = %q, %v; Fold gives %q", s, b, changed, fo)
		}
		if (changedAt(s, foldRune) == len(s)) != (fo == s) {
			t.Errorf("changedAt(%q) = %d, but Fold gives %q", s, changedAt(s, foldRune), fo)
		}
		// The shortcut that copies the unchanged prefix agrees with
		// mapping every rune.
		if want := collapseEveryRune(s, foldRune); fo != want {
			t.Errorf("Fold(%q) = %q, mapping every rune gives %q", s, fo, want)
		}
	})
}

// foldPlain is appendFoldPlain into a new string, and whether s was plain.
// It checks that changed says whether the folded word differs from s.
func foldPlain(s string) (string, bool) {
	b, changed, ok := appendFoldPlain([]byte("@"), s)
	if !ok {
		if string(b) != "@" {
			return "appendFoldPlain wrote to dst", true
		}
		return "", false
	}
	k := string(b[1:])
	if changed != (k != s) {
		return "appendFoldPlain: changed is wrong", true
	}
	return k, true
}

// collapseEveryRune is mapCollapse without its shortcuts (no early
// return, no copied prefix): the reference the fuzzer holds it to.
func collapseEveryRune(s string, f func(rune) rune) string {
	var b strings.Builder
	collapseInto(&b, s, f, false)
	return b.String()
}

func TestFoldCopiesOnlyWhatChanges(t *testing.T) {
	for _, s := range []string{"", " ", "  ", "قال", "قال ", " قال", "قال  الوزير", "قال الوزير ", "أحمد", "الوزير أحمد", "الوزير\tأحمد", "سامر الحداد ـ", "\xff", "ab\xffcd", "x \u200f y", "قائلاً: «نعم»"} {
		if got, want := Fold(s), collapseEveryRune(s, foldRune); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestFoldPlain holds foldPlain's byte scan to mapping every rune, on
// every rune of one and two bytes, and on invalid UTF-8 it leaves to
// mapCollapse.
func TestFoldPlain(t *testing.T) {
	for r := rune(0); r < 0x800; r++ {
		s := "ب" + string(r) + "ة"
		if k, ok := foldPlain(s); ok && k != collapseEveryRune(s, foldRune) {
			t.Errorf("foldPlain(%q) = %q, mapping every rune gives %q", s, k, collapseEveryRune(s, foldRune))
		}
		if r >= 0x0600 && r <= 0x067F {
			if _, ok := foldPlain(s); !ok {
				t.Errorf("foldPlain(%q) left to mapCollapse", s)
			}
		}
	}
	for _, s := range []string{"\xd8", "ب\xd9", "\xd8\x41", "\xd9\xc0", "ة\xff"} {
		if _, ok := foldPlain(s); ok {
			t.Errorf("foldPlain(%q) took invalid UTF-8", s)
		}
	}
}

func TestNotWordRune(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := NotWordRune(r), !unicode.IsLetter(r) && !unicode.IsDigit(r); got != want {
			t.Fatalf("NotWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}

// TestFoldRuneTable holds foldRune's table of the Arabic block to the
// switch it was made from.
func TestFoldRuneTable(t *testing.T) {
	for r := rune(0x05F0); r < 0x0690; r++ {
		if got, want := foldRune(r), foldRuneSwitch(r); got != want {
			t.Errorf("foldRune(%U) = %U, the switch gives %U", r, got, want)
		}
	}
}

// tokenizeRunes is tokenize as it was written first, rune by rune: the
// reference TestTokenizeTables holds the tables to.
func tokenizeRunes(dst []string, s string) []string {
	var buf []byte
	flush := func() {
		if len(buf) > 0 {
			dst = append(dst, string(buf))
			buf = buf[:0]
		}
	}
	for _, r := range s {
		f := foldRune(r)
		switch {
		case f < 0:
			continue
		case isWordRune(f) || f == '#' || f == '_':
			buf = utf8.AppendRune(buf, f)
		case f == ':':
			flush()
			dst = append(dst, ":")
		case f == ',':
			flush()
			dst = append(dst, ",")
		case f == '.' || f == '!' || f == '?' || f == '\n':
			flush()
			dst = dst[:0]
		default:
			flush()
		}
	}
	flush()
	return dst
}

// TestTokenizeTables holds tokenize to tokenizeRunes on random text of
// Arabic letters, marks and digits, ASCII, punctuation of every script,
// runes of three and four bytes and broken UTF-8, and on every rune below
// U+0800 between two letters.
func TestTokenizeTables(t *testing.T) {
	pieces := []string{"قال", "أكد", "إن", "الوزيرة", "ـ", "\u064e", "\u0651", "٣", "،", "؛", "؟", ":", ",", ".", "!", "\n", " ", "\t",
		"#", "_", "abc", "7", "«", "»", "“", "…", "\u200f", "😀", "\xd8", "\xd9\x41", "\xff", "(", "-"}
	rng := rand.New(rand.NewPCG(25, 26))
	check := func(s string) {
		t.Helper()
		got, want := tokenize([]string{"x"}, s), tokenizeRunes([]string{"x"}, s)
		if !slices.Equal(got, want) {
			t.Fatalf("tokenize(%q) = %q, rune by rune %q", s, got, want)
		}
	}
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(20) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(b.String())
	}
	for r := rune(0); r < 0x800; r++ {
		check("ب" + string(r) + "ة")
	}
}

// foldTokensByFields is FoldTokens as it was first written: Fold, then
// strings.FieldsFunc.
func foldTokensByFields(s string) []string {
	return strings.FieldsFunc(Fold(s), NotWordRune)
}

func TestFoldTokens(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"spaces only", "  \t\n "},
		{"one word", "لافروف"},
		{"name", "سيرغي  لافروف"},
		{"hamza seats and alef", "وزير الخارجية الأمريكي مايك بومبيو"},
		{"dropped hamza joins", "ءأؤإئ"},
		{"tatweel inside", "الـرئيس"},
		{"diacritics inside", "مُحَمَّد"},
		{"punctuation", "«قال»، (الوزير): نعم؟"},
		{"digits", "عام ٢٠١٨ و2019 و۱۲"},
		{"latin", "BBC World-News"},
		{"invalid bytes", "ab\xffcd \xd8 \xd9\x41"},
		{"replacement rune", "a\uFFFDb"},
		{"persian letters", "پژوهش چگونه گزارش"},
		{"marks only", "\u064B\u0651"},
		{"line and paragraph separators", "a\u2028b\u2029c"},
		{"many tokens", strings.Repeat("كلمة ", 40)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, want := FoldTokens(tt.in), foldTokensByFields(tt.in)
			if !slices.Equal(got, want) {
				t.Fatalf("FoldTokens(%q) = %q, want %q", tt.in, got, want)
			}
		})
	}
}

func FuzzFoldTokens(f *testing.F) {
	for _, s := range []string{"", "سيرغي لافروف", "الـرئيس، «قال»", "\xff\xd8a", "٢٠١٨ BBC"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FoldTokens(s), foldTokensByFields(s); !slices.Equal(got, want) {
			t.Fatalf("FoldTokens(%q) = %q, want %q", s, got, want)
		}
	})
}
