package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
	"github.com/isnad/isnad/store"
)

// defaultBatch is how many articles go into one write transaction unless
// --batch says otherwise: small enough to bound memory (under 300 MB peak
// for the 200 MB database of the whole corpus) and keep Ctrl-C quick,
// large enough that the fsyncs of each commit are amortised. Quotes are
// appended, but articles, speakers and the indexes are keyed by hash or
// name, so most of their new entries rewrite a page of their own: bigger
// batches share pages and fsyncs, and hold more pages in memory
// (bench/ingest-batches.sh measures the trade). With the array freelist
// (see store.Open), 1536 ingested the corpus 0.1 to 0.45 s faster than
// 1024 in six paired runs (4.13-4.48 s against 4.38-4.76) and peaked at
// 266-275 MB; 2048 peaked at up to 294 MB.
const defaultBatch = 1536

// maxBatch bounds --batch.
const maxBatch = 1 << 16

type ingestOptions struct {
	records bool
	over    overrides
	quiet   bool
	batch   int // articles per write transaction; 0: defaultBatch
}

func newIngestCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "ingest",
		Usage:     "extract, attribute and store the quotes of articles",
		ArgsUsage: "PATH...",
		Description: `Reads every article of every PATH (a .txt page, a JSONL file, a directory, or -
for standard input), extracts and attributes its quotes and stores them in the
database. An article already stored (same text) is skipped, so running the same
ingest twice adds nothing. With --records, PATH holds quote records written by
"isnad extract" (the map step of a cluster run) and they are loaded as they are.

Articles are stored --batch at a time, each batch in one transaction synced to
disk: a larger batch is faster and takes more memory. A progress line is shown
on stderr when it is a terminal; a summary is printed at the end. Ctrl-C stops
the reading and stores every article already read; everything committed is
kept. Only one ingest may write a database at a time: a second one fails with
exit 3.

Examples:
   isnad ingest testdata/sample/articles.jsonl
   isnad --db /tmp/news.db ingest crawl/2025-06/
   zcat crawl.jsonl.gz | isnad ingest -
   isnad ingest --batch 256 archive.jsonl       # about 80 MB less memory, a third slower
   isnad extract big.jsonl > records.jsonl && isnad ingest --records records.jsonl`,
		Flags: append([]cli.Flag{
			dbFlag(),
			&cli.BoolFlag{Name: "records", Usage: "PATH holds quote records from \"isnad extract\", not articles"},
			&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress line and no summary"},
			&cli.IntFlag{Name: "batch", Value: defaultBatch, Usage: "store `N` articles per write transaction: more is faster and takes more memory"},
		}, overrideFlags()...),
		Action: func(c *cli.Context) error {
			paths, err := e.paths(c)
			if err != nil {
				return err
			}
			over, err := overridesOf(c)
			if err != nil {
				return err
			}
			if n := c.Int("batch"); n < 1 || n > maxBatch {
				return usagef("--batch %d: want 1 to %d", n, maxBatch)
			}
			db, err := openDB(c, false)
			if err != nil {
				return err
			}
			defer db.Close()
			opts := ingestOptions{records: c.Bool("records"), over: over, quiet: c.Bool("quiet"), batch: c.Int("batch")}
			return runIngest(c.Context, e, db, opts, paths)
		},
	}
}

// ingestState is what the progress line shows; the ingest goroutine
// updates it, the ticker reads it.
type ingestState struct {
	articles, quotes atomic.Int64
}

func runIngest(ctx context.Context, e *env, db *store.DB, opts ingestOptions, paths []string) error {
	var (
		batch   []store.Article
		state   ingestState
		started = time.Now()
	)
	// Full batches are stored by their own goroutine, so that extraction
	// goes on while a batch is written: the writer is serial, and it used
	// to stop the whole pipeline for the length of each transaction. One
	// batch is written while the next fills; a full batch waits for the
	// writer to be free.
	w := startBatchWriter(ctx, db)
	size := opts.batch
	if size <= 0 {
		size = defaultBatch
	}
	defer streamingGC(ingestMemoryLimit(size, runtime.GOMAXPROCS(0)))() // the pipeline runs a worker per processor
	add := func(a store.Article) error {
		a.Prepare() // here, while the writer stores the batch before
		batch = append(batch, a)
		state.articles.Add(1)
		state.quotes.Add(int64(len(a.Records)))
		if len(batch) >= size {
			err := w.write(batch)
			batch = make([]store.Article, 0, size)
			return err
		}
		return nil
	}
	stop := e.progress(opts.quiet, func() string {
		n := state.articles.Load()
		rate := float64(n) / time.Since(started).Seconds()
		return fmt.Sprintf("ingest: %d articles, %d quotes, %.0f articles/s", n, state.quotes.Load(), rate)
	})
	var (
		err     error
		skipped atomic.Int64 // articles already stored, left unread
	)
	if opts.records {
		err = e.readRecords(ctx, paths, add)
	} else {
		// An article already stored (same text) is counted and left
		// unread: re-ingesting an archive costs its reading, not its
		// extraction.
		// Its hash, computed here, is handed on to attribution and to the
		// store, which would otherwise hash the text twice more.
		known := func(a *quotes.Article) (bool, string, error) {
			hash := attribution.ContentHash(a.Text)
			has, err := db.Has(hash)
			if has {
				skipped.Add(1)
				state.articles.Add(1)
			}
			return has, hash, err
		}
		err = e.processUnless(ctx, paths, opts.over, known, func(a *quotes.Article, hash string, recs []attribution.Record) error {
			return add(store.Article{
				Hash: hash, ID: attribution.ArticleIDHashed(a, hash), Outlet: a.Outlet,
				URL: a.URL, Published: attribution.PublishedDay(a), Title: a.Title, Records: recs,
			})
		})
	}
	// Whatever was read before an interruption or a bad input is kept.
	if len(batch) > 0 {
		w.write(batch) // its error, if any, is close's
	}
	total, ferr := w.close()
	total.Known += int(skipped.Load())
	stop()
	if ferr != nil {
		return ferr
	}
	if !opts.quiet {
		fmt.Fprintf(e.stderr, "isnad: ingested %d articles (%d new, %d already stored), %d quotes added in %s into %s\n",
			total.New+total.Known, total.New, total.Known, total.Quotes, time.Since(started).Round(time.Millisecond), db.Path())
	}
	return err
}

// batchWriter stores batches of articles in order on a goroutine of its
// own, one transaction each.
type batchWriter struct {
	ctx     context.Context
	db      *store.DB
	batches chan []store.Article
	done    chan struct{}
	total   store.IngestStats // read after done is closed
	failed  atomic.Pointer[error]
}

func startBatchWriter(ctx context.Context, db *store.DB) *batchWriter {
	w := &batchWriter{ctx: ctx, db: db, batches: make(chan []store.Article), done: make(chan struct{})}
	go w.run()
	return w
}

func (w *batchWriter) run() {
	defer close(w.done)
	// Every batch read is stored, even after an interruption: the reading
	// stops at the cancellation, and what was read is kept.
	ctx := context.WithoutCancel(w.ctx)
	for b := range w.batches {
		if w.failed.Load() != nil {
			continue // a batch failed: store nothing after it
		}
		st, err := w.db.Ingest(ctx, b)
		if err != nil {
			w.failed.Store(&err)
			continue
		}
		w.total.Add(st)
	}
}

// write hands a batch to the writer, waiting while it stores the one
// before. It returns the writer's first error, or the context's once it is
// cancelled (the batch is stored all the same), which stops the reading.
func (w *batchWriter) write(b []store.Article) error {
	if err := w.failed.Load(); err != nil {
		return *err
	}
	w.batches <- b
	if err := w.failed.Load(); err != nil {
		return *err
	}
	return w.ctx.Err()
}

// close waits until every batch handed over is stored and returns the
// totals and the first error.
func (w *batchWriter) close() (store.IngestStats, error) {
	close(w.batches)
	<-w.done
	if err := w.failed.Load(); err != nil {
		return w.total, *err
	}
	return w.total, nil
}

// readRecords reads quote records (JSONL written by "isnad extract") and
// hands them to add grouped by article, consecutive records of one
// article making one group; groups of one article that are not
// consecutive are merged by the store.
func (e *env) readRecords(ctx context.Context, paths []string, add func(store.Article) error) error {
	failed := 0
	for _, p := range paths {
		n, err := e.readRecordsFile(ctx, p, add)
		failed += n
		if err != nil {
			return err
		}
	}
	if failed > 0 {
		return errInputsFailed
	}
	return nil
}

// checkRecord returns why a decoded quote record cannot be stored, given
// the decoding error, or nil.
func checkRecord(err error, r *attribution.Record) error {
	switch {
	case err != nil:
		return err
	case r.ID == "" || r.Article == "":
		return errors.New(`missing "id" or "article"`)
	case strings.IndexByte(r.ID, 0) >= 0:
		return errors.New(`"id" holds a NUL character`)
	case r.Kind != quotes.Direct && r.Kind != quotes.Partial && r.Kind != quotes.Other:
		return fmt.Errorf("kind %q is not direct, partial or other", r.Kind)
	case r.Start < 0 || r.End < r.Start:
		return fmt.Errorf("start %d and end %d are not a span", r.Start, r.End)
	}
	return nil
}

// readRecordsFile reads one records file; it returns how many lines or
// files failed.
func (e *env) readRecordsFile(ctx context.Context, p string, add func(store.Article) error) (int, error) {
	r := e.stdin
	if p != "-" {
		f, err := os.Open(p)
		if err != nil {
			e.warn(err)
			return 1, nil
		}
		defer f.Close()
		r = f
	}
	failed := 0
	var cur store.Article
	emit := func() error {
		if len(cur.Records) == 0 {
			return nil
		}
		err := add(cur)
		cur = store.Article{}
		return err
	}
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		if line%1024 == 0 {
			if err := ctx.Err(); err != nil {
				if eerr := emit(); eerr != nil { // keep what was read
					return failed, eerr
				}
				return failed, err
			}
		}
		b, rerr := br.ReadBytes('\n')
		if len(b) > 0 && string(b) != "\n" {
			var rec attribution.Record
			if !utf8.Valid(b) {
				e.warn(fmt.Errorf("%s:%d: invalid UTF-8 replaced with U+FFFD", p, line))
			}
			if err := checkRecord(json.Unmarshal(b, &rec), &rec); err != nil {
				e.warn(fmt.Errorf("%s:%d: not a quote record: %w", p, line, err))
				failed++
			} else {
				if rec.Article != cur.ID {
					if err := emit(); err != nil {
						return failed, err
					}
					cur = store.Article{Hash: "records:" + attribution.ContentHash(rec.Article), ID: rec.Article,
						Outlet: deref(rec.Outlet), URL: deref(rec.URL), Published: deref(rec.Published), Merge: true}
				}
				cur.Records = append(cur.Records, rec)
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			e.warn(fmt.Errorf("%s:%d: %w", p, line, rerr))
			failed++
			break
		}
	}
	return failed, emit()
}

// progress shows line() on stderr every quarter second while stderr is a
// terminal and quiet is false; the returned stop clears it.
func (e *env) progress(quiet bool, line func() string) (stop func()) {
	f, ok := e.stderr.(*os.File)
	if quiet || !ok {
		return func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 || os.Getenv("TERM") == "dumb" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(f, "\r\033[K")
				return
			case <-t.C:
				fmt.Fprintf(f, "\r\033[K%s", line())
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
