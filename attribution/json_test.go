package attribution

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/isnad/isnad/quotes"
)

// encodeStd is what isnad wrote before AppendJSON: encoding/json
// with HTML escaping off, without the newline Encode adds.
func encodeStd(t *testing.T, r *Record) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func checkAppendRecord(t *testing.T, r *Record) {
	t.Helper()
	got, ok := r.AppendJSON(nil)
	if !ok {
		t.Fatalf("AppendJSON refused %+v", r)
	}
	if want := encodeStd(t, r); !bytes.Equal(got, want) {
		t.Errorf("AppendJSON:\n got %s\nwant %s", got, want)
	}
}

func TestAppendJSONIsEncodingJSON(t *testing.T) {
	s := func(v string) *string { return &v }
	f := func(v float64) *float64 { return &v }
	checkAppendRecord(t, &Record{})
	checkAppendRecord(t, &Record{
		ID: "q1", Article: "a<b>&c", Outlet: s("الوكالة"), URL: s("https://x.test/?a=1&b=<2>"), Published: s("2025-06-05"),
		Quote: "«نص» \"مقتبس\" \\ \t\n\r\b\f\x00\x1f\x7f \u2028\u2029 \xff\xfe ok", Kind: quotes.Direct, Start: 12, End: -3,
		Speaker: s(""), Mention: s("وزير"), Role: s("r"), Cue: s("قال"), SaidOn: s("2025-06-04"), SaidOnBasis: s("weekday"),
		Credited: s("رويترز"), Confidence: f(0.9),
	})
	for _, c := range []float64{0, math.Copysign(0, -1), 0.2, 0.75, 1, -1.5, 1e-6, 1e-7, 9.99e-7, 1e20, 1e21, 1.5e300, 5e-324, 123456789.125} {
		checkAppendRecord(t, &Record{Confidence: f(c)})
	}
	for _, c := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, ok := (&Record{Confidence: &c}).AppendJSON(nil); ok {
			t.Errorf("AppendJSON took confidence %v, which encoding/json refuses", c)
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
		checkAppendRecord(t, &Record{ID: speaker, Quote: quote, Kind: quotes.Kind(speaker), Start: start, Speaker: &speaker, Confidence: &conf})
	})
}

// FuzzJSONString: strings are quoted as encoding/json quotes them,
// without HTML escaping and with it (json.Marshal's default).
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "نص عربي … «قال»", "a\"b\\c\n", "\u2028\u2029", "\xff", "\xc2", "\xe2\x80", "😀 ٣٤", "\x7f<>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(AppendJSONString(nil, s)) + "\n"; got != want.String() {
			t.Errorf("%q quoted %s, want %s", s, got, want.String())
		}
		html, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(AppendJSONStringHTML(nil, s)); got != string(html) {
			t.Errorf("%q quoted with HTML escaping %s, want %s", s, got, html)
		}
	})
}
