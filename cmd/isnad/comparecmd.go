package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/compare"
)

func newCompareCommand(e *env) *cli.Command {
	flags := []cli.Flag{dbFlag(),
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, markdown, html or json"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file instead of standard output"},
		&cli.IntFlag{Name: "min-outlets", Value: 2, Usage: "report statements quoted by at least N outlets"},
		&cli.BoolFlag{Name: "changed", Usage: "only statements whose versions differ"},
	}
	for _, f := range queryFlags() {
		if n := f.Names()[0]; n == "speaker" || n == "from" || n == "to" || n == "outlet" {
			flags = append(flags, f)
		}
	}
	return &cli.Command{
		Name:  "compare",
		Usage: "put the versions of one statement from different outlets side by side",
		Description: `Groups the stored quotes that report the same statement in different articles
(spelling and digit variants, trimmed or extended quotes, one quoting a part of
the other), takes the earliest published as the reference, and shows how every
other version differs from it, word by word, with flags: number (a figure
differs; 34 and ٣٤ are the same), negation (لا، لم، لن، ليس، غير، ما added or
removed), omission and addition (a clause of three words or more), wording.

With PATHs, the articles they hold are ingested first (as "isnad ingest" does),
so one command goes from files to report.

Examples:
   isnad compare --changed testdata/sample/articles.jsonl
   isnad compare --changed
   isnad compare --speaker الحداد --format markdown
   isnad compare --format html -o report.html
   isnad compare --format json --from 2025-03-01 --to 2025-03-31`,
		ArgsUsage: "[PATH...]",
		Flags:     flags,
		Action: func(c *cli.Context) error {
			var paths []string
			if c.Args().Len() > 0 {
				var err error
				if paths, err = e.paths(c); err != nil {
					return err
				}
			}
			format, err := formatFlag(c, "text", "markdown", "html", "json")
			if err != nil {
				return err
			}
			if c.Int("min-outlets") < 1 {
				return usagef("--min-outlets %d: want 1 or more", c.Int("min-outlets"))
			}
			var inErr error
			if len(paths) > 0 {
				// Ingest the given articles first: one command from files
				// to report (idempotent, so running it again is cheap).
				db, err := openDB(c, false)
				if err != nil {
					return err
				}
				inErr = runIngest(c.Context, e, db, ingestOptions{quiet: true}, paths)
				db.Close()
				if inErr != nil && inErr != errInputsFailed {
					return inErr
				}
			}
			db, err := openDB(c, true)
			if err != nil {
				return err
			}
			defer db.Close()
			q, err := query(c.Context, c, db)
			if err != nil {
				return err
			}
			// --outlet selects statements an outlet reported, compared
			// with every other outlet's version: filter after grouping.
			outlet := q.Outlet
			q.Outlet = ""
			var recs []attribution.Record
			err = db.Quotes(c.Context, q, func(r attribution.Record) error {
				if r.Kind.Attributed() {
					recs = append(recs, r)
				}
				return nil
			})
			if err != nil {
				return err
			}
			// The records are copies: unmap the file before grouping, so
			// the pages read do not add to the peak memory of the diffs.
			if err := db.Close(); err != nil {
				return fmt.Errorf("close %s: %w", db.Path(), err)
			}
			rep, err := compare.Compare(c.Context, recs, compare.Options{MinOutlets: c.Int("min-outlets"), Changed: c.Bool("changed")})
			if err != nil {
				return err
			}
			if outlet != "" {
				rep = rep.WithOutlet(outlet)
			}
			out, color := e.stdout, isTerminal(e.stdout)
			if path := c.String("output"); path != "" {
				f, err := os.Create(path)
				if err != nil {
					return fmt.Errorf("compare: %w", err)
				}
				defer f.Close()
				out, color = f, false
			}
			w := bufio.NewWriter(out)
			if err := writeReportAs(w, rep, format, color); err != nil {
				return err
			}
			if err := w.Flush(); err != nil {
				return fmt.Errorf("compare: %w", err)
			}
			if f, ok := out.(*os.File); ok && out != e.stdout {
				if err := f.Close(); err != nil {
					return err
				}
			}
			return inErr
		},
	}
}

func writeReportAs(w io.Writer, rep compare.Report, format string, color bool) error {
	switch format {
	case "json":
		return compare.WriteJSON(w, rep)
	case "markdown":
		return compare.WriteMarkdown(w, rep)
	case "html":
		return compare.WriteHTML(w, rep)
	}
	return compare.WriteText(w, rep, color)
}

// isTerminal reports whether w is a terminal that shows colours.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
