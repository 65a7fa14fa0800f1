package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/urfave/cli/v2"

	"github.com/isnad/isnad/attribution"
	"github.com/isnad/isnad/compare"
	"github.com/isnad/isnad/evaluation"
	"github.com/isnad/isnad/quotes"
)

type evalOptions struct {
	gold    string
	groups  string
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
   isnad eval --gold dev.gold.jsonl --format json dev.articles.jsonl
   isnad eval --groups dev.groups.jsonl dev.articles.jsonl       # the compare report's grouping`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "gold", Aliases: []string{"g"}, Usage: "gold answers, JSONL"},
			&cli.StringFlag{Name: "groups", Usage: "same-event groups, JSONL: also score the compare report (pairwise precision and recall)"},
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: text or json"},
			&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "list misses, false positives and wrong fields"},
		},
		Action: func(c *cli.Context) error {
			paths, err := e.paths(c)
			if err != nil {
				return err
			}
			opts := evalOptions{gold: c.String("gold"), groups: c.String("groups"), format: c.String("format"), verbose: c.Bool("verbose")}
			if opts.gold == "" && opts.groups == "" {
				return usagef("eval: give --gold, --groups or both")
			}
			return runEval(c.Context, e, opts, paths)
		},
	}
}

// evaluate runs extraction over paths and scores it against the gold
// file and, when given, the compare report against the groups file.
func (e *env) evaluate(ctx context.Context, goldPath string, paths []string) (evaluation.Report, error) {
	rep, _, err := e.evaluateAll(ctx, goldPath, "", paths)
	return rep, err
}

// evalResult is what eval prints.
type evalResult struct {
	evaluation.Report
	Groups *evaluation.GroupsReport `json:"groups,omitempty"`
}

func (e *env) evaluateAll(ctx context.Context, goldPath, groupsPath string, paths []string) (evaluation.Report, *evaluation.GroupsReport, error) {
	var gold []evaluation.Gold
	if goldPath != "" {
		f, err := os.Open(goldPath)
		if err != nil {
			return evaluation.Report{}, nil, usagef("--gold: %v", err)
		}
		defer f.Close()
		if gold, err = evaluation.ReadGold(f); err != nil {
			return evaluation.Report{}, nil, fmt.Errorf("%s: %w", goldPath, err)
		}
	}
	var groups []evaluation.GoldGroup
	if groupsPath != "" {
		f, err := os.Open(groupsPath)
		if err != nil {
			return evaluation.Report{}, nil, usagef("--groups: %v", err)
		}
		defer f.Close()
		if groups, err = evaluation.ReadGroups(f); err != nil {
			return evaluation.Report{}, nil, fmt.Errorf("%s: %w", groupsPath, err)
		}
	}
	var preds []evaluation.Prediction
	var all []attribution.Record
	perr := e.process(ctx, paths, overrides{}, func(_ *quotes.Article, recs []attribution.Record) error {
		for _, r := range recs {
			preds = append(preds, evaluation.Prediction{
				Article: r.Article, Text: r.Quote, Kind: r.Kind,
				Speaker: deref(r.Speaker), SaidOn: deref(r.SaidOn),
			})
		}
		if groups != nil {
			all = append(all, recs...)
		}
		return nil
	})
	if perr != nil && perr != errInputsFailed {
		return evaluation.Report{}, nil, perr
	}
	var gr *evaluation.GroupsReport
	if groups != nil {
		rep, err := compare.Compare(ctx, all, compare.Options{})
		if err != nil {
			return evaluation.Report{}, nil, err
		}
		g := evaluation.ScoreGroups(groups, rep)
		gr = &g
	}
	return evaluation.Score(gold, preds), gr, perr
}

func runEval(ctx context.Context, e *env, opts evalOptions, paths []string) error {
	if opts.format != "text" && opts.format != "json" {
		return usagef("--format %q: want text or json", opts.format)
	}
	rep, groups, err := e.evaluateAll(ctx, opts.gold, opts.groups, paths)
	if err != nil && err != errInputsFailed {
		return err
	}
	if !opts.verbose {
		rep.Misses, rep.FalsePositives, rep.Mismatches = nil, nil, nil
		if groups != nil {
			groups.Missed, groups.Spurious = nil, nil
		}
	}
	if opts.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if werr := enc.Encode(evalResult{rep, groups}); werr != nil {
			return werr
		}
		return err
	}
	if opts.gold != "" {
		writeReport(e.stdout, rep)
	}
	if groups != nil {
		fmt.Fprintf(e.stdout, "compare       pairwise precision %.3f (%d/%d), recall %.3f (%d/%d), f1 %.3f\n",
			groups.Precision.Value(), groups.Precision.Hits, groups.Precision.Total,
			groups.Recall.Value(), groups.Recall.Hits, groups.Recall.Total, groups.F1)
		writeLinks(e.stdout, "LINK-MISS", groups.Missed)
		writeLinks(e.stdout, "LINK-FP", groups.Spurious)
	}
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

// writeLinks lists same-statement links of the groups score, one pair per
// entry.
func writeLinks(w io.Writer, label string, ls []evaluation.GroupLink) {
	for _, l := range ls {
		fmt.Fprintf(w, "%s %s\n      %s «%s»\n      %s «%s»\n", label, l.Group, l.A.Article, l.A.Text, l.B.Article, l.B.Text)
	}
}
