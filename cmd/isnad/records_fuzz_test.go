package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/isnad/isnad/store"
)

// FuzzReadRecords feeds arbitrary bytes to the reader of "ingest
// --records": it must not panic; every article it hands on has an id and
// records that are valid spans of a known kind, all of that article, with
// ids the store can key (no NUL); every
// line it rejects is reported.
func FuzzReadRecords(f *testing.F) {
	f.Add([]byte(`{"id":"a1","article":"x","quote":"نص","kind":"direct","start":0,"end":4}` + "\n"))
	f.Add([]byte("not json\n{\"id\":\"\",\"article\":\"x\"}\n"))
	f.Add([]byte(`{"id":"a","article":"x","kind":"secret","start":5,"end":2}` + "\n\n\xff\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var stderr bytes.Buffer
		e := &env{stdin: bytes.NewReader(b), stdout: io.Discard, stderr: &stderr}
		failed, err := e.readRecordsFile(context.Background(), "-", func(a store.Article) error {
			if a.ID == "" || len(a.Records) == 0 {
				t.Fatalf("article %+v", a)
			}
			for _, r := range a.Records {
				if r.Article != a.ID || r.ID == "" || strings.IndexByte(r.ID, 0) >= 0 || r.Start < 0 || r.End < r.Start || !utf8.ValidString(r.Quote) {
					t.Fatalf("record %+v in article %q", r, a.ID)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if warned := strings.Count(stderr.String(), "not a quote record"); warned != failed {
			t.Fatalf("%d lines failed, %d reported:\n%s", failed, warned, stderr.String())
		}
	})
}

func TestRecordsThatCannotBeStoredAreNamed(t *testing.T) {
	in := strings.Join([]string{
		`{"id":"q1","article":"a","quote":"نص","kind":"direct","start":3,"end":9}`,
		`{"id":"q2","article":"a","quote":"نص","kind":"rumour","start":3,"end":9}`,
		`{"id":"q3","article":"a","quote":"نص","kind":"partial","start":9,"end":3}`,
		`{"article":"a","quote":"نص","kind":"partial","start":1,"end":3}`,
		"{\"id\":\"q5\",\"article\":\"a\",\"quote\":\"\xff\",\"kind\":\"other\",\"start\":1,\"end\":3}",
		`{"id":"q\u0000","article":"a","quote":"نص","kind":"direct","start":1,"end":3}`,
	}, "\n")
	var stderr bytes.Buffer
	e := &env{stdin: strings.NewReader(in), stdout: io.Discard, stderr: &stderr}
	var got []string
	failed, err := e.readRecordsFile(context.Background(), "-", func(a store.Article) error {
		for _, r := range a.Records {
			got = append(got, r.ID)
		}
		return nil
	})
	if err != nil || failed != 4 {
		t.Fatalf("failed=%d err=%v\n%s", failed, err, stderr.String())
	}
	if strings.Join(got, ",") != "q1,q5" {
		t.Errorf("stored %v, want q1,q5", got)
	}
	for _, want := range []string{`-:2: not a quote record: kind "rumour"`, "-:3: not a quote record: start 9 and end 3", `-:4: not a quote record: missing "id"`, "-:5: invalid UTF-8 replaced", `-:6: not a quote record: "id" holds a NUL character`} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}
