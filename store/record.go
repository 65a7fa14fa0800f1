package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// Quote records are stored compactly (schema 2): short keys, no null
// fields, no id (it is the key), and the article's outlet, address and
// publication day kept once per article in bucketRecordMeta instead of in
// each of its records, unless a record's own differ. A record's long URL
// was most of its bytes: the quotes bucket shrinks to about a third, and
// with it the file and the memory an ingest maps. Records of schema 1
// (plain JSON of attribution.Record) are still read.

// recordV2 marks a compact record value; schema 1 values start with '{'.
const recordV2 = 2

// storedRecord is the compact form of an attribution.Record.
type storedRecord struct {
	Article     string      `json:"a"`
	Outlet      *string     `json:"o,omitempty"`
	URL         *string     `json:"u,omitempty"`
	Published   *string     `json:"p,omitempty"`
	Own         string      `json:"x,omitempty"` // which of o, u, p are the record's own rather than its article's
	Quote       string      `json:"q"`
	Kind        quotes.Kind `json:"k"`
	Start       int         `json:"s"`
	End         int         `json:"e"`
	Speaker     *string     `json:"sp,omitempty"`
	Mention     *string     `json:"mn,omitempty"`
	Role        *string     `json:"r,omitempty"`
	Cue         *string     `json:"c,omitempty"`
	SaidOn      *string     `json:"d,omitempty"`
	SaidOnBasis *string     `json:"b,omitempty"`
	Credited    *string     `json:"cr,omitempty"`
	Confidence  *float64    `json:"cf,omitempty"`
}

// recordMeta is what the records of one article id share.
type recordMeta struct {
	Outlet    *string `json:"o,omitempty"`
	URL       *string `json:"u,omitempty"`
	Published *string `json:"p,omitempty"`
}

// shared pairs a record's field with its article's, for encoding and
// decoding: the letter that marks it own, and pointers to both.
func shared(s *storedRecord, m *recordMeta) []struct {
	letter      byte
	rec, common **string
} {
	return []struct {
		letter      byte
		rec, common **string
	}{{'o', &s.Outlet, &m.Outlet}, {'u', &s.URL, &m.URL}, {'p', &s.Published, &m.Published}}
}

// same reports whether m and o hold the same fields.
func (m *recordMeta) same(o *recordMeta) bool {
	return sameString(m.Outlet, o.Outlet) && sameString(m.URL, o.URL) && sameString(m.Published, o.Published)
}

func sameString(a, b *string) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// encodeRecord returns the stored bytes of r, whose article's shared
// fields are m.
func encodeRecord(r *attribution.Record, m *recordMeta) ([]byte, error) {
	return appendEncodedRecord(nil, r, m)
}

// ownLetters holds the value of storedRecord.Own for each set of the
// fields o, u and p (bits 1, 2 and 4, in the order of shared) that are
// the record's own: a constant string, where building it letter by
// letter allocated.
var ownLetters = [8]string{"", "o", "u", "ou", "p", "op", "up", "oup"}

// appendEncodedRecord appends the stored bytes of r, whose article's
// shared fields are m, to b.
func appendEncodedRecord(b []byte, r *attribution.Record, m *recordMeta) ([]byte, error) {
	s := storedRecord{
		Article: r.Article, Outlet: r.Outlet, URL: r.URL, Published: r.Published,
		Quote: r.Quote, Kind: r.Kind, Start: r.Start, End: r.End,
		Speaker: r.Speaker, Mention: r.Mention, Role: r.Role, Cue: r.Cue,
		SaidOn: r.SaidOn, SaidOnBasis: r.SaidOnBasis, Credited: r.Credited, Confidence: r.Confidence,
	}
	own := 0
	for i, f := range shared(&s, m) {
		if sameString(*f.rec, *f.common) {
			*f.rec = nil // the article's: not repeated
		} else {
			own |= 1 << i
		}
	}
	s.Own = ownLetters[own]
	start := len(b)
	b = append(b, recordV2)
	if out, ok := appendRecord(b, &s); ok {
		return out, nil
	}
	// Not a finite confidence: json.Marshal says what is wrong. It is
	// given a copy, so that s itself does not escape to the heap.
	c := s
	j, err := json.Marshal(&c)
	if err != nil {
		return b[:start], err
	}
	return append(b, j...), nil
}

// recordReader decodes stored records within one transaction, reading
// each article's shared fields once.
type recordReader struct {
	meta  *bolt.Bucket
	cache map[string]*recordMeta
}

func newRecordReader(tx *bolt.Tx) *recordReader {
	return &recordReader{meta: tx.Bucket(bucketRecordMeta), cache: map[string]*recordMeta{}}
}

// record decodes the stored value v of the quote with id.
func (rr *recordReader) record(id, v []byte) (attribution.Record, error) {
	var r attribution.Record
	if len(v) == 0 || v[0] != recordV2 {
		err := json.Unmarshal(v, &r) // schema 1
		return r, err
	}
	var s storedRecord
	if err := json.Unmarshal(v[1:], &s); err != nil {
		return r, err
	}
	m, err := rr.metaOf(s.Article)
	if err != nil {
		return r, err
	}
	own := map[byte]bool{}
	for i := 0; i < len(s.Own); i++ {
		own[s.Own[i]] = true
	}
	for _, f := range shared(&s, m) {
		if !own[f.letter] {
			*f.rec = *f.common
		}
	}
	return attribution.Record{
		ID: string(id), Article: s.Article, Outlet: s.Outlet, URL: s.URL, Published: s.Published,
		Quote: s.Quote, Kind: s.Kind, Start: s.Start, End: s.End,
		Speaker: s.Speaker, Mention: s.Mention, Role: s.Role, Cue: s.Cue,
		SaidOn: s.SaidOn, SaidOnBasis: s.SaidOnBasis, Credited: s.Credited, Confidence: s.Confidence,
	}, nil
}

func (rr *recordReader) metaOf(article string) (*recordMeta, error) {
	if m, ok := rr.cache[article]; ok {
		return m, nil
	}
	m := &recordMeta{}
	if rr.meta != nil {
		if v := rr.meta.Get([]byte(article)); v != nil {
			if err := json.Unmarshal(v, m); err != nil {
				return nil, fmt.Errorf("shared fields of article %s: %w", article, err)
			}
		}
	}
	if len(rr.cache) > 4096 {
		clear(rr.cache) // bound the memory of a long walk
	}
	rr.cache[article] = m
	return m, nil
}

// metaFor returns the shared fields of r's article, storing r's own as
// the article's when it has none yet.
func (w *writer) metaFor(r *attribution.Record) (*recordMeta, error) {
	m, err := w.records.metaOf(r.Article)
	if err != nil {
		return nil, err
	}
	if w.metaStored[r.Article] {
		return m, nil
	}
	w.metaStored[r.Article] = true
	if w.records.meta.Get([]byte(r.Article)) != nil {
		return m, nil
	}
	*m = recordMeta{Outlet: r.Outlet, URL: r.URL, Published: r.Published}
	k, n := w.bytes(r.Article), w.next()
	w.arena = appendRecordMeta(w.arena, m)
	return m, w.metaAppends.put(w.records.meta, k, w.since(n))
}

// appendCheck watches the keys a transaction puts in one bucket. When
// they come in key order, as article ids mostly do in a crawl read in
// order, the bucket is filled in runs of ascending keys, and its new pages
// are best filled up: bbolt's default cuts a full page in two halves, the
// first of which the run has left behind for good, and the shared fields
// of the articles took twice the pages they need (48% full). Keys in no
// order, for which halves are right, keep the default.
//
// The run must also come after the keys already stored: a batch whose keys
// rise but fall among stored ones (a crawl filling gaps) would split full
// pages into a full one and a nearly empty one.
type appendCheck struct {
	prev         []byte // the key put before
	n, ascending int    // keys put after the first, and those above the key before
	among        bool   // the first key fell at or before the last key stored
}

func (a *appendCheck) put(b *bolt.Bucket, k, v []byte) error {
	if a.prev != nil {
		a.n++
		if bytes.Compare(k, a.prev) > 0 {
			a.ascending++
		}
	} else if last, _ := b.Cursor().Last(); last != nil && bytes.Compare(k, last) <= 0 {
		a.among = true
	}
	a.prev = k
	if err := b.Put(k, v); err != nil {
		return err
	}
	if !a.among && a.ascending*10 >= a.n*9 {
		b.FillPercent = 1
	} else {
		b.FillPercent = bolt.DefaultFillPercent
	}
	return nil
}
