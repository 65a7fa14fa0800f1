package main

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// encodeStd is what extract wrote before appendRecord: encoding/json
// with HTML escaping off, without the newline Encode adds.
func encodeStd(t *testing.T, r *attribution.Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func checkAppendRecord(t *testing.T, r *attribution.Record) {
	t.Helper()
	got, ok := appendRecord(nil, r)
	if !ok {
		t.Fatalf("appendRecord refused %+v", r)
	}
	if want := encodeStd(t, r); !bytes.Equal(got, want) {
		t.Errorf("appendRecord:\n got %s\nwant %s", got, want)
	}
}

func TestAppendRecordIsEncodingJSON(t *testing.T) {
	s := func(v string) *string { return &v }
	f := func(v float64) *float64 { return &v }
	checkAppendRecord(t, &attribution.Record{})
	checkAppendRecord(t, &attribution.Record{
		ID: "q1", Article: "a<b>&c", Outlet: s("الوكالة"), URL: s("https://x.test/?a=1&b=<2>"), Published: s("2025-06-05"),
		Quote: "«نص» \"مقتبس\" \\ \t\n\r\b\f\x00\x1f\x7f \u2028\u2029 \xff\xfe ok", Kind: quotes.Direct, Start: 12, End: -3,
		Speaker: s(""), Mention: s("وزير"), Role: s("r"), Cue: s("قال"), SaidOn: s("2025-06-04"), SaidOnBasis: s("weekday"),
		Credited: s("رويترز"), Confidence: f(0.9),
	})
	for _, c := range []float64{0, math.Copysign(0, -1), 0.2, 0.75, 1, -1.5, 1e-6, 1e-7, 9.99e-7, 1e20, 1e21, 1.5e300, 5e-324, 123456789.125} {
		checkAppendRecord(t, &attribution.Record{Confidence: f(c)})
	}
	for _, c := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, ok := appendRecord(nil, &attribution.Record{Confidence: &c}); ok {
			t.Errorf("appendRecord took confidence %v, which encoding/json refuses", c)
		}
	}
}

func FuzzAppendRecord(f *testing.F) {
	f.Add("«نص»", "\xff\u2028<&>", 0.5, 3)
	f.Add("\x00\"\\", "", 1e-9, -1)
	f.Fuzz(func(t *testing.T, quote, speaker string, conf float64, start int) {
		if math.IsInf(conf, 0) || math.IsNaN(conf) {
			return
		}
		checkAppendRecord(t, &attribution.Record{ID: speaker, Quote: quote, Kind: quotes.Kind(speaker), Start: start, Speaker: &speaker, Confidence: &conf})
	})
}
