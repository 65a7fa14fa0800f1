// Package store keeps quote records in one BoltDB file: articles by
// content hash (ingesting an article twice is a no-op), quotes grouped by
// article in the order they were stored, speakers by canonical key with
// their aliases, roles, counts, outlets and dates, and index buckets whose
// sortable keys make every lookup a prefix or range scan. It is the only package that imports
// bbolt; no transaction or bbolt byte slice leaves it.
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout this package writes. A file with a higher
// version is refused with ErrNewer. Schema 4 keys idx_said by article
// (articleKey), which an isnad of schema 3 would read as quote ids and
// miss.
const SchemaVersion = 4

// DefaultTimeout is how long Open waits for another process's lock.
const DefaultTimeout = 3 * time.Second

var (
	// ErrLocked is returned by Open when another process holds the
	// database and the lock timeout passed.
	ErrLocked = errors.New("the database is in use by another isnad process")
	// ErrNewer is returned by Open when the file was written by a newer
	// version of isnad than this one.
	ErrNewer = errors.New("the database was written by a newer isnad; upgrade isnad to read it")
	// ErrReadOnly is returned by writes on a database opened read-only.
	ErrReadOnly = errors.New("the database is open read-only")
)

// Bucket names.
var (
	bucketMeta     = []byte("meta")
	bucketArticles = []byte("articles") // content hash → article number (8 bytes; schema 3), articleInfo with quote ids before
	bucketQuotes   = []byte("quotes")   // quoteKey: 0xFF, article number, quote id → record (schema 3); quote id → record before
	bucketSpeakers = []byte("speakers") // speaker key → Speaker
	bucketAliases  = []byte("aliases")  // variant key → canonical key (the user's merges)
	// A key of idx_speaker, and a key of idx_said or idx_outlet written
	// before schema 4, ends with a quote id; its value is the quote's
	// article number (see quoteKey), empty for quotes stored before schema
	// 3. The other keys of idx_said and idx_outlet end with an article
	// number and have no value (articleKey).
	idxSpeaker = []byte("idx_speaker") // speaker key \0 said_on \0 quote id
	// said_on \0 (with no said_on, \0 published \0), then 0xFF and an
	// article number (articleKey): an article stored under a number, once
	// for each day its quotes were said; then a quote id, one per quote,
	// for the quotes stored before.
	idxSaid = []byte("idx_said")
	// outlet \0 published \0 0xFF article number: an article stored
	// under a number, once for each outlet and day of its quotes (see
	// articleKey); outlet \0 published \0 quote id, one per quote, before.
	idxOutlet  = []byte("idx_outlet")
	idxSurname = []byte("idx_surname") // surname skeleton \0 speaker key
	// article id → the outlet, address and day its records share (schema 2)
	bucketRecordMeta = []byte("record_meta")
	// quote id → article number, for every quote stored under one,
	// once the file holds quotes whose ids are not their article's (see
	// writer.seen); empty until then.
	bucketQuoteIDs = []byte("quote_ids")
	// article number → articleInfo, in the order the articles came
	bucketArticleInfo = []byte("article_info")
	allBuckets        = [][]byte{bucketMeta, bucketArticles, bucketQuotes, bucketSpeakers, bucketAliases, idxSpeaker, idxSaid, idxOutlet, idxSurname, bucketRecordMeta, bucketQuoteIDs, bucketArticleInfo}

	keySchema = []byte("schema")
	// keyLegacy marks a file whose quotes bucket holds quotes keyed by
	// their id alone, written before schema 3.
	keyLegacy = []byte("legacy_quotes")
	// keyIDs marks that bucketQuoteIDs holds every quote stored under an
	// article number.
	keyIDs = []byte("quote_ids")
)

// numberedMark starts the key of a quote stored under its article's
// number. No UTF-8 text starts with it, so these keys never meet the ids
// that keyed quotes before schema 3, and sort after them: an upgraded
// file too appends its new quotes at the end.
const numberedMark = 0xFF

// quoteKey is where a quote is stored: under its article's number (the
// value of its index entries, 8 bytes) when it has one, so that the
// quotes of one article, and of articles stored one after another, sit
// side by side and an ingest appends them at the end of the bucket
// instead of rewriting a page of the file for each; under its bare id
// when it was stored before schema 3 (an empty number).
func quoteKey(id, number []byte) []byte {
	if len(number) != 8 {
		return id
	}
	k := make([]byte, 0, 1+8+len(id))
	k = append(k, numberedMark)
	k = append(k, number...)
	return append(k, id...)
}

// articleKey appends to b the key of the entry of the article stored
// under number (8 bytes) in the said_on or the outlet index, for its
// quotes whose own keys there start with prefix: said_on \0 (or \0
// published \0) in the first (appendSaidPrefix), outlet \0 published \0 in the
// second. The quotes of an article share their outlet and publication
// day but for pages of several stories, and mostly their day said, and a
// lookup reads an article's quotes together: one entry per article takes
// the place of an entry per quote. That is fewer keys, which the writer
// inserts in no order, each rewriting a page: in the corpus 67,000 and
// 42,000 instead of 200,000 each. The numberedMark before the number
// keeps these keys apart from those that end with a quote id (UTF-8
// text), which quotes stored before hold, and sorts them after those.
func articleKey(b, prefix, number []byte) []byte {
	b = append(b, prefix...)
	b = append(b, numberedMark)
	return append(b, number...)
}

// articleEntry splits k, a key of the said_on or the outlet index, into
// the prefix its quotes share and the article number it ends with, or
// reports false when k ends with a quote id.
func articleEntry(k []byte) (prefix, number []byte, ok bool) {
	n := len(k) - 9
	if n < 1 || k[n] != numberedMark || k[n-1] != 0 {
		return nil, nil, false
	}
	return k[:n], k[n+1:], true
}

// Options configure Open.
type Options struct {
	// ReadOnly opens the file with a shared lock: several readers may
	// open it together, none while a writer holds it. The file must exist.
	ReadOnly bool
	// Timeout bounds the wait for another process's lock; zero means
	// DefaultTimeout.
	Timeout time.Duration
}

// DB is an open isnad database.
type DB struct {
	bolt     *bolt.DB
	path     string
	readOnly bool

	// writeMu orders this handle's write transactions with the speakers
	// cache they share.
	writeMu sync.Mutex
	// speakers is what this handle's ingests learnt of the stored
	// speakers, kept from batch to batch (see speakerCache). The file's
	// lock keeps other processes out while it is open for writing; writes
	// other than Ingest, and a failed Ingest, drop it.
	speakers *speakerCache
	// idsIndexed: the file keeps bucketQuoteIDs (see indexQuoteIDs).
	idsIndexed bool
}

// Open opens (or, unless read-only, creates) the database at path,
// creating its directory with mode 0700 and the file with mode 0600. It
// returns ErrLocked when another process holds the file past the timeout
// and ErrNewer when the file's schema is newer than SchemaVersion.
func Open(path string, opts Options) (*DB, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	if !opts.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:  timeout,
		ReadOnly: opts.ReadOnly,
		// The array freelist hands out the lowest free page first, so an
		// ingest keeps rewriting the same few pages of the file instead of
		// pages anywhere in it, each of which then stays mapped in memory:
		// ingesting the corpus peaked 15 to 20 MB lower than with the
		// hashmap freelist, in the same time. Its known weakness, a long
		// scan for a run of free pages, hits values that span several
		// pages, and isnad's records fit in one.
		FreelistType: bolt.FreelistArrayType,
	})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("open store %s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db := &DB{bolt: b, path: path, readOnly: opts.ReadOnly}
	if err := db.init(); err != nil {
		b.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return db, nil
}

// init creates the buckets of a new file and checks the schema version.
func (db *DB) init() error {
	check := func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return nil
		}
		if v := meta.Get(keySchema); len(v) == 8 && binary.BigEndian.Uint64(v) > SchemaVersion {
			return fmt.Errorf("schema %d: %w", binary.BigEndian.Uint64(v), ErrNewer)
		}
		return nil
	}
	if db.readOnly {
		return db.bolt.View(func(tx *bolt.Tx) error {
			if tx.Bucket(bucketMeta) == nil {
				return errors.New("not an isnad database (no meta bucket)")
			}
			return check(tx)
		})
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := check(tx); err != nil {
			return err
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		// A file of an older schema is upgraded in place: it is read as
		// it is, and what is written from now on is of this schema (so an
		// older isnad must refuse it). Its quotes keyed by id stay so.
		meta := tx.Bucket(bucketMeta)
		if v := meta.Get(keySchema); len(v) != 8 || binary.BigEndian.Uint64(v) < SchemaVersion {
			// Quotes stored before schema 3 are keyed by id.
			if k, _ := tx.Bucket(bucketQuotes).Cursor().First(); k != nil && (len(v) != 8 || binary.BigEndian.Uint64(v) < 3) {
				if err := meta.Put(keyLegacy, []byte{1}); err != nil {
					return err
				}
			}
			v := make([]byte, 8)
			binary.BigEndian.PutUint64(v, SchemaVersion)
			return meta.Put(keySchema, v)
		}
		return nil
	})
}

// Close closes the database; it is safe to call once.
func (db *DB) Close() error { return db.bolt.Close() }

// Path returns the file the database lives in.
func (db *DB) Path() string { return db.path }

// Check runs bbolt's consistency check over the whole file and returns
// the problems found, joined, or nil.
func (db *DB) Check() error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
}

// copyBytes copies a slice read inside a transaction, which bbolt only
// keeps valid until the transaction ends.
func copyBytes(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte(nil), b...)
}

// key joins the parts of an index key with NUL bytes: no UTF-8 text holds
// one, so a prefix scan of "a\0" never matches "ab\0".
func key(parts ...string) []byte {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	return appendKey(make([]byte, 0, n), parts...)
}

// appendKey appends key(parts...) to b.
func appendKey(b []byte, parts ...string) []byte {
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	return b
}
