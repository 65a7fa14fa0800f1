package evaluation

import (
	"strings"
	"testing"

	"github.com/isnad/isnad/quotes"
)

func str(s string) *string { return &s }

func TestScore(t *testing.T) {
	gold := []Gold{{Article: "a", Quotes: []GoldQuote{
		{Text: "سننجز المرحلة الأولى خلال 18 شهرا", Kind: "direct", Speaker: str("سامر الحداد"), Aliases: []string{"الحداد"}, SaidOn: str("2025-03-11")},
		{Text: "حلم الأجيال", Kind: "partial", Speaker: str("سامر الحداد")},
		{Text: "الوادي الأخضر", Kind: "other"},
		{Text: "غامض جدا", Kind: Ambiguous},
		{Text: "كلام بلا قائل معروف هنا", Kind: "direct", Speaker: str(Unknown)},
	}}}
	tests := []struct {
		name  string
		preds []Prediction
		check func(t *testing.T, r Report)
	}{
		{"nothing predicted", nil, func(t *testing.T, r Report) {
			if r.Recall != (Ratio{0, 3}) || r.Precision.Total != 0 {
				t.Errorf("recall %v precision %v", r.Recall, r.Precision)
			}
		}},
		{"found with 80 percent coverage, hamza and digit variants ignored", []Prediction{
			{Article: "a", Text: "سننجز المرحلة الاولى خلال ١٨", Kind: quotes.Direct, Speaker: "سامر الحداد", SaidOn: "2025-03-11"},
		}, func(t *testing.T, r Report) {
			if r.Recall.Hits != 1 || r.Precision.Hits != 1 {
				t.Errorf("recall %v precision %v", r.Recall, r.Precision)
			}
			if r.SpeakerFull != (Ratio{1, 1}) || r.SaidOn != (Ratio{1, 1}) || r.Kind != (Ratio{1, 1}) {
				t.Errorf("speaker %v said_on %v kind %v", r.SpeakerFull, r.SaidOn, r.Kind)
			}
		}},
		{"below 80 percent is a miss and a false positive", []Prediction{
			{Article: "a", Text: "سننجز المرحلة", Kind: quotes.Direct},
		}, func(t *testing.T, r Report) {
			if r.Recall.Hits != 0 || len(r.Misses) != 3 {
				t.Errorf("recall %v misses %d", r.Recall, len(r.Misses))
			}
			if r.Precision.Hits != 1 {
				t.Errorf("a prediction inside gold speech is correct: %v", r.Precision)
			}
		}},
		{"other predicted as speech is a false positive", []Prediction{
			{Article: "a", Text: "الوادي الأخضر", Kind: quotes.Partial},
		}, func(t *testing.T, r Report) {
			if r.Precision != (Ratio{0, 1}) || len(r.FalsePositives) != 1 {
				t.Errorf("precision %v", r.Precision)
			}
		}},
		{"other predictions are not scored", []Prediction{
			{Article: "a", Text: "كلام لا وجود له", Kind: quotes.Other},
		}, func(t *testing.T, r Report) {
			if r.Predicted != 0 {
				t.Errorf("predicted %d", r.Predicted)
			}
		}},
		{"ambiguous gold is neither a miss nor a false positive", []Prediction{
			{Article: "a", Text: "غامض جدا", Kind: quotes.Partial},
		}, func(t *testing.T, r Report) {
			if r.Precision != (Ratio{1, 1}) || r.Recall.Total != 3 {
				t.Errorf("precision %v recall %v", r.Precision, r.Recall)
			}
		}},
		{"alias counts for speaker_any only; UNKNOWN is not scored", []Prediction{
			{Article: "a", Text: "حلم الأجيال", Kind: quotes.Direct, Speaker: "الحداد"},
			{Article: "a", Text: "سننجز المرحلة الأولى خلال 18 شهرا", Kind: quotes.Direct, Speaker: "الحداد"},
			{Article: "a", Text: "كلام بلا قائل معروف هنا", Kind: quotes.Direct, Speaker: "أحد"},
		}, func(t *testing.T, r Report) {
			if r.SpeakerFull != (Ratio{0, 2}) || r.SpeakerAny != (Ratio{1, 2}) {
				t.Errorf("speaker_full %v speaker_any %v", r.SpeakerFull, r.SpeakerAny)
			}
			if r.Kind != (Ratio{2, 3}) {
				t.Errorf("kind %v", r.Kind)
			}
		}},
		{"other articles are not scored", []Prediction{
			{Article: "b", Text: "سننجز المرحلة الأولى خلال 18 شهرا", Kind: quotes.Direct},
		}, func(t *testing.T, r Report) {
			if r.Predicted != 0 || r.Recall.Hits != 0 {
				t.Errorf("predicted %d recall %v", r.Predicted, r.Recall)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.check(t, Score(gold, tt.preds)) })
	}
}

func TestReadGold(t *testing.T) {
	in := `{"article": "a", "quotes": [{"text": "نص", "kind": "direct", "speaker": null, "aliases": [], "role": null, "cue": null, "said_on": null}]}

{"article": "b", "quotes": []}
`
	g, err := ReadGold(strings.NewReader(in))
	if err != nil || len(g) != 2 || g[0].Quotes[0].Speaker != nil {
		t.Fatalf("ReadGold = %+v, %v", g, err)
	}
	if _, err := ReadGold(strings.NewReader("{\"article\": \"a\"}\nnot json\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("want an error naming line 2, got %v", err)
	}
}

func TestSpeakerKey(t *testing.T) {
	if SpeakerKey("سيرغي لافروف") != SpeakerKey(" سيرغي  لافروف، ") {
		t.Error("punctuation and spacing must not change the key")
	}
	if SpeakerKey("أسعد الشيباني") != SpeakerKey("اسعد الشيبانى") {
		t.Error("hamza and alef maksura must not change the key")
	}
}
