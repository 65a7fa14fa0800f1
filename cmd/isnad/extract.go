package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
)

type extractOptions struct {
	format string
	over   overrides
}

func newExtractCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "extract",
		Usage:     "print the quotations of articles as records",
		ArgsUsage: "PATH...",
		Description: `Reads every article of every PATH (a .txt page, a JSONL file, a directory, or -
for standard input) and prints one record per quoted span, in input order:
{"id","article","outlet","url","published","quote","kind","start","end","speaker",
"mention","role","cue","said_on","said_on_basis","credited","confidence"}.
start/end are byte offsets of the quote text (without its marks) in the article
text. Unknown fields are null.

Input may be UTF-8, UTF-16 or Windows-1256, optionally gzip-compressed. A
binary, empty or unreadable input, or a JSONL line that is not an article, is
named on stderr (FILE:LINE for JSONL) and skipped; the rest is still read and
the exit status is 2.

Examples:
   isnad extract testdata/sample/pages/
   isnad extract --format text testdata/sample/articles.jsonl
   isnad extract --outlet "الوكالة" --published 2025-06-05 page.txt
   zcat crawl.jsonl.gz | isnad extract - > quotes.jsonl`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "jsonl", Usage: "output format: jsonl, json or text"},
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
			opts := extractOptions{format: c.String("format"), over: over}
			return runExtract(c.Context, e, opts, paths)
		},
	}
}

func runExtract(ctx context.Context, e *env, opts extractOptions, paths []string) error {
	defer streamingGC(0)()
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	out, err := newRecordWriter(w, opts.format)
	if err != nil {
		return err
	}
	perr := e.process(ctx, paths, opts.over, func(a *quotes.Article, recs []attribution.Record) error {
		return out.article(a, recs)
	})
	if err := out.close(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return perr
}

// recordWriter writes records in one of the output formats.
type recordWriter struct {
	w      io.Writer
	format string
	enc    *json.Encoder // for the records AppendJSON leaves to encoding/json
	buf    []byte        // a record encoded by AppendJSON, reused
	n      int
}

func newRecordWriter(w io.Writer, format string) (*recordWriter, error) {
	switch format {
	case "jsonl", "json", "text":
	default:
		return nil, usagef("--format %q: want jsonl, json or text", format)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	rw := &recordWriter{w: w, format: format, enc: enc}
	if format == "json" {
		if _, err := io.WriteString(w, "["); err != nil {
			return nil, err
		}
	}
	return rw, nil
}

func (rw *recordWriter) article(a *quotes.Article, recs []attribution.Record) error {
	if rw.format == "text" {
		return rw.text(a, recs)
	}
	for i := range recs {
		if rw.format == "json" {
			sep := ",\n"
			if rw.n == 0 {
				sep = "\n"
			}
			if _, err := io.WriteString(rw.w, sep); err != nil {
				return err
			}
		}
		if err := rw.record(&recs[i]); err != nil {
			return err
		}
		rw.n++
	}
	return nil
}

// record writes r and a newline, as json.Encoder.Encode does.
func (rw *recordWriter) record(r *attribution.Record) error {
	b, ok := r.AppendJSON(rw.buf[:0])
	if !ok {
		return rw.enc.Encode(r) // for encoding/json's error
	}
	rw.buf = append(b, '\n')
	_, err := rw.w.Write(rw.buf)
	return err
}

func (rw *recordWriter) close() error {
	if rw.format == "json" {
		_, err := io.WriteString(rw.w, "]\n")
		return err
	}
	return nil
}

// text writes one block per article: a header line, then one line per
// quote with its kind, speaker and date when known, and the quote itself.
func (rw *recordWriter) text(a *quotes.Article, recs []attribution.Record) error {
	header := attribution.ArticleID(a)
	if a.Outlet != "" {
		header += " · " + a.Outlet
	}
	if day := attribution.PublishedDay(a); day != "" {
		header += " · " + day
	}
	if _, err := fmt.Fprintf(rw.w, "== %s (%d quotes)\n", header, len(recs)); err != nil {
		return err
	}
	for _, r := range recs {
		who := "—"
		if r.Speaker != nil {
			who = *r.Speaker
		}
		when := ""
		if r.SaidOn != nil {
			when = " " + *r.SaidOn
		}
		if _, err := fmt.Fprintf(rw.w, "%-7s %s%s: «%s»\n", r.Kind, who, when, quotes.Display(r.Quote)); err != nil {
			return err
		}
	}
	_, err := io.WriteString(rw.w, "\n")
	rw.n += len(recs)
	return err
}
