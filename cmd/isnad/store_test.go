package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/store"
)

var sample = filepath.Join("..", "..", "testdata", "sample", "articles.jsonl")

func TestSecondWriterGetsInUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "isnad.db")
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	code, _, errOut := runIsnad(t, "", "--db", path, "ingest", sample)
	if code != exitLocked || !strings.Contains(errOut, "in use by another isnad process") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v: it must not hang", d)
	}
	// Readers are refused too while the writer holds the file.
	if code, _, _ := runIsnad(t, "", "--db", path, "stats"); code != exitLocked {
		t.Errorf("stats during a write: exit %d, want %d", code, exitLocked)
	}
}

func TestIngestRecordsFromExtract(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := runIsnad(t, "", "extract", sample)
	if code != 0 {
		t.Fatal(errOut)
	}
	records := filepath.Join(dir, "records.jsonl")
	os.WriteFile(records, []byte(out), 0o600)
	db := filepath.Join(dir, "isnad.db")
	if code, _, errOut := runIsnad(t, "", "--db", db, "ingest", "--records", records); code != 0 {
		t.Fatal(errOut)
	}
	_, _, errAgain := runIsnad(t, "", "--db", db, "ingest", "--records", records)
	if !strings.Contains(errAgain, "(0 new, 10 already stored), 0 quotes added") {
		t.Errorf("re-ingest of records: %s", errAgain)
	}
	// The stored records are the extracted ones, field for field.
	_, exported, _ := runIsnad(t, "", "--db", db, "export", "--format", "jsonl")
	if got, want := strings.Count(exported, "\n"), strings.Count(out, "\n"); got != want {
		t.Errorf("%d records exported, %d extracted", got, want)
	}
	byID := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r attribution.Record
		json.Unmarshal([]byte(line), &r)
		byID[r.ID] = line
	}
	for _, line := range strings.Split(strings.TrimSpace(exported), "\n") {
		var r attribution.Record
		json.Unmarshal([]byte(line), &r)
		if byID[r.ID] != line {
			t.Errorf("record %s changed:\n%s\n%s", r.ID, byID[r.ID], line)
		}
	}
}

func TestCSVReadsBackAsTheRecords(t *testing.T) {
	db := filepath.Join(t.TempDir(), "isnad.db")
	if code, _, errOut := runIsnad(t, "", "--db", db, "ingest", sample); code != 0 {
		t.Fatal(errOut)
	}
	_, jsonl, _ := runIsnad(t, "", "--db", db, "export", "--format", "jsonl")
	_, out, _ := runIsnad(t, "", "--db", db, "export", "--format", "csv", "--raw", "--bom=false")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(csvColumns, ",") {
		t.Fatalf("header %v", rows[0])
	}
	lines := strings.Split(strings.TrimSpace(jsonl), "\n")
	if len(rows)-1 != len(lines) {
		t.Fatalf("%d rows, %d records", len(rows)-1, len(lines))
	}
	for i, line := range lines {
		var r attribution.Record
		json.Unmarshal([]byte(line), &r)
		conf := ""
		if r.Confidence != nil {
			conf = strconv.FormatFloat(*r.Confidence, 'f', -1, 64)
		}
		want := []string{r.ID, deref(r.Speaker), deref(r.Role), deref(r.SaidOn), r.Quote, string(r.Kind), deref(r.Outlet),
			deref(r.Published), deref(r.URL), r.Article, deref(r.Cue), deref(r.Mention), deref(r.Credited), conf}
		if strings.Join(rows[i+1], "\x00") != strings.Join(want, "\x00") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, rows[i+1], want)
		}
	}
}

func TestNeutralize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"formula", "=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"},
		{"plus", "+1", "'+1"},
		{"dialogue dash", "-لا أعرف", "'-لا أعرف"},
		{"at sign", "@user", "'@user"},
		{"tab", "\tx", "'\tx"},
		{"carriage return", "\rx", "'\rx"},
		{"plain Arabic", "قال الوزير", "قال الوزير"},
		{"formula behind a bidi mark", "\u200f=1+1", "'\u200f=1+1"},
		{"full-width equals", "＝1", "'＝1"},
		{"leading space then formula", " =1", "' =1"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := neutralize(tt.in); got != tt.want {
				t.Errorf("neutralize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestIngestStoresWhatExtractGives ingests articles without ids from their
// text: ingest hashes each text once and hands the hash on, so the ids it
// derives (the article's, sha256:…, and its quotes') and every field of
// the stored records must be what extract gives.
func TestIngestStoresWhatExtractGives(t *testing.T) {
	// The sample articles without their ids.
	data, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	var idless []byte
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var a map[string]any
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		delete(a, "id")
		b, _ := json.Marshal(a)
		idless = append(append(idless, b...), '\n')
	}
	pages := filepath.Join(t.TempDir(), "idless.jsonl")
	if err := os.WriteFile(pages, idless, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runIsnad(t, "", "extract", pages)
	if code != 0 {
		t.Fatal(errOut)
	}
	if !strings.Contains(out, `"article":"sha256:`) {
		t.Fatalf("the pages should have no ids of their own: %s", out)
	}
	db := filepath.Join(t.TempDir(), "isnad.db")
	if code, _, errOut := runIsnad(t, "", "--db", db, "ingest", pages); code != 0 {
		t.Fatal(errOut)
	}
	_, exported, _ := runIsnad(t, "", "--db", db, "export", "--format", "jsonl")
	sorted := func(s string) []string {
		lines := strings.Split(strings.TrimSpace(s), "\n")
		slices.Sort(lines)
		return lines
	}
	if got, want := sorted(exported), sorted(out); !slices.Equal(got, want) {
		t.Errorf("stored records differ from the extracted ones:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
