// Package evaluation scores isnad's quote records against hand-made gold
// answers with exactly the rules of DESIGN.md §6, so that figures are
// comparable across versions and with other systems.
package evaluation

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Gold is the gold answer for one article: one line of a gold file.
type Gold struct {
	Article string      `json:"article"`
	Quotes  []GoldQuote `json:"quotes"`
}

// GoldQuote is one gold span. Speaker, Cue, Role and SaidOn are nil when
// the gold says null.
type GoldQuote struct {
	Text        string   `json:"text"`
	Kind        string   `json:"kind"`
	KindAlt     string   `json:"kind_alt,omitempty"`
	Speaker     *string  `json:"speaker"`
	Aliases     []string `json:"aliases"`
	AltSpeakers []string `json:"alt_speakers,omitempty"`
	Role        *string  `json:"role"`
	Cue         *string  `json:"cue"`
	SaidOn      *string  `json:"said_on"`
	Note        *string  `json:"note,omitempty"`
}

// Unknown is the gold speaker of a quote whose article never says who
// spoke.
const Unknown = "UNKNOWN"

// Ambiguous is the gold kind of a span on which the annotators split
// between speech and a name or term: it counts neither way.
const Ambiguous = "ambiguous"

// ReadGold reads a gold file, one JSON object per line. Blank lines are
// skipped; a malformed line is an error naming its line number.
func ReadGold(r io.Reader) ([]Gold, error) {
	var out []Gold
	br := bufio.NewReader(r)
	for line := 1; ; line++ {
		b, err := br.ReadBytes('\n')
		if len(trimSpace(b)) > 0 {
			var g Gold
			if jerr := json.Unmarshal(b, &g); jerr != nil {
				return nil, fmt.Errorf("gold line %d: %w", line, jerr)
			}
			if g.Article == "" {
				return nil, fmt.Errorf("gold line %d: no \"article\" id", line)
			}
			out = append(out, g)
		}
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read gold: %w", err)
		}
	}
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\r' || b[len(b)-1] == '\n') {
		b = b[:len(b)-1]
	}
	return b
}
