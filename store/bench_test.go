package store

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// BenchmarkIngest stores batches of 256 synthetic articles (three quotes
// each, hashes in no order, five speakers) into one file, as isnad ingest
// does, and reports besides the time per article the pages written per
// article: the layout's cost, which a busy machine does not blur.
//
//	go test ./store -run XXX -bench Ingest -benchtime 40x
func BenchmarkIngest(b *testing.B) {
	db, err := Open(filepath.Join(b.TempDir(), "isnad.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	speakers := []string{"سامر الحداد", "ليلى منصور", "يوسف القاسمي", "كريم العطار", "المتحدث باسم الوزارة"}
	batch := func(n int) []Article {
		arts := make([]Article, 0, 256)
		for i := range 256 {
			id := fmt.Sprintf("site:article-%07d", n*256+i)
			h := attribution.ContentHash(id)
			a := Article{Hash: h, ID: id, Outlet: "الأفق", Title: "عنوان " + id, URL: "https://example.com/news/" + id}
			for q := range 3 {
				said := fmt.Sprintf("2025-%02d-%02d", 1+(n+i)%12, 1+(i+q)%28)
				r := rec(attribution.QuoteID(h, 40*q, 40*q+30), speakers[(i+q)%len(speakers)], said, "الأفق", quotes.Direct)
				r.Article, r.Start, r.End = id, 40*q, 40*q+30
				r.Quote = "نص مقتبس طويل بعض الشيء رقم " + id
				a.Records = append(a.Records, r)
			}
			a.Prepare()
			arts = append(arts, a)
		}
		return arts
	}
	before := db.bolt.Stats().TxStats
	b.ResetTimer()
	for n := range b.N {
		b.StopTimer()
		arts := batch(n)
		b.StartTimer()
		if _, err := db.Ingest(ctx, arts); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	after := db.bolt.Stats().TxStats
	articles := float64(b.N * 256)
	b.ReportMetric(float64(after.GetWrite()-before.GetWrite())/articles, "pages/article")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/articles, "ns/article")
}
