package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
)

// Article is one article to store with its quote records.
type Article struct {
	// Hash identifies the article: the content hash of its text
	// (attribution.ContentHash), or for records loaded without the text a
	// hash of the article id.
	Hash      string
	ID        string
	Outlet    string
	URL       string
	Published string
	Title     string
	Records   []attribution.Record
	// Merge adds the records to an article already stored instead of
	// skipping it: records loaded in pieces (isnad ingest --records).
	// Quotes already stored are still skipped, by id.
	Merge bool

	prepared     []prepared // one per record, by Prepare
	preparedHash string     // the Hash they were prepared for
}

// prepared is the part of storing one record that reads nothing stored.
type prepared struct {
	value   []byte     // the stored bytes, if its article's shared fields are meta; nil if encoding failed
	meta    recordMeta // the fields of the article's first record, which become its shared fields unless stored before
	said    []byte     // said_on \0 or \0 published \0: the start of its article's key in the said_on index (articleKey)
	outlet  []byte     // outlet \0 published \0: the start of its article's key in the outlet index
	generic bool       // the speaker is generic (المصدر): one per article
	// own: the record's id is attribution.QuoteID of the article's hash
	// and the record's span, so no other article's quote has it.
	own bool
}

// Prepare does the part of storing a's records that reads nothing stored:
// encoding them and their index keys. A caller that prepares its articles
// on its own goroutine, while the batch before is being written, takes
// that work off the single writer; Ingest does it for articles that are
// not prepared, without changing them. The records must not change after
// Prepare.
func (a *Article) Prepare() {
	a.prepared, a.preparedHash = prepare(a.Hash, a.Records), a.Hash
}

func prepare(hash string, recs []attribution.Record) []prepared {
	ps := make([]prepared, len(recs))
	// The values of the article's records and their index keys share one
	// allocation, sized for them unless their strings need escaping: one
	// for the article where json.Marshal and key made four for each
	// record.
	size := 0
	for i := range recs {
		r := &recs[i]
		// The two key prefixes: outlet \0 published \0, and said_on \0 or
		// \0 published \0.
		size += encodedSize(r) + len(deref(r.Outlet)) + len(deref(r.SaidOn)) + 2*len(deref(r.Published)) + 4
	}
	buf := make([]byte, 0, size)
	for i := range recs {
		r, p := &recs[i], &ps[i]
		p.own = r.ID == attribution.QuoteID(hash, r.Start, r.End)
		first := &recs[0]
		for j := 0; first.Article != r.Article; j++ {
			first = &recs[j+1]
		}
		p.meta = recordMeta{Outlet: first.Outlet, URL: first.URL, Published: first.Published}
		start := len(buf)
		var err error
		if buf, err = appendEncodedRecord(buf, r, &p.meta); err == nil {
			p.value = buf[start:len(buf):len(buf)]
		} // else p.value is nil: Ingest encodes it again and reports
		start = len(buf)
		buf = appendKey(buf, deref(r.Outlet), deref(r.Published), "")
		p.outlet = buf[start:len(buf):len(buf)]
		start = len(buf)
		buf = appendSaidPrefix(buf, r)
		p.said = buf[start:len(buf):len(buf)]
		p.generic = r.Speaker != nil && attribution.Generic(*r.Speaker)
	}
	return ps
}

// articleInfo is what bucketArticleInfo keeps of an article, and what
// the articles bucket kept before schema 3 (with the ids of its quotes).
type articleInfo struct {
	ID        string `json:"id"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Title     string `json:"title,omitempty"`
}

// articleNumber returns the number of the stored article whose value in
// the articles bucket is v, and its information when it was stored
// before schema 3 (then it has no number yet, 0).
func articleNumber(v []byte) (uint64, *articleInfo, error) {
	if len(v) == 8 {
		return binary.BigEndian.Uint64(v), nil, nil
	}
	var old articleInfo // and "quotes", left unread
	if err := json.Unmarshal(v, &old); err != nil {
		return 0, nil, err
	}
	return 0, &old, nil
}

// Speaker is one person or organisation quoted, merged across articles
// by canonical key (attribution.SpeakerKey, the user's aliases, and a
// surname alone joining the one full name that has it).
type Speaker struct {
	Name      string         `json:"name"`
	Key       string         `json:"key"`
	Aliases   map[string]int `json:"aliases"` // every name written, with its count
	Roles     map[string]int `json:"roles"`
	Quotes    int            `json:"quotes"`
	Outlets   map[string]int `json:"outlets"`
	FirstSaid string         `json:"first_said,omitempty"`
	LastSaid  string         `json:"last_said,omitempty"`
}

// IngestStats counts what one Ingest did.
type IngestStats struct {
	New    int // articles stored
	Known  int // articles already in the database, left alone
	Quotes int // quote records added
}

// Add adds o to s.
func (s *IngestStats) Add(o IngestStats) {
	s.New += o.New
	s.Known += o.Known
	s.Quotes += o.Quotes
}

// Ingest stores articles and their records in one write transaction:
// all of them or, on error, none. An article whose hash is already stored
// is skipped, so ingesting the same input twice adds nothing. Callers
// batch their articles (a few hundred per call keeps transactions small
// and bounds memory). The context is checked before the transaction
// starts; a batch that started is finished.
func (db *DB) Ingest(ctx context.Context, arts []Article) (IngestStats, error) {
	var st IngestStats
	if db.readOnly {
		return st, ErrReadOnly
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	preps := make([][]prepared, len(arts))
	foreign := false // a quote whose id is not its article's own
	for i := range arts {
		a := &arts[i]
		ps := a.prepared
		if len(ps) != len(a.Records) || a.preparedHash != a.Hash {
			ps = prepare(a.Hash, a.Records)
		}
		preps[i] = ps
		for j := range ps {
			foreign = foreign || a.Merge || !ps[j].own
		}
	}
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	if foreign {
		if err := db.indexQuoteIDs(ctx); err != nil {
			return st, fmt.Errorf("ingest: %w", err)
		}
	}
	// The cache is taken out for the transaction and only comes back once
	// the transaction is committed: a failed one may have changed it.
	cache := db.speakers
	db.speakers = nil
	if cache == nil || cache.full() {
		cache = newSpeakerCache()
	}
	var w *writer
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		st = IngestStats{}
		w = newWriter(tx, cache)
		for i := range arts {
			added, known, err := w.article(&arts[i], preps[i])
			if err != nil {
				return fmt.Errorf("article %s: %w", arts[i].ID, err)
			}
			if known {
				st.Known++
				continue
			}
			st.New++
			st.Quotes += added
		}
		return w.flush()
	})
	if err != nil {
		return IngestStats{}, fmt.Errorf("ingest: %w", err)
	}
	w.keep()
	db.speakers = cache
	return st, nil
}

// speakerCache is what the ingests of one handle remember of the stored
// speakers from batch to batch. Matching a name to its speaker reads and
// compares every stored speaker of the name's surname; the answers, and
// the speakers the last batch changed, are kept, so that the people quoted
// batch after batch are neither decoded nor matched again each time.
type speakerCache struct {
	// names holds the display names of stored speakers whose Key is their
	// key.
	names map[string]string
	// keys holds the speaker key each name was matched to. An answer
	// holds while the generation of its surname is the one it was found
	// at.
	keys map[string]keyAnswer
	// gens counts, per surname, the changes to the speakers of that
	// surname that can change a match: a speaker created, renamed or
	// written in a new spelling. Every speaker a name can match shares
	// the surname of the name's key. The user's aliases, which a match
	// reads too, change only outside Ingest, and that drops the cache.
	gens map[string]uint32
	// recent holds the speakers the last batch changed, as committed.
	recent map[string]*Speaker
	// read holds stored names read for comparison with new ones: a name
	// is compared with every new name of its surname.
	read map[string]attribution.SpeakerName
}

// keyAnswer is a name's speaker key, found when the speakers of surname
// were at generation gen.
type keyAnswer struct {
	key, surname string
	gen          uint32
}

func newSpeakerCache() *speakerCache {
	return &speakerCache{names: map[string]string{}, keys: map[string]keyAnswer{}, gens: map[string]uint32{}, read: map[string]attribution.SpeakerName{}}
}

// maxCachedSpeakers bounds the names and the answers of the cache, checked
// as each batch starts: at the bound, each map holds some 15-20 MB of
// Arabic names; past it the cache starts again empty. The full corpus has
// about 27,000 speakers and 40,000 names.
const maxCachedSpeakers = 1 << 17

func (c *speakerCache) full() bool {
	return len(c.names) > maxCachedSpeakers || len(c.keys) > maxCachedSpeakers || len(c.read) > maxCachedSpeakers
}

// writer holds one write transaction's buckets and the speakers it
// changed, written back once at the end.
type writer struct {
	tx                                      *bolt.Tx
	articles, quotes, speakers, aliases     *bolt.Bucket
	bySpeaker, bySaid, byOutlet, bySurname  *bolt.Bucket
	changed                                 map[string]*Speaker
	loaded                                  map[string]*Speaker // decoded this transaction or kept from the last batch
	cache                                   *speakerCache
	byOutletPuts, bySaidPuts, bySpeakerPuts []quotePut      // index entries (key, and article number for idx_speaker's), sorted before writing
	records                                 *recordReader   // the articles' shared record fields
	metaStored                              map[string]bool // article ids whose shared fields are in the file
	metaAppends                             appendCheck     // of the shared fields' bucket
	quoteAppends                            appendCheck     // of the quotes bucket
	info                                    *bolt.Bucket    // bucketArticleInfo
	infoAppends                             appendCheck     // of bucketArticleInfo
	// legacy: the quotes bucket holds quotes keyed by id (schema < 3);
	// indexed: bucketQuoteIDs holds the ids of the others.
	legacy, indexed bool
	ids             *bolt.Bucket // bucketQuoteIDs
	puts            []quotePut   // one article's quotes, put in key order
	// arena holds the keys and values the writer makes, which bbolt needs
	// kept until the transaction ends, in chunks instead of an allocation
	// each.
	arena []byte
	keys  []string // scratch space of appendSpeaker
	taken []string // scratch space of article
}

// Sizes of the writer's arena: the chunks it allocates, and the room left
// in one below which a value starts a new chunk. A longer value grows the
// chunk (the values before stay in the old one), which is right too.
const (
	arenaChunk = 64 << 10
	arenaRoom  = 4 << 10
)

// next returns where the next key or value starts in the arena, after
// making room for it.
func (w *writer) next() int {
	if cap(w.arena)-len(w.arena) < arenaRoom {
		w.arena = make([]byte, 0, arenaChunk)
	}
	return len(w.arena)
}

// since returns the bytes appended to the arena since start (as next
// returned it), capped so that no later append writes into them.
func (w *writer) since(start int) []byte {
	return w.arena[start:len(w.arena):len(w.arena)]
}

// bytes returns s as bytes held in the arena.
func (w *writer) bytes(s string) []byte {
	n := w.next()
	w.arena = append(w.arena, s...)
	return w.since(n)
}

// number returns an article number as it is stored, held in the arena.
func (w *writer) number(num uint64) []byte {
	n := w.next()
	w.arena = binary.BigEndian.AppendUint64(w.arena, num)
	return w.since(n)
}

// quoteKey returns the package's quoteKey(id, number), held in the arena.
func (w *writer) quoteKey(id, number []byte) []byte {
	if len(number) != 8 {
		return id
	}
	n := w.next()
	w.arena = append(w.arena, numberedMark)
	w.arena = append(w.arena, number...)
	w.arena = append(w.arena, id...)
	return w.since(n)
}

// quotePut is a key and value to put: a quote in the quotes bucket, or
// an index entry and the number of its quote's article.
type quotePut struct{ key, value []byte }

func newWriter(tx *bolt.Tx, cache *speakerCache) *writer {
	loaded := cache.recent
	if loaded == nil {
		loaded = map[string]*Speaker{}
	}
	return &writer{
		tx:         tx,
		articles:   tx.Bucket(bucketArticles),
		quotes:     tx.Bucket(bucketQuotes),
		speakers:   tx.Bucket(bucketSpeakers),
		aliases:    tx.Bucket(bucketAliases),
		bySpeaker:  tx.Bucket(idxSpeaker),
		bySaid:     tx.Bucket(idxSaid),
		byOutlet:   tx.Bucket(idxOutlet),
		bySurname:  tx.Bucket(idxSurname),
		changed:    map[string]*Speaker{},
		loaded:     loaded,
		cache:      cache,
		records:    newRecordReader(tx),
		metaStored: map[string]bool{},
		legacy:     tx.Bucket(bucketMeta).Get(keyLegacy) != nil,
		indexed:    tx.Bucket(bucketMeta).Get(keyIDs) != nil,
		ids:        tx.Bucket(bucketQuoteIDs),
		info:       tx.Bucket(bucketArticleInfo),
	}
}

// article stores a and its records, unless a is stored and not Merge. A
// new article gets the next number: its information is appended to
// bucketArticleInfo under it, and the articles bucket maps its hash to
// it. An article stored before schema 3 gets one when a merge adds to it.
func (w *writer) article(a *Article, ps []prepared) (added int, known bool, err error) {
	var num uint64
	info := &articleInfo{ID: a.ID, Outlet: a.Outlet, URL: a.URL, Published: a.Published, Title: a.Title}
	hash := w.bytes(a.Hash)
	if v := w.articles.Get(hash); v != nil {
		if !a.Merge {
			return 0, true, nil
		}
		if num, info, err = articleNumber(v); err != nil {
			return 0, false, fmt.Errorf("stored article %s: %w", a.Hash, err)
		}
		known = true
	}
	numbered := false // a number given now: to store with its information
	if num == 0 && !known {
		if num, err = w.articles.NextSequence(); err != nil {
			return 0, false, err
		}
		numbered = true
	}
	var number []byte
	// The ids of this article's quotes stored now, in an array the
	// articles of the transaction share.
	taken := w.taken[:0]
	defer func() { w.taken = taken[:0] }()
	w.puts = w.puts[:0]
	// Where the article's entries in the said_on and outlet indexes start.
	saidStart, outletStart := len(w.bySaidPuts), len(w.byOutletPuts)
	for i := range a.Records {
		r, p := &a.Records[i], &ps[i]
		if r.ID == "" || strings.IndexByte(r.ID, 0) >= 0 {
			return 0, false, fmt.Errorf("quote id %q: empty or holding a NUL byte", r.ID)
		}
		id := w.bytes(r.ID)
		if seen, err := w.seen(id, p.own && !a.Merge, taken); err != nil {
			return 0, false, err
		} else if seen {
			continue // the same quote came in another article's copy
		}
		m, err := w.metaFor(r)
		if err != nil {
			return 0, false, err
		}
		b := p.value
		if b == nil || !p.meta.same(m) {
			if b, err = encodeRecord(r, m); err != nil {
				return 0, false, err
			}
		}
		if number == nil {
			if num == 0 { // stored before schema 3
				if num, err = w.articles.NextSequence(); err != nil {
					return 0, false, err
				}
				numbered = true
			}
			number = w.number(num)
		}
		w.puts = append(w.puts, quotePut{w.quoteKey(id, number), b})
		if w.indexed {
			if err := w.ids.Put(id, number); err != nil {
				return 0, false, err
			}
		}
		taken = append(taken, r.ID)
		w.bySaidPuts = w.articleEntry(w.bySaidPuts, saidStart, p.said, number)
		w.byOutletPuts = w.articleEntry(w.byOutletPuts, outletStart, p.outlet, number)
		if r.Speaker != nil && *r.Speaker != "" {
			sk, err := w.speakerKey(*r.Speaker)
			if err != nil {
				return 0, false, err
			}
			if p.generic {
				// "المصدر" of one article is not "المصدر" of another.
				sk += " @" + r.Article
			}
			if err := w.count(sk, r); err != nil {
				return 0, false, err
			}
			n := w.next()
			w.arena = appendKey(w.arena, sk, deref(r.SaidOn), r.ID)
			w.bySpeakerPuts = append(w.bySpeakerPuts, quotePut{w.since(n), number})
		}
		added++
	}
	if known && added == 0 {
		return 0, true, nil
	}
	// In key order: the article's quotes then fill the bucket's last page
	// instead of splitting it.
	slices.SortFunc(w.puts, func(a, b quotePut) int { return bytes.Compare(a.key, b.key) })
	for _, q := range w.puts {
		if err := w.quoteAppends.put(w.quotes, q.key, q.value); err != nil {
			return 0, false, err
		}
	}
	if numbered {
		if number == nil {
			number = w.number(num)
		}
		n := w.next()
		w.arena = appendArticleInfo(w.arena, info)
		if err := w.infoAppends.put(w.info, number, w.since(n)); err != nil {
			return 0, false, err
		}
		if err := w.articles.Put(hash, number); err != nil {
			return 0, false, err
		}
	}
	return added, false, nil
}

// articleEntry returns puts with the index entry that a quote stored
// under the article number needs, whose key in the index starts with
// prefix (prepared.said or prepared.outlet), unless puts[from:], the
// article's entries so far, hold it already: one entry per article and
// day said, or outlet and day, not one per quote (see articleKey).
func (w *writer) articleEntry(puts []quotePut, from int, prefix, number []byte) []quotePut {
	for _, e := range puts[from:] {
		if len(e.key) == len(prefix)+len(number)+1 && bytes.HasPrefix(e.key, prefix) {
			return puts // the number is the article's, the same for all
		}
	}
	n := w.next()
	w.arena = articleKey(w.arena, prefix, number)
	return append(puts, quotePut{key: w.since(n)})
}

// appendSaidPrefix appends what the key of r in the said_on index starts
// with: said_on \0, or with no said_on \0 published \0. Ordered by
// publication day, a crawl read in order adds its records without a day
// said at the end of that range, not across it. The strings are taken as
// r reads back once stored (asStored), so that the walk finds a record
// under the prefix it was stored with.
func appendSaidPrefix(b []byte, r *attribution.Record) []byte {
	if said := deref(r.SaidOn); said != "" {
		return appendKey(b, asStored(said), "")
	}
	return appendKey(b, "", asStored(deref(r.Published)), "")
}

// asStored returns s as a stored record gives it back: JSON writes each
// byte of s that is not part of valid UTF-8 as U+FFFD.
func asStored(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		b = utf8.AppendRune(b, r) // RuneError for an invalid byte
		i += size
	}
	return string(b)
}

// seen reports whether the quote id is stored already, or was taken by a
// quote of this article before it (taken, the ids of this article). An
// own quote of a new article (its id is made from the article's hash,
// which no stored article has, and its span) may only share its id with a
// quote whose id is not its article's own, such as records loaded
// without their text, or one stored before schema 3. The ids of the
// quotes stored by article number are looked up in bucketQuoteIDs, which
// Ingest fills, and from then on keeps, before it first stores a quote
// that is not its article's own: a file of articles ingested from their
// text never needs it.
func (w *writer) seen(id []byte, own bool, taken []string) (bool, error) {
	if !own && !w.indexed {
		return false, errors.New("quote ids are not indexed") // Ingest indexes them first
	}
	if w.indexed && w.ids.Get(id) != nil {
		return true, nil
	}
	if w.legacy && w.quotes.Get(id) != nil {
		return true, nil
	}
	return !w.indexed && slices.Contains(taken, string(id)), nil
}

// idChunk is how many quote ids indexQuoteIDs writes per transaction.
const idChunk = 1 << 14

// indexQuoteIDs fills bucketQuoteIDs with the ids of the quotes stored by
// article number and marks the file as keeping it, unless it does. It
// writes in transactions of idChunk ids, each put in id order, so that
// its memory stays small and bbolt never holds all of them in one page;
// an index left unfinished (the context is checked between transactions)
// is not marked and is done again.
func (db *DB) indexQuoteIDs(ctx context.Context) error {
	if db.idsIndexed {
		return nil
	}
	from := []byte{numberedMark}
	type entry struct{ id, number []byte }
	chunk := make([]entry, 0, idChunk)
	for from != nil {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			meta := tx.Bucket(bucketMeta)
			if meta.Get(keyIDs) != nil {
				from = nil
				return nil
			}
			chunk = chunk[:0]
			c := tx.Bucket(bucketQuotes).Cursor()
			k, _ := c.Seek(from)
			for ; k != nil && k[0] == numberedMark && len(chunk) < idChunk; k, _ = c.Next() {
				if len(k) > 1+8 {
					chunk = append(chunk, entry{copyBytes(k[1+8:]), copyBytes(k[1 : 1+8])})
				}
			}
			sort.Slice(chunk, func(i, j int) bool { return bytes.Compare(chunk[i].id, chunk[j].id) < 0 })
			ids := tx.Bucket(bucketQuoteIDs)
			for _, e := range chunk {
				if err := ids.Put(e.id, e.number); err != nil {
					return err
				}
			}
			if k != nil && k[0] == numberedMark {
				from = copyBytes(k)
				return nil
			}
			from = nil
			return meta.Put(keyIDs, []byte{1})
		})
		if err != nil {
			return fmt.Errorf("index quote ids: %w", err)
		}
	}
	db.idsIndexed = true
	return nil
}

// flush writes the index entries in key order, which bbolt inserts far
// faster than random keys, and the changed speakers.
func (w *writer) flush() error {
	// By bucket, in the order of their names as before, each in key order.
	for _, idx := range []struct {
		bucket *bolt.Bucket
		puts   []quotePut
	}{{w.byOutlet, w.byOutletPuts}, {w.bySaid, w.bySaidPuts}, {w.bySpeaker, w.bySpeakerPuts}} {
		// sort.Slice, not slices.SortFunc, whose comparison takes the
		// entries by value: it sorted them slower.
		sort.Slice(idx.puts, func(i, j int) bool { return bytes.Compare(idx.puts[i].key, idx.puts[j].key) < 0 })
		for _, e := range idx.puts {
			if err := idx.bucket.Put(e.key, e.value); err != nil {
				return err
			}
		}
	}
	for k, s := range w.changed {
		key, n := w.bytes(k), w.next()
		w.arena, w.keys = appendSpeaker(w.arena, s, w.keys)
		if err := w.speakers.Put(key, w.since(n)); err != nil {
			return err
		}
	}
	return nil
}

// speakerKey returns the canonical key of a speaker name: the user's
// alias if there is one; the key of an existing speaker that is the same
// person (a surname alone, or a transliteration variant, when exactly one
// stored speaker fits); else the name's own key.
func (w *writer) speakerKey(name string) (string, error) {
	if a, ok := w.cache.keys[name]; ok && a.gen == w.cache.gens[a.surname] {
		return a.key, nil
	}
	bk := attribution.SpeakerKey(name)
	k := bk
	if k == "" {
		k = name
	}
	sk, err := w.matchKey(name, k, bk)
	if err != nil {
		return "", err
	}
	s := surnameKey(k)
	// Cloned: the name may point into an article's text.
	w.cache.keys[strings.Clone(name)] = keyAnswer{key: sk, surname: s, gen: w.cache.gens[s]}
	return sk, nil
}

// matchKey is speakerKey for a name whose blocking key is k: its
// attribution.SpeakerKey bk, or the name itself when that is "".
func (w *writer) matchKey(name, k, bk string) (string, error) {
	if c := aliasTarget(w.aliases.Get([]byte(k))); c != "" {
		return c, nil
	}
	// The key is a blocking key: a stored speaker with it is the same
	// person only if the names agree; another person with the same key
	// gets the key with a number (اسد، اسد #2).
	free := ""
	for n := 1; ; n++ {
		kn := numbered(k, n)
		s, err := loadSpeaker(w.speakers, w.changed, w.loaded, kn)
		if err != nil {
			return "", err
		}
		if s == nil {
			free = kn
			break
		}
		if sameAs(name, s) {
			return kn, nil
		}
	}
	cands, err := candidates(w.bySurname, w, name, bk)
	if err != nil {
		return "", err
	}
	if len(cands) == 1 {
		return cands[0].key, nil
	}
	return free, nil
}

// speakerLookup gives candidates the speakers of a transaction.
type speakerLookup interface {
	// name returns the display name of the speaker stored as k, whose
	// Key is k.
	name(k string) (name string, ok bool, err error)
	// speaker returns the speaker stored as k, or nil.
	speaker(k string) (*Speaker, error)
	// read returns attribution.NewSpeakerName(name).
	read(name string) attribution.SpeakerName
}

// read is attribution.NewSpeakerName, remembered for the handle. The
// name is copied first: it may point into an article's text (a speaker
// this batch changed), and the words read are pieces of it, which the
// cache would keep the whole text alive by.
func (w *writer) read(name string) attribution.SpeakerName {
	if n, ok := w.cache.read[name]; ok {
		return n
	}
	name = strings.Clone(name)
	n := attribution.NewSpeakerName(name)
	w.cache.read[name] = n
	return n
}

func (w *writer) speaker(k string) (*Speaker, error) {
	return loadSpeaker(w.speakers, w.changed, w.loaded, k)
}

func (w *writer) name(k string) (string, bool, error) {
	if s, ok := w.changed[k]; ok {
		return s.Name, s.Key == k, nil
	}
	if n, ok := w.cache.names[k]; ok {
		return n, true, nil
	}
	s, err := loadSpeaker(w.speakers, w.changed, w.loaded, k)
	if s == nil || err != nil || s.Key != k {
		return "", false, err
	}
	// Decoded strings are copies, not the transaction's bytes.
	w.cache.names[strings.Clone(k)] = s.Name
	return s.Name, true, nil
}

// keep brings the cache up to date with the speakers that this
// transaction, now committed, changed, and keeps them for the next. A
// speaker with invalid UTF-8 is dropped: it is stored with U+FFFD in its
// place and must be read back as such.
func (w *writer) keep() {
	names := w.cache.names
	for k, s := range w.changed {
		if !validSpeaker(s) {
			delete(names, k)
			delete(w.changed, k)
			continue
		}
		if _, ok := names[k]; !ok {
			continue // not looked up so far
		}
		if s.Key != k {
			delete(names, k)
			continue
		}
		if names[k] != s.Name {
			names[k] = strings.Clone(s.Name) // may point into an article's text
		}
	}
	w.cache.recent = w.changed
}

// validSpeaker reports whether every string of s is valid UTF-8, so that
// s is what decoding its stored form gives.
func validSpeaker(s *Speaker) bool {
	for _, m := range []map[string]int{s.Aliases, s.Roles, s.Outlets} {
		for k := range m {
			if !utf8.ValidString(k) {
				return false
			}
		}
	}
	return utf8.ValidString(s.Name) && utf8.ValidString(s.Key) && utf8.ValidString(s.FirstSaid) && utf8.ValidString(s.LastSaid)
}

// numbered is the n-th speaker key for blocking key k: k itself, then
// "k #2", "k #3" for different people who share it.
func numbered(k string, n int) string {
	if n == 1 {
		return k
	}
	return fmt.Sprintf("%s #%d", k, n)
}

// sameAs reports whether name is one of s's spellings.
func sameAs(name string, s *Speaker) bool {
	if attribution.SameSpeaker(name, s.Name) {
		return true
	}
	for a := range s.Aliases {
		if attribution.SameSpeaker(name, a) {
			return true
		}
	}
	return false
}

// count adds record r to the speaker with key sk.
func (w *writer) count(sk string, r *attribution.Record) error {
	s, err := loadSpeaker(w.speakers, w.changed, w.loaded, sk)
	if err != nil {
		return err
	}
	surname := surnameKey(strings.TrimSuffix(sk, numberSuffix(sk)))
	if s == nil {
		s = &Speaker{Key: sk, Aliases: map[string]int{}, Roles: map[string]int{}, Outlets: map[string]int{}}
		if err := w.bySurname.Put(key(surname, sk), nil); err != nil {
			return err
		}
	}
	name, spelled := s.Name, s.Aliases[*r.Speaker] > 0
	s.addRecord(r)
	if !spelled || s.Name != name {
		// A new speaker, name or spelling: a name of that surname may
		// match it now, or match another.
		w.cache.gens[surname]++
	}
	w.changed[sk] = s
	return nil
}

// addRecord counts r in s: its name as written, role, outlet and dates;
// the longest name seen becomes the display name.
//
// Strings are copied as they join s: they may point into an article's
// text, and the speakers a batch changed are kept for the next.
func (s *Speaker) addRecord(r *attribution.Record) {
	name := tally(s.Aliases, *r.Speaker)
	// The display name is the spelling written most often (ties: the
	// longer), not a rare typo.
	if n, cur := s.Aliases[name], s.Aliases[s.Name]; name != s.Name && (n > cur || n == cur && len([]rune(name)) > len([]rune(s.Name))) {
		s.Name = name
	}
	if r.Role != nil && *r.Role != "" {
		tally(s.Roles, *r.Role)
	}
	if r.Outlet != nil && *r.Outlet != "" {
		tally(s.Outlets, *r.Outlet)
	}
	s.Quotes++
	if d := deref(r.SaidOn); d != "" {
		if s.FirstSaid == "" || d < s.FirstSaid {
			s.FirstSaid = d
		}
		if d > s.LastSaid {
			s.LastSaid = d
		}
	}
}

// tally adds one to m[k] and returns the key as m holds it: a copy of k
// when k is new.
func tally(m map[string]int, k string) string {
	n, ok := m[k]
	if !ok {
		k = strings.Clone(k)
	}
	m[k] = n + 1
	return k
}

// loadSpeaker returns the speaker with key k, from the pending changes,
// the speakers already decoded in this transaction (loaded, when not nil;
// filled as it goes) or the bucket, or nil.
func loadSpeaker(b *bolt.Bucket, changed, loaded map[string]*Speaker, k string) (*Speaker, error) {
	if s, ok := changed[k]; ok {
		return s, nil
	}
	if s, ok := loaded[k]; ok {
		return s, nil
	}
	v := b.Get([]byte(k))
	if v == nil {
		return nil, nil
	}
	var s Speaker
	if err := json.Unmarshal(v, &s); err != nil {
		return nil, fmt.Errorf("speaker %q: %w", k, err)
	}
	if loaded != nil {
		loaded[k] = &s
	}
	return &s, nil
}

// numberSuffix returns the " #n" a numbered key ends with, or "".
func numberSuffix(k string) string {
	if i := strings.LastIndex(k, " #"); i >= 0 {
		return k[i:]
	}
	return ""
}

// sameSurname reports whether a one-word name is the surname of the
// speaker called full.
func sameSurname(word, full string) bool {
	parts := strings.Fields(full)
	return len(parts) > 0 && attribution.SameSpeaker(word, parts[len(parts)-1])
}

// surnameKey is the last word of a speaker key: the blocking key of the
// surname index.
func surnameKey(sk string) string {
	if i := strings.LastIndexByte(sk, ' '); i >= 0 {
		return sk[i+1:]
	}
	return sk
}

// candidate is a speaker that candidates found: the key it is stored
// under and the key it holds (the same, written by this package).
type candidate struct {
	stored, key string
}

// candidates returns the stored speakers that may be the person called
// name, whose attribution.SpeakerKey is k: same surname skeleton, and
// attribution.SameSpeaker agrees.
func candidates(bySurname *bolt.Bucket, look speakerLookup, name, k string) ([]candidate, error) {
	if k == "" {
		return nil, nil
	}
	prefix := key(surnameKey(k), "")
	same := attribution.NewSpeakerName(name) // read once for every speaker of the surname
	var out []candidate
	c := bySurname.Cursor()
	for sk, _ := c.Seek(prefix); sk != nil && bytes.HasPrefix(sk, prefix); sk, _ = c.Next() {
		sKey := string(sk[len(prefix):])
		sName, ok, err := look.name(sKey)
		if err != nil {
			return nil, err
		}
		if !ok {
			// Not stored, or (never written by this package) stored
			// under another key than its own: read in full.
			s, err := look.speaker(sKey)
			if err != nil {
				return nil, err
			}
			if s == nil {
				continue
			}
			sKey, sName = s.Key, s.Name
		}
		switch {
		case strings.TrimSuffix(sKey, numberSuffix(sKey)) == k:
			s, err := look.speaker(string(sk[len(prefix):]))
			if err != nil {
				return nil, err
			}
			if sameAs(name, s) {
				out = append(out, candidate{string(sk[len(prefix):]), sKey})
			}
		case !strings.Contains(k, " "):
			// A single word (a surname, or a word like الشركة) joins only a
			// person's full name with exactly that surname.
			if strings.Contains(sKey, " ") && surnameKey(strings.TrimSuffix(sKey, numberSuffix(sKey))) == k && attribution.LooksLikePerson(sName) && sameSurname(name, sName) {
				out = append(out, candidate{string(sk[len(prefix):]), sKey})
			}
		case same.SameAs(look.read(sName)):
			out = append(out, candidate{string(sk[len(prefix):]), sKey})
		}
	}
	return out, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
