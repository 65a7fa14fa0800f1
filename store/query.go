package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// Query selects quotes. Empty fields select everything.
type Query struct {
	Speakers []string    // speaker keys (from FindSpeakers)
	From, To string      // said_on range, YYYY-MM-DD, inclusive
	Outlet   string      // exact outlet
	Kind     quotes.Kind // direct, partial or other
	Limit    int         // at most this many; 0 for no limit
}

func (q Query) match(r *attribution.Record) bool {
	if q.Outlet != "" && deref(r.Outlet) != q.Outlet {
		return false
	}
	if q.Kind != "" && r.Kind != q.Kind {
		return false
	}
	d := deref(r.SaidOn)
	if q.From != "" && (d == "" || d < q.From) {
		return false
	}
	if q.To != "" && (d == "" || d > q.To) {
		return false
	}
	return true
}

// chunk is how many keys one read transaction walks before it is closed
// and the walk resumes in a new one: long read transactions pin pages and
// block a writer that must grow the file (ENGINEERING.md §1.4).
const chunk = 2048

// Quotes calls fn for every quote that q selects, ordered by speaker,
// then day said, then id when speakers are given, else by day said (quotes
// with no day first, by publication day), then id. Lookups by speaker and by day are prefix
// and range scans of the indexes. Records are decoded copies; fn may keep
// them. It stops at fn's first error, which it returns.
func (db *DB) Quotes(ctx context.Context, q Query, fn func(attribution.Record) error) error {
	n := 0
	emit := func(r attribution.Record) error {
		if !q.match(&r) {
			return nil
		}
		if q.Limit > 0 && n >= q.Limit {
			return errStop
		}
		n++
		return fn(r)
	}
	var err error
	if len(q.Speakers) > 0 {
		for _, sk := range q.Speakers {
			lo, hi := key(sk, q.From), key(sk, "\xff")
			if q.To != "" {
				hi = key(sk, q.To+"\xff")
			}
			if err = db.walk(ctx, idxSpeaker, lo, hi, false, emit); err != nil {
				break
			}
		}
	} else {
		lo, hi := []byte(q.From), []byte("\xff")
		if q.To != "" {
			hi = []byte(q.To + "\xff")
		}
		err = db.walk(ctx, idxSaid, lo, hi, true, emit)
	}
	if err == errStop {
		return nil
	}
	return err
}

var errStop = fmt.Errorf("stop")

// walk calls fn with the quotes that the index keys in [lo, hi] name, in
// key order, reading them in chunks of read transactions. A key that ends
// with a quote id names that quote (its article's number is the value).
// In idx_said (said is true), a key that ends with an article number
// (articleKey) names every quote of that article whose own key there
// (appendSaidPrefix) starts with the same prefix, its day.
//
// The quotes of the keys that share a prefix (a day) come out by id, as
// they did when each had an entry of its own: the walk first reads the
// references of a whole day, without decoding a quote but where its day
// is in doubt, sorts them, then decodes them a chunk at a time. A quote
// with an entry of its own, written before schema 4, comes out once even
// when an entry of its article names it too.
func (db *DB) walk(ctx context.Context, index, lo, hi []byte, said bool, fn func(attribution.Record) error) error {
	var (
		from = lo       // the first key of the next day
		more = true     // there may be keys from from on
		day  []quoteRef // the references of the day being read, by id
		at   int        // the next reference of day to decode
		recs []attribution.Record
	)
	for more || at < len(day) {
		if err := ctx.Err(); err != nil {
			return err
		}
		recs = recs[:0]
		err := db.bolt.View(func(tx *bolt.Tx) error {
			// The values a day's references hold are read from where they
			// lie in this transaction's pages; in a later one they are
			// looked up again.
			fresh := at == len(day)
			if fresh {
				var err error
				if day, from, err = dayRefs(tx, index, from, hi, said, day[:0]); err != nil {
					return err
				}
				at, more = 0, from != nil
			}
			qb := tx.Bucket(bucketQuotes)
			rr := newRecordReader(tx)
			for ; at < len(day) && len(recs) < chunk; at++ {
				ref := day[at]
				if ref.rec != nil {
					recs = append(recs, *ref.rec)
					continue
				}
				v := ref.v
				if !fresh || v == nil {
					v = qb.Get(quoteKey(ref.id, ref.number))
				}
				if v == nil {
					continue
				}
				r, err := rr.record(ref.id, v)
				if err != nil {
					return fmt.Errorf("quote %s: %w", ref.id, err)
				}
				recs = append(recs, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, r := range recs {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

// quoteRef is where a quote is stored: its id and its article's number
// (see quoteKey), copied out of a transaction, and its stored value when
// the transaction that found it read it (valid in that one only), or the
// record when it was decoded to tell its day.
type quoteRef struct {
	id, number, v []byte
	rec           *attribution.Record
}

// dayRefs appends to refs the references of the quotes that the keys of
// index from from on name, up to hi, as long as the keys share their
// prefix (a day), sorted by id. It returns them and the first key after
// them, or nil when there is none.
func dayRefs(tx *bolt.Tx, index, from, hi []byte, said bool, refs []quoteRef) ([]quoteRef, []byte, error) {
	qb := tx.Bucket(bucketQuotes)
	var (
		rr     *recordReader
		own    []byte          // scratch: a quote's prefix
		single map[string]bool // ids with an entry of their own in this day
		group  []byte
	)
	c := tx.Bucket(index).Cursor()
	k, v := c.Seek(from)
	for ; k != nil && bytes.Compare(k, hi) <= 0; k, v = c.Next() {
		prefix, number, byArticle := []byte(nil), []byte(nil), false
		if said {
			prefix, number, byArticle = articleEntry(k)
		}
		if !byArticle {
			prefix = k[:bytes.LastIndexByte(k, 0)+1]
		}
		if group == nil {
			group = prefix
		} else if !bytes.Equal(prefix, group) {
			break
		}
		if !byArticle {
			// Keys of one prefix that end with an id sort before those
			// that end with a number (numberedMark).
			id := k[len(prefix):]
			refs = append(refs, quoteRef{id: copyBytes(id), number: copyBytes(v)})
			if said {
				if single == nil {
					single = map[string]bool{}
				}
				single[string(id)] = true
			}
			continue
		}
		number = copyBytes(number) // shared by the article's references
		start := quoteKey(nil, number)
		qc := qb.Cursor()
		for qk, q := qc.Seek(start); qk != nil && bytes.HasPrefix(qk, start); qk, q = qc.Next() {
			id := qk[len(start):]
			may, sure := saidOn(q, prefix)
			if single[string(id)] || !may {
				continue
			}
			ref := quoteRef{id: copyBytes(id), number: number, v: q}
			if !sure {
				if rr == nil {
					rr = newRecordReader(tx)
				}
				r, err := rr.record(id, q)
				if err != nil {
					return nil, nil, fmt.Errorf("quote %s: %w", id, err)
				}
				if own = appendSaidPrefix(own[:0], &r); !bytes.Equal(own, prefix) {
					continue
				}
				ref.rec = &r
			}
			refs = append(refs, ref)
		}
	}
	if said {
		slices.SortFunc(refs, func(a, b quoteRef) int { return bytes.Compare(a.id, b.id) })
	}
	if k == nil || bytes.Compare(k, hi) > 0 {
		return refs, nil, nil
	}
	return refs, copyBytes(k), nil
}

// plainDay reports whether day, a said_on of a prefix of idx_said, is
// written in a stored record byte for byte as it is: digits, letters,
// '-' and '/', as the days of isnad's records are.
func plainDay(day []byte) bool {
	for _, c := range day {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '/') {
			return false
		}
	}
	return len(day) > 0
}

// saidOn tells, without decoding it, whether the compact stored record v
// is one of the quotes whose key in idx_said starts with prefix
// (appendSaidPrefix): may is false when it is surely not, sure is true
// when it surely is, and a record that may be but is not surely is left
// to decoding. appendRecord writes the day said as the member ,"d":"D",
// and escapes every quotation mark of a string, so that no string holds
// those bytes. A record said on a plain day (plainDay) is of that day's
// prefix and of no other day's; one said on no day is of no day's; one
// said on a day that starts with a digit is not of a prefix of the quotes
// said on no day.
func saidOn(v, prefix []byte) (may, sure bool) {
	if len(v) == 0 || v[0] != recordV2 {
		return true, false
	}
	i := bytes.Index(v, []byte(`,"d":"`))
	if i < 0 {
		return prefix[0] == 0, false // said on no day: \0 published \0
	}
	d := v[i+len(`,"d":"`):]
	if prefix[0] == 0 {
		return len(d) == 0 || d[0] < '0' || d[0] > '9', false
	}
	day := prefix[:len(prefix)-1]
	if !plainDay(day) {
		return true, false
	}
	same := bytes.HasPrefix(d, day) && len(d) > len(day) && d[len(day)] == '"'
	return same, same
}

// FindSpeakers returns the stored speakers that the name may stand for:
// through the user's aliases, the speaker key (hamza, alef and
// transliteration variants), and the surname (لافروف finds سيرغي لافروف).
// More than one result means the name is ambiguous.
func (db *DB) FindSpeakers(ctx context.Context, name string) ([]Speaker, error) {
	var out []Speaker
	err := db.bolt.View(func(tx *bolt.Tx) error {
		speakers := tx.Bucket(bucketSpeakers)
		if c := aliasTarget(tx.Bucket(bucketAliases).Get([]byte(attribution.SpeakerKey(name)))); c != "" {
			s, err := loadSpeaker(speakers, nil, nil, c)
			if s != nil {
				out = append(out, *s)
			}
			return err
		}
		look := txSpeakers{speakers, map[string]*Speaker{}}
		cands, err := candidates(tx.Bucket(idxSurname), look, name, attribution.SpeakerKey(name))
		if err != nil {
			return err
		}
		for _, c := range cands {
			s, err := look.speaker(c.stored)
			if err != nil {
				return err
			}
			out = append(out, *s)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Quotes > out[j].Quotes })
	return out, err
}

// txSpeakers reads the speakers of a read transaction, each decoded once.
type txSpeakers struct {
	bucket *bolt.Bucket
	loaded map[string]*Speaker
}

func (t txSpeakers) speaker(k string) (*Speaker, error) {
	return loadSpeaker(t.bucket, nil, t.loaded, k)
}

func (t txSpeakers) read(name string) attribution.SpeakerName {
	return attribution.NewSpeakerName(name)
}

func (t txSpeakers) name(k string) (string, bool, error) {
	s, err := t.speaker(k)
	if s == nil || err != nil || s.Key != k {
		return "", false, err
	}
	return s.Name, true, nil
}

// Speakers returns every speaker, most quoted first (ties by name); top > 0
// keeps the first top.
func (db *DB) Speakers(ctx context.Context, top int) ([]Speaker, error) {
	var out []Speaker
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSpeakers).ForEach(func(k, v []byte) error {
			var s Speaker
			if err := json.Unmarshal(v, &s); err != nil {
				return fmt.Errorf("speaker %q: %w", k, err)
			}
			out = append(out, s)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Quotes != out[j].Quotes {
			return out[i].Quotes > out[j].Quotes
		}
		return out[i].Name < out[j].Name
	})
	if top > 0 && len(out) > top {
		out = out[:top]
	}
	return out, err
}

// Stats describe a database.
type Stats struct {
	Articles  int                 `json:"articles"`
	Quotes    int                 `json:"quotes"`
	ByKind    map[quotes.Kind]int `json:"by_kind"`
	Speakers  int                 `json:"speakers"`
	Outlets   int                 `json:"outlets"`
	FirstSaid string              `json:"first_said,omitempty"`
	LastSaid  string              `json:"last_said,omitempty"`
	Aliases   int                 `json:"aliases"`
	Bytes     int64               `json:"bytes"`
}

// Has reports whether an article with the given content hash is stored.
func (db *DB) Has(hash string) (bool, error) {
	var has bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		has = tx.Bucket(bucketArticles).Get([]byte(hash)) != nil
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("look up article %s: %w", hash, err)
	}
	return has, nil
}

// Stats counts articles, quotes by kind, speakers and outlets, and reads
// the range of days said and the file size.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	st := Stats{ByKind: map[quotes.Kind]int{}}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		st.Articles = tx.Bucket(bucketArticles).Stats().KeyN
		st.Speakers = tx.Bucket(bucketSpeakers).Stats().KeyN
		st.Aliases = tx.Bucket(bucketAliases).Stats().KeyN
		err := tx.Bucket(bucketQuotes).ForEach(func(_, v []byte) error {
			var r struct {
				Kind  quotes.Kind `json:"kind"` // schema 1
				Kind2 quotes.Kind `json:"k"`    // schema 2
			}
			if len(v) > 0 && v[0] == recordV2 {
				v = v[1:]
			}
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			st.Quotes++
			st.ByKind[r.Kind+r.Kind2]++
			return nil
		})
		if err != nil {
			return err
		}
		// Distinct outlets: jump from one outlet's keys to the next.
		c := tx.Bucket(idxOutlet).Cursor()
		for k, _ := c.First(); k != nil; {
			st.Outlets++
			outlet := k[:bytes.IndexByte(k, 0)+1]
			k, _ = c.Seek(append(copyBytes(outlet[:len(outlet)-1]), 1))
		}
		// Days said: the first and last non-empty keys of idx_said.
		c = tx.Bucket(idxSaid).Cursor()
		if k, _ := c.Seek([]byte{1}); k != nil {
			st.FirstSaid = string(k[:bytes.IndexByte(k, 0)])
		}
		if k, _ := c.Last(); k != nil && k[0] != 0 {
			st.LastSaid = string(k[:bytes.IndexByte(k, 0)])
		}
		return nil
	})
	if fi, ferr := os.Stat(db.path); ferr == nil {
		st.Bytes = fi.Size()
	}
	return st, err
}
