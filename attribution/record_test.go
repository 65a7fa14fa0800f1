package attribution

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/isnad/isnad/quotes"
)

func TestNewRecords(t *testing.T) {
	a := &quotes.Article{ID: "x1", Outlet: "صحيفة الأفق", Published: "2025-06-05T10:00:00+03:00",
		Text: `وقال الوزير: "سنبني ثلاثة مستشفيات جديدة هذا العام".`}
	recs := NewRecords(a, quotes.Extract(a.Text))
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
	for _, field := range []string{`"speaker":null`, `"said_on":null`, `"confidence":null`, `"url":null`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("record JSON lacks %s: %s", field, b)
		}
	}
	// The same text read again, under another id, gives the same quote ids.
	b2 := &quotes.Article{Text: a.Text}
	again := NewRecords(b2, quotes.Extract(b2.Text))
	if again[0].ID != r.ID {
		t.Errorf("quote id changed: %s vs %s", again[0].ID, r.ID)
	}
	if again[0].Article != ArticleID(b2) || !strings.HasPrefix(again[0].Article, "sha256:") {
		t.Errorf("derived article id %q", again[0].Article)
	}
}

func TestPublishedDay(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"date", "2025-06-05", "2025-06-05"},
		{"date-time", "2025-06-05T23:10:00Z", "2025-06-05"},
		{"free text is left for the date parser", "5th, June 2025 GMT", ""},
		{"impossible date", "2025-13-40", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isoDay(tt.in); got != tt.want {
				t.Errorf("isoDay(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
