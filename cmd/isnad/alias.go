package main

import (
	"fmt"

	"github.com/urfave/cli/v2"
)

func newAliasCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "alias",
		Usage: "merge spellings of one speaker that isnad keeps apart",
		Description: `isnad merges hamza, alef and transliteration variants by itself; an alias merges
what it cannot know (توم باراك / البرّاك). Merges apply to the quotes already
stored and to every later ingest.

Examples:
   isnad alias add "توم باراك" "توماس البراك" "البراك"
   isnad alias list
   isnad alias rm "البراك"`,
		Subcommands: []*cli.Command{
			{
				Name:      "add",
				Usage:     "merge VARIANT... into CANONICAL",
				ArgsUsage: "CANONICAL VARIANT...",
				Flags:     []cli.Flag{dbFlag()},
				Action: func(c *cli.Context) error {
					if c.Args().Len() < 2 {
						return usagef("alias add: want CANONICAL and at least one VARIANT")
					}
					db, err := openDB(c, false)
					if err != nil {
						return err
					}
					defer db.Close()
					if _, err := db.AddAlias(c.Context, c.Args().First(), c.Args().Tail()...); err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "merged %d name(s) into %s\n", c.Args().Len()-1, c.Args().First())
					return nil
				},
			},
			{
				Name:      "rm",
				Usage:     "undo the merge of VARIANT",
				ArgsUsage: "VARIANT...",
				Flags:     []cli.Flag{dbFlag()},
				Action: func(c *cli.Context) error {
					if c.Args().Len() == 0 {
						return usagef("alias rm: want at least one VARIANT")
					}
					db, err := openDB(c, false)
					if err != nil {
						return err
					}
					defer db.Close()
					for _, v := range c.Args().Slice() {
						if err := db.RemoveAlias(c.Context, v); err != nil {
							return err
						}
					}
					return nil
				},
			},
			{
				Name:  "list",
				Usage: "list the merges",
				Flags: []cli.Flag{dbFlag()},
				Action: func(c *cli.Context) error {
					if err := noArgs(c); err != nil {
						return err
					}
					db, err := openDB(c, true)
					if err != nil {
						return err
					}
					defer db.Close()
					as, err := db.Aliases(c.Context)
					if err != nil {
						return err
					}
					if len(as) == 0 {
						fmt.Fprintln(e.stdout, "no aliases")
					}
					for _, a := range as {
						fmt.Fprintf(e.stdout, "%s ← %s\n", a.Canonical, a.Variant)
					}
					return nil
				},
			},
		},
	}
}
