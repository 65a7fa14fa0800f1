package store

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// all returns every stored record, sorted by id.
func all(t *testing.T, db *DB) []attribution.Record {
	t.Helper()
	var out []attribution.Record
	if err := db.Quotes(ctx, Query{}, func(r attribution.Record) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// TestCompactRecordsKeepEveryField stores records of one article whose
// outlet, address and day are the article's, differ from it, are null
// where it has a value, or are empty strings, and reads back exactly what
// was stored.
func TestCompactRecordsKeepEveryField(t *testing.T) {
	db := mustOpen(t)
	conf := 0.0
	base := func(id string) attribution.Record {
		return attribution.Record{ID: id, Article: "page-1", Outlet: sp("الأفق"), URL: sp("https://example.org/a?x=%D8%A7"),
			Published: sp("2025-06-05"), Quote: "نص " + id, Kind: quotes.Direct, Start: 3, End: 9, Speaker: sp("سامي الحداد"),
			Role: sp("الوزير"), Cue: sp("وقال"), SaidOn: sp("2025-06-04"), SaidOnBasis: sp("weekday"), Confidence: &conf}
	}
	same := base("q1")
	otherOutlet := base("q2")
	otherOutlet.Outlet, otherOutlet.Credited = sp("رويترز"), sp("رويترز")
	nulls := base("q3")
	nulls.URL, nulls.Published, nulls.Speaker, nulls.Confidence = nil, nil, nil, nil
	empty := base("q4")
	empty.Outlet, empty.Kind = sp(""), quotes.Other
	want := []attribution.Record{same, otherOutlet, nulls, empty}
	if _, err := db.Ingest(ctx, []Article{{Hash: "h1", ID: "page-1", Records: want}}); err != nil {
		t.Fatal(err)
	}
	if got := all(t, db); !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Errorf("read back\n%s\nwant\n%s", g, w)
	}
	// The common fields are stored once: a record's value holds no URL.
	db.bolt.View(func(tx *bolt.Tx) error {
		if v := rawQuote(tx, "q1"); len(v) == 0 || v[0] != recordV2 || json.Valid(v) {
			t.Errorf("q1 stored as %q", v)
		} else if len(v) > 200 {
			t.Errorf("q1 takes %d bytes: %s", len(v), v)
		}
		return nil
	})
}

// rawQuote returns the stored value of the quote with id, wherever the
// quotes bucket keeps it, or nil.
func rawQuote(tx *bolt.Tx, id string) []byte {
	var v []byte
	tx.Bucket(bucketQuotes).ForEach(func(k, val []byte) error {
		if string(k) == id || len(k) > 9 && k[0] == numberedMark && string(k[9:]) == id {
			v = val
		}
		return nil
	})
	return v
}

// TestSchema1FileIsReadAndUpgraded writes a file as schema 1 did (plain
// JSON records), then opens it for writing: its records still read, new
// ones are compact, and the file now says schema 2 so that an older isnad
// refuses it.
func TestSchema1FileIsReadAndUpgraded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "isnad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	old := rec("v1", "سامي الحداد", "2025-06-04", "الأفق", quotes.Direct)
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, 1)
		if err := tx.Bucket(bucketMeta).Put(keySchema, v); err != nil {
			return err
		}
		b, _ := json.Marshal(old)
		if err := tx.Bucket(bucketQuotes).Put([]byte(old.ID), b); err != nil {
			return err
		}
		return tx.Bucket(idxSaid).Put(key("2025-06-04", old.ID), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
	fresh := rec("v2", "سامي الحداد", "2025-06-05", "الأفق", quotes.Partial)
	if _, err := db.Ingest(ctx, []Article{art("h2", fresh)}); err != nil {
		t.Fatal(err)
	}
	if got := all(t, db); !reflect.DeepEqual(got, []attribution.Record{old, fresh}) {
		t.Errorf("read back %+v", got)
	}
	st, err := db.Stats(ctx)
	if err != nil || st.ByKind[quotes.Direct] != 1 || st.ByKind[quotes.Partial] != 1 {
		t.Errorf("stats over both schemas: %+v, %v", st.ByKind, err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); binary.BigEndian.Uint64(v) != SchemaVersion {
			t.Errorf("schema after a write open: %d", binary.BigEndian.Uint64(v))
		}
		return nil
	})
}

// TestSharedFieldsPagesFilledInOrder ingests articles whose ids come in
// order, batch after batch: the pages of their shared fields are filled
// up, not left half empty by bbolt's default split. Ids in no order keep
// the default and are all stored, and so do batches that rise but fall
// among the ids stored before.
func TestSharedFieldsPagesFilledInOrder(t *testing.T) {
	for _, order := range []string{"ordered", "random", "interleaved"} {
		ordered := order == "ordered"
		db := mustOpen(t)
		for b := 0; b < 8; b++ {
			var arts []Article
			for i := 0; i < 256; i++ {
				n := b*256 + i
				switch order {
				case "random":
					n = (n * 7919) % 2048
				case "interleaved": // each batch rises, among the ids stored before
					n = i*8 + b
				}
				id := fmt.Sprintf("site:article-%06d", n)
				r := rec(id, "", "", "الأفق", quotes.Direct)
				r.Article, r.URL = id, sp("https://example.com/news/"+id)
				arts = append(arts, Article{Hash: "h" + id, ID: id, Records: []attribution.Record{r}})
			}
			if _, err := db.Ingest(ctx, arts); err != nil {
				t.Fatal(err)
			}
		}
		var st bolt.BucketStats
		if err := db.bolt.View(func(tx *bolt.Tx) error {
			st = tx.Bucket(bucketRecordMeta).Stats()
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		used := float64(st.LeafInuse) / float64(st.LeafPageN*db.bolt.Info().PageSize)
		t.Logf("%s: %d keys in %d pages, %.0f%% used", order, st.KeyN, st.LeafPageN, 100*used)
		if st.KeyN != 2048 {
			t.Errorf("%s: %d articles' shared fields, want 2048", order, st.KeyN)
		}
		if ordered && used < 0.85 {
			t.Errorf("ids in order: pages %.0f%% used, want them filled up", 100*used)
		}
		if order == "interleaved" && used < 0.45 {
			t.Errorf("batches rising among stored ids: pages %.0f%% used, want no worse than bbolt's halves", 100*used)
		}
	}
}

// TestSchema2FileIsReadAndUpgraded opens a file that isnad wrote with
// schema 2 (testdata/schema2: three sample articles ingested from their
// text, the other seven from their quote records, and an alias). Every
// quote reads back as it did; the same quotes ingested again, as records
// or from their articles' text, add nothing; new quotes are stored by
// article number and read back with the old.
func TestSchema2FileIsReadAndUpgraded(t *testing.T) {
	file, want, recs, texts := schema2Fixture(t)
	path := fileOf(t, file)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	export := func() []byte {
		var b []byte
		err := db.Quotes(ctx, Query{}, func(r attribution.Record) error {
			b, _ = r.AppendJSON(b)
			b = append(b, '\n')
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if got := export(); !bytes.Equal(got, want) {
		t.Fatalf("schema 2 file reads\n%s\nwant\n%s", got, want)
	}

	var fromRecords, fromText []Article
	at := map[string]int{}
	for _, r := range recs {
		i, ok := at[r.Article]
		if !ok {
			i = len(fromRecords)
			at[r.Article] = i
			fromRecords = append(fromRecords, Article{Hash: "records:" + attribution.ContentHash(r.Article), ID: r.Article, Merge: true})
			fromText = append(fromText, Article{Hash: attribution.ContentHash(texts[r.Article]), ID: r.Article})
		}
		fromRecords[i].Records = append(fromRecords[i].Records, r)
		fromText[i].Records = append(fromText[i].Records, r)
	}
	if len(fromText) != 10 {
		t.Fatalf("the export holds quotes of %d articles, want 10", len(fromText))
	}
	for name, arts := range map[string][]Article{"records": fromRecords, "text": fromText} {
		if st, err := db.Ingest(ctx, arts); err != nil || st.Quotes != 0 {
			t.Errorf("ingesting the stored quotes again from %s: %+v, %v", name, st, err)
		}
	}
	if got := export(); !bytes.Equal(got, want) {
		t.Fatalf("after ingesting them again\n%s\nwant\n%s", got, want)
	}

	// A quote merged into an article stored by schema 2 (from records):
	// the article gets a number, its information moves to article_info,
	// and the quote reads back with the others.
	piece := fromRecords[len(fromRecords)-1]
	extra := piece.Records[0]
	extra.ID, extra.Start, extra.End = "piece-2", extra.Start+1, extra.End+1
	piece.Records = []attribution.Record{extra}
	if st, err := db.Ingest(ctx, []Article{piece}); err != nil || st.Quotes != 1 {
		t.Fatalf("a quote merged into a schema 2 article: %+v, %v", st, err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketArticles).Get([]byte(piece.Hash))
		if len(v) != 8 {
			t.Errorf("the merged article's value %q: want its number", v)
			return nil
		}
		var info articleInfo
		if err := json.Unmarshal(tx.Bucket(bucketArticleInfo).Get(v), &info); err != nil || info.ID != piece.ID || info.Outlet == "" {
			t.Errorf("the merged article's information %+v, %v", info, err)
		}
		return nil
	})
	if st, err := db.Ingest(ctx, []Article{piece}); err != nil || st.Quotes != 0 {
		t.Errorf("merged again: %+v, %v", st, err)
	}
	line, _ := extra.AppendJSON(nil)
	if got := export(); !bytes.Contains(got, line) || len(got) != len(want)+len(line)+1 {
		t.Fatalf("after the merge\n%s", got)
	}
	want = export()

	text := "قال الوزير إن «الموعد ثابت»"
	h := attribution.ContentHash(text)
	fresh := rec(attribution.QuoteID(h, 24, 45), "سامر الحداد", "2025-12-01", "الأفق", quotes.Direct)
	fresh.Start, fresh.End = 24, 45
	if st, err := db.Ingest(ctx, []Article{{Hash: h, ID: fresh.Article, Records: []attribution.Record{fresh}}}); err != nil || st.Quotes != 1 {
		t.Fatalf("a new quote: %+v, %v", st, err)
	}
	line, _ = fresh.AppendJSON(nil)
	if got := export(); !bytes.Equal(got, append(append(want, line...), '\n')) {
		t.Errorf("with a new quote\n%s", got)
	}
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(keySchema); binary.BigEndian.Uint64(v) != SchemaVersion {
			t.Errorf("schema after a write open: %d", binary.BigEndian.Uint64(v))
		}
		if rawQuote(tx, fresh.ID) == nil || tx.Bucket(bucketQuotes).Get([]byte(fresh.ID)) != nil {
			t.Errorf("the new quote is not stored by article number")
		}
		return nil
	})
}

// schema2Fixture returns testdata/schema2: the bytes of its file, its
// export, the records the export holds, and the texts of the sample
// articles by id.
func schema2Fixture(t *testing.T) (file, export []byte, recs []attribution.Record, texts map[string]string) {
	gz, err := os.ReadFile(filepath.Join("..", "testdata", "schema2", "isnad.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	file, err = io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	export, err = os.ReadFile(filepath.Join("..", "testdata", "schema2", "export.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(export), []byte("\n")) {
		var r attribution.Record
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	texts = map[string]string{}
	sample, err := os.ReadFile(filepath.Join("..", "testdata", "sample", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(sample), []byte("\n")) {
		var a struct{ ID, Text string }
		if err := json.Unmarshal(line, &a); err != nil {
			t.Fatal(err)
		}
		texts[a.ID] = a.Text
	}
	return file, export, recs, texts
}

// TestQuotesAndArticlesFillTheirPages ingests articles batch after batch,
// their hashes in no order: their quotes and their information are
// appended under their numbers, so those pages are filled up, not split
// in halves or spread over the file as quote ids and hashes would.
func TestQuotesAndArticlesFillTheirPages(t *testing.T) {
	db := mustOpen(t)
	for b := 0; b < 8; b++ {
		var arts []Article
		for i := 0; i < 256; i++ {
			id := fmt.Sprintf("site:article-%06d", b*256+i)
			h := attribution.ContentHash(id)
			a := Article{Hash: h, ID: id, Title: "عنوان " + id, URL: "https://example.com/news/" + id}
			for q := 0; q < 3; q++ {
				r := rec(attribution.QuoteID(h, 10*q, 10*q+8), "", "", "الأفق", quotes.Direct)
				r.Article, r.Start, r.End = id, 10*q, 10*q+8
				a.Records = append(a.Records, r)
			}
			arts = append(arts, a)
		}
		if _, err := db.Ingest(ctx, arts); err != nil {
			t.Fatal(err)
		}
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketQuotes, bucketArticleInfo} {
			st := tx.Bucket(name).Stats()
			used := float64(st.LeafInuse) / float64(st.LeafPageN*db.bolt.Info().PageSize)
			t.Logf("%s: %d keys in %d pages, %.0f%% used", name, st.KeyN, st.LeafPageN, 100*used)
			if used < 0.85 {
				t.Errorf("%s: pages %.0f%% used, want them filled up", name, 100*used)
			}
		}
		return nil
	})
}
