package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/quotes"
	"github.com/isnad/isnad/store"
)

// queryFlags are the filters shared by quotes and export.
func queryFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "speaker", Aliases: []string{"s"}, Usage: "speaker name; any spelling or the surname alone"},
		&cli.StringFlag{Name: "from", Usage: "said on or after this day, YYYY-MM-DD"},
		&cli.StringFlag{Name: "to", Usage: "said on or before this day, YYYY-MM-DD"},
		&cli.StringFlag{Name: "outlet", Usage: "only quotes published by this outlet (exact name)"},
		&cli.StringFlag{Name: "kind", Usage: "direct, partial or other"},
		&cli.IntFlag{Name: "limit", Usage: "at most this many quotes (0: all)"},
	}
}

// query turns the filter flags into a store query, resolving --speaker.
// An unknown or ambiguous speaker is an error that says what to do.
func query(ctx context.Context, c *cli.Context, db *store.DB) (store.Query, error) {
	q := store.Query{From: c.String("from"), To: c.String("to"), Outlet: c.String("outlet"), Kind: quotes.Kind(c.String("kind")), Limit: c.Int("limit")}
	for _, d := range []struct{ flag, v string }{{"from", q.From}, {"to", q.To}} {
		if d.v == "" {
			continue
		}
		t, ok := attribution.ParsePublished(d.v)
		if !ok {
			return q, usagef("--%s %q: not a date (want YYYY-MM-DD)", d.flag, d.v)
		}
		if d.flag == "from" {
			q.From = t.Format("2006-01-02")
		} else {
			q.To = t.Format("2006-01-02")
		}
	}
	switch q.Kind {
	case "", quotes.Direct, quotes.Partial, quotes.Other:
	default:
		return q, usagef("--kind %q: want direct, partial or other", q.Kind)
	}
	if q.Limit < 0 {
		return q, usagef("--limit %d: want 0 or more", q.Limit)
	}
	name := c.String("speaker")
	if name == "" {
		return q, nil
	}
	ss, err := db.FindSpeakers(ctx, name)
	if err != nil {
		return q, err
	}
	switch len(ss) {
	case 0:
		return q, usagef("no speaker matches %q (see \"isnad speakers\")", name)
	case 1:
		q.Speakers = []string{ss[0].Key}
		return q, nil
	}
	// A full name written exactly as one of them names that one: "دونالد
	// ترامب" is not also ترامب alone. A surname alone stays ambiguous.
	var exact []store.Speaker
	for _, s := range ss {
		if len(strings.Fields(name)) >= 2 && quotes.Fold(s.Name) == quotes.Fold(name) {
			exact = append(exact, s)
		}
	}
	if len(exact) == 1 {
		q.Speakers = []string{exact[0].Key}
		return q, nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%q is ambiguous; give the full name of one of:", name)
	for _, s := range ss {
		fmt.Fprintf(&b, "\n  %s (%d quotes)", s.Name, s.Quotes)
	}
	return q, usageError{b.String()}
}

func newQuotesCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "quotes",
		Usage: "look quotes up by speaker, day, outlet or kind",
		Description: `Prints the stored quotes that the filters select, by speaker and day. --speaker
matches through spelling variants and the surname alone (لافروف, سيرجي لافروف and
سيرغي لافروف find the same person); a name two people share lists them instead.

Examples:
   isnad quotes --speaker لافروف
   isnad quotes --speaker "سيرغي لافروف" --from 2025-06-01 --to 2025-06-30
   isnad quotes --outlet "صحيفة الأفق" --kind direct --format jsonl`,
		Flags: append([]cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, jsonl, json or csv"},
		}, queryFlags()...),
		Action: func(c *cli.Context) error {
			format, db, err := openForReading(c, "text", "jsonl", "json", "csv")
			if err != nil {
				return err
			}
			defer db.Close()
			q, err := query(c.Context, c, db)
			if err != nil {
				return err
			}
			return writeQuotes(c.Context, e.stdout, db, q, format, true, false)
		},
	}
}

// writeQuotes streams the selected quotes to w in a format.
func writeQuotes(ctx context.Context, out io.Writer, db *store.DB, q store.Query, format string, bom, raw bool) error {
	w := bufio.NewWriterSize(out, 64<<10)
	var each func(r attribution.Record) error
	var end func() error
	n := 0
	switch format {
	case "csv":
		cw, err := newCSVWriter(w, bom, raw)
		if err != nil {
			return err
		}
		each = func(r attribution.Record) error { return cw.record(&r) }
		end = cw.flush
	case "jsonl", "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		each = func(r attribution.Record) error {
			if format == "json" {
				sep := ",\n"
				if n == 0 {
					sep = "[\n"
				}
				if _, err := io.WriteString(w, sep); err != nil {
					return err
				}
			}
			n++
			return enc.Encode(&r)
		}
		end = func() error {
			if format != "json" {
				return nil
			}
			if n == 0 {
				_, err := io.WriteString(w, "[]\n")
				return err
			}
			_, err := io.WriteString(w, "]\n")
			return err
		}
	default: // text
		each = func(r attribution.Record) error {
			n++
			who := deref(r.Speaker)
			if who == "" {
				who = "—"
			}
			when := deref(r.SaidOn)
			if when == "" {
				when = "—"
			}
			_, err := fmt.Fprintf(w, "%s · %s · %s\n  «%s»\n", who, when, deref(r.Outlet), quotes.Display(r.Quote))
			return err
		}
		end = func() error {
			if n == 0 {
				_, err := io.WriteString(w, "no quotes match\n")
				return err
			}
			return nil
		}
	}
	if err := db.Quotes(ctx, q, each); err != nil {
		return err
	}
	if err := end(); err != nil {
		return err
	}
	return w.Flush()
}

// noArgs refuses positional arguments for commands that take none
// (a flag written after one would be silently lost).
func noArgs(c *cli.Context) error {
	if c.Args().Len() > 0 {
		return usagef("%s takes no arguments, got %q (flags go before any argument)", c.Command.Name, c.Args().First())
	}
	return nil
}
