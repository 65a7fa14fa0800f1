package main

import (
	"context"

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
	return e.processUnless(ctx, paths, o, nil, fn)
}

// processUnless is process that first asks skip (when not nil) about each
// article and leaves out, unextracted, those it says to skip.
func (e *env) processUnless(ctx context.Context, paths []string, o overrides, skip func(a *quotes.Article) (bool, error), fn func(a *quotes.Article, recs []attribution.Record) error) error {
	r := &input.Reader{Stdin: e.stdin, Warn: e.warn}
	failed, err := r.Each(ctx, paths, func(it input.Item) error {
		a := it.Article
		o.apply(&a)
		if skip != nil {
			if yes, err := skip(&a); err != nil || yes {
				return err
			}
		}
		return fn(&a, attribution.Attribute(&a, quotes.Extract(a.Text)))
	})
	if err != nil {
		return err
	}
	if failed > 0 {
		return errInputsFailed
	}
	return nil
}
