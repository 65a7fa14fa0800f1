package evaluation

import (
	"github.com/isnad/isnad/quotes"
)

// Prediction is one predicted quote, as the scorer sees it.
type Prediction struct {
	Article string
	Text    string
	Kind    quotes.Kind
	Speaker string // "" when unknown
	SaidOn  string // YYYY-MM-DD, "" when unknown
}

// Threshold is the share of a quote's tokens that must be covered for it
// to count as found (gold) or correct (prediction).
const Threshold = 0.8

// Ratio is a count over a total.
type Ratio struct {
	Hits  int `json:"hits"`
	Total int `json:"total"`
}

// Value returns hits/total, or 0 when there is nothing to count.
func (r Ratio) Value() float64 {
	if r.Total == 0 {
		return 0
	}
	return float64(r.Hits) / float64(r.Total)
}

// Miss is a gold quote that no prediction found.
type Miss struct {
	Article  string  `json:"article"`
	Text     string  `json:"text"`
	Kind     string  `json:"kind"`
	Coverage float64 `json:"coverage"`
}

// FalsePositive is a prediction not covered by the gold.
type FalsePositive struct {
	Article  string      `json:"article"`
	Text     string      `json:"text"`
	Kind     quotes.Kind `json:"kind"`
	Coverage float64     `json:"coverage"`
}

// Mismatch is a found gold quote whose kind, speaker or date was wrong.
type Mismatch struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Field   string `json:"field"`
	Gold    string `json:"gold"`
	Got     string `json:"got"`
}

// Report holds the figures of DESIGN.md §6 and, for -v, what went wrong.
type Report struct {
	Articles    int     `json:"articles"`
	Gold        int     `json:"gold"`
	Predicted   int     `json:"predicted"`
	Precision   Ratio   `json:"precision"`
	Recall      Ratio   `json:"recall"`
	F1          float64 `json:"f1"`
	Kind        Ratio   `json:"kind"`
	SpeakerFull Ratio   `json:"speaker_full"`
	SpeakerAny  Ratio   `json:"speaker_any"`
	SaidOn      Ratio   `json:"said_on"`

	Misses         []Miss          `json:"misses,omitempty"`
	FalsePositives []FalsePositive `json:"false_positives,omitempty"`
	Mismatches     []Mismatch      `json:"mismatches,omitempty"`
}

// bag is a multiset of tokens.
type bag map[string]int

func bagOf(toks []string) bag {
	b := make(bag, len(toks))
	for _, t := range toks {
		b[t]++
	}
	return b
}

// coverage returns the share of toks found in b, counting repeats.
func coverage(toks []string, b bag) float64 {
	if len(toks) == 0 {
		return 0
	}
	left := make(bag, len(b))
	for k, v := range b {
		left[k] = v
	}
	hit := 0
	for _, t := range toks {
		if left[t] > 0 {
			left[t]--
			hit++
		}
	}
	return float64(hit) / float64(len(toks))
}

func attributed(kind string) bool {
	return kind == string(quotes.Direct) || kind == string(quotes.Partial)
}

// Score compares predictions with the gold, article by article, with the
// rules of DESIGN.md §6: tokens are the normalized key tokens; attributed
// quotes are direct and partial; a gold quote is found when one prediction
// of its article covers at least 80 % of its tokens; a prediction is
// correct when at least 80 % of its tokens are covered by the article's
// gold attributed quotes. Gold spans of kind "ambiguous" count neither way.
// Only articles present in the gold are scored.
func Score(gold []Gold, preds []Prediction) Report {
	byArticle := map[string][]Prediction{}
	for _, p := range preds {
		if p.Kind.Attributed() {
			byArticle[p.Article] = append(byArticle[p.Article], p)
		}
	}
	var r Report
	for _, g := range gold {
		r.Articles++
		ps := byArticle[g.Article]
		ptoks := make([][]string, len(ps))
		pbags := make([]bag, len(ps))
		for i, p := range ps {
			ptoks[i] = quotes.KeyTokens(p.Text)
			pbags[i] = bagOf(ptoks[i])
		}
		var union []string
		for _, q := range g.Quotes {
			if attributed(q.Kind) || attributed(q.KindAlt) || q.Kind == Ambiguous {
				union = append(union, quotes.KeyTokens(q.Text)...)
			}
		}
		ubag := bagOf(union)
		for i, p := range ps {
			if len(ptoks[i]) == 0 {
				continue
			}
			r.Predicted++
			r.Precision.Total++
			c := coverage(ptoks[i], ubag)
			if c >= Threshold {
				r.Precision.Hits++
			} else {
				r.FalsePositives = append(r.FalsePositives, FalsePositive{Article: g.Article, Text: p.Text, Kind: p.Kind, Coverage: c})
			}
		}
		for _, q := range g.Quotes {
			if !attributed(q.Kind) {
				continue
			}
			gt := quotes.KeyTokens(q.Text)
			if len(gt) == 0 {
				continue
			}
			r.Gold++
			r.Recall.Total++
			best, bestCov := -1, 0.0
			for i := range ps {
				if c := coverage(gt, pbags[i]); c > bestCov {
					best, bestCov = i, c
				}
			}
			if bestCov < Threshold {
				r.Misses = append(r.Misses, Miss{Article: g.Article, Text: q.Text, Kind: q.Kind, Coverage: bestCov})
				continue
			}
			r.Recall.Hits++
			p := ps[best]
			r.Kind.Total++
			if string(p.Kind) == q.Kind || string(p.Kind) == q.KindAlt {
				r.Kind.Hits++
			} else {
				r.Mismatches = append(r.Mismatches, Mismatch{Article: g.Article, Text: q.Text, Field: "kind", Gold: q.Kind, Got: string(p.Kind)})
			}
			r.scoreSpeaker(g.Article, q, p)
			if q.SaidOn != nil && *q.SaidOn != "" {
				r.SaidOn.Total++
				if p.SaidOn == *q.SaidOn {
					r.SaidOn.Hits++
				} else {
					r.Mismatches = append(r.Mismatches, Mismatch{Article: g.Article, Text: q.Text, Field: "said_on", Gold: *q.SaidOn, Got: p.SaidOn})
				}
			}
		}
	}
	p, rc := r.Precision.Value(), r.Recall.Value()
	if p+rc > 0 {
		r.F1 = 2 * p * rc / (p + rc)
	}
	return r
}

func (r *Report) scoreSpeaker(article string, q GoldQuote, p Prediction) {
	if q.Speaker == nil || *q.Speaker == "" || *q.Speaker == Unknown {
		return
	}
	got := SpeakerKey(p.Speaker)
	full := got != "" && (got == SpeakerKey(*q.Speaker) || anyKey(got, q.AltSpeakers))
	alias := full || (got != "" && anyKey(got, q.Aliases))
	r.SpeakerFull.Total++
	r.SpeakerAny.Total++
	if full {
		r.SpeakerFull.Hits++
	}
	if alias {
		r.SpeakerAny.Hits++
	}
	if !full {
		r.Mismatches = append(r.Mismatches, Mismatch{Article: article, Text: q.Text, Field: "speaker", Gold: *q.Speaker, Got: p.Speaker})
	}
}

func anyKey(k string, names []string) bool {
	for _, n := range names {
		if SpeakerKey(n) == k {
			return true
		}
	}
	return false
}

// SpeakerKey is the key that speaker names are compared on: the normalized
// key tokens joined by single spaces.
func SpeakerKey(name string) string {
	toks := quotes.KeyTokens(name)
	n := 0
	for _, t := range toks {
		n += len(t) + 1
	}
	b := make([]byte, 0, n)
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, t...)
	}
	return string(b)
}
