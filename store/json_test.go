package store

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

// marshalRecord is encodeRecord as it was, by json.Marshal: what the
// appenders must write byte for byte.
func marshalRecord(r *attribution.Record, m *recordMeta) ([]byte, error) {
	s := storedRecord{
		Article: r.Article, Outlet: r.Outlet, URL: r.URL, Published: r.Published,
		Quote: r.Quote, Kind: r.Kind, Start: r.Start, End: r.End,
		Speaker: r.Speaker, Mention: r.Mention, Role: r.Role, Cue: r.Cue,
		SaidOn: r.SaidOn, SaidOnBasis: r.SaidOnBasis, Credited: r.Credited, Confidence: r.Confidence,
	}
	for _, f := range shared(&s, m) {
		if sameString(*f.rec, *f.common) {
			*f.rec = nil
		} else {
			s.Own += string(f.letter)
		}
	}
	b, err := json.Marshal(&s)
	if err != nil {
		return nil, err
	}
	return append([]byte{recordV2}, b...), nil
}

// checkRecord fails unless encodeRecord, and appendEncodedRecord after
// other bytes, write what marshalRecord does, or fail as it does.
func checkRecord(t *testing.T, r *attribution.Record, m *recordMeta) {
	t.Helper()
	want, wantErr := marshalRecord(r, m)
	got, err := encodeRecord(r, m)
	if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
		t.Fatalf("record %+v, meta %+v:\n got %q, %v\nwant %q, %v", *r, *m, got, err, want, wantErr)
	}
	prefix := []byte("before")
	got, err = appendEncodedRecord(prefix, r, m)
	if wantErr == nil && (err != nil || !bytes.Equal(got, append(prefix, want...))) {
		t.Fatalf("appended record %+v: got %q, %v", *r, got, err)
	}
	if wantErr != nil && (err == nil || !bytes.Equal(got, prefix)) {
		t.Fatalf("appended record %+v: got %q, %v; want the prefix alone and an error", *r, got, err)
	}
}

// checkOthers fails unless the appenders of the shared fields, an
// article's information and a speaker write what json.Marshal does.
func checkOthers(t *testing.T, m *recordMeta, a *articleInfo, s *Speaker) {
	t.Helper()
	for _, c := range []struct {
		what string
		v    any
		got  []byte
	}{
		{"meta", m, appendRecordMeta([]byte("x"), m)[1:]},
		{"article", a, appendArticleInfo(nil, a)},
		{"speaker", s, func() []byte { b, _ := appendSpeaker(nil, s, nil); return b }()},
	} {
		want, err := json.Marshal(c.v)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(c.got, want) {
			t.Fatalf("%s %+v:\n got %q\nwant %q", c.what, c.v, c.got, want)
		}
	}
}

// tricky holds strings that json.Marshal escapes, or writes as they are
// where a careless encoder would not.
var tricky = []string{
	"", "plain", "سامي الحداد", "<script>&amp;</script>", "a>b", "\u2028", "\u2029", "x\u2028y\u2029z",
	"\xff", "\xc3", "\xe2\x80", "bad \xc3\x28 utf8", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf",
	"\x00\x01\x1f\x7f", "\b\f\n\r\t", `quote " and \ backslash`, "قال: «نعم» \"لا\"", "emoji 😀 and ق",
	"\u00e9\u0800\U00010000", "https://example.org/a?x=1&y=<2>", "\u200f\u202bمرحبا\u202c",
}

func TestAppendersMatchMarshal(t *testing.T) {
	zero, frac, neg, tiny, huge, negZero := 0.0, 0.85, -0.25, 1e-7, 1e21, math.Copysign(0, -1)
	third, big := 1.0/3, 123456789.125
	base := func() attribution.Record {
		return attribution.Record{ID: "q1", Article: "page-1", Outlet: sp("الأفق"), URL: sp("https://example.org/a?x=%D8%A7&b=<c>"),
			Published: sp("2025-06-05"), Quote: "نص <مقتبس> & «قال»", Kind: quotes.Direct, Start: 3, End: 9, Speaker: sp("سامي الحداد"),
			Mention: sp("الحداد"), Role: sp("الوزير"), Cue: sp("وقال"), SaidOn: sp("2025-06-04"), SaidOnBasis: sp("weekday"),
			Credited: sp("رويترز"), Confidence: &frac}
	}
	meta := func(r attribution.Record) *recordMeta {
		return &recordMeta{Outlet: r.Outlet, URL: r.URL, Published: r.Published}
	}
	type recordCase struct {
		name string
		r    attribution.Record
		m    *recordMeta
	}
	var cases []recordCase
	add := func(name string, change func(r *attribution.Record), m func(r attribution.Record) *recordMeta) {
		r := base()
		change(&r)
		cases = append(cases, recordCase{name, r, m(r)})
	}
	same := meta
	empty := func(attribution.Record) *recordMeta { return &recordMeta{} }
	other := func(attribution.Record) *recordMeta {
		return &recordMeta{Outlet: sp("غيرها"), URL: sp(""), Published: sp("2024-01-01")}
	}
	add("shared fields", func(*attribution.Record) {}, same)
	add("own fields", func(*attribution.Record) {}, other)
	add("own fields against none", func(*attribution.Record) {}, empty)
	add("own outlet only", func(r *attribution.Record) { r.Outlet = sp("رويترز") }, func(r attribution.Record) *recordMeta {
		return &recordMeta{Outlet: sp("الأفق"), URL: r.URL, Published: r.Published}
	})
	add("own day only", func(r *attribution.Record) {}, func(r attribution.Record) *recordMeta {
		return &recordMeta{Outlet: r.Outlet, URL: r.URL}
	})
	add("nil pointers", func(r *attribution.Record) {
		r.Outlet, r.URL, r.Published, r.Speaker, r.Mention, r.Role, r.Cue = nil, nil, nil, nil, nil, nil, nil
		r.SaidOn, r.SaidOnBasis, r.Credited, r.Confidence = nil, nil, nil, nil
	}, same)
	add("nil pointers, meta set", func(r *attribution.Record) { r.Outlet, r.URL, r.Published = nil, nil, nil }, other)
	add("empty strings", func(r *attribution.Record) {
		r.Article, r.Quote, r.Kind = "", "", ""
		r.Outlet, r.URL, r.Published, r.Speaker, r.Mention, r.Role = sp(""), sp(""), sp(""), sp(""), sp(""), sp("")
		r.Cue, r.SaidOn, r.SaidOnBasis, r.Credited = sp(""), sp(""), sp(""), sp("")
	}, empty)
	add("zero confidence", func(r *attribution.Record) { r.Confidence = &zero }, same)
	add("negative zero confidence", func(r *attribution.Record) { r.Confidence = &negZero }, same)
	add("negative confidence", func(r *attribution.Record) { r.Confidence = &neg }, same)
	add("tiny confidence", func(r *attribution.Record) { r.Confidence = &tiny }, same)
	add("huge confidence", func(r *attribution.Record) { r.Confidence = &huge }, same)
	add("a third", func(r *attribution.Record) { r.Confidence = &third }, same)
	add("big confidence", func(r *attribution.Record) { r.Confidence = &big }, same)
	add("negative span", func(r *attribution.Record) { r.Start, r.End = -5, math.MaxInt }, same)
	add("minimal span", func(r *attribution.Record) { r.Start, r.End = math.MinInt, 0 }, same)
	for i, s := range tricky {
		add("tricky quote", func(r *attribution.Record) {
			r.Quote, r.Article, r.Kind = s, s, quotes.Kind(s)
			r.Speaker, r.Cue, r.Credited = sp(s), sp(tricky[(i+1)%len(tricky)]), sp(s+s)
		}, same)
		add("tricky shared fields", func(r *attribution.Record) { r.Outlet, r.URL, r.Published = sp(s), sp(s+"x"), sp("x"+s) }, other)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkRecord(t, &c.r, c.m) })
	}

	for _, c := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		r := base()
		r.Confidence = &c
		if _, err := encodeRecord(&r, meta(r)); err == nil {
			t.Errorf("confidence %v encoded without an error", c)
		}
		checkRecord(t, &r, meta(r))
	}

	speakers := []*Speaker{
		{},
		{Name: "سامي الحداد", Key: "سامي الحداد", Aliases: map[string]int{"سامي الحداد": 3, "الحداد": 1}, Roles: map[string]int{},
			Quotes: 4, Outlets: map[string]int{"الأفق": 2, "رويترز": 2}, FirstSaid: "2025-01-02", LastSaid: "2025-06-04"},
		{Name: "<b>", Key: "k #2", Aliases: map[string]int{"\xff": 1, "\xfe": 2, "a&b": -1, "\u2028": 0, "": 7}, Quotes: -3},
		{Name: "x", Roles: map[string]int{"z": 1, "a": 2, "ب": 3, "B": 4, "\x00": 5}, Outlets: map[string]int{"o": math.MaxInt}, LastSaid: "d"},
	}
	for _, s := range tricky {
		speakers = append(speakers, &Speaker{Name: s, Key: s + " #2", Aliases: map[string]int{s: 1, s + "2": 2}, FirstSaid: s, LastSaid: s})
	}
	for _, s := range speakers {
		checkOthers(t, &recordMeta{}, &articleInfo{}, s)
	}
	for _, s := range tricky {
		checkOthers(t, &recordMeta{Outlet: sp(s), Published: sp(s)}, &articleInfo{ID: s, URL: s, Title: s + s}, &Speaker{})
		checkOthers(t, &recordMeta{URL: sp(s)}, &articleInfo{Outlet: s, Published: s}, &Speaker{})
	}
}

// randomString is a string of pieces that encoders get wrong: ASCII that
// is escaped or not, Arabic, three- and four-byte characters, U+2028 and
// U+2029, and invalid or cut UTF-8.
func randomString(rng *rand.Rand) string {
	pieces := []string{"a", " ", "<", ">", "&", "\"", "\\", "/", "\x00", "\x1f", "\x7f", "\n", "\t", "\b", "\f", "\r",
		"ق", "ال", "«", "é", "\u0800", "\u2028", "\u2029", "\u2027", "\u202a", "\ufffd", "😀", "\xff", "\xc3", "\xe2\x80",
		"\xed\xa0\x80", "\xf0\x9f", "\x80", "\xc1\xbf", "\xdf\xbf", "\xc2\x80", "\xef\xbf\xbf", "\xf4\x8f\xbf\xbf", "\xf4\x90\x80\x80"}
	var b strings.Builder
	for range rng.Intn(12) {
		if rng.Intn(8) == 0 {
			b.WriteByte(byte(rng.Intn(256)))
		} else {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
	}
	return b.String()
}

func TestAppendersMatchMarshalRandomly(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	str := func() *string {
		if rng.Intn(4) == 0 {
			return nil
		}
		return sp(randomString(rng))
	}
	// A third of the shared fields are the record's, to be left out.
	shared := func(rec *string) *string {
		if rng.Intn(3) == 0 {
			return rec
		}
		return str()
	}
	floats := []float64{0, 1, 0.5, 0.1, 1e-6, 9.99e-7, 1e20, 1e21, 123456.789, -1, 1.0 / 3, math.SmallestNonzeroFloat64, math.MaxFloat64}
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		r := attribution.Record{Article: randomString(rng), Outlet: str(), URL: str(), Published: str(), Quote: randomString(rng),
			Kind: quotes.Kind(randomString(rng)), Start: rng.Intn(1<<20) - 10, End: int(rng.Int63()), Speaker: str(), Mention: str(),
			Role: str(), Cue: str(), SaidOn: str(), SaidOnBasis: str(), Credited: str()}
		switch rng.Intn(3) {
		case 1:
			f := floats[rng.Intn(len(floats))]
			r.Confidence = &f
		case 2:
			f := math.Float64frombits(rng.Uint64())
			r.Confidence = &f
		}
		m := &recordMeta{Outlet: shared(r.Outlet), URL: shared(r.URL), Published: shared(r.Published)}
		checkRecord(t, &r, m)

		counts := func() map[string]int {
			if rng.Intn(5) == 0 {
				return nil
			}
			m := map[string]int{}
			for range rng.Intn(6) {
				m[randomString(rng)] = rng.Intn(1000) - 10
			}
			return m
		}
		s := &Speaker{Name: randomString(rng), Key: randomString(rng), Aliases: counts(), Roles: counts(), Quotes: rng.Intn(100),
			Outlets: counts(), FirstSaid: randomString(rng), LastSaid: randomString(rng)}
		a := &articleInfo{ID: randomString(rng), Outlet: randomString(rng), URL: randomString(rng), Published: randomString(rng), Title: randomString(rng)}
		checkOthers(t, m, a, s)
	}
}

// FuzzEncodeRecord holds encodeRecord and the other appenders to
// json.Marshal on arbitrary strings, numbers and nil fields.
//
//	go test ./store -run XXX -fuzz FuzzEncodeRecord -fuzztime 3m
func FuzzEncodeRecord(f *testing.F) {
	for i, s := range tricky {
		f.Add(s, tricky[(i+1)%len(tricky)], "2025-06-05", i, -i, 0.5, uint16(i*2654435761))
	}
	f.Add("", "", "", 0, 0, 0.0, uint16(0xffff))
	f.Add("a", "b", "c", 1, 2, 1e-7, uint16(0))
	f.Fuzz(func(t *testing.T, s1, s2, s3 string, start, end int, conf float64, nils uint16) {
		// Each bit of nils leaves a field nil or makes it hold one of the
		// strings; the shared fields are the record's own or not.
		pick := func(bit uint, s string) *string {
			if nils&(1<<bit) != 0 {
				return nil
			}
			return &s
		}
		r := attribution.Record{Article: s1, Outlet: pick(0, s2), URL: pick(1, s3), Published: pick(2, s1+s2), Quote: s2 + s1,
			Kind: quotes.Kind(s3), Start: start, End: end, Speaker: pick(3, s1), Mention: pick(4, s2), Role: pick(5, s3),
			Cue: pick(6, ""), SaidOn: pick(7, s3+s1), SaidOnBasis: pick(8, s2), Credited: pick(9, s1)}
		if nils&(1<<10) == 0 {
			r.Confidence = &conf
		}
		m := &recordMeta{Outlet: r.Outlet, URL: pick(11, s1), Published: pick(12, s3)}
		if nils&(1<<13) != 0 {
			m.Outlet = pick(14, s3)
		}
		checkRecord(t, &r, m)

		s := &Speaker{Name: s1, Key: s2, Quotes: start, FirstSaid: s3}
		if nils&(1<<15) == 0 {
			s.Aliases = map[string]int{s1: start, s2: end, s3: 1}
			s.Roles = map[string]int{}
			s.Outlets = map[string]int{s3 + s1: 2, s2: 3}
		}
		checkOthers(t, m, &articleInfo{ID: s1, Outlet: s2, URL: s3, Title: s2 + s3}, s)
	})
}
