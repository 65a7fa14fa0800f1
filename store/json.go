package store

import (
	"math"
	"slices"
	"strconv"

	"github.com/isnad/isnad/attribution"
)

// The values an ingest writes (a record per quote, the shared fields and
// the information of each article, every speaker a batch changed) used
// to be encoded by json.Marshal, whose reflection was most of the cost of
// encoding them on the single writer. The appenders below write the same
// bytes without it: same member order, omitempty, escaping and numbers,
// which the tests and FuzzEncodeRecord hold to json.Marshal. They must
// change with the types they encode.

// appendOmitEmpty appends the member name (with its leading comma) and
// s, unless s is nil: a *string field tagged omitempty.
func appendOmitEmpty(b []byte, name string, s *string) []byte {
	if s == nil {
		return b
	}
	return attribution.AppendJSONStringHTML(append(b, name...), *s)
}

// appendOmitEmptyString is appendOmitEmpty for a string field tagged
// omitempty, left out when empty.
func appendOmitEmptyString(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	return attribution.AppendJSONStringHTML(append(b, name...), s)
}

// appendRecord appends s as json.Marshal encodes it. ok is false when the
// confidence is not a finite number, which json.Marshal refuses with an
// error; the caller then encodes s the slow way to get it.
func appendRecord(b []byte, s *storedRecord) (out []byte, ok bool) {
	if s.Confidence != nil && (math.IsInf(*s.Confidence, 0) || math.IsNaN(*s.Confidence)) {
		return b, false
	}
	b = append(b, `{"a":`...)
	b = attribution.AppendJSONStringHTML(b, s.Article)
	b = appendOmitEmpty(b, `,"o":`, s.Outlet)
	b = appendOmitEmpty(b, `,"u":`, s.URL)
	b = appendOmitEmpty(b, `,"p":`, s.Published)
	b = appendOmitEmptyString(b, `,"x":`, s.Own)
	b = append(b, `,"q":`...)
	b = attribution.AppendJSONStringHTML(b, s.Quote)
	b = append(b, `,"k":`...)
	b = attribution.AppendJSONStringHTML(b, string(s.Kind))
	b = append(b, `,"s":`...)
	b = strconv.AppendInt(b, int64(s.Start), 10)
	b = append(b, `,"e":`...)
	b = strconv.AppendInt(b, int64(s.End), 10)
	b = appendOmitEmpty(b, `,"sp":`, s.Speaker)
	b = appendOmitEmpty(b, `,"mn":`, s.Mention)
	b = appendOmitEmpty(b, `,"r":`, s.Role)
	b = appendOmitEmpty(b, `,"c":`, s.Cue)
	b = appendOmitEmpty(b, `,"d":`, s.SaidOn)
	b = appendOmitEmpty(b, `,"b":`, s.SaidOnBasis)
	b = appendOmitEmpty(b, `,"cr":`, s.Credited)
	if s.Confidence != nil {
		b = append(b, `,"cf":`...)
		b = attribution.AppendJSONFloat(b, *s.Confidence)
	}
	return append(b, '}'), true
}

// appendRecordMeta appends m as json.Marshal encodes it.
func appendRecordMeta(b []byte, m *recordMeta) []byte {
	b = append(b, '{')
	n := len(b)
	b = appendOmitEmpty(b, `,"o":`, m.Outlet)
	b = appendOmitEmpty(b, `,"u":`, m.URL)
	b = appendOmitEmpty(b, `,"p":`, m.Published)
	if len(b) > n {
		b = append(b[:n], b[n+1:]...) // the first member's comma
	}
	return append(b, '}')
}

// appendArticleInfo appends a as json.Marshal encodes it.
func appendArticleInfo(b []byte, a *articleInfo) []byte {
	b = append(b, `{"id":`...)
	b = attribution.AppendJSONStringHTML(b, a.ID)
	b = appendOmitEmptyString(b, `,"outlet":`, a.Outlet)
	b = appendOmitEmptyString(b, `,"url":`, a.URL)
	b = appendOmitEmptyString(b, `,"published":`, a.Published)
	b = appendOmitEmptyString(b, `,"title":`, a.Title)
	return append(b, '}')
}

// appendSpeaker appends s as json.Marshal encodes it; keys is scratch
// space for sorting the keys of its maps, returned for the next call.
func appendSpeaker(b []byte, s *Speaker, keys []string) ([]byte, []string) {
	b = append(b, `{"name":`...)
	b = attribution.AppendJSONStringHTML(b, s.Name)
	b = append(b, `,"key":`...)
	b = attribution.AppendJSONStringHTML(b, s.Key)
	b = append(b, `,"aliases":`...)
	b, keys = appendCounts(b, s.Aliases, keys)
	b = append(b, `,"roles":`...)
	b, keys = appendCounts(b, s.Roles, keys)
	b = append(b, `,"quotes":`...)
	b = strconv.AppendInt(b, int64(s.Quotes), 10)
	b = append(b, `,"outlets":`...)
	b, keys = appendCounts(b, s.Outlets, keys)
	b = appendOmitEmptyString(b, `,"first_said":`, s.FirstSaid)
	b = appendOmitEmptyString(b, `,"last_said":`, s.LastSaid)
	return append(b, '}'), keys
}

// appendCounts appends m as json.Marshal encodes a map: null when nil,
// else its members in the byte order of their keys (as Go strings, before
// escaping).
func appendCounts(b []byte, m map[string]int, keys []string) ([]byte, []string) {
	if m == nil {
		return append(b, "null"...), keys
	}
	keys = keys[:0]
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = attribution.AppendJSONStringHTML(b, k)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(m[k]), 10)
	}
	clear(keys) // not to hold on to the strings
	return append(b, '}'), keys
}

// encodedSize is about the length of r's stored bytes, not counting
// escapes: its strings and room for the member names and numbers.
func encodedSize(r *attribution.Record) int {
	n := 96 + len(r.Article) + len(r.Quote) + len(r.Kind)
	for _, s := range [...]*string{r.Outlet, r.URL, r.Published, r.Speaker, r.Mention, r.Role, r.Cue, r.SaidOn, r.SaidOnBasis, r.Credited} {
		if s != nil {
			n += len(*s) + 8
		}
	}
	return n
}
