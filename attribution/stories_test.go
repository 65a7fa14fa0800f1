package attribution

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/isnad/isnad/quotes"
)

func TestCapStories(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string // the pieces' texts
	}{
		{"short story untouched", "قال: «نعم». وقال: «لا».", 100, []string{"قال: «نعم». وقال: «لا»."}},
		{"cut after a sentence end", "aaaa bbbb. cccc dddd eeee", 16, []string{"aaaa bbbb.", " cccc dddd eeee"}},
		{"cut after an Arabic question mark", "سؤال أول؟ وجواب ثان", 20, []string{"سؤال أول؟", " وجواب ثان"}},
		{"cut after a space when no sentence ends", "aaaa bbbb cccc dddd", 12, []string{"aaaa bbbb ", "cccc dddd"}},
		{"cut on a rune boundary in one long word", strings.Repeat("ب", 10), 7, []string{"ببب", "ببب", "ببب", "ب"}},
		{"not inside a quotation when a cut before it is possible", "aa bb cc dd. ee \"ff. gg\" hh", 22, []string{"aa bb cc dd.", " ee \"ff. gg\" hh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sts := capStories(tt.text, []story{{start: 0, end: len(tt.text), agency: "رويترز"}}, tt.limit, quotes.Extract(tt.text))
			var got []string
			at := 0
			for _, st := range sts {
				if st.start != at || st.end-st.start > tt.limit || st.agency != "رويترز" {
					t.Fatalf("piece %+v after %d: pieces must follow each other, fit the limit and keep the agency", st, at)
				}
				piece := tt.text[st.start:st.end]
				if !utf8.ValidString(piece) {
					t.Fatalf("piece %q cuts a letter", piece)
				}
				got = append(got, piece)
				at = st.end
			}
			if at != len(tt.text) || strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("pieces %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHugeStoryIsAttributedInPieces checks that a story far longer than maxStory is
// attributed piece by piece: its quotes keep their speakers.
func TestHugeStoryIsAttributedInPieces(t *testing.T) {
	unit := "وقال الوزير سامي الحداد: «سنواصل العمل». وأضاف أن المحادثات مستمرة. "
	text := strings.Repeat(unit, 3*maxStory/len(unit))
	a := &quotes.Article{ID: "huge", Text: text}
	recs := Attribute(a, quotes.Extract(text))
	if len(recs) < 3*maxStory/len(unit)-1 {
		t.Fatalf("%d records", len(recs))
	}
	for _, r := range recs {
		if r.Speaker == nil || *r.Speaker != "سامي الحداد" {
			t.Fatalf("record at %d: speaker %v", r.Start, r.Speaker)
		}
	}
}

// TestMarksWithoutANameAfterAnOutletNoun once panicked: the name in marks
// after صحيفة held no word.
func TestMarksWithoutANameAfterAnOutletNoun(t *testing.T) {
	for _, text := range []string{
		"قالت صحيفة “،” إن «الوضع صعب جدا جدا».",
		"قالت صحيفة “.” إن «الوضع صعب جدا جدا».\nوأضافت الصحيفة: «لا جديد اليوم».",
	} {
		recs := Attribute(&quotes.Article{Text: text}, quotes.Extract(text))
		if len(recs) == 0 {
			t.Errorf("%q: no records", text)
		}
	}
}
