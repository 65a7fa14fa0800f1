package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
	"github.com/isnad/isnad/store"
)

// page is a small article with one direct quote whose speaker is named.
const page = "قال وزير الخارجية سامي الحداد أمس: «سنواصل العمل مع الجميع»."

// TestBadInputsAreNamedAndTheRunGoesOn feeds extract one good page among
// every kind of bad input the issue lists: each bad one is named on stderr
// (with its line for JSONL), the convertible ones are read, and the run
// ends with exit status 2 after reading everything else.
func TestBadInputsAreNamedAndTheRunGoesOn(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cp1256, err := charmap.Windows1256.NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	// One line of longLine bytes with a quote at each end.
	filler := strings.Repeat("كلمة عادية في سطر طويل بلا نهاية ", longLine/len("كلمة عادية في سطر طويل بلا نهاية "))
	long := "قال الوزير: «سنبدأ غدا». " + filler + "وقالت الوزيرة: «انتهى الأمر»."

	paths := []string{
		write("good.txt", []byte(page)),
		write("image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")),
		write("broken.txt", []byte(strings.Replace(page, "الجميع", "الجم\xff\xfeيع", 1))),
		write("legacy.txt", cp1256),
		write("wide.txt", utf16),
		write("empty.txt", nil),
		write("long.txt", []byte(long)),
		write("feed.jsonl", []byte(`{"id":"f1","text":"`+page+`"}`+"\n"+
			"this line is not JSON\n"+
			`{"id":"f3","title":"no text here"}`+"\n"+
			`{"id":"f4","text":"`+page+` ثانية"}`+"\n")),
	}
	// A directory whose walk would loop through a symbolic link to itself.
	loop := filepath.Join(dir, "loop")
	if err := os.MkdirAll(loop, 0o700); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join("loop", "inside.txt"), []byte(page+" داخل"))
	if err := os.Symlink(loop, filepath.Join(loop, "again")); err != nil {
		t.Fatal(err)
	}
	paths = append(paths, loop)
	// Unreadable permissions mean nothing to root, who reads anyway.
	locked := write("locked.txt", []byte(page))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	asRoot := os.Geteuid() == 0
	paths = append(paths, locked)

	code, out, errOut := runIsnad(t, "", append([]string{"extract"}, paths...)...)
	if code != exitInputFailed {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInputFailed, errOut)
	}
	want := []string{
		"image.txt: not a text file",
		"broken.txt: invalid UTF-8 replaced with U+FFFD",
		"legacy.txt: decoded from windows-1256",
		"wide.txt: decoded from utf-16le",
		"empty.txt: empty input",
		"feed.jsonl:2: not a JSON article",
		`feed.jsonl:3: article has no "text"`,
	}
	if !asRoot {
		want = append(want, "locked.txt: permission denied")
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	// Every readable article gave its quotes: nothing read was dropped.
	got := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r attribution.Record
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad output line %q: %v", line, err)
		}
		got[r.Article]++
		if r.Article == "broken" && !strings.Contains(r.Quote, "\uFFFD") {
			t.Errorf("broken.txt quote %q: the bad bytes should be replaced, not dropped", r.Quote)
		}
	}
	wantArticles := map[string]int{"good": 1, "broken": 1, "legacy": 1, "wide": 1, "long": 2, "f1": 1, "f4": 1, "inside": 1}
	if asRoot {
		wantArticles["locked"] = 1
	}
	for id, n := range wantArticles {
		if got[id] != n {
			t.Errorf("article %s: %d quotes, want %d (all: %v)", id, got[id], n, got)
		}
	}
}

// TestPanicInOneArticleIsReported makes extraction panic on one article:
// the panic is reported with the article's id and line, and the articles
// after it are still extracted.
func TestPanicInOneArticleIsReported(t *testing.T) {
	orig := extractArticle
	t.Cleanup(func() { extractArticle = orig })
	extractArticle = func(a *quotes.Article, hash string) []attribution.Record {
		if a.ID == "bad" {
			_ = []int{}[len(a.ID)] // a real runtime panic: index out of range
		}
		return orig(a, hash)
	}
	// Lines that are not JSON around it make the reader warn while the
	// pipeline reports the panic: both write to stderr (run with -race).
	in := `{"id":"one","text":"` + page + `"}` + "\n" +
		`{"id":"bad","text":"` + page + ` مرة"}` + "\n" +
		"not json\n" +
		`{"id":"three","text":"` + page + ` أخرى"}` + "\n" +
		strings.Repeat("not json either\n", 50)
	code, out, errOut := runIsnad(t, in, "extract", "-")
	if code != exitInputFailed {
		t.Errorf("exit %d, want %d", code, exitInputFailed)
	}
	if !strings.Contains(errOut, `-:2: article "bad" skipped: internal error`) || !strings.Contains(errOut, "index out of range") {
		t.Errorf("stderr does not name the article and the panic:\n%s", errOut)
	}
	if !strings.Contains(out, `"article":"one"`) || !strings.Contains(out, `"article":"three"`) || strings.Contains(out, `"article":"bad"`) {
		t.Errorf("output:\n%s", out)
	}
}

// TestExitStatuses checks the one mapping from outcomes to exit statuses,
// and that the help lists them.
func TestExitStatuses(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		ctx  context.Context
		err  error
		want int
	}{
		{"success", context.Background(), nil, 0},
		{"usage", context.Background(), usagef("--format %q: unknown", "xml"), 1},
		{"some inputs failed", context.Background(), fmt.Errorf("extract: %w", errInputsFailed), 2},
		{"database in use", context.Background(), fmt.Errorf("open store x: %w", store.ErrLocked), 3},
		{"database newer", context.Background(), fmt.Errorf("open store x: %w", store.ErrNewer), 4},
		{"interrupted", canceled, fmt.Errorf("ingest: %w", context.Canceled), 130},
		{"other failure", context.Background(), errors.New("disk full"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.ctx, tt.err, io.Discard); got != tt.want {
				t.Errorf("exitCode = %d, want %d", got, tt.want)
			}
		})
	}
	// End to end, the same statuses come out of real commands.
	if code, _, _ := runIsnad(t, "", "extract", "--no-such-flag", sample); code != exitUsage {
		t.Errorf("unknown flag: exit %d", code)
	}
	if code, _, _ := runIsnad(t, "", "extract", filepath.Join(t.TempDir(), "missing.txt")); code != exitInputFailed {
		t.Errorf("missing input: exit %d", code)
	}
	var out strings.Builder
	if code := run(canceled, []string{"isnad", "--db", filepath.Join(t.TempDir(), "x.db"), "ingest", sample}, strings.NewReader(""), &out, io.Discard); code != exitInterrupted {
		t.Errorf("interrupted ingest: exit %d", code)
	}
	_, help, _ := runIsnad(t, "", "help")
	for _, s := range []string{"0 ", "1 ", "2 ", "3 ", "4 ", "130 "} {
		if !strings.Contains(help, "EXIT STATUS") || !strings.Contains(help, s) {
			t.Errorf("help lacks exit status %q", s)
		}
	}
}

// bigInput writes n copies of the sample articles, each made unique, as
// one JSONL file.
func bigInput(t *testing.T, copies int) string {
	t.Helper()
	b, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	var arts []quotes.Article
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var a quotes.Article
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	path := filepath.Join(t.TempDir(), "big.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range copies {
		for _, a := range arts {
			a.ID = fmt.Sprintf("%s-%d", a.ID, i)
			a.Text += fmt.Sprintf("\nنسخة رقم %d", i)
			if err := enc.Encode(a); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// running is an "isnad ingest" in another process.
type running struct {
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has ended
	err  error         // cmd.Wait's answer, once done is closed
}

// startIngest runs "isnad ingest" as a separate process (this test binary,
// which testscript installed on PATH as isnad).
func startIngest(t *testing.T, db, input string) *running {
	t.Helper()
	cmd := exec.Command("isnad", "--db", db, "ingest", "--quiet", input)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	r := &running{cmd: cmd, done: make(chan struct{})}
	go func() {
		r.err = cmd.Wait()
		close(r.done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-r.done
	})
	return r
}

// waitForGrowth waits until the database file is larger than a fresh one,
// that is until the ingest has committed some batches.
func waitForGrowth(t *testing.T, r *running, db string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if st, err := os.Stat(db); err == nil && st.Size() > 2<<20 {
			return
		}
		select {
		case <-r.done:
			t.Fatalf("ingest ended (%v) before it could be interrupted; make the input bigger", r.err)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("ingest wrote nothing in two minutes")
}

// exported returns every stored record, as sorted JSON lines.
func exported(t *testing.T, db string) []string {
	t.Helper()
	code, out, errOut := runIsnad(t, "", "--db", db, "export", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	slices.Sort(lines)
	return lines
}

// TestKilledIngestLosesNothing kills an ingest with SIGKILL in the middle,
// checks that the database is consistent, runs the same ingest again and
// compares the result with a clean single run: no quote lost or doubled.
func TestKilledIngestLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs isnad ingest three times on a large input")
	}
	input := bigInput(t, 400) // 4,000 articles
	dir := t.TempDir()
	killed := filepath.Join(dir, "killed.db")

	r := startIngest(t, killed, input)
	waitForGrowth(t, r, killed)
	if err := r.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-r.done
	var ee *exec.ExitError
	if !errors.As(r.err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("ingest was not killed mid-run: %v", r.err)
	}

	db, err := store.Open(killed, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	if err := db.Check(); err != nil {
		t.Errorf("check after SIGKILL: %v", err)
	}
	partial, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Zero is possible too: killed in the middle of the first commit.
	if partial.Articles >= 4000 {
		t.Fatalf("%d articles stored at the kill: not mid-run", partial.Articles)
	}
	t.Logf("killed after %d of 4000 articles", partial.Articles)

	if code, _, errOut := runIsnad(t, "", "--db", killed, "ingest", "--quiet", input); code != 0 {
		t.Fatalf("re-run after the kill: exit %d: %s", code, errOut)
	}
	clean := filepath.Join(dir, "clean.db")
	if code, _, errOut := runIsnad(t, "", "--db", clean, "ingest", "--quiet", input); code != 0 {
		t.Fatalf("clean run: exit %d: %s", code, errOut)
	}
	got, want := exported(t, killed), exported(t, clean)
	if len(got) != len(want) {
		t.Fatalf("after kill and re-run: %d records, a clean run stores %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("record %d differs:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

// TestWriterAndReaderDuringIngest starts an ingest in another process and,
// while it writes, runs a second ingest and a reader: both are refused
// with exit status 3 within the lock timeout, never hanging.
func TestWriterAndReaderDuringIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("runs isnad ingest on a large input")
	}
	// 80,000 articles: about 6 s of ingest on 2 cores, which must outlast
	// the first command refused after its 3 s lock timeout.
	input := bigInput(t, 8000)
	db := filepath.Join(t.TempDir(), "isnad.db")
	r := startIngest(t, db, input)
	waitForGrowth(t, r, db)
	refused := 0
	for _, args := range [][]string{{"ingest", sample}, {"stats"}, {"speakers"}} {
		start := time.Now()
		code, _, errOut := runIsnad(t, "", append([]string{"--db", db}, args...)...)
		if code == exitLocked && strings.Contains(errOut, "in use by another isnad process") {
			refused++
		} else {
			// The ingest may have finished meanwhile: then the command
			// succeeds, and the ingest process is about to be reaped.
			if code == 0 {
				select {
				case <-r.done:
					continue
				case <-time.After(30 * time.Second):
				}
			}
			t.Errorf("%s during an ingest: exit %d, stderr %q", args[0], code, errOut)
		}
		if d := time.Since(start); d > store.DefaultTimeout+5*time.Second {
			t.Errorf("%s took %v: it must give up after the lock timeout", args[0], d)
		}
	}
	if refused == 0 {
		t.Fatal("the ingest ended before any command could meet it; make the input bigger")
	}
}
