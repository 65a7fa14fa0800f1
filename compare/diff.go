package compare

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"

	"github.com/isnad/isnad/quotes"
)

// Op is one step of a word diff.
type Op struct {
	Op   string `json:"op"` // equal, insert or delete
	Text string `json:"text"`
}

// word is one word of a quote as written, with its matching key.
type word struct {
	text, key string
}

// words splits a quote into words with their keys: punctuation is dropped
// from the keys, so "المرحلة،" and "المرحلة" are the same word.
func words(s string) []word {
	var out []word
	for _, f := range strings.Fields(s) {
		k := strings.Join(strings.FieldsFunc(quotes.Key(f), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}), "")
		if k == "" {
			continue
		}
		out = append(out, word{text: f, key: k})
	}
	return out
}

// joinTexts joins the words as written with spaces.
func joinTexts(ws []word) string {
	n := max(len(ws)-1, 0)
	for _, w := range ws {
		n += len(w.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.text)
	}
	return b.String()
}

// wordDiff diffs two quotes word by word on their keys (so spelling and
// digit variants are equal) and reports the words as written: deleted
// words from the reference, inserted and equal ones from the version.
// Beside the ops it returns the words of each. This file is the one
// importer of go-diff.
func wordDiff(ref, ver []word) ([]Op, [][]word) {
	ids := map[string]rune{}
	encode := func(ws []word) []rune {
		rs := make([]rune, len(ws))
		for i, w := range ws {
			r, ok := ids[w.key]
			if !ok {
				r = rune(0xE000 + len(ids)) // private use area: no surrogates, valid UTF-8
				if r > 0xF8FF {
					r = rune(0xF0000 + len(ids))
				}
				ids[w.key] = r
			}
			rs[i] = r
		}
		return rs
	}
	a, b := encode(ref), encode(ver)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(a, b, false))
	var out []Op
	var outWords [][]word
	ia, ib := 0, 0
	emit := func(op string, ws []word) {
		if len(ws) == 0 {
			return
		}
		t := joinTexts(ws)
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + t
			outWords[n-1] = append(outWords[n-1][:len(outWords[n-1]):len(outWords[n-1])], ws...) // a copy: ws is the quote's
			return
		}
		out = append(out, Op{Op: op, Text: t})
		outWords = append(outWords, ws)
	}
	for _, d := range diffs {
		n := utf8.RuneCountInString(d.Text)
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			emit("equal", ver[ib:ib+n])
			ia += n
			ib += n
		case diffmatchpatch.DiffDelete:
			emit("delete", ref[ia:ia+n])
			ia += n
		case diffmatchpatch.DiffInsert:
			emit("insert", ver[ib:ib+n])
			ib += n
		}
	}
	return out, outWords
}
