package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Floors of the dev-set figures (DESIGN.md §6 rules, ../shared/eval): a
// ratchet that later work may raise, never lower. Set at what the quotation
// engine reached (precision 0.968, recall 0.983, kind 0.975).
const (
	floorPrecision = 0.96
	floorRecall    = 0.98
	floorKind      = 0.96
	floorSaidOn    = 0.90 // said_on from the cue's sentence, the speaker's dated statements, جاء ذلك sentences, a weekday over أمس, the day a statement was put out (0.914)
	floorSpeaker   = 0.96 // speaker_full (0.970: posts resolved to their holders, names after naming verbs, أما … ف, issuers, relayed descriptions, على لسان, pronouns relayed by outlets, the headline form, media anaphora, ḥāl clauses, relative clauses, subheadings matched past a stop, verbal-noun objects)
	floorAlias     = 0.98 // speaker_any (0.983)
)

func TestDevSetRatchet(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval")
	gold := filepath.Join(dir, "dev.gold.jsonl")
	articles := filepath.Join(dir, "dev.articles.jsonl")
	if _, err := os.Stat(gold); err != nil {
		t.Skipf("dev set not available: %v", err)
	}
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut}
	rep, err := e.evaluate(context.Background(), gold, []string{articles})
	if err != nil {
		t.Fatalf("evaluate: %v\n%s", err, errOut.String())
	}
	t.Logf("precision %.3f recall %.3f f1 %.3f kind %.3f speaker_full %.3f speaker_any %.3f said_on %.3f",
		rep.Precision.Value(), rep.Recall.Value(), rep.F1, rep.Kind.Value(),
		rep.SpeakerFull.Value(), rep.SpeakerAny.Value(), rep.SaidOn.Value())
	for _, c := range []struct {
		name       string
		got, floor float64
	}{
		{"precision", rep.Precision.Value(), floorPrecision},
		{"recall", rep.Recall.Value(), floorRecall},
		{"kind", rep.Kind.Value(), floorKind},
		{"said_on", rep.SaidOn.Value(), floorSaidOn},
		{"speaker_full", rep.SpeakerFull.Value(), floorSpeaker},
		{"speaker_any", rep.SpeakerAny.Value(), floorAlias},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.3f fell below the floor %.2f", c.name, c.got, c.floor)
		}
	}
}

// Floors of the compare report's pairwise figures on the dev same-event
// groups (0.945 precision, 0.851 recall when set; the issue asks 0.90 and 0.85).
const (
	floorGroupPrecision = 0.93
	floorGroupRecall    = 0.85
)

func TestDevGroupsRatchet(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "eval")
	groups := filepath.Join(dir, "dev.groups.jsonl")
	if _, err := os.Stat(groups); err != nil {
		t.Skipf("dev groups not available: %v", err)
	}
	var out, errOut bytes.Buffer
	e := &env{stdout: &out, stderr: &errOut}
	_, g, err := e.evaluateAll(context.Background(), "", groups, []string{filepath.Join(dir, "dev.articles.jsonl")})
	if err != nil {
		t.Fatalf("evaluate: %v\n%s", err, errOut.String())
	}
	t.Logf("pairwise precision %.3f recall %.3f", g.Precision.Value(), g.Recall.Value())
	if g.Precision.Value() < floorGroupPrecision || g.Recall.Value() < floorGroupRecall {
		t.Errorf("pairwise precision %.3f / recall %.3f fell below %.2f / %.2f", g.Precision.Value(), g.Recall.Value(), floorGroupPrecision, floorGroupRecall)
	}
}
