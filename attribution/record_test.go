package attribution

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"

	"github.com/isnad/isnad/quotes"
)

func TestAttribute(t *testing.T) {
	a := &quotes.Article{ID: "x1", Outlet: "صحيفة الأفق", Published: "2025-06-05T10:00:00+03:00",
		Text: `وقال الوزير: "سنبني ثلاثة مستشفيات جديدة هذا العام".`}
	recs := Attribute(a, quotes.Extract(a.Text))
	if len(recs) != 1 {
		t.Fatalf("got %d records", len(recs))
	}
	r := recs[0]
	if r.Article != "x1" || *r.Outlet != "صحيفة الأفق" || *r.Published != "2025-06-05" || r.URL != nil {
		t.Errorf("article fields: %+v", r)
	}
	if a.Text[r.Start:r.End] != r.Quote {
		t.Errorf("offsets do not point at the quote")
	}
	b, _ := json.Marshal(r)
	for _, field := range []string{`"speaker":"الوزير"`, `"cue":"وقال"`, `"role":null`, `"said_on":"2025-06-05"`, `"said_on_basis":"published"`, `"url":null`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("record JSON lacks %s: %s", field, b)
		}
	}
	// The same text read again, under another id, gives the same quote ids.
	b2 := &quotes.Article{Text: a.Text}
	again := Attribute(b2, quotes.Extract(b2.Text))
	if again[0].ID != r.ID {
		t.Errorf("quote id changed: %s vs %s", again[0].ID, r.ID)
	}
	if again[0].Article != ArticleID(b2) || !strings.HasPrefix(again[0].Article, "sha256:") {
		t.Errorf("derived article id %q", again[0].Article)
	}
}

func TestPublishedDay(t *testing.T) {
	tests := []struct{ name, published, text, want string }{
		{"date-time field", "2025-06-05T23:10:00Z", "", "2025-06-05"},
		{"free-text field", "5th, June 2025 GMT", "", "2025-06-05"},
		{"page date line when the field is empty", "", "عنوان\nتاريخ النشر: 4 يونيو 2025\nنص", "2025-06-04"},
		{"field wins over the page", "2025-06-01", "عنوان\nتاريخ النشر: 4 يونيو 2025", "2025-06-01"},
		{"nothing known", "", "نص بلا تاريخ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PublishedDay(&quotes.Article{Published: tt.published, Text: tt.text}); got != tt.want {
				t.Errorf("PublishedDay = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestContentHashIsSHA256(t *testing.T) {
	tests := []struct {
		name, text string
	}{
		{"empty", ""},
		{"short", "قال الوزير «نعم»"},
		{"one buffer exactly", strings.Repeat("a", 4096)},
		{"a rune across buffers", strings.Repeat("a", 4095) + "قال" + strings.Repeat("ب", 5000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sum := sha256.Sum256([]byte(tt.text))
			if got, want := ContentHash(tt.text), hex.EncodeToString(sum[:]); got != want {
				t.Errorf("ContentHash = %s, want %s", got, want)
			}
		})
	}
}
