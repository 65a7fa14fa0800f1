package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/store"
)

// speakerView is a speaker as the speakers command prints it.
type speakerView struct {
	Name      string   `json:"name"`
	Key       string   `json:"key"`
	Aliases   []string `json:"aliases"`
	Roles     []string `json:"roles"`
	Quotes    int      `json:"quotes"`
	Outlets   []string `json:"outlets"`
	FirstSaid string   `json:"first_said"`
	LastSaid  string   `json:"last_said"`
}

// byCount returns the keys of m, most counted first, then alphabetically.
func byCount(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if m[out[i]] != m[out[j]] {
			return m[out[i]] > m[out[j]]
		}
		return out[i] < out[j]
	})
	return out
}

func view(s store.Speaker) speakerView {
	var aliases []string
	for _, a := range byCount(s.Aliases) {
		if a != s.Name {
			aliases = append(aliases, a)
		}
	}
	if aliases == nil {
		aliases = []string{}
	}
	return speakerView{Name: s.Name, Key: s.Key, Aliases: aliases, Roles: byCount(s.Roles), Quotes: s.Quotes,
		Outlets: byCount(s.Outlets), FirstSaid: s.FirstSaid, LastSaid: s.LastSaid}
}

func newSpeakersCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:  "speakers",
		Usage: "list the people and organisations quoted, most quoted first",
		Description: `Lists every speaker with the spellings seen, roles, number of quotes, outlets
and the first and last day quoted.

Examples:
   isnad speakers --top 20
   isnad speakers --format csv > speakers.csv`,
		Flags: []cli.Flag{dbFlag(),
			&cli.IntFlag{Name: "top", Usage: "only the N most quoted (0: all)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "text, jsonl, json or csv"},
		},
		Action: func(c *cli.Context) error {
			format, db, err := openForReading(c, "text", "jsonl", "json", "csv")
			if err != nil {
				return err
			}
			defer db.Close()
			ss, err := db.Speakers(c.Context, c.Int("top"))
			if err != nil {
				return err
			}
			views := make([]speakerView, len(ss))
			for i, s := range ss {
				views[i] = view(s)
			}
			return writeSpeakers(e, views, format)
		},
	}
}

func writeSpeakers(e *env, views []speakerView, format string) error {
	w := bufio.NewWriter(e.stdout)
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(views); err != nil {
			return err
		}
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for i := range views {
			if err := enc.Encode(&views[i]); err != nil {
				return err
			}
		}
	case "csv":
		w.WriteString("\uFEFF")
		cw := csv.NewWriter(w)
		cw.Write([]string{"name", "key", "aliases", "roles", "quotes", "outlets", "first_said", "last_said"})
		for _, v := range views {
			cw.Write([]string{neutralize(v.Name), v.Key, neutralize(strings.Join(v.Aliases, "; ")), neutralize(strings.Join(v.Roles, "; ")),
				strconv.Itoa(v.Quotes), neutralize(strings.Join(v.Outlets, "; ")), v.FirstSaid, v.LastSaid})
		}
		cw.Flush()
		if err := cw.Error(); err != nil {
			return err
		}
	default:
		if len(views) == 0 {
			fmt.Fprintln(w, "no speakers yet: run \"isnad ingest\" first")
		}
		for _, v := range views {
			fmt.Fprintf(w, "%4d  %s", v.Quotes, v.Name)
			if len(v.Roles) > 0 {
				fmt.Fprintf(w, " — %s", v.Roles[0])
			}
			fmt.Fprintf(w, "\n      %s … %s · %s", dash(v.FirstSaid), dash(v.LastSaid), strings.Join(v.Outlets, "، "))
			if len(v.Aliases) > 0 {
				fmt.Fprintf(w, "\n      also written: %s", strings.Join(v.Aliases, "، "))
			}
			fmt.Fprintln(w)
		}
	}
	return w.Flush()
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
