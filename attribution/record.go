package attribution

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
	"sync"
	"time"

	"github.com/isnad/isnad/quotes"
)

// Record is one quote with everything known about it: the quote record of
// DESIGN.md §6, one JSON object per line in isnad's JSONL output. Fields that
// are not known are nil and encode as JSON null: never guessed.
type Record struct {
	ID          string      `json:"id"`
	Article     string      `json:"article"`
	Outlet      *string     `json:"outlet"`
	URL         *string     `json:"url"`
	Published   *string     `json:"published"`
	Quote       string      `json:"quote"`
	Kind        quotes.Kind `json:"kind"`
	Start       int         `json:"start"`
	End         int         `json:"end"`
	Speaker     *string     `json:"speaker"`
	Mention     *string     `json:"mention"`
	Role        *string     `json:"role"`
	Cue         *string     `json:"cue"`
	SaidOn      *string     `json:"said_on"`
	SaidOnBasis *string     `json:"said_on_basis"`
	Credited    *string     `json:"credited"`
	Confidence  *float64    `json:"confidence"`
}

// ArticleID returns the article's own id, or, when it has none, a stable id
// derived from its text, so the same article read twice gets the same id.
func ArticleID(a *quotes.Article) string {
	if a.ID != "" {
		return a.ID
	}
	return ArticleIDHashed(a, ContentHash(a.Text))
}

// ArticleIDHashed is ArticleID for an article whose ContentHash the
// caller has already computed.
func ArticleIDHashed(a *quotes.Article, hash string) string {
	if a.ID != "" {
		return a.ID
	}
	return "sha256:" + hash[:16]
}

// ContentHash returns the hex SHA-256 of an article text: the identity of
// an article whatever file or feed it came from.
func ContentHash(text string) string {
	h := hashers.Get().(*hasher)
	defer hashers.Put(h)
	h.Reset()
	// Written through a buffer: []byte(text) would copy the whole text
	// to the heap, the hash being behind an interface.
	for len(text) > 0 {
		n := copy(h.buf[:], text)
		h.Write(h.buf[:n])
		text = text[n:]
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0]))
}

// hasher is a SHA-256 state and the buffer ContentHash feeds it through.
type hasher struct {
	hash.Hash
	buf [4096]byte
}

var hashers = sync.Pool{New: func() any { return &hasher{Hash: sha256.New()} }}

// QuoteID returns the stable id of the quote at [start, end) of the article
// whose ContentHash is contentHash: the same article always gives its
// quotes the same ids, whatever file it was read from.
func QuoteID(contentHash string, start, end int) string {
	sum := sha256.Sum256([]byte(contentHash + ":" + strconv.Itoa(start) + ":" + strconv.Itoa(end)))
	return hex.EncodeToString(sum[:10])
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// PublishedDay returns the article's publication day as YYYY-MM-DD: its
// published field in any form ParsePublished reads, or else the
// publication-date line of a saved page; "" when neither gives a date.
func PublishedDay(a *quotes.Article) string {
	if t, ok := ParsePublished(a.Published); ok {
		return t.Format(time.DateOnly)
	}
	if t, ok := FindPublished(a.Text); ok {
		return t.Format(time.DateOnly)
	}
	return ""
}
