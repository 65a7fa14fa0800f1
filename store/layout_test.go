package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// A randomized differential check of schema 3's quote
// layout (quotes keyed by article number, bucket quote_ids, legacy quotes
// keyed by id) against a plain model of which quote ids must be stored.

// layoutIDOf returns the quote id a key of the quotes bucket stores, and
// its article number (nil for a quote keyed by id).
func layoutIDOf(k []byte) (id, number []byte) {
	if len(k) > 9 && k[0] == numberedMark {
		return k[9:], k[1:9]
	}
	return k, nil
}

// layoutCheck checks the invariants of the file against want, the ids
// that must be stored (each exactly once).
func layoutCheck(t *testing.T, db *DB, want map[string]bool, step string) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("%s: %s", step, fmt.Sprintf(format, args...))
	}
	numbered := map[string]string{} // id -> number, of quotes keyed by article number
	stored := map[string]int{}
	// id -> the key the quote needs in the outlet and said_on indexes:
	// its article's (articleKey), or its own for a quote keyed by id.
	outlets, saids := map[string]string{}, map[string]string{}
	speakerEntries := 0
	err := db.bolt.View(func(tx *bolt.Tx) error {
		qb := tx.Bucket(bucketQuotes)
		rr := newRecordReader(tx)
		if err := qb.ForEach(func(k, v []byte) error {
			id, n := layoutIDOf(k)
			stored[string(id)]++
			r, err := rr.record(id, v)
			if err != nil {
				return err
			}
			outlet, said := key(deref(r.Outlet), deref(r.Published), ""), appendSaidPrefix(nil, &r)
			if n != nil {
				numbered[string(id)] = string(n)
				outlets[string(id)] = string(articleKey(nil, outlet, n))
				saids[string(id)] = string(articleKey(nil, said, n))
			} else {
				outlets[string(id)] = string(outlet) + string(id)
				saids[string(id)] = string(said) + string(id)
			}
			return nil
		}); err != nil {
			return err
		}
		// The outlet and said_on indexes: an entry per article number and
		// prefix of its quotes, and one per quote for quotes keyed by id.
		for _, idx := range []struct {
			name  []byte
			needs map[string]string
		}{{idxOutlet, outlets}, {idxSaid, saids}} {
			needed := map[string]bool{}
			for _, k := range idx.needs {
				needed[k] = true
			}
			if err := tx.Bucket(idx.name).ForEach(func(k, v []byte) error {
				if !needed[string(k)] {
					fail("%s entry %q: no quote needs it", idx.name, k)
				}
				if _, _, byArticle := articleEntry(k); byArticle && len(v) != 0 {
					fail("%s entry %q holds %x", idx.name, k, v)
				}
				delete(needed, string(k))
				return nil
			}); err != nil {
				return err
			}
			for k := range needed {
				fail("%s lacks %q", idx.name, k)
			}
		}
		for _, name := range [][]byte{idxSpeaker} {
			per := map[string]int{}
			if err := tx.Bucket(name).ForEach(func(k, v []byte) error {
				id := k[bytes.LastIndexByte(k, 0)+1:]
				if qb.Get(quoteKey(id, v)) == nil {
					fail("%s entry %q (number %x) points at nothing", name, k, v)
				}
				if len(v) == 8 && numbered[string(id)] != string(v) {
					fail("%s entry %q holds number %x, the quote is under %x", name, k, v, numbered[string(id)])
				}
				per[string(id)]++
				return nil
			}); err != nil {
				return err
			}
			for id := range stored {
				if n := per[id]; n > 1 || n == 0 && !bytes.Equal(name, idxSpeaker) {
					fail("quote %s has %d entries in %s", id, n, name)
				}
			}
			if bytes.Equal(name, idxSpeaker) {
				speakerEntries = len(per)
			}
		}
		// Articles: a number (schema 3) with its information, or a value
		// of schema 2; every number of a quote is an article's.
		articleNumbers := map[string]bool{}
		if err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			if len(v) != 8 {
				if !json.Valid(v) {
					fail("article %q holds %q", k, v)
				}
				return nil
			}
			if articleNumbers[string(v)] {
				fail("article number %x given twice", v)
			}
			articleNumbers[string(v)] = true
			if !json.Valid(tx.Bucket(bucketArticleInfo).Get(v)) {
				fail("article %q: number %x has no information", k, v)
			}
			return nil
		}); err != nil {
			return err
		}
		if n := tx.Bucket(bucketArticleInfo).Stats().KeyN; n != len(articleNumbers) {
			fail("article_info holds %d articles, the articles bucket %d numbers", n, len(articleNumbers))
		}
		for id, n := range numbered {
			if !articleNumbers[n] {
				fail("quote %s is stored under %x, no article's number", id, n)
			}
		}
		if tx.Bucket(bucketMeta).Get(keyIDs) != nil {
			ids := map[string]string{}
			tx.Bucket(bucketQuoteIDs).ForEach(func(k, v []byte) error {
				ids[string(k)] = string(v)
				return nil
			})
			for id, n := range numbered {
				if ids[id] != n {
					fail("quote_ids marked complete but %s maps to %x, stored under %x", id, ids[id], n)
				}
			}
			for id := range ids {
				if _, ok := numbered[id]; !ok {
					fail("quote_ids holds %s, which no quote stored by number has", id)
				}
			}
		}
		return nil
	})
	if err != nil {
		fail("%v", err)
	}
	for id, n := range stored {
		if n != 1 {
			fail("quote %s stored %d times", id, n)
		}
		if !want[id] {
			fail("quote %s stored, not in the model", id)
		}
	}
	for id := range want {
		if stored[id] == 0 {
			fail("quote %s lost", id)
		}
	}
	st, err := db.Stats(ctx)
	if err != nil {
		fail("stats: %v", err)
	}
	if st.Quotes != len(want) {
		fail("Stats().Quotes = %d, want %d", st.Quotes, len(want))
	}
	walked := ids(t, db, Query{})
	sort.Strings(walked)
	if len(walked) != len(want) || len(slices.Compact(slices.Clone(walked))) != len(walked) {
		fail("walk gives %d quotes (%d distinct), want %d", len(walked), len(slices.Compact(slices.Clone(walked))), len(want))
	}
	sps, err := db.Speakers(ctx, 0)
	if err != nil {
		fail("speakers: %v", err)
	}
	total := 0
	for _, s := range sps {
		total += s.Quotes
		if got := len(ids(t, db, Query{Speakers: []string{s.Key}})); got != s.Quotes {
			fail("speaker %s counts %d quotes, its index walk gives %d", s.Key, s.Quotes, got)
		}
	}
	if total != speakerEntries {
		fail("speakers count %d quotes, idx_speaker holds %d", total, speakerEntries)
	}
}

// layoutPool is what the random operations draw their articles from.
type layoutPool struct {
	texts   []Article            // one per text, with every own record
	records map[string]Article   // by article id: the same records as loaded with --records
	extra   []attribution.Record // records of ids no article makes (a library caller's)
}

var layoutNames = []string{"سامر الحداد", "الحداد", "يوسف القاسمي", "القاسمي", "ليلى منصور", "المصدر", ""}

func newLayoutPool() *layoutPool {
	p := &layoutPool{records: map[string]Article{}}
	for i := 0; i < 4; i++ {
		text := fmt.Sprintf("نص المقال رقم %d", i)
		h := attribution.ContentHash(text)
		a := Article{Hash: h, ID: fmt.Sprintf("art-%d", i)}
		for j := 0; j < 3; j++ {
			s, e := 10*j, 10*j+5
			said := ""
			if (i+j)%3 != 0 {
				said = fmt.Sprintf("2025-06-%02d", 1+i+j)
			}
			r := rec(attribution.QuoteID(h, s, e), layoutNames[(i*3+j)%len(layoutNames)], said, []string{"الأفق", "النبأ"}[i%2], quotes.Direct)
			r.Article, r.Start, r.End = a.ID, s, e
			a.Records = append(a.Records, r)
		}
		p.texts = append(p.texts, a)
		p.records[a.ID] = Article{Hash: "records:" + a.ID, ID: a.ID, Merge: true, Records: a.Records}
	}
	for k := 0; k < 4; k++ {
		p.extra = append(p.extra, rec(fmt.Sprintf("x%d", k), layoutNames[k%len(layoutNames)], "2025-07-01", "الرصيف", quotes.Partial))
	}
	return p
}

// pick returns a random selection of recs, possibly with repeats.
func pick(rng *rand.Rand, recs []attribution.Record) []attribution.Record {
	var out []attribution.Record
	for n := rng.Intn(len(recs) + 2); n > 0; n-- {
		out = append(out, recs[rng.Intn(len(recs))])
	}
	return out
}

func (p *layoutPool) article(rng *rand.Rand) Article {
	switch rng.Intn(6) {
	case 0, 1: // from its text: own ids; merged into the article of that text at times
		a := p.texts[rng.Intn(len(p.texts))]
		return Article{Hash: a.Hash, ID: a.ID, Merge: rng.Intn(4) == 0, Records: pick(rng, a.Records)}
	case 2, 3: // its records, loaded in pieces
		ids := make([]string, 0, len(p.records))
		for id := range p.records {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		a := p.records[ids[rng.Intn(len(ids))]]
		return Article{Hash: a.Hash, ID: a.ID, Merge: true, Records: pick(rng, a.Records)}
	case 4: // a library caller's ids, merged or not
		var pool []attribution.Record
		pool = append(pool, p.extra...)
		pool = append(pool, p.texts[rng.Intn(len(p.texts))].Records...)
		h := fmt.Sprintf("lib-%d", rng.Intn(3))
		return Article{Hash: h, ID: h, Merge: rng.Intn(2) == 0, Records: pick(rng, pool)}
	default: // own ids and a foreign one in one article
		a := p.texts[rng.Intn(len(p.texts))]
		recs := append(pick(rng, a.Records), p.extra[rng.Intn(len(p.extra))])
		rng.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
		return Article{Hash: a.Hash, ID: a.ID, Records: recs}
	}
}

// layoutModel is what must be stored: the quote ids and article hashes.
type layoutModel struct {
	ids, hashes map[string]bool
}

// apply plays a batch on a copy of the model; ok is false when Ingest must
// refuse it (a bad id in an article it reads).
func (m layoutModel) apply(arts []Article) (layoutModel, bool) {
	n := layoutModel{ids: map[string]bool{}, hashes: map[string]bool{}}
	for k := range m.ids {
		n.ids[k] = true
	}
	for k := range m.hashes {
		n.hashes[k] = true
	}
	for _, a := range arts {
		if n.hashes[a.Hash] && !a.Merge {
			continue
		}
		for _, r := range a.Records {
			if r.ID == "" || bytes.IndexByte([]byte(r.ID), 0) >= 0 {
				return m, false
			}
			n.ids[r.ID] = true
		}
		n.hashes[a.Hash] = true
	}
	return n, true
}

// layoutRun plays steps random operations on db from model m.
func layoutRun(t *testing.T, seed int64, path string, p *layoutPool, m layoutModel, steps int) {
	rng := rand.New(rand.NewSource(seed))
	open := func() *DB {
		db, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		db.bolt.NoSync = true // a test file: no fsync per transaction
		return db
	}
	db := open()
	defer func() { db.Close() }()
	layoutCheck(t, db, m.ids, fmt.Sprintf("seed %d: open", seed))
	for step := 0; step < steps; step++ {
		what := ""
		switch op := rng.Intn(10); {
		case op < 6:
			var batch []Article
			for n := 1 + rng.Intn(4); n > 0; n-- {
				batch = append(batch, p.article(rng))
			}
			if rng.Intn(8) == 0 { // a bad id somewhere: the batch fails
				bad := rec([]string{"", "q\x00"}[rng.Intn(2)], "", "", "الأفق", quotes.Direct)
				i := rng.Intn(len(batch) + 1)
				batch = slices.Insert(batch, i, Article{Hash: fmt.Sprintf("bad-%d", step), ID: "bad", Records: []attribution.Record{bad}})
			}
			for i := range batch {
				if rng.Intn(2) == 0 {
					batch[i].Prepare()
				}
			}
			next, ok := m.apply(batch)
			_, err := db.Ingest(ctx, batch)
			if ok != (err == nil) {
				t.Fatalf("seed %d step %d: ingest error %v, model expects success %v", seed, step, err, ok)
			}
			m = next
			what = fmt.Sprintf("ingest of %d articles (ok %v)", len(batch), ok)
		case op < 8:
			c, v := layoutNames[rng.Intn(5)], layoutNames[rng.Intn(5)]
			if _, err := db.AddAlias(ctx, c, v); err != nil {
				t.Fatalf("seed %d step %d: alias %s <- %s: %v", seed, step, c, v, err)
			}
			what = fmt.Sprintf("alias %s <- %s", c, v)
		case op < 9:
			v := layoutNames[rng.Intn(5)]
			as, err := db.Aliases(ctx)
			if err != nil {
				t.Fatal(err)
			}
			isAlias := slices.ContainsFunc(as, func(a Alias) bool { return a.Variant == v })
			if err := db.RemoveAlias(ctx, v); (err == nil) != isAlias {
				t.Fatalf("seed %d step %d: alias rm %s (an alias: %v): %v", seed, step, v, isAlias, err)
			}
			what = fmt.Sprintf("alias rm %s", v)
		default:
			db.Close()
			db = open()
			what = "reopen"
		}
		layoutCheck(t, db, m.ids, fmt.Sprintf("seed %d step %d (%s)", seed, step, what))
	}
	if err := db.Check(); err != nil {
		t.Fatalf("seed %d: %v", seed, err)
	}
}

func TestLayoutRandomIngestsKeepEveryQuoteOnce(t *testing.T) {
	p := newLayoutPool()
	seeds := 300
	if testing.Short() {
		seeds = 50
	}
	for seed := int64(0); seed < int64(seeds); seed++ {
		path := filepath.Join(t.TempDir(), "isnad.db")
		layoutRun(t, seed, path, p, layoutModel{ids: map[string]bool{}, hashes: map[string]bool{}}, 12)
	}
}

// TestLayoutRandomIngestsOnASchema2File plays the random operations on
// the schema 2 file, with its own quotes (from their text and as records)
// in the pool: quotes keyed by id are found again and never stored twice.
func TestLayoutRandomIngestsOnASchema2File(t *testing.T) {
	file, _, recs, texts := schema2Fixture(t)
	p := schema2Pool(recs, texts)
	seeds := 60
	if testing.Short() {
		seeds = 15
	}
	for seed := int64(0); seed < int64(seeds); seed++ {
		path := fileOf(t, file)
		m := layoutModel{ids: map[string]bool{}, hashes: map[string]bool{}}
		for _, r := range recs {
			m.ids[r.ID] = true
		}
		db, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		db.bolt.View(func(tx *bolt.Tx) error {
			return tx.Bucket(bucketArticles).ForEach(func(k, _ []byte) error {
				m.hashes[string(k)] = true
				return nil
			})
		})
		db.Close()
		layoutRun(t, 1000+seed, path, p, m, 10)
	}
}

// TestLayoutSchemaUpgrade: a read-only open leaves a schema 2 file as it
// is (an older isnad still reads it); a write open marks it legacy only
// when it holds quotes, and schema 3 from then on.
func TestLayoutSchemaUpgrade(t *testing.T) {
	file, _, recs, _ := schema2Fixture(t)
	path := fileOf(t, file)
	meta := func(db *DB) (schema uint64, legacy, indexed bool) {
		db.bolt.View(func(tx *bolt.Tx) error {
			m := tx.Bucket(bucketMeta)
			schema = binary.BigEndian.Uint64(m.Get(keySchema))
			legacy, indexed = m.Get(keyLegacy) != nil, m.Get(keyIDs) != nil
			return nil
		})
		return
	}
	db, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := all(t, db); len(got) != len(recs) {
		t.Errorf("read-only open of schema 2 reads %d quotes, want %d", len(got), len(recs))
	}
	if s, l, _ := meta(db); s != 2 || l {
		t.Errorf("read-only open: schema %d, legacy %v", s, l)
	}
	db.Close()
	if b, _ := os.ReadFile(path); !bytes.Equal(b, file) {
		t.Error("a read-only open changed the file")
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s, l, i := meta(db); s != SchemaVersion || !l || i {
		t.Errorf("write open of schema 2 with quotes: schema %d, legacy %v, indexed %v", s, l, i)
	}
	db.Close()

	// A schema 2 file without quotes is not legacy.
	path = filepath.Join(t.TempDir(), "empty.db")
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.bolt.Update(func(tx *bolt.Tx) error {
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, 2)
		return tx.Bucket(bucketMeta).Put(keySchema, v)
	})
	db.Close()
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if s, l, _ := meta(db); s != SchemaVersion || l {
		t.Errorf("write open of an empty schema 2 file: schema %d, legacy %v", s, l)
	}
}

// TestLayoutQuoteIDsIndexedAcrossChunks stores more quotes than one
// transaction of indexQuoteIDs takes, then a records batch: every id ends
// up in quote_ids once, and the same quotes given as records add nothing.
func TestLayoutQuoteIDsIndexedAcrossChunks(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 20k quotes")
	}
	db := mustOpen(t)
	db.bolt.NoSync = true
	const n = idChunk + idChunk/4
	var arts []Article
	var recsOf []attribution.Record
	for i := 0; i < n/8; i++ {
		h := fmt.Sprintf("h%05d", i)
		a := Article{Hash: h, ID: h}
		for j := 0; j < 8; j++ {
			r := rec(attribution.QuoteID(h, j, j+1), "", "2025-06-04", "الأفق", quotes.Direct)
			r.Article, r.Start, r.End = h, j, j+1
			a.Records = append(a.Records, r)
		}
		recsOf = append(recsOf, a.Records...)
		arts = append(arts, a)
	}
	for i := 0; i < len(arts); i += 512 {
		if _, err := db.Ingest(ctx, arts[i:min(i+512, len(arts))]); err != nil {
			t.Fatal(err)
		}
	}
	// Records of the first and of the last article, loaded with --records.
	batch := []Article{
		{Hash: "records:first", ID: "first", Merge: true, Records: recsOf[:8]},
		{Hash: "records:last", ID: "last", Merge: true, Records: recsOf[len(recsOf)-8:]},
	}
	st, err := db.Ingest(ctx, batch)
	if err != nil || st.Quotes != 0 {
		t.Fatalf("records of stored quotes: %+v, %v", st, err)
	}
	want := map[string]bool{}
	for _, r := range recsOf {
		want[r.ID] = true
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if got := tx.Bucket(bucketQuoteIDs).Stats().KeyN; got != len(want) {
			t.Errorf("quote_ids holds %d ids, want %d", got, len(want))
		}
		return nil
	})
	layoutCheck(t, db, want, "after indexing")
}

// TestLayoutUnfinishedQuoteIDsIndexIsRedone leaves quote_ids as a crash
// between two of indexQuoteIDs's transactions would (some ids, no mark),
// stores more quotes from their text (not indexed: the file is not
// marked), then records of all of them: the index is built again in
// full and nothing is stored twice.
func TestLayoutUnfinishedQuoteIDsIndexIsRedone(t *testing.T) {
	db := mustOpen(t)
	p := newLayoutPool()
	if _, err := db.Ingest(ctx, p.texts[:2]); err != nil {
		t.Fatal(err)
	}
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketQuotes).Cursor().First()
		id, n := layoutIDOf(k)
		return tx.Bucket(bucketQuoteIDs).Put(id, n)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Ingest(ctx, p.texts[2:]); err != nil {
		t.Fatal(err)
	}
	var recs []Article
	want := map[string]bool{}
	for _, a := range p.texts {
		recs = append(recs, p.records[a.ID])
		for _, r := range a.Records {
			want[r.ID] = true
		}
	}
	if st, err := db.Ingest(ctx, recs); err != nil || st.Quotes != 0 {
		t.Fatalf("records of stored quotes: %+v, %v", st, err)
	}
	layoutCheck(t, db, want, "after the index was redone")
}

// TestLayoutQuoteIDsIndexStopsWhenCancelled: a cancelled context stops
// the index of quote ids before its next transaction, unmarked, and the
// next ingest that needs it builds it whole.
func TestLayoutQuoteIDsIndexStopsWhenCancelled(t *testing.T) {
	db := mustOpen(t)
	text := "قال «نعم»"
	h := attribution.ContentHash(text)
	r := rec(attribution.QuoteID(h, 4, 13), "سامر الحداد", "2025-06-04", "الأفق", quotes.Direct)
	r.Start, r.End = 4, 13
	if _, err := db.Ingest(ctx, []Article{{Hash: h, ID: "page", Records: []attribution.Record{r}}}); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := db.indexQuoteIDs(cancelled); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled index: %v", err)
	}
	marked := func() (on bool) {
		db.bolt.View(func(tx *bolt.Tx) error {
			on = tx.Bucket(bucketMeta).Get(keyIDs) != nil
			return nil
		})
		return on
	}
	if marked() {
		t.Fatal("a cancelled index is marked done")
	}
	if st, err := db.Ingest(ctx, []Article{{Hash: "records:page", ID: "page", Merge: true, Records: []attribution.Record{r}}}); err != nil || st.Quotes != 0 || !marked() {
		t.Errorf("the quote again as a record: %+v, %v, indexed %v", st, err, marked())
	}
}

// schema2Pool is the random operations' pool with the schema 2 file's
// articles in it, from their text and as records.
func schema2Pool(recs []attribution.Record, texts map[string]string) *layoutPool {
	p := newLayoutPool()
	byArticle := map[string]*Article{}
	for _, r := range recs {
		a := byArticle[r.Article]
		if a == nil {
			a = &Article{Hash: attribution.ContentHash(texts[r.Article]), ID: r.Article}
			byArticle[r.Article] = a
		}
		a.Records = append(a.Records, r)
	}
	for _, a := range byArticle {
		p.texts = append(p.texts, *a)
		p.records[a.ID] = Article{Hash: "records:" + attribution.ContentHash(a.ID), ID: a.ID, Merge: true, Records: a.Records}
	}
	sort.Slice(p.texts, func(i, j int) bool { return p.texts[i].ID < p.texts[j].ID })
	return p
}

// fileOf writes file to a new temporary path and returns the path.
func fileOf(t *testing.T, file []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "isnad.db")
	if err := os.WriteFile(path, file, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLayoutSchema3Upgrade: a file of schema 3 indexed each quote in
// idx_said by its id. Opened for writing it becomes schema 4 without being
// marked legacy (its quotes are stored under numbers), its entries are read
// as they are, and a day's quotes come out by id whichever form indexes
// them.
func TestLayoutSchema3Upgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "schema3.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first := []attribution.Record{rec("q2", "", "2025-06-01", "الأفق", quotes.Direct), rec("q4", "", "", "الأفق", quotes.Direct)}
	if _, err := db.Ingest(ctx, []Article{art("h1", first...)}); err != nil {
		t.Fatal(err)
	}
	// As schema 3 wrote it: an entry per quote, its value the number.
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		idx := tx.Bucket(idxSaid)
		number := copyBytes(tx.Bucket(bucketArticles).Get([]byte("h1")))
		for _, r := range first {
			entry := articleKey(nil, appendSaidPrefix(nil, &r), number)
			if err := idx.Delete(entry); err != nil {
				return err
			}
			if err := idx.Put(append(appendSaidPrefix(nil, &r), r.ID...), number); err != nil {
				return err
			}
		}
		if n := idx.Stats().KeyN; n != 2 {
			return fmt.Errorf("idx_said holds %d keys, want the 2 per quote", n)
		}
		v := make([]byte, 8)
		binary.BigEndian.PutUint64(v, 3)
		return tx.Bucket(bucketMeta).Put(keySchema, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.bolt.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if s := binary.BigEndian.Uint64(m.Get(keySchema)); s != SchemaVersion || m.Get(keyLegacy) != nil {
			t.Errorf("write open of schema 3: schema %d, legacy %v", s, m.Get(keyLegacy) != nil)
		}
		return nil
	})
	second := []attribution.Record{rec("q1", "", "2025-06-01", "الأفق", quotes.Direct), rec("q3", "", "2025-06-01", "الأفق", quotes.Direct)}
	if _, err := db.Ingest(ctx, []Article{art("h2", second...)}); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, db, Query{}); fmt.Sprint(got) != "[q4 q1 q2 q3]" {
		t.Errorf("walk %v, want [q4 q1 q2 q3]: undated first, then the day's quotes by id across both forms", got)
	}
	// A quote merged into the article of q2, said the same day: the
	// article's new entry names q2 too, which comes out once.
	merged := Article{Hash: "h1", ID: "h1", Merge: true, Records: []attribution.Record{rec("q5", "", "2025-06-01", "الأفق", quotes.Direct)}}
	if _, err := db.Ingest(ctx, []Article{merged}); err != nil {
		t.Fatal(err)
	}
	if got := ids(t, db, Query{}); fmt.Sprint(got) != "[q4 q1 q2 q3 q5]" {
		t.Errorf("walk after a merge %v, want [q4 q1 q2 q3 q5]", got)
	}
}
