package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"
)

func newStatsCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "count what the database holds",
		Description: `Prints the number of articles, quotes by kind, speakers, outlets and aliases, the
range of days quoted, and the size of the file.

Example:
   isnad stats --format json`,
		Flags: []cli.Flag{dbFlag(),
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text or json"},
		},
		Action: func(c *cli.Context) error {
			format, db, err := openForReading(c, "text", "json")
			if err != nil {
				return err
			}
			defer db.Close()
			st, err := db.Stats(c.Context)
			if err != nil {
				return err
			}
			if format == "json" {
				enc := json.NewEncoder(e.stdout)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			fmt.Fprintf(e.stdout, "database   %s (%.1f MB)\narticles   %d\nquotes     %d (direct %d, partial %d, other %d)\nspeakers   %d\noutlets    %d\naliases    %d\nsaid       %s … %s\n",
				db.Path(), float64(st.Bytes)/1e6, st.Articles, st.Quotes, st.ByKind["direct"], st.ByKind["partial"], st.ByKind["other"],
				st.Speakers, st.Outlets, st.Aliases, dash(st.FirstSaid), dash(st.LastSaid))
			return nil
		},
	}
}
