package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/evaluation"
	"github.com/isnad/isnad/quotes"
)

type evalOptions struct {
	gold    string
	format  string
	verbose bool
}

func newEvalCommand(e *env) *cli.Command {
	return &cli.Command{
		Name:      "eval",
		Usage:     "score extraction against gold answers",
		ArgsUsage: "ARTICLES...",
		Description: `Runs isnad over ARTICLES and scores the result against a gold file (one
{"article","quotes":[{"text","kind","speaker","aliases","role","cue","said_on"}]}
per line) with the rules of DESIGN.md §6: precision and recall of attributed
quotes (direct and partial; 80 % token coverage), F1, kind accuracy, speaker
(full name, or any alias) and said_on accuracy over found quotes.
Only articles that appear in the gold are scored.

Examples:
   isnad eval --gold dev.gold.jsonl dev.articles.jsonl
   isnad eval --gold dev.gold.jsonl -v dev.articles.jsonl     # list misses and false positives
   isnad eval --gold dev.gold.jsonl --format json dev.articles.jsonl`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Aliases: []string{"g"}, Required: true, Usage: "gold answers, JSONL"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text or json"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list misses, false positives and wrong fields"},
		},
		Action: func(c *cli.Context) error {
			paths, err := e.paths(c)
			if err != nil {
				return err
			}
			return runEval(c.Context, e, evalOptions{gold: c.String("gold"), format: c.String("format"), verbose: c.Bool("verbose")}, paths)
		},
	}
}

// evaluate runs extraction over paths and scores it against the gold file.
func (e *env) evaluate(ctx context.Context, goldPath string, paths []string) (evaluation.Report, error) {
	f, err := os.Open(goldPath)
	if err != nil {
		return evaluation.Report{}, usagef("--gold: %v", err)
	}
	defer f.Close()
	gold, err := evaluation.ReadGold(f)
	if err != nil {
		return evaluation.Report{}, fmt.Errorf("%s: %w", goldPath, err)
	}
	var preds []evaluation.Prediction
	perr := e.process(ctx, paths, overrides{}, func(_ *quotes.Article, recs []attribution.Record) error {
		for _, r := range recs {
			preds = append(preds, evaluation.Prediction{
				Article: r.Article, Text: r.Quote, Kind: r.Kind,
				Speaker: deref(r.Speaker), SaidOn: deref(r.SaidOn),
			})
		}
		return nil
	})
	return evaluation.Score(gold, preds), perr
}

func runEval(ctx context.Context, e *env, opts evalOptions, paths []string) error {
	if opts.format != "text" && opts.format != "json" {
		return usagef("--format %q: want text or json", opts.format)
	}
	rep, err := e.evaluate(ctx, opts.gold, paths)
	if err != nil && err != errInputsFailed {
		return err
	}
	if !opts.verbose {
		rep.Misses, rep.FalsePositives, rep.Mismatches = nil, nil, nil
	}
	if opts.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if werr := enc.Encode(rep); werr != nil {
			return werr
		}
		return err
	}
	writeReport(e.stdout, rep)
	return err
}

func writeReport(w io.Writer, r evaluation.Report) {
	row := func(name string, x evaluation.Ratio) {
		fmt.Fprintf(w, "%-13s %.3f  (%d/%d)\n", name, x.Value(), x.Hits, x.Total)
	}
	fmt.Fprintf(w, "articles      %d\ngold quotes   %d (attributed)\npredicted     %d (attributed)\n", r.Articles, r.Gold, r.Predicted)
	row("precision", r.Precision)
	row("recall", r.Recall)
	fmt.Fprintf(w, "%-13s %.3f\n", "f1", r.F1)
	row("kind", r.Kind)
	row("speaker_full", r.SpeakerFull)
	row("speaker_any", r.SpeakerAny)
	row("said_on", r.SaidOn)
	for _, m := range r.Misses {
		fmt.Fprintf(w, "MISS  %s [%s] cov=%.2f «%s»\n", m.Article, m.Kind, m.Coverage, m.Text)
	}
	for _, p := range r.FalsePositives {
		fmt.Fprintf(w, "FP    %s [%s] cov=%.2f «%s»\n", p.Article, p.Kind, p.Coverage, p.Text)
	}
	for _, m := range r.Mismatches {
		fmt.Fprintf(w, "WRONG %s %s gold=%q got=%q «%s»\n", m.Article, m.Field, m.Gold, m.Got, m.Text)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
