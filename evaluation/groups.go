package evaluation

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"

	"github.com/isnad/isnad/compare"
	"github.com/isnad/isnad/quotes"
)

// GoldGroup is one same-event group of the dev set: articles from
// different outlets and the statements two or more of them quote, each
// version exactly a gold quote of its article.
type GoldGroup struct {
	Group      string         `json:"group"`
	Articles   []string       `json:"articles"`
	Statements [][]GroupQuote `json:"statements"`
}

// GroupQuote is one version of a gold statement.
type GroupQuote struct {
	Article string `json:"article"`
	Text    string `json:"text"`
}

// ReadGroups reads a groups file, one JSON object per line.
func ReadGroups(r io.Reader) ([]GoldGroup, error) {
	var out []GoldGroup
	br := bufio.NewReader(r)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(trimSpace(b)) > 0 {
			var g GoldGroup
			if jerr := json.Unmarshal(b, &g); jerr != nil {
				return nil, fmt.Errorf("groups line %d: %w", line, jerr)
			}
			out = append(out, g)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read groups: %w", err)
		}
	}
}

// GroupsReport holds the pairwise figures of the compare report.
type GroupsReport struct {
	Precision Ratio   `json:"precision"`
	Recall    Ratio   `json:"recall"`
	F1        float64 `json:"f1"`
	// Missed lists the gold links the report does not make, Spurious the
	// links it makes between quotes of different gold statements.
	Missed   []GroupLink `json:"missed,omitempty"`
	Spurious []GroupLink `json:"spurious,omitempty"`
}

// GroupLink is one pair of gold quotes from different articles.
type GroupLink struct {
	Group string     `json:"group"`
	A     GroupQuote `json:"a"`
	B     GroupQuote `json:"b"`
}

// goldRef names one gold quote: its group, statement and version.
type goldRef struct{ group, statement, version int }

// ScoreGroups scores a compare report against the gold groups (eval
// README): each reported version maps to the gold quote of its article it
// covers (80 % of the gold quote's key tokens); a pair of gold quotes from
// different articles is reported when one statement holds both, and gold
// when one gold statement does. Precision = shared/reported, recall =
// shared/gold.
func ScoreGroups(gold []GoldGroup, rep compare.Report) GroupsReport {
	type gq struct {
		ref  goldRef
		toks []string
	}
	byArticle := map[string][]gq{}
	gp := map[[2]goldRef]bool{}
	for gi, g := range gold {
		for si, st := range g.Statements {
			for vi, v := range st {
				r := goldRef{gi, si, vi}
				byArticle[v.Article] = append(byArticle[v.Article], gq{r, quotes.KeyTokens(v.Text)})
				for vj := vi + 1; vj < len(st); vj++ {
					if st[vj].Article != v.Article {
						gp[pairOf(r, goldRef{gi, si, vj})] = true
					}
				}
			}
		}
	}
	rp := map[[2]goldRef]bool{}
	for _, st := range rep.Statements {
		type mapped struct {
			article string
			refs    []goldRef
		}
		var ms []mapped
		for _, v := range st.Versions {
			vb := bagOf(quotes.KeyTokens(v.Quote))
			m := mapped{article: v.Article}
			for _, q := range byArticle[v.Article] {
				if coverage(q.toks, vb) >= Threshold {
					m.refs = append(m.refs, q.ref)
				}
			}
			ms = append(ms, m)
		}
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if ms[i].article == ms[j].article {
					continue
				}
				for _, a := range ms[i].refs {
					for _, b := range ms[j].refs {
						if a.group == b.group {
							rp[pairOf(a, b)] = true
						}
					}
				}
			}
		}
	}
	var r GroupsReport
	r.Precision.Total, r.Recall.Total = len(rp), len(gp)
	link := func(p [2]goldRef) GroupLink {
		q := func(g goldRef) GroupQuote { return gold[g.group].Statements[g.statement][g.version] }
		return GroupLink{Group: gold[p[0].group].Group, A: q(p[0]), B: q(p[1])}
	}
	for p := range rp {
		if gp[p] {
			r.Precision.Hits++
			r.Recall.Hits++
		} else {
			r.Spurious = append(r.Spurious, link(p))
		}
	}
	for p := range gp {
		if !rp[p] {
			r.Missed = append(r.Missed, link(p))
		}
	}
	sortLinks(r.Missed)
	sortLinks(r.Spurious)
	p, rc := r.Precision.Value(), r.Recall.Value()
	if p+rc > 0 {
		r.F1 = 2 * p * rc / (p + rc)
	}
	return r
}

// sortLinks orders links by group, then by their texts and articles, so
// that reports are stable.
func sortLinks(ls []GroupLink) {
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if a.Group != b.Group {
			return a.Group < b.Group
		}
		for _, k := range [][2]string{{a.A.Text, b.A.Text}, {a.B.Text, b.B.Text}, {a.A.Article, b.A.Article}, {a.B.Article, b.B.Article}} {
			if k[0] != k[1] {
				return k[0] < k[1]
			}
		}
		return false
	})
}

func pairOf(a, b goldRef) [2]goldRef {
	if a.group > b.group || a.group == b.group && (a.statement > b.statement || a.statement == b.statement && a.version > b.version) {
		a, b = b, a
	}
	return [2]goldRef{a, b}
}
