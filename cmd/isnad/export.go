package main

import (
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"
)

func newExportCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "export",
		Usage: "write quotes as CSV or JSONL for spreadsheets and pandas",
		Description: `Streams the stored quotes that the filters select (all by default) as CSV
(RFC 4180 with a header row: id, speaker, role, said_on, quote, kind, outlet,
published, url, article, cue, mention, credited, confidence) or as JSONL quote
records. The CSV starts with a UTF-8 byte order mark so that Excel shows Arabic
(--bom=false drops it), and cells a spreadsheet would run as a formula (starting
with = + - @, a tab or a carriage return, as Arabic dialogue dashes do) get a
leading '; --raw keeps every cell untouched for tools that are not spreadsheets.

Examples:
   isnad export --format csv -o quotes.csv
   isnad export --format jsonl --speaker لافروف > lavrov.jsonl
   isnad export --format csv --raw --bom=false | python3 -c 'import pandas, sys; print(pandas.read_csv(sys.stdin))'`,
		Flags: append([]cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "csv", Usage: "csv or jsonl"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write to this file instead of standard output"},
			&cli.BoolFlag{Name: "bom", Value: true, Usage: "start the CSV with a UTF-8 byte order mark"},
			&cli.BoolFlag{Name: "raw", Usage: "keep CSV cells untouched (no formula neutralization)"},
		}, queryFlags()...),
		Action: func(c *cli.Context) error {
			format, db, err := openForReading(c, "csv", "jsonl")
			if err != nil {
				return err
			}
			defer db.Close()
			q, err := query(c.Context, c, db)
			if err != nil {
				return err
			}
			var out io.Writer = e.stdout
			if path := c.String("output"); path != "" {
				f, err := os.Create(path)
				if err != nil {
					return fmt.Errorf("export: %w", err)
				}
				if err := writeQuotes(c.Context, f, db, q, format, c.Bool("bom"), c.Bool("raw")); err != nil {
					f.Close()
					return fmt.Errorf("export %s: %w", path, err)
				}
				if err := f.Close(); err != nil {
					return fmt.Errorf("export %s: %w", path, err)
				}
				return nil
			}
			return writeQuotes(c.Context, out, db, q, format, c.Bool("bom"), c.Bool("raw"))
		},
	}
}
