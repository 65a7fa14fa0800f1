package store

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

var ctx = context.Background()

// mustOpen opens a database in a fresh directory and checks its
// consistency when the test ends.
func mustOpen(tb testing.TB) *DB {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "sub", "isnad.db")
	db, err := Open(path, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Check(); err != nil {
			tb.Errorf("consistency check: %v", err)
		}
		db.Close()
	})
	return db
}

func sp(s string) *string { return &s }

// rec builds a record; said may be "".
func rec(id, speaker, said, outlet string, kind quotes.Kind) attribution.Record {
	r := attribution.Record{ID: id, Article: "a-" + id, Quote: "نص " + id, Kind: kind, Outlet: sp(outlet), Published: sp("2025-06-05")}
	if speaker != "" {
		r.Speaker = sp(speaker)
	}
	if said != "" {
		r.SaidOn = sp(said)
	}
	return r
}

func art(hash string, recs ...attribution.Record) Article {
	return Article{Hash: hash, ID: hash, Records: recs}
}

func ids(t *testing.T, db *DB, q Query) []string {
	t.Helper()
	var out []string
	if err := db.Quotes(ctx, q, func(r attribution.Record) error {
		out = append(out, r.ID)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "isnad")
	db, err := Open(filepath.Join(dir, "isnad.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for path, want := range map[string]os.FileMode{dir: 0o700, db.Path(): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", path, got, want)
		}
	}
}

func TestOpenLockedDatabaseFailsFast(t *testing.T) {
	db := mustOpen(t)
	start := time.Now()
	_, err := Open(db.Path(), Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
	if _, err := Open(db.Path(), Options{ReadOnly: true, Timeout: 200 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("read-only open while a writer holds the file: %v, want ErrLocked", err)
	}
}

func TestReadOnlyOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "isnad.db")
	if _, err := Open(path, Options{ReadOnly: true}); err == nil {
		t.Fatal("read-only open of a missing file succeeded")
	}
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	r1, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("two readers: %v", err)
	}
	defer r2.Close()
	if _, err := r1.Ingest(ctx, []Article{art("h")}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("ingest on a read-only database: %v", err)
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "isnad.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.bolt.Update(func(tx *bolt.Tx) error {
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, SchemaVersion+1)
		return tx.Bucket(bucketMeta).Put(keySchema, v)
	})
	db.Close()
	if _, err := Open(path, Options{}); !errors.Is(err, ErrNewer) {
		t.Fatalf("open: %v, want ErrNewer", err)
	}
}

func TestIngestIsIdempotent(t *testing.T) {
	db := mustOpen(t)
	batch := []Article{
		art("h1", rec("q1", "سيرغي لافروف", "2025-06-04", "الأفق", quotes.Direct), rec("q2", "", "", "الأفق", quotes.Other)),
		art("h2", rec("q3", "ليلى منصور", "2025-06-01", "الضفة", quotes.Partial)),
	}
	st, err := db.Ingest(ctx, batch)
	if err != nil || st != (IngestStats{New: 2, Quotes: 3}) {
		t.Fatalf("first ingest: %+v %v", st, err)
	}
	st, err = db.Ingest(ctx, batch)
	if err != nil || st != (IngestStats{Known: 2}) {
		t.Fatalf("second ingest: %+v %v", st, err)
	}
	for hash, want := range map[string]bool{"h1": true, "h2": true, "h3": false} {
		if has, err := db.Has(hash); has != want || err != nil {
			t.Errorf("Has(%s) = %v, %v; want %v", hash, has, err, want)
		}
	}
	s, _ := db.Stats(ctx)
	if s.Articles != 2 || s.Quotes != 3 || s.Speakers != 2 || s.Outlets != 2 || s.ByKind[quotes.Direct] != 1 ||
		s.FirstSaid != "2025-06-01" || s.LastSaid != "2025-06-04" || s.Bytes == 0 {
		t.Errorf("stats %+v", s)
	}
}

func TestSpeakerLookupThroughVariants(t *testing.T) {
	db := mustOpen(t)
	db.Ingest(ctx, []Article{
		art("h1", rec("q1", "سيرغي لافروف", "2025-06-04", "الأفق", quotes.Direct)),
		art("h2", rec("q2", "سيرجي لافروف", "2025-06-05", "الضفة", quotes.Direct)),
		art("h3", rec("q3", "لافروف", "2025-06-06", "الرصيف", quotes.Direct)),
		art("h4", rec("q4", "بشار الأسد", "2025-01-01", "الأفق", quotes.Direct), rec("q5", "حافظ الأسد", "2025-01-02", "الأفق", quotes.Direct)),
		art("h5", rec("q6", "علي الأسودي", "2025-01-03", "الأفق", quotes.Direct), rec("q7", "علي حسن", "2025-01-04", "الأفق", quotes.Direct),
			rec("q8", "علي حسين", "2025-01-05", "الأفق", quotes.Direct)),
	})
	tests := []struct {
		name, query string
		speakers    int
		quotes      []string
	}{
		{"full name", "سيرغي لافروف", 1, []string{"q1", "q2", "q3"}},
		{"transliteration variant", "سيرجي لافروف", 1, []string{"q1", "q2", "q3"}},
		{"surname alone", "لافروف", 1, []string{"q1", "q2", "q3"}},
		{"hamza spelling", "بشار الاسد", 1, []string{"q4"}},
		{"a shared surname is ambiguous", "الأسد", 2, nil},
		{"a skeleton shared by different names is not a match", "علي الأسودي", 1, []string{"q6"}},
		{"short names must be spelled alike: حسن", "علي حسن", 1, []string{"q7"}},
		{"short names must be spelled alike: حسين", "علي حسين", 1, []string{"q8"}},
		{"unknown", "ليلى منصور", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ss, err := db.FindSpeakers(ctx, tt.query)
			if err != nil || len(ss) != tt.speakers {
				t.Fatalf("FindSpeakers(%q) = %d speakers %v, %v; want %d", tt.query, len(ss), ss, err, tt.speakers)
			}
			if tt.quotes == nil {
				return
			}
			got := ids(t, db, Query{Speakers: []string{ss[0].Key}})
			if fmt.Sprint(got) != fmt.Sprint(tt.quotes) {
				t.Errorf("quotes %v, want %v", got, tt.quotes)
			}
			if ss[0].Quotes != len(tt.quotes) {
				t.Errorf("speaker counts %d quotes", ss[0].Quotes)
			}
		})
	}
}

func TestQueryFilters(t *testing.T) {
	db := mustOpen(t)
	db.Ingest(ctx, []Article{art("h1",
		rec("q1", "سامر الحداد", "2025-03-10", "الأفق", quotes.Direct),
		rec("q2", "سامر الحداد", "2025-03-11", "الضفة", quotes.Partial),
		rec("q3", "سامر الحداد", "2025-03-12", "الأفق", quotes.Direct),
		rec("q4", "", "", "الأفق", quotes.Other),
	)})
	ss, _ := db.FindSpeakers(ctx, "الحداد")
	sk := []string{ss[0].Key}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"all, undated first", Query{}, []string{"q4", "q1", "q2", "q3"}},
		{"speaker", Query{Speakers: sk}, []string{"q1", "q2", "q3"}},
		{"from", Query{Speakers: sk, From: "2025-03-11"}, []string{"q2", "q3"}},
		{"to", Query{Speakers: sk, To: "2025-03-11"}, []string{"q1", "q2"}},
		{"range without speaker", Query{From: "2025-03-11", To: "2025-03-11"}, []string{"q2"}},
		{"outlet", Query{Outlet: "الأفق"}, []string{"q4", "q1", "q3"}},
		{"kind", Query{Kind: quotes.Direct}, []string{"q1", "q3"}},
		{"limit", Query{Speakers: sk, Limit: 2}, []string{"q1", "q2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ids(t, db, tt.q); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAliasesMergeAndSurviveReingest(t *testing.T) {
	db := mustOpen(t)
	db.Ingest(ctx, []Article{
		art("h1", rec("q1", "توم باراك", "2025-01-01", "الأفق", quotes.Direct)),
		art("h2", rec("q2", "توماس البراك", "2025-01-02", "الضفة", quotes.Direct)),
	})
	if ss, _ := db.FindSpeakers(ctx, "توماس البراك"); len(ss) != 1 || ss[0].Quotes != 1 {
		t.Fatalf("before the alias: %+v", ss)
	}
	ck, err := db.AddAlias(ctx, "توم باراك", "توماس البراك")
	if err != nil {
		t.Fatal(err)
	}
	ss, _ := db.FindSpeakers(ctx, "توماس البراك")
	if len(ss) != 1 || ss[0].Key != ck || ss[0].Quotes != 2 {
		t.Fatalf("after the alias: %+v", ss)
	}
	// A later article with the variant joins the canonical speaker.
	db.Ingest(ctx, []Article{art("h3", rec("q3", "توماس البراك", "2025-01-03", "الرصيف", quotes.Direct))})
	if got := ids(t, db, Query{Speakers: []string{ck}}); fmt.Sprint(got) != "[q1 q2 q3]" {
		t.Errorf("quotes %v", got)
	}
	if as, _ := db.Aliases(ctx); len(as) != 1 || as[0].CanonicalKey != ck || as[0].Canonical != "توم باراك" || as[0].Variant != "توماس البراك" {
		t.Errorf("aliases %+v", as)
	}
	if err := db.RemoveAlias(ctx, "توماس البراك"); err != nil {
		t.Fatal(err)
	}
	if ss, _ := db.FindSpeakers(ctx, "توم باراك"); len(ss) != 1 || ss[0].Quotes != 1 {
		t.Errorf("after removing the alias: %+v", ss)
	}
	if err := db.RemoveAlias(ctx, "غير موجود"); err == nil {
		t.Error("removing an unknown alias succeeded")
	}
}

func TestQuotesWalksManyChunks(t *testing.T) {
	db := mustOpen(t)
	var recs []attribution.Record
	for i := 0; i < 2*chunk+17; i++ {
		recs = append(recs, rec(fmt.Sprintf("q%05d", i), "سامر الحداد", fmt.Sprintf("2025-%02d-01", 1+i%12), "الأفق", quotes.Direct))
	}
	if _, err := db.Ingest(ctx, []Article{art("big", recs...)}); err != nil {
		t.Fatal(err)
	}
	got := ids(t, db, Query{})
	if len(got) != len(recs) {
		t.Fatalf("%d quotes, want %d", len(got), len(recs))
	}
	seen := map[string]bool{}
	for _, id := range got {
		if seen[id] {
			t.Fatalf("%s twice", id)
		}
		seen[id] = true
	}
}

func TestCanceledIngestWritesNothing(t *testing.T) {
	db := mustOpen(t)
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.Ingest(c, []Article{art("h", rec("q", "س", "", "", quotes.Direct))}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
	if s, _ := db.Stats(ctx); s.Articles != 0 {
		t.Errorf("%d articles", s.Articles)
	}
}

func ExampleDB() {
	dir, _ := os.MkdirTemp("", "isnad")
	defer os.RemoveAll(dir)
	db, err := Open(filepath.Join(dir, "isnad.db"), Options{})
	if err != nil {
		panic(err)
	}
	defer db.Close()
	said, outlet := "2025-06-04", "صحيفة الأفق"
	speaker := "سيرغي لافروف"
	db.Ingest(context.Background(), []Article{{Hash: "h1", ID: "a1", Records: []attribution.Record{
		{ID: "q1", Article: "a1", Quote: "المفاوضات مفيدة", Kind: quotes.Direct, Speaker: &speaker, SaidOn: &said, Outlet: &outlet},
	}}})
	ss, _ := db.FindSpeakers(context.Background(), "لافروف")
	db.Quotes(context.Background(), Query{Speakers: []string{ss[0].Key}}, func(r attribution.Record) error {
		fmt.Println(*r.Speaker, *r.SaidOn, r.Quote)
		return nil
	})
	// Output: سيرغي لافروف 2025-06-04 المفاوضات مفيدة
}

func TestMergeAddsRecordsLoadedInPieces(t *testing.T) {
	db := mustOpen(t)
	a1 := art("recA", rec("q1", "سامر الحداد", "", "الأفق", quotes.Direct))
	b := art("recB", rec("q2", "سامر الحداد", "", "الأفق", quotes.Direct))
	a2 := art("recA", rec("q3", "سامر الحداد", "", "الأفق", quotes.Direct), rec("q1", "سامر الحداد", "", "الأفق", quotes.Direct))
	for _, a := range []*Article{&a1, &b, &a2} {
		a.Merge = true
	}
	st, err := db.Ingest(ctx, []Article{a1, b, a2})
	if err != nil || st.Quotes != 3 {
		t.Fatalf("stats %+v %v", st, err)
	}
	if got := ids(t, db, Query{}); fmt.Sprint(got) != "[q1 q2 q3]" {
		t.Errorf("quotes %v", got)
	}
	if st, _ := db.Ingest(ctx, []Article{a2}); st.Known != 1 || st.Quotes != 0 {
		t.Errorf("merging the same records again: %+v", st)
	}
}

func TestReAliasMovesTheQuotes(t *testing.T) {
	db := mustOpen(t)
	db.Ingest(ctx, []Article{
		art("h1", rec("q1", "خالد العمري", "", "الأفق", quotes.Direct)),
		art("h2", rec("q2", "سامي ناصر", "", "الأفق", quotes.Direct)),
		art("h3", rec("q3", "محمد الحداد", "", "الأفق", quotes.Direct)),
	})
	db.AddAlias(ctx, "خالد العمري", "سامي ناصر")
	ck, _ := db.AddAlias(ctx, "محمد الحداد", "سامي ناصر")
	if got := ids(t, db, Query{Speakers: []string{ck}}); fmt.Sprint(got) != "[q2 q3]" {
		t.Errorf("after re-aliasing: %v", got)
	}
	if ss, _ := db.FindSpeakers(ctx, "خالد العمري"); len(ss) != 1 || ss[0].Quotes != 1 {
		t.Errorf("the first canonical keeps only its own quote: %+v", ss)
	}
}

// TestSurnameJoinsTheCanonicalSpeakerAfterAnAlias ingests a full name,
// then its surname alone in later batches, before and after an alias
// renames the speaker: every quote ends with the canonical speaker.
func TestSurnameJoinsTheCanonicalSpeakerAfterAnAlias(t *testing.T) {
	db := mustOpen(t)
	ingest := func(h, q, speaker string) {
		t.Helper()
		if _, err := db.Ingest(ctx, []Article{art(h, rec(q, speaker, "2025-01-0"+q[1:], "الأفق", quotes.Direct))}); err != nil {
			t.Fatal(err)
		}
	}
	ingest("h1", "q1", "سامر الحداد")
	ingest("h2", "q2", "الحداد") // joins سامر الحداد, whose name the writer now keeps
	ck, err := db.AddAlias(ctx, "سامر يوسف الحداد", "سامر الحداد")
	if err != nil {
		t.Fatal(err)
	}
	ingest("h3", "q3", "الحداد")
	if got := ids(t, db, Query{Speakers: []string{ck}}); fmt.Sprint(got) != "[q1 q2 q3]" {
		ss, _ := db.FindSpeakers(ctx, "الحداد")
		t.Errorf("quotes of the canonical speaker %v, speakers %+v", got, ss)
	}
}

// TestMatchesFollowLaterSpeakers ingests one article per batch: a surname
// alone joins the one full name that has it, until a second person of
// that surname is stored, in a later batch. Matches remembered from batch
// to batch must not outlive that.
func TestMatchesFollowLaterSpeakers(t *testing.T) {
	db := mustOpen(t)
	for i, name := range []string{"سيرغي لافروف", "لافروف", "أندريه لافروف", "لافروف"} {
		id := fmt.Sprintf("q%d", i+1)
		if _, err := db.Ingest(ctx, []Article{art("h"+id, rec(id, name, "2025-06-04", "الأفق", quotes.Direct))}); err != nil {
			t.Fatal(err)
		}
	}
	if got := ids(t, db, Query{Speakers: []string{attribution.SpeakerKey("سيرغي لافروف")}}); fmt.Sprint(got) != "[q1 q2]" {
		t.Errorf("quotes of سيرغي لافروف: %v, want [q1 q2]: the last لافروف may be either man", got)
	}
}

// TestCacheChangesNothing runs the same random operations on two files:
// one through a single handle, which remembers speakers and matches from
// batch to batch, the other through a fresh handle for each operation,
// which does not. After every operation the files must hold the same.
// The operations ingest batches of names that match, clash and vary
// (generic speakers, transliterations, one key for two people, invalid
// UTF-8, which the file holds as U+FFFD), merge pieces, repeat quote ids,
// add and remove aliases, and fail halfway (a confidence JSON cannot
// encode), which must leave the cache as it was.
func TestCacheChangesNothing(t *testing.T) {
	names := []string{
		"سيرغي لافروف", "سيرجي لافروف", "لافروف", "أندريه لافروف",
		"الأسد", "الأسودي", "بشار الأسد", "ماهر الأسد", "الاسد",
		"المصدر", "مسؤول كبير", "ترامب", "دونالد ترامب", "ترمب", "إيفانكا ترامب",
		"محمد حسن", "محمد حسين", "ماريا زاخاروفا\xff", "ماريا زاخاروفا", "زاخاروفا",
	}
	outlets := []string{"الأفق", "الضفة", "الرصيف\xfe"}
	roles := []string{"الوزير", "المتحدثة\xff", "الرئيس"}
	dump := func(db *DB) []string {
		var out []string
		err := db.bolt.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
				return b.ForEach(func(k, v []byte) error {
					out = append(out, fmt.Sprintf("%s %q %q", name, k, v))
					return nil
				})
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for seed := int64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewSource(seed))
		dir := t.TempDir()
		kept, err := Open(filepath.Join(dir, "kept.db"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		pick := func(from []string) string { return from[rng.Intn(len(from))] }
		n := 0
		for op := 0; op < 25; op++ {
			fresh, err := Open(filepath.Join(dir, "fresh.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var what string
			switch x := rng.Intn(20); {
			case x == 0:
				c, v := pick(names), pick(names)
				what = "alias " + c + " ← " + v
				_, e1 := kept.AddAlias(ctx, c, v)
				_, e2 := fresh.AddAlias(ctx, c, v)
				if (e1 == nil) != (e2 == nil) {
					t.Fatalf("seed %d op %d: %s: %v and %v", seed, op, what, e1, e2)
				}
			case x == 1:
				v := pick(names)
				what = "remove alias " + v
				kept.RemoveAlias(ctx, v)
				fresh.RemoveAlias(ctx, v)
			default:
				var arts []Article
				for range rng.Intn(4) + 1 {
					h := fmt.Sprintf("h%d", rng.Intn(30))
					a := Article{Hash: h, ID: h, Merge: rng.Intn(2) == 0}
					for range rng.Intn(3) + 1 {
						n++
						id := fmt.Sprintf("q%d", n)
						if n > 3 && rng.Intn(6) == 0 {
							id = fmt.Sprintf("q%d", rng.Intn(n-1)+1) // again
						}
						said := ""
						if rng.Intn(2) == 0 {
							said = fmt.Sprintf("2025-06-%02d", rng.Intn(28)+1)
						}
						r := rec(id, pick(names), said, pick(outlets), quotes.Direct)
						r.Article = "a-" + h
						if rng.Intn(3) == 0 {
							r.Role = sp(pick(roles))
						}
						a.Records = append(a.Records, r)
					}
					arts = append(arts, a)
				}
				what = fmt.Sprintf("ingest %d articles", len(arts))
				if rng.Intn(8) == 0 {
					last := &arts[len(arts)-1].Records[len(arts[len(arts)-1].Records)-1]
					last.ID, last.Confidence = fmt.Sprintf("fail%d", op), new(math.NaN())
					what += ", failing"
				}
				_, e1 := kept.Ingest(ctx, arts)
				_, e2 := fresh.Ingest(ctx, arts)
				if (e1 == nil) != (e2 == nil) {
					t.Fatalf("seed %d op %d: %s: %v and %v", seed, op, what, e1, e2)
				}
			}
			a, b := dump(kept), dump(fresh)
			fresh.Close()
			if !slices.Equal(a, b) {
				for i := range min(len(a), len(b)) {
					if a[i] != b[i] {
						t.Fatalf("seed %d op %d (%s):\none handle:  %s\nfresh ones:  %s", seed, op, what, a[i], b[i])
					}
				}
				t.Fatalf("seed %d op %d (%s): %d entries through one handle, %d through fresh ones", seed, op, what, len(a), len(b))
			}
		}
		kept.Close()
	}
}

// TestRecordsOfOneArticleIDKeepTheirFields stores two copies of one
// article id that name different outlets, in one batch and in two: each
// record reads back with its own outlet, whichever copy's fields the
// article's shared fields are.
func TestRecordsOfOneArticleIDKeepTheirFields(t *testing.T) {
	copyOf := func(id, outlet string) attribution.Record {
		r := rec(id, "", "", outlet, quotes.Direct)
		r.Article = "a-shared"
		return r
	}
	tests := []struct {
		name    string
		batches [][]Article
	}{
		{"one batch", [][]Article{{art("h1", copyOf("q1", "الأفق")), art("h2", copyOf("q2", "الضفة"))}}},
		{"two batches", [][]Article{{art("h1", copyOf("q1", "الأفق"))}, {art("h2", copyOf("q2", "الضفة"))}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := mustOpen(t)
			for _, b := range tt.batches {
				if _, err := db.Ingest(ctx, b); err != nil {
					t.Fatal(err)
				}
			}
			got := map[string]string{}
			if err := db.Quotes(ctx, Query{}, func(r attribution.Record) error {
				got[r.ID] = deref(r.Outlet)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if got["q1"] != "الأفق" || got["q2"] != "الضفة" {
				t.Errorf("outlets read back: %v", got)
			}
		})
	}
}

// TestUndatedQuotesWalkInPublicationOrder: quotes with no day said are
// indexed by publication day, so that an ingest appends them; a file
// written before, which indexed them by id alone, still walks them all.
func TestUndatedQuotesWalkInPublicationOrder(t *testing.T) {
	db := mustOpen(t)
	undated := func(id, published string) Article {
		r := rec(id, "", "", "الأفق", quotes.Direct)
		r.Published = sp(published)
		return art("h"+id, r)
	}
	if _, err := db.Ingest(ctx, []Article{undated("q1", "2025-06-09"), undated("q2", "2025-06-01"), art("h3", rec("q3", "", "2025-06-02", "الأفق", quotes.Direct))}); err != nil {
		t.Fatal(err)
	}
	// q0, as an older isnad indexed it: by id alone. Such keys sort among
	// the new ones by their first character; "q" comes after digits.
	old := rec("q0", "", "", "الأفق", quotes.Direct)
	if _, err := db.Ingest(ctx, []Article{art("h0", old)}); err != nil {
		t.Fatal(err)
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		idx := tx.Bucket(idxSaid)
		number := copyBytes(tx.Bucket(bucketArticles).Get([]byte("h0")))
		entry := articleKey(nil, key("", "2025-06-05", ""), number)
		if k, _ := idx.Cursor().Seek(entry); !bytes.Equal(k, entry) {
			return fmt.Errorf("no entry %q for the article of q0", entry)
		}
		if err := idx.Delete(entry); err != nil {
			return err
		}
		// and stored it by id alone
		qb := tx.Bucket(bucketQuotes)
		v := copyBytes(qb.Get(quoteKey([]byte("q0"), number)))
		if err := qb.Delete(quoteKey([]byte("q0"), number)); err != nil {
			return err
		}
		if err := qb.Put([]byte("q0"), v); err != nil {
			return err
		}
		return idx.Put(key("", "q0"), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(t, db, Query{}); fmt.Sprint(got) != "[q2 q1 q0 q3]" {
		t.Errorf("walk order %v, want [q2 q1 q0 q3]: undated by publication day, then the old key, then by day said", got)
	}
	if got := ids(t, db, Query{From: "2025-06-01"}); fmt.Sprint(got) != "[q3]" {
		t.Errorf("from a day: %v, want [q3]", got)
	}
}

// TestIngestLeavesItsArticlesAlone: Ingest prepares the articles a caller
// did not, without writing into them, so the caller may correct a record
// and store it again, add records to a Merge article, or hand the same
// articles to two databases at once.
func TestIngestLeavesItsArticlesAlone(t *testing.T) {
	arts := []Article{art("h1", rec("q1", "سيرغي لافروف", "", "الأفق", quotes.Direct))}
	arts[0].Merge = true
	db1, db2, db3 := mustOpen(t), mustOpen(t), mustOpen(t)
	var wg sync.WaitGroup
	for _, db := range []*DB{db1, db2} {
		wg.Go(func() {
			if _, err := db.Ingest(ctx, arts); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	arts[0].Records[0].Quote = "نص مصحح"
	arts[0].Records = append(arts[0].Records, rec("q2", "لافروف", "", "الأفق", quotes.Direct))
	if _, err := db3.Ingest(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if _, err := db1.Ingest(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if got := all(t, db3); len(got) != 2 || got[0].Quote != "نص مصحح" {
		t.Errorf("records stored after a correction: %+v", got)
	}
	if got := ids(t, db1, Query{}); fmt.Sprint(got) != "[q1 q2]" {
		t.Errorf("merge after a record was added: %v", got)
	}
}

// TestQuotesStoredOnceWhicheverWayTheyCome ingests the same quotes from
// their article's text and as quote records, in both orders, in one batch
// or several: each is stored once. A file of articles ingested from their
// text keeps no index of quote ids; the first quote whose id is not made
// from its article's hash starts one.
func TestQuotesStoredOnceWhicheverWayTheyCome(t *testing.T) {
	own := func(text string, spans ...int) Article {
		h := attribution.ContentHash(text)
		a := Article{Hash: h, ID: "page-" + h[:6]}
		for i := 0; i < len(spans); i += 2 {
			r := rec(attribution.QuoteID(h, spans[i], spans[i+1]), "سامر الحداد", "2025-06-04", "الأفق", quotes.Direct)
			r.Article, r.Start, r.End = a.ID, spans[i], spans[i+1]
			a.Records = append(a.Records, r)
		}
		return a
	}
	asRecords := func(a Article, recs ...attribution.Record) Article {
		return Article{Hash: "records:" + a.ID, ID: a.ID, Merge: true, Records: recs}
	}
	// stored counts the quotes bucket: a quote stored twice has one
	// entry in each index.
	stored := func(db *DB) int {
		st, err := db.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return st.Quotes
	}
	indexed := func(db *DB) (on bool, n int) {
		db.bolt.View(func(tx *bolt.Tx) error {
			on = tx.Bucket(bucketMeta).Get(keyIDs) != nil
			n = tx.Bucket(bucketQuoteIDs).Stats().KeyN
			return nil
		})
		return on, n
	}
	a, b := own("نص أ", 1, 5, 7, 9), own("نص ب", 2, 4)
	for _, tc := range []struct {
		name    string
		batches [][]Article
	}{
		{"text then records", [][]Article{{a, b}, {asRecords(a, a.Records...)}, {asRecords(b, b.Records[0])}}},
		{"records then text", [][]Article{{asRecords(a, a.Records[1])}, {a, b}, {asRecords(a, a.Records...)}}},
		{"in one batch", [][]Article{{asRecords(a, a.Records[0]), a, asRecords(b, b.Records...), b, asRecords(a, a.Records...)}}},
		{"records in pieces", [][]Article{{asRecords(a, a.Records[0])}, {asRecords(a, a.Records[1]), asRecords(b, b.Records...)}, {a, b}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpen(t)
			for _, batch := range tc.batches {
				if _, err := db.Ingest(ctx, batch); err != nil {
					t.Fatal(err)
				}
			}
			if got := ids(t, db, Query{}); len(got) != 3 || stored(db) != 3 {
				t.Errorf("stored %v, want the 3 quotes once each", got)
			}
			if on, n := indexed(db); !on || n != 3 {
				t.Errorf("quote ids indexed %v, %d of them; want all 3 once records came", on, n)
			}
		})
	}
	t.Run("text only", func(t *testing.T) {
		db := mustOpen(t)
		if _, err := db.Ingest(ctx, []Article{a, b, own("نص أ", 1, 5, 1, 5), a}); err != nil {
			t.Fatal(err)
		}
		if st, err := db.Ingest(ctx, []Article{own("نص ج", 3, 6, 3, 6), a}); err != nil || st.Quotes != 1 {
			t.Fatalf("a quote given twice: %+v, %v", st, err)
		}
		if got := ids(t, db, Query{}); len(got) != 4 || stored(db) != 4 {
			t.Errorf("stored %v, want 4 quotes", got)
		}
		if on, n := indexed(db); on || n != 0 {
			t.Errorf("quote ids indexed %v, %d of them, for text alone", on, n)
		}
	})
	t.Run("ids not their article's", func(t *testing.T) {
		db := mustOpen(t)
		x := rec("x1", "سامر الحداد", "2025-06-04", "الأفق", quotes.Direct)
		for _, h := range []string{"h1", "h2"} {
			if _, err := db.Ingest(ctx, []Article{art(h, x), a}); err != nil {
				t.Fatal(err)
			}
		}
		if got := ids(t, db, Query{}); len(got) != 3 || stored(db) != 3 {
			t.Errorf("stored %v, want x1 and a's 2 quotes once", got)
		}
		// An own quote, then one that starts the index of ids, in one
		// article: the first is indexed too.
		db = mustOpen(t)
		mixed := Article{Hash: a.Hash, ID: a.ID, Records: []attribution.Record{a.Records[0], x}}
		if _, err := db.Ingest(ctx, []Article{mixed}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Ingest(ctx, []Article{asRecords(a, a.Records...)}); err != nil {
			t.Fatal(err)
		}
		if got := ids(t, db, Query{}); len(got) != 3 || stored(db) != 3 {
			t.Errorf("stored %v, want x1 and a's 2 quotes once", got)
		}
	})
	t.Run("bad ids", func(t *testing.T) {
		db := mustOpen(t)
		for _, id := range []string{"", "q\x00"} {
			if _, err := db.Ingest(ctx, []Article{art("h", rec(id, "", "", "الأفق", quotes.Direct))}); err == nil {
				t.Errorf("id %q stored", id)
			}
		}
	})
}

// TestArticlesNumberedInOrder: each new article gets the next number,
// under which its information is appended and its quotes stored, also
// when none of its quotes is new; a merge stores more quotes under the
// same number; the articles bucket keeps only the number.
func TestArticlesNumberedInOrder(t *testing.T) {
	db := mustOpen(t)
	a := art("h1", rec("q1", "سامر الحداد", "", "الأفق", quotes.Direct))
	a.Title = "العنوان"
	b := art("h2") // no quotes
	// Its one quote is stored already.
	c := art("h3", rec("q1", "سامر الحداد", "", "الأفق", quotes.Direct))
	if _, err := db.Ingest(ctx, []Article{a, b, c}); err != nil {
		t.Fatal(err)
	}
	more := Article{Hash: "h1", ID: "h1", Merge: true, Records: []attribution.Record{rec("q2", "", "", "الأفق", quotes.Partial)}}
	if st, err := db.Ingest(ctx, []Article{more}); err != nil || st.Quotes != 1 {
		t.Fatalf("merge: %+v, %v", st, err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		var infos []string
		tx.Bucket(bucketArticleInfo).ForEach(func(k, v []byte) error {
			infos = append(infos, fmt.Sprintf("%d %s", binary.BigEndian.Uint64(k), v))
			return nil
		})
		want := []string{`1 {"id":"h1","title":"العنوان"}`, `2 {"id":"h2"}`, `3 {"id":"h3"}`}
		if !slices.Equal(infos, want) {
			t.Errorf("article_info %q, want %q", infos, want)
		}
		for i, h := range []string{"h1", "h2", "h3"} {
			if v := tx.Bucket(bucketArticles).Get([]byte(h)); len(v) != 8 || binary.BigEndian.Uint64(v) != uint64(i+1) {
				t.Errorf("articles[%s] = %q", h, v)
			}
		}
		var keys []string
		tx.Bucket(bucketQuotes).ForEach(func(k, _ []byte) error {
			keys = append(keys, fmt.Sprintf("%x", k[:9])+string(k[9:]))
			return nil
		})
		if want := []string{"ff0000000000000001q1", "ff0000000000000001q2"}; !slices.Equal(keys, want) {
			t.Errorf("quote keys %q, want %q", keys, want)
		}
		return nil
	})
}

// TestSaidOn: the quick tests of a stored record against a day of
// idx_said never turn a record away from its own day, nor say it is of a
// day it is not, whatever its strings hold; they turn away the records of
// other plain days.
func TestSaidOn(t *testing.T) {
	mayBeSaid := func(v, prefix []byte) bool { may, _ := saidOn(v, prefix); return may }
	surelySaid := func(v, prefix []byte) bool { _, sure := saidOn(v, prefix); return sure }
	nasty := []string{"", "نص", `,"d":"2025-06-01"`, `\",\"d\":\"x`, "\"", "\\", "2025-06-01", ",\"d\":", "\x00\xff"}
	days := []string{"", "2025-06-01", "2025-06-02", `a"b`, "\\", "\x00x", "\xff1", "2025-06-0", "2025-06-011"}
	rng := rand.New(rand.NewSource(5))
	for range 3000 {
		r := rec("q", nasty[rng.Intn(len(nasty))], "", nasty[rng.Intn(len(nasty))], quotes.Direct)
		if d := days[rng.Intn(len(days))]; rng.Intn(4) > 0 {
			r.SaidOn = sp(d) // "" too: said_on present but empty
		}
		r.Quote = nasty[rng.Intn(len(nasty))] + nasty[rng.Intn(len(nasty))]
		r.Published = sp(days[rng.Intn(len(days))])
		if rng.Intn(2) == 0 {
			r.Cue = sp(nasty[rng.Intn(len(nasty))])
		}
		meta := recordMeta{Published: sp(days[rng.Intn(len(days))])}
		v, err := encodeRecord(&r, &meta)
		if err != nil {
			t.Fatal(err)
		}
		own := appendSaidPrefix(nil, &r)
		if !mayBeSaid(v, own) {
			t.Fatalf("record %+v (stored %q) turned away from its own day %q", r, v, own)
		}
		for _, d := range days[1:] {
			other := key(d, "")
			if bytes.Equal(other, own) {
				continue
			}
			if surelySaid(v, other) {
				t.Fatalf("record %+v (stored %q) sure to be of %q", r, v, other)
			}
			if plainDay([]byte(d)) && mayBeSaid(v, other) {
				t.Fatalf("record %+v (stored %q) let through for the plain day %q", r, v, other)
			}
		}
		if said := deref(r.SaidOn); said != "" && said[0] >= '0' && said[0] <= '9' && mayBeSaid(v, key("", "2025-06-01", "")) {
			t.Fatalf("record said on %q let through for the quotes said on no day", said)
		}
		if plainDay([]byte(deref(r.SaidOn))) && !surelySaid(v, own) {
			t.Fatalf("record %+v (stored %q) not sure to be of its plain day %q", r, v, own)
		}
	}
	// Records of schema 1 are always decoded.
	if !mayBeSaid([]byte(`{"id":"q"}`), key("2025-06-01", "")) || surelySaid([]byte(`{"id":"q"}`), key("2025-06-01", "")) {
		t.Fatal("a schema 1 record not left to decoding")
	}
}

// TestWalkFindsOddDays: quotes said on days that are not dates (empty,
// starting with NUL, with quotation marks, not valid UTF-8) are each
// found once by a walk, as every other quote.
func TestWalkFindsOddDays(t *testing.T) {
	db := mustOpen(t)
	var want []string
	var recs []attribution.Record
	for i, d := range []string{"", "\x00x", `a"b`, "\xff1", "2025-06-01", "\\"} {
		r := rec(fmt.Sprintf("q%d", i), "", "", "الأفق", quotes.Direct)
		r.SaidOn = sp(d)
		recs = append(recs, r)
		want = append(want, r.ID)
	}
	none := rec("q9", "", "", "الأفق", quotes.Direct) // no said_on at all
	recs = append(recs, none)
	want = append(want, none.ID)
	if _, err := db.Ingest(ctx, []Article{art("h", recs...)}); err != nil {
		t.Fatal(err)
	}
	got := ids(t, db, Query{})
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("walk finds %v, want each of %v once", got, want)
	}
}

// TestWalkOrdersByDayThenID: articles whose quotes were said on several
// days come out day by day, each day's quotes by id, as when every quote
// had its own entry in idx_said.
func TestWalkOrdersByDayThenID(t *testing.T) {
	db := mustOpen(t)
	rng := rand.New(rand.NewSource(9))
	days := []string{"", "2025-06-01", "2025-06-02", "2025-06-03"}
	var all []attribution.Record
	for a := range 30 {
		var recs []attribution.Record
		for q := range 1 + rng.Intn(6) {
			r := rec(fmt.Sprintf("q%02d-%d-%d", rng.Intn(100), a, q), "", days[rng.Intn(len(days))], "الأفق", quotes.Direct)
			r.Published = sp(days[1+rng.Intn(3)])
			recs = append(recs, r)
		}
		all = append(all, recs...)
		if _, err := db.Ingest(ctx, []Article{art(fmt.Sprintf("h%d", a), recs...)}); err != nil {
			t.Fatal(err)
		}
	}
	slices.SortFunc(all, func(a, b attribution.Record) int {
		return cmp.Or(bytes.Compare(appendSaidPrefix(nil, &a), appendSaidPrefix(nil, &b)), strings.Compare(a.ID, b.ID))
	})
	var want []string
	for _, r := range all {
		want = append(want, r.ID)
	}
	if got := ids(t, db, Query{}); !slices.Equal(got, want) {
		t.Fatalf("walk order\n got %v\nwant %v", got, want)
	}
}

// TestWalkDayLongerThanAChunk: a day of more quotes than one read
// transaction decodes comes out whole, by id, across transactions, and a
// Limit stops it early.
func TestWalkDayLongerThanAChunk(t *testing.T) {
	db := mustOpen(t)
	var batch []Article
	var want []string
	for a := range 7 {
		var recs []attribution.Record
		for q := range chunk/3 + 1 {
			r := rec(fmt.Sprintf("q%05d", (q*7+a)%100000), "", "2025-06-01", "الأفق", quotes.Direct)
			r.ID = fmt.Sprintf("%s-%d", r.ID, a)
			recs = append(recs, r)
			want = append(want, r.ID)
		}
		batch = append(batch, art(fmt.Sprintf("h%d", a), recs...))
	}
	later := rec("z", "", "2025-06-02", "الأفق", quotes.Direct)
	batch = append(batch, art("hz", later))
	want = append(want, later.ID)
	if _, err := db.Ingest(ctx, batch); err != nil {
		t.Fatal(err)
	}
	slices.Sort(want[:len(want)-1])
	if len(want) < 2*chunk {
		t.Fatalf("%d quotes: not more than one chunk", len(want))
	}
	txs := db.bolt.Stats().TxN
	if got := ids(t, db, Query{}); !slices.Equal(got, want) {
		t.Fatalf("walk of %d quotes: %d, first %v, want first %v", len(want), len(got), got[:min(3, len(got))], want[:3])
	}
	if n := db.bolt.Stats().TxN - txs; n <= len(want)/chunk {
		t.Fatalf("walk of %d quotes in %d read transactions: more than %d quotes in one", len(want), n, chunk)
	}
	if got := ids(t, db, Query{Limit: 3}); !slices.Equal(got, want[:3]) {
		t.Fatalf("limit 3: %v, want %v", got, want[:3])
	}
}
