package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// Checks of the article layout of schema 3, from a cold review: the
// articles bucket maps a content hash to the article's number, and
// bucket article_info keeps its information under that number; an
// article stored by schema 2 keeps its JSON value until a merge adds a
// quote to it. layoutCheck holds numbers to be unique and to have some
// information; these checks also hold each quote to its own article's
// number, each article's information to what its first ingest (or
// schema 2) gave, every stored hash to stay stored, and the numbers to
// be given in order.

// articleModel is what the file must hold about articles.
type articleModel struct {
	// ids maps every stored quote id to the hash of the article that
	// stored it ("" for a quote of the schema 2 file, keyed by id).
	ids map[string]string
	// info is the information of every stored article, by hash.
	info map[string]articleInfo
	// numbered holds the hashes that have a number.
	numbered map[string]bool
	// order holds the numbered hashes in the order they got numbers.
	order []string
}

func (m articleModel) clone() articleModel {
	n := articleModel{ids: map[string]string{}, info: map[string]articleInfo{}, numbered: map[string]bool{}, order: slices.Clone(m.order)}
	for k, v := range m.ids {
		n.ids[k] = v
	}
	for k, v := range m.info {
		n.info[k] = v
	}
	for k, v := range m.numbered {
		n.numbered[k] = v
	}
	return n
}

// apply plays a batch on a copy of m; ok is false when Ingest must
// refuse it (a bad id in an article it reads).
func (m articleModel) apply(arts []Article) (articleModel, bool) {
	n := m.clone()
	for _, a := range arts {
		_, stored := n.info[a.Hash]
		if stored && !a.Merge {
			continue
		}
		for _, r := range a.Records {
			if r.ID == "" || slices.Contains([]byte(r.ID), 0) {
				return m, false
			}
		}
		number := func() {
			if !n.numbered[a.Hash] {
				n.numbered[a.Hash] = true
				n.order = append(n.order, a.Hash)
			}
		}
		if !stored {
			n.info[a.Hash] = articleInfo{ID: a.ID, Outlet: a.Outlet, URL: a.URL, Published: a.Published, Title: a.Title}
			number()
		}
		for _, r := range a.Records {
			if _, ok := n.ids[r.ID]; ok {
				continue
			}
			n.ids[r.ID] = a.Hash
			number()
		}
	}
	return n, true
}

// articleCheck checks the articles of db against m, and then the quote
// layout with layoutCheck.
func articleCheck(t *testing.T, db *DB, m articleModel, step string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: %s", step, fmt.Sprintf(format, args...))
	}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		articles, infos := tx.Bucket(bucketArticles), tx.Bucket(bucketArticleInfo)
		numberOf := map[string]string{} // hash -> number
		if n := articles.Stats().KeyN; n != len(m.info) {
			fail("the articles bucket holds %d articles, want %d", n, len(m.info))
		}
		for h, want := range m.info {
			v := articles.Get([]byte(h))
			if v == nil {
				fail("article %q lost", h)
			}
			var got articleInfo
			if m.numbered[h] {
				if len(v) != 8 {
					fail("article %q holds %q, want a number", h, v)
				}
				numberOf[h] = string(v)
				if err := json.Unmarshal(infos.Get(v), &got); err != nil {
					fail("information of article %q (number %x): %v", h, v, err)
				}
			} else {
				if len(v) == 8 {
					fail("article %q has number %x, want its schema 2 value", h, v)
				}
				if err := json.Unmarshal(v, &got); err != nil {
					fail("schema 2 value of article %q: %v", h, err)
				}
			}
			if got != want {
				fail("information of article %q: %+v, want %+v", h, got, want)
			}
		}
		// Numbers 1, 2, ... in the order the articles got them, each with
		// its information and nothing else in article_info.
		var keys []uint64
		infos.ForEach(func(k, _ []byte) error {
			keys = append(keys, binary.BigEndian.Uint64(k))
			return nil
		})
		if len(keys) != len(m.order) {
			fail("article_info holds %d numbers, want %d", len(keys), len(m.order))
		}
		for i, h := range m.order {
			if n := binary.BigEndian.Uint64([]byte(numberOf[h])); n != uint64(i+1) || keys[i] != n {
				fail("article %q is number %d (article_info's %d-th key %d), want %d", h, n, i, keys[i], i+1)
			}
		}
		if s := articles.Sequence(); s != uint64(len(m.order)) {
			fail("the articles bucket's sequence is %d, %d numbers given", s, len(m.order))
		}
		// Every quote under the number of the article that stored it.
		return tx.Bucket(bucketQuotes).ForEach(func(k, _ []byte) error {
			id, n := layoutIDOf(k)
			h, ok := m.ids[string(id)]
			switch {
			case !ok:
				fail("quote %s stored, not in the model", id)
			case h == "" && n != nil:
				fail("quote %s of the schema 2 file is under number %x", id, n)
			case h != "" && string(n) != numberOf[h]:
				fail("quote %s is under number %x, its article %q is %x", id, n, h, numberOf[h])
			}
			return nil
		})
	})
	if err != nil {
		fail("%v", err)
	}
	want := map[string]bool{}
	for id := range m.ids {
		want[id] = true
	}
	layoutCheck(t, db, want, step)
}

// articleRun plays steps random batches on the file at path from m.
func articleRun(t *testing.T, seed int64, path string, p *layoutPool, m articleModel, steps int) {
	rng := rand.New(rand.NewSource(seed))
	open := func() *DB {
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.bolt.NoSync = true
		return db
	}
	db := open()
	defer func() { db.Close() }()
	articleCheck(t, db, m, fmt.Sprintf("seed %d: open", seed))
	outlets := []string{"", "الأفق", "النبأ"}
	for step := 0; step < steps; step++ {
		if rng.Intn(8) == 0 {
			db.Close()
			db = open()
		}
		var batch []Article
		for n := 1 + rng.Intn(4); n > 0; n-- {
			var a Article
			switch rng.Intn(5) {
			case 0: // a new article of its own, quote-less or not
				h := fmt.Sprintf("own-%d-%d-%d", seed, step, n)
				a = Article{Hash: h, ID: h, Merge: rng.Intn(2) == 0}
				if rng.Intn(2) == 0 {
					a.Records = pick(rng, p.extra)
				}
			default:
				a = p.article(rng)
			}
			// Information that differs from one ingest to the next: the
			// first one's must stay.
			a.Title = fmt.Sprintf("title %d/%d", step, n)
			a.Outlet = outlets[rng.Intn(len(outlets))]
			a.Published = fmt.Sprintf("2025-06-%02d", 1+rng.Intn(28))
			if rng.Intn(2) == 0 {
				a.URL = "https://example.com/" + a.Hash
			}
			batch = append(batch, a)
			if rng.Intn(4) == 0 { // the same hash again, merged or not
				b := p.article(rng)
				b.Hash, b.ID, b.Merge = a.Hash, a.ID, rng.Intn(3) != 0
				batch = append(batch, b)
			}
		}
		if rng.Intn(6) == 0 {
			bad := rec([]string{"", "q\x00"}[rng.Intn(2)], "", "", "الأفق", quotes.Direct)
			i := rng.Intn(len(batch) + 1)
			batch = slices.Insert(batch, i, Article{Hash: fmt.Sprintf("bad-%d", step), ID: "bad", Merge: true, Records: []attribution.Record{bad}})
		}
		for i := range batch {
			if rng.Intn(2) == 0 {
				batch[i].Prepare()
			}
		}
		next, ok := m.apply(batch)
		if _, err := db.Ingest(ctx, batch); ok != (err == nil) {
			t.Fatalf("seed %d step %d: ingest error %v, model expects success %v", seed, step, err, ok)
		}
		m = next
		articleCheck(t, db, m, fmt.Sprintf("seed %d step %d (%d articles, ok %v)", seed, step, len(batch), ok))
	}
	if err := db.Check(); err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
}

func TestArticlesRandomIngests(t *testing.T) {
	p := newLayoutPool()
	seeds := 150
	if testing.Short() {
		seeds = 30
	}
	for seed := int64(0); seed < int64(seeds); seed++ {
		path := filepath.Join(t.TempDir(), "isnad.db")
		m := articleModel{ids: map[string]string{}, info: map[string]articleInfo{}, numbered: map[string]bool{}}
		articleRun(t, seed, path, p, m, 12)
	}
}

// TestArticlesRandomIngestsOnASchema2File: the same on the schema 2
// file, its articles and quotes in the pool.
func TestArticlesRandomIngestsOnASchema2File(t *testing.T) {
	file, _, recs, texts := schema2Fixture(t)
	p := schema2Pool(recs, texts)
	// Extra records for the schema 2 articles: quotes a merge adds.
	for _, a := range p.texts {
		r := a.Records[0]
		r.ID = "more-" + a.ID
		r.Start, r.End = r.Start+1, r.End+1
		ra := p.records[a.ID]
		ra.Records = append(slices.Clone(ra.Records), r)
		p.records[a.ID] = ra
	}
	seeds := 60
	if testing.Short() {
		seeds = 15
	}
	for seed := int64(0); seed < int64(seeds); seed++ {
		path := fileOf(t, file)
		m := articleModel{ids: map[string]string{}, info: map[string]articleInfo{}, numbered: map[string]bool{}}
		for _, r := range recs {
			m.ids[r.ID] = ""
		}
		db, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		db.bolt.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
				var info articleInfo
				if err := json.Unmarshal(v, &info); err != nil {
					t.Fatalf("schema 2 article %q: %v", k, err)
				}
				m.info[string(k)] = info
				return nil
			})
		})
		db.Close()
		articleRun(t, 2000+seed, path, p, m, 10)
	}
}

// TestArticlesSameHashTwiceInOneBatch: a quote-less new article, then the
// same hash merged twice in the batch: one number, the information of
// the first, the quotes under that number.
func TestArticlesSameHashTwiceInOneBatch(t *testing.T) {
	db := mustOpen(t)
	first := art("h")
	first.Title = "first"
	m1 := art("h", rec("q1", "سامر الحداد", "", "الأفق", quotes.Direct))
	m1.Merge, m1.Title = true, "second"
	m2 := art("h", rec("q1", "سامر الحداد", "", "الأفق", quotes.Direct), rec("q2", "", "", "الأفق", quotes.Partial))
	m2.Merge, m2.Title = true, "third"
	other := art("g", rec("q3", "", "", "النبأ", quotes.Direct))
	batch := []Article{first, m1, other, m2, art("h")}
	model := articleModel{ids: map[string]string{}, info: map[string]articleInfo{}, numbered: map[string]bool{}}
	model, _ = model.apply(batch)
	st, err := db.Ingest(ctx, batch)
	if err != nil || st.Quotes != 3 {
		t.Fatalf("%+v, %v", st, err)
	}
	articleCheck(t, db, model, "one batch")
}

// TestArticlesSchema2MergedAndRolledBack: merges into an article of
// the schema 2 file. A batch that fails leaves it as it was and gives no
// number; one whose quotes are all stored leaves it as it was; one that
// adds a quote moves its information, all of it, under the next number,
// and a second merge in the same batch stores under that number too.
func TestArticlesSchema2MergedAndRolledBack(t *testing.T) {
	file, _, recs, _ := schema2Fixture(t)
	path := fileOf(t, file)
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	model := articleModel{ids: map[string]string{}, info: map[string]articleInfo{}, numbered: map[string]bool{}}
	for _, r := range recs {
		model.ids[r.ID] = ""
	}
	raw := map[string][]byte{}
	db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var info articleInfo
			if err := json.Unmarshal(v, &info); err != nil {
				t.Fatal(err)
			}
			model.info[string(k)] = info
			raw[string(k)] = copyBytes(v)
			return nil
		})
	})
	// The schema 2 article with the most information.
	var h string
	for k, info := range model.info {
		if info.Outlet != "" && info.URL != "" && info.Published != "" && (h == "" || k < h) {
			h = k
		}
	}
	if h == "" {
		t.Fatal("no schema 2 article with outlet, address and day")
	}
	var mine []attribution.Record
	for _, r := range recs {
		if r.Article == model.info[h].ID {
			mine = append(mine, r)
		}
	}
	if len(mine) == 0 {
		t.Fatalf("no quote of article %q (%s) in the fixture", h, model.info[h].ID)
	}
	extra := mine[0]
	extra.ID, extra.Start, extra.End = "extra", extra.Start+1, extra.End+1
	extra2 := extra
	extra2.ID = "extra-2"
	merge := func(rs ...attribution.Record) Article {
		return Article{Hash: h, ID: model.info[h].ID, Title: "not the stored title", Outlet: "not the stored outlet", Merge: true, Records: rs}
	}
	unchanged := func(step string) {
		t.Helper()
		db.bolt.View(func(tx *bolt.Tx) error {
			if v := tx.Bucket(bucketArticles).Get([]byte(h)); string(v) != string(raw[h]) {
				t.Errorf("%s: article %q holds %q, want its schema 2 value", step, h, v)
			}
			return nil
		})
		articleCheck(t, db, model, step)
	}

	// Refused: a bad id after the merge.
	bad := art("bad", rec("", "", "", "الأفق", quotes.Direct))
	if _, err := db.Ingest(ctx, []Article{merge(extra), bad}); err == nil {
		t.Fatal("a batch with an empty id was stored")
	}
	unchanged("after a failed batch")

	// Only quotes it holds.
	if st, err := db.Ingest(ctx, []Article{merge(mine...)}); err != nil || st.Quotes != 0 {
		t.Fatalf("its own quotes again: %+v, %v", st, err)
	}
	unchanged("after its quotes again")

	// A new quote, twice in one batch, then another.
	batch := []Article{merge(extra), art("fresh"), merge(extra, extra2)}
	model, _ = model.apply(batch)
	if st, err := db.Ingest(ctx, batch); err != nil || st.Quotes != 2 {
		t.Fatalf("new quotes: %+v, %v", st, err)
	}
	articleCheck(t, db, model, "after the merges")
	if model.order[0] != h {
		t.Fatalf("model order %q", model.order)
	}
}
