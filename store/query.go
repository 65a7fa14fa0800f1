package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

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

// walk visits the index keys in [lo, hi] in chunks of read transactions
// and calls fn with the quotes they name, in key order. A key that ends
// with a quote id names that quote (its article's number is the value).
// In idx_said (said is true), a key that ends with an article number
// (articleKey) names every quote of that article whose own key there
// (appendSaidPrefix) starts with the same prefix, its day. The quotes of
// the keys that share a prefix come out by id, as they did when each had
// an entry of its own: a chunk ends between days, so that a day's quotes
// are sorted together.
func (db *DB) walk(ctx context.Context, index, lo, hi []byte, said bool, fn func(attribution.Record) error) error {
	from := lo
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		var recs []attribution.Record
		var next []byte
		err := db.bolt.View(func(tx *bolt.Tx) error {
			qb := tx.Bucket(bucketQuotes)
			rr := newRecordReader(tx)
			c := tx.Bucket(index).Cursor()
			var group []byte // the prefix of the keys read last
			first := 0       // where their quotes start in recs
			var own []byte   // scratch: a quote's prefix
			k, v := c.Seek(from)
			for ; k != nil && bytes.Compare(k, hi) <= 0; k, v = c.Next() {
				prefix, number, byArticle := []byte(nil), []byte(nil), false
				if said {
					prefix, number, byArticle = articleEntry(k)
				}
				if !byArticle {
					prefix = k[:bytes.LastIndexByte(k, 0)+1]
				}
				if !bytes.Equal(prefix, group) {
					sortByID(recs[first:])
					if len(recs) >= chunk {
						next = copyBytes(k)
						return nil
					}
					group, first = prefix, len(recs)
				}
				if !byArticle {
					id := k[len(prefix):]
					q := qb.Get(quoteKey(id, v))
					if q == nil {
						continue
					}
					r, err := rr.record(id, q)
					if err != nil {
						return fmt.Errorf("quote %s: %w", id, err)
					}
					recs = append(recs, r)
					continue
				}
				start := quoteKey(nil, number)
				qc := qb.Cursor()
				for qk, q := qc.Seek(start); qk != nil && bytes.HasPrefix(qk, start); qk, q = qc.Next() {
					if !mayBeSaid(q, prefix) {
						continue // another day's: not decoded
					}
					id := qk[len(start):]
					r, err := rr.record(id, q)
					if err != nil {
						return fmt.Errorf("quote %s: %w", id, err)
					}
					if own = appendSaidPrefix(own[:0], &r); bytes.Equal(own, prefix) {
						recs = append(recs, r)
					}
				}
			}
			sortByID(recs[first:])
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
		if next == nil {
			return nil
		}
		from = next
	}
}

// sortByID sorts records by id. The quotes of one entry come by id
// already, and those of a day's entries are often in order too: the
// records, large to move, are only moved when they are not.
func sortByID(recs []attribution.Record) {
	byID := func(a, b *attribution.Record) int { return strings.Compare(a.ID, b.ID) }
	if slices.IsSortedFunc(recs, func(a, b attribution.Record) int { return byID(&a, &b) }) {
		return
	}
	order := make([]*attribution.Record, len(recs))
	for i := range recs {
		order[i] = &recs[i]
	}
	slices.SortFunc(order, byID)
	sorted := make([]attribution.Record, len(recs))
	for i, r := range order {
		sorted[i] = *r
	}
	copy(recs, sorted)
}

// mayBeSaid reports whether the stored record v may be one of the quotes
// whose key in idx_said starts with prefix (appendSaidPrefix), without
// decoding it: a compact record said on day D holds the member "d" with D
// as appendRecord encodes it, and one said on no day holds no member "d"
// (appendRecord, whose strings
// escape every quotation mark, so that no string holds those bytes). A
// record it lets through is decoded and compared in full.
func mayBeSaid(v, prefix []byte) bool {
	if len(v) == 0 || v[0] != recordV2 {
		return true
	}
	if prefix[0] == 0 {
		return !bytes.Contains(v, []byte(`,"d":`))
	}
	var member [48]byte
	m := attribution.AppendJSONStringHTML(append(member[:0], `,"d":`...), string(prefix[:len(prefix)-1]))
	return bytes.Contains(v, m)
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
