package main

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/input"
	"github.com/isnad/isnad/quotes"
)

// overrideFlags are --outlet and --published, shared by extract and ingest.
func overrideFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "outlet", Usage: "outlet of every article (overrides the input's)"},
		&cli.StringFlag{Name: "published", Usage: "publication date of every article, YYYY-MM-DD (overrides the input's)"},
	}
}

// overridesOf reads and checks --outlet and --published.
func overridesOf(c *cli.Context) (overrides, error) {
	o := overrides{outlet: c.String("outlet"), published: c.String("published")}
	if o.published != "" {
		if _, ok := attribution.ParsePublished(o.published); !ok {
			return o, usagef("--published %q: not a date (want YYYY-MM-DD)", o.published)
		}
	}
	return o, nil
}

// overrides are the values that flags put on every article read.
type overrides struct {
	outlet    string
	published string
}

func (o overrides) apply(a *quotes.Article) {
	if o.outlet != "" {
		a.Outlet = o.outlet
	}
	if o.published != "" {
		a.Published = o.published
	}
}

// process reads every article of paths, extracts its quotes and hands the
// records to fn, in input order. It returns errInputsFailed when some
// inputs were skipped (each already reported on stderr).
func (e *env) process(ctx context.Context, paths []string, o overrides, fn func(a *quotes.Article, recs []attribution.Record) error) error {
	return e.processUnless(ctx, paths, o, nil, func(a *quotes.Article, _ string, recs []attribution.Record) error {
		return fn(a, recs)
	})
}

// processUnless is process that first asks skip (when not nil) about each
// article and leaves out, unextracted, those it says to skip. skip also
// returns the article's ContentHash when it computed it ("" when not),
// which attribution then uses and fn receives. Extraction and attribution
// run on every core; skip and fn are called from one goroutine at a time,
// in input order.
func (e *env) processUnless(ctx context.Context, paths []string, o overrides, skip func(a *quotes.Article) (skip bool, hash string, err error), fn func(a *quotes.Article, hash string, recs []attribution.Record) error) error {
	p := newPipeline(runtime.GOMAXPROCS(0), e.warn, fn)
	r := &input.Reader{Stdin: e.stdin, Warn: e.warn}
	failed, err := r.Each(ctx, paths, func(it input.Item) error {
		a := it.Article
		o.apply(&a)
		hash := ""
		if skip != nil {
			yes, h, err := skip(&a)
			if err != nil || yes {
				return err
			}
			hash = h
		}
		return p.send(&a, hash, it.Source)
	})
	if perr := p.close(); err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	if failed > 0 || p.crashed > 0 {
		return errInputsFailed
	}
	return nil
}

// pipeline extracts and attributes articles on several workers and hands
// the results to fn in the order the articles were sent. A panic while
// extracting one article is reported to warn with the article's id and
// source, and the run goes on without it: one malformed page must not
// cost the rest of an archive.
type pipeline struct {
	fn      func(a *quotes.Article, hash string, recs []attribution.Record) error
	warn    func(error)
	jobs    chan *job // to the workers
	order   chan *job // to the consumer, in input order
	done    chan struct{}
	failed  atomic.Pointer[error] // fn's first error
	crashed int                   // articles skipped after a panic; read after close
}

type job struct {
	a      *quotes.Article
	hash   string // the article's ContentHash, or "" when not known yet
	source string
	out    chan outcome
}

type outcome struct {
	recs  []attribution.Record
	panic any // non-nil when extraction panicked
}

// extractArticle finds and attributes the quotes of one article, whose
// ContentHash is hash when not "". Tests replace it to make an article
// panic.
var extractArticle = func(a *quotes.Article, hash string) []attribution.Record {
	if hash == "" {
		return attribution.Attribute(a, quotes.Extract(a.Text))
	}
	return attribution.AttributeHashed(a, quotes.Extract(a.Text), hash)
}

// extractSafely runs extractArticle, turning a panic into an outcome
// instead of a crash of the whole process.
func extractSafely(a *quotes.Article, hash string) (o outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = outcome{panic: r}
		}
	}()
	return outcome{recs: extractArticle(a, hash)}
}

func newPipeline(workers int, warn func(error), fn func(a *quotes.Article, hash string, recs []attribution.Record) error) *pipeline {
	workers = max(workers, 1)
	p := &pipeline{fn: fn, warn: warn, jobs: make(chan *job, 64*workers), order: make(chan *job, 64*workers), done: make(chan struct{})}
	for range workers {
		go func() {
			for j := range p.jobs {
				j.out <- extractSafely(j.a, j.hash)
			}
		}()
	}
	go func() {
		defer close(p.done)
		for j := range p.order {
			o := <-j.out
			if p.failed.Load() != nil {
				continue
			}
			if o.panic != nil {
				p.crashed++
				p.warn(fmt.Errorf("%s: article %q skipped: internal error: %v (please report it with this article)", j.source, j.a.ID, o.panic))
				continue
			}
			if err := p.fn(j.a, j.hash, o.recs); err != nil {
				p.failed.Store(&err)
			}
		}
	}()
	return p
}

// send queues an article read from source, with its ContentHash when
// known; it reports fn's first error, after which the caller should stop
// sending.
func (p *pipeline) send(a *quotes.Article, hash, source string) error {
	if err := p.failed.Load(); err != nil {
		return *err
	}
	j := &job{a: a, hash: hash, source: source, out: make(chan outcome, 1)}
	p.order <- j
	p.jobs <- j
	return nil
}

// close waits for every queued article to reach fn and reports fn's first
// error.
func (p *pipeline) close() error {
	close(p.jobs)
	close(p.order)
	<-p.done
	if err := p.failed.Load(); err != nil {
		return *err
	}
	return nil
}
